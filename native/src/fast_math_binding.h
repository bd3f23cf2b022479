// Registers the transcendental kernels and fast reductions (fast_math_binding.cc) on the addon's exports.
#pragma once
#include <napi.h>

namespace gradlab {
void register_fast_math(Napi::Env env, Napi::Object exports);
}
