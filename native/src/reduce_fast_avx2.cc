#include "reduce_fast.h"
