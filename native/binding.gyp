# The gradlab native addon. Each instruction set's micro-kernels are a static library compiled
# with its own flags, so the rest of the code runs on any CPU of the architecture; gemm.cc picks a
# kernel at run time (__builtin_cpu_supports).
{
  "target_defaults": {
    "cflags_cc": ["-std=c++17", "-O3", "-fPIC", "-fno-math-errno"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
    "cflags": ["-fexceptions"],
    "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
    "xcode_settings": {"GCC_ENABLE_CPP_EXCEPTIONS": "YES", "CLANG_CXX_LANGUAGE_STANDARD": "c++17"},
  },
  "targets": [
    # Elementwise kernels and reductions: no contraction into fused multiply-adds (elementwise.h).
    {"target_name": "gradlab_elementwise", "type": "static_library", "sources": ["src/elementwise.cc", "src/elementwise_generic.cc"],
     "cflags_cc": ["-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-ffp-contract=off"]}},
    # Transcendental unary kernels, fast reductions and softmax (unary_math.h, reduce_fast.h, softmax.h): likewise no contraction.
    {"target_name": "gradlab_fast_math", "type": "static_library", "sources": ["src/unary_math.cc", "src/unary_math_generic.cc", "src/reduce_fast.cc", "src/reduce_fast_generic.cc", "src/softmax.cc"],
     "cflags_cc": ["-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-ffp-contract=off"]}},
    {
      "target_name": "gradlab_native",
      "sources": ["src/addon.cc", "src/gemm.cc", "src/im2col.cc", "src/pooling.cc", "src/strided_copy.cc", "src/thread_pool.cc", "src/kernels_generic.cc", "src/fast_math_binding.cc", "src/batchnorm.cc", "src/heap_reuse.cc"],
      "dependencies": ["gradlab_elementwise", "gradlab_fast_math"],
      "conditions": [
        ["target_arch == 'x64'", {"dependencies": ["gradlab_avx2", "gradlab_avx512", "gradlab_elementwise_avx2", "gradlab_elementwise_avx512", "gradlab_fast_math_avx2", "gradlab_fast_math_avx512"]}],
        ["OS == 'linux'", {"libraries": ["-lpthread"]}],
      ],
    },
  ],
  "conditions": [
    ["target_arch == 'x64'", {
      "targets": [
        {"target_name": "gradlab_elementwise_avx2", "type": "static_library", "sources": ["src/elementwise_avx2.cc"],
         "cflags_cc": ["-mavx2", "-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-ffp-contract=off"]}},
        {"target_name": "gradlab_elementwise_avx512", "type": "static_library", "sources": ["src/elementwise_avx512.cc"],
         "cflags_cc": ["-mavx512f", "-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-ffp-contract=off"]}},
        {"target_name": "gradlab_fast_math_avx2", "type": "static_library", "sources": ["src/unary_math_avx2.cc", "src/reduce_fast_avx2.cc"],
         "cflags_cc": ["-mavx2", "-mfma", "-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma", "-ffp-contract=off"]}},
        {"target_name": "gradlab_fast_math_avx512", "type": "static_library", "sources": ["src/unary_math_avx512.cc", "src/reduce_fast_avx512.cc"],
         "cflags_cc": ["-mavx512f", "-mfma", "-ffp-contract=off"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mfma", "-ffp-contract=off"]}},
        {"target_name": "gradlab_avx2", "type": "static_library", "sources": ["src/kernels_avx2.cc"],
         "cflags_cc": ["-mavx2", "-mfma"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma"]}},
        {"target_name": "gradlab_avx512", "type": "static_library", "sources": ["src/kernels_avx512.cc"],
         "cflags_cc": ["-mavx512f", "-mfma"], "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mfma"]}},
      ],
    }],
  ],
}
