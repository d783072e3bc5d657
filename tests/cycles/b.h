/* b.h: the other half of the deliberate import cycle. */
int b_plus_one(int x);
