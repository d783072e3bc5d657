#!/usr/bin/env python3
"""include_cycles.py: find import cycles among the C files of one or more directories.

A module is a file stem: X.c with X.h. Module A depends on module B when a file of A
includes B.h, or when it includes a header that declares a function A uses and B.c
defines (so a header implemented by several files -- cli.h by cli.c and defaults.c,
commands.h by the cmd_*.c -- counts as the files behind it). Only includes found among the
directories given are followed ("rasoat.h" and system headers are leaves). A cycle is a
strongly connected component of more than one module; each is printed with the include or
use that makes every edge.

Usage: tools/include_cycles.py DIR [DIR...]
Exit status: 0 no cycle, 1 a cycle (printed), 2 usage error.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')
# A function definition at file scope: not static, a name, its parameters, then '{'.
DEFINITION = re.compile(r'^(?!static\b|typedef\b|extern\b)[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\([^;{}]*\)\s*\{', re.M)
# A function declaration in a header: a name, its parameters, then ';'.
DECLARATION = re.compile(r'^(?!typedef\b|#)[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\([^;{}]*\)\s*;', re.M)
IDENT = re.compile(r'\b[A-Za-z_]\w*\b')


def strip(text):
    """The text without comments and string literals (the includes are read before)."""
    return STRING.sub('""', COMMENT.sub(' ', text))


def scan(dirs):
    """files: path -> dict(module, includes, defines, declares, uses)."""
    files = {}
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(d, name)
            with open(path, encoding='utf-8') as f:
                raw = f.read()
            code = strip(raw)
            files[path] = {
                'module': os.path.splitext(name)[0],
                'header': name if name.endswith('.h') else None,
                'includes': INCLUDE.findall(raw),
                'defines': set(DEFINITION.findall(code)) if name.endswith('.c') else set(),
                'declares': set(DECLARATION.findall(code)) if name.endswith('.h') else set(),
                'uses': set(IDENT.findall(code)),
            }
    return files


def graph(files):
    """Module -> {module: why} edges."""
    headers = {f['header']: f for f in files.values() if f['header']}
    definer = {}
    for f in files.values():
        for fn in f['defines']:
            definer.setdefault(fn, f['module'])
    edges = {}
    for path, f in files.items():
        a = f['module']
        out = edges.setdefault(a, {})
        for inc in f['includes']:
            h = headers.get(os.path.basename(inc))
            if h is None:
                continue
            if h['module'] != a:
                out.setdefault(h['module'], '%s includes %s' % (path, inc))
            for fn in sorted(h['declares'] & f['uses']):
                b = definer.get(fn)
                if b is not None and b != a:
                    out.setdefault(b, '%s uses %s() of %s, defined in %s.c' % (path, fn, inc, b))
    return edges


def cycles(edges):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main(argv):
    if len(argv) < 2 or any(not os.path.isdir(d) for d in argv[1:]):
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    files = scan(argv[1:])
    edges = graph(files)
    found = cycles(edges)
    for comp in found:
        print('cycle among: ' + ', '.join(comp))
        members = set(comp)
        for a in comp:
            for b, why in sorted(edges[a].items()):
                if b in members:
                    print('  %s -> %s: %s' % (a, b, why))
    if not found:
        print('no import cycle among %d modules of %s' % (len(edges), ', '.join(argv[1:])))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
