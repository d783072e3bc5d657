/* b.c: calls back into a.c through a.h, which closes the cycle. */
#include "a.h"
#include "b.h"

int b_plus_one(int x)
{
    return x > 100 ? a_twice(x / 2) : x + 1;
}
