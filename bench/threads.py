#!/usr/bin/python3
"""threads.py: where a multi-threaded rasoat run's CPU time goes, thread by thread (issue 13:
the serial part of classify --jobs). Runs the command given, samples every 20 ms the
/proc/PID/task/TID/schedstat (CPU time, time waiting for a core) and the voluntary context
switches (times the thread slept: on a lock, a condition or I/O) of each thread, and prints
the last sample of each: the reading thread (the process itself) first, then the others in
order of creation, with the time each slept (its life less its CPU time and its wait for a
core: blocked on a lock, a condition or I/O). CPU time, not wall time, is what to compare on
a shared machine.

Usage: bench/threads.py COMMAND [ARGS...]   (its standard output is discarded)
e.g.   bench/threads.py build/cli/rasoat classify --quiet --jobs 2 households.jsonl
"""
import os
import subprocess
import sys
import time

TICKS = os.sysconf('SC_CLK_TCK')


def sample(pid, last):
    """Read every thread of 'pid' into 'last' (tid -> (cpu s, wait s, voluntary switches,
    life s))."""
    try:
        tids = os.listdir(f'/proc/{pid}/task')
    except FileNotFoundError:
        return
    for tid in tids:
        try:
            with open(f'/proc/{pid}/task/{tid}/schedstat') as f:
                run, wait, _ = f.read().split()
            with open(f'/proc/{pid}/task/{tid}/status') as f:
                status = f.read()
            with open(f'/proc/{pid}/task/{tid}/stat') as f:
                started = int(f.read().rsplit(')', 1)[1].split()[19]) / TICKS
            with open('/proc/uptime') as f:
                now = float(f.read().split()[0])
            vol = int(status.split('voluntary_ctxt_switches:')[1].split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
        last[int(tid)] = (int(run) / 1e9, int(wait) / 1e9, vol, now - started)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    start = time.monotonic()
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    last = {}
    while proc.poll() is None:
        sample(proc.pid, last)
        time.sleep(0.02)
    wall = time.monotonic() - start
    total = sum(v[0] for v in last.values()) or 1.0
    print(f'wall {wall:.2f} s, CPU {total:.2f} s, exit status {proc.returncode} '
          f'(the last 20 ms of each thread are not seen)')
    for i, (tid, (run, wait, vol, life)) in enumerate(sorted(last.items())):
        name = 'reading' if tid == proc.pid else f'thread {i}'
        print(f'  {name:9} CPU {run:7.3f} s ({100 * run / total:5.1f} %)   '
              f'waiting for a core {wait:6.3f} s   asleep {max(0.0, life - run - wait):6.3f} s '
              f'({vol} times)')


if __name__ == '__main__':
    main()
