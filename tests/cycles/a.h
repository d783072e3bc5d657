/* a.h: half of a deliberate import cycle, for the test of tools/include_cycles.py. */
int a_twice(int x);
