/* a.c: uses b.h while b.c uses a.h: the cycle tools/include_cycles.py must report. */
#include "a.h"
#include "b.h"

int a_twice(int x)
{
    return b_plus_one(x) + x - 1;
}
