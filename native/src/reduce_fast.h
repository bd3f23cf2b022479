// Fast reductions with the TypeScript backend's bits (reduce_fast.cc).
#pragma once
