#!/usr/bin/env python3
"""doctest.py: run the command examples of the Markdown docs and compare the output they show
with the real output, so the docs cannot drift from the code (docs/doctest.md: the convention).

Usage: doctest.py --exe RASOAT [--rules DIR] [--update] [FILE.md...]
  (no FILE: README.md, docs/*.md and rules/*/*/README.md of the source tree holding this script)

Each page runs in a scratch directory of its own holding a copy of the rule sets (rules/),
build/cli/rasoat (the rasoat under test) and 'rasoat' on the PATH. Blocks are marked with HTML
comments; see docs/doctest.md. Exit status: 0 every example agrees, 1 some differ (each
difference printed as a diff naming FILE:LINE), 2 usage or a marker error.
With --update the shown outputs are rewritten from the real outputs instead.

Python 3 standard library only.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r'^(\s*)(`{3,})(.*)$')
MARKER = re.compile(r'^\s*<!--\s*doctest:\s*(.*?)\s*(-->)?\s*$')
ELLIPSIS = '…'
OUTPUT_LANGS = ('', 'json', 'text', 'output', 'console')
COMMAND_LANGS = ('sh', 'bash', 'shell')
TIMEOUT = 120
sys.setrecursionlimit(20000)   # matches() recurses once per shown and real line


class Block:
    """A fenced block: its lines in the file (0-based), info string, indent and content."""

    def __init__(self, start, end, indent, info, content):
        self.start, self.end, self.indent, self.info, self.content = start, end, indent, info, content
        self.marker = None      # (directive words, body lines, marker line) or None
        self.blank_before_next = None

    @property
    def lang(self):
        return self.info.split()[0] if self.info.split() else ''


def parse(lines):
    """Return the fenced blocks of a page, each with the marker comment right before it.
    A marker is attached to the next block; only blank lines may come between them."""
    blocks, pending, i = [], None, 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            words, body, first = m.group(1), [], i
            if not m.group(2):                      # multi-line comment: body up to '-->'
                i += 1
                while i < len(lines) and '-->' not in lines[i]:
                    body.append(lines[i])
                    i += 1
            if words.split()[:1] == ['setup'] and body:   # stands alone: hidden commands
                b = Block(first, i, 0, '@setup', body)
                b.marker = (words.split(), body, first)
                blocks.append(b)
            else:
                pending = (words.split(), body, first)
            i += 1
            continue
        f = FENCE.match(lines[i])
        if f:
            indent, ticks, info = len(f.group(1)), f.group(2), f.group(3).strip()
            j = i + 1
            while j < len(lines) and not (lines[j].strip().startswith(ticks) and lines[j].strip().strip('`') == ''):
                j += 1
            content = [l[indent:] if l[:indent].strip() == '' else l.lstrip() for l in lines[i + 1:j]]
            b = Block(i, j, indent, info, content)
            b.marker, pending = pending, None
            blocks.append(b)
            i = j + 1
            continue
        if lines[i].strip() and pending is not None:
            raise MarkerError(pending[2], 'a doctest marker must come right before a fenced block')
        i += 1
    for a, b in zip(blocks, blocks[1:]):
        a.blank_before_next = all(not l.strip() for l in lines[a.end + 1:b.start])
    return blocks


class MarkerError(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def line_matches(want, got):
    """Does shown line 'want' match real line 'got'? A '…' inside a line stands for any text
    in it (a duration, say); otherwise the two must be equal."""
    if ELLIPSIS not in want:
        return want == got
    pattern = '.*'.join(re.escape(part) for part in want.split(ELLIPSIS))
    return re.fullmatch(pattern, got) is not None


def matches(want, got):
    """Do the shown lines 'want' match the real lines 'got'? A line that is only '…' stands
    for any number of lines (0 or more); every other line must match (line_matches)."""
    memo = {}

    def m(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(want):
            r = j == len(got)
        elif want[i].strip() == ELLIPSIS:
            r = any(m(i + 1, k) for k in range(j, len(got) + 1))
        else:
            r = j < len(got) and line_matches(want[i], got[j]) and m(i + 1, j + 1)
        memo[(i, j)] = r
        return r
    return m(0, 0)


def refill(want, got):
    """The shown lines rewritten from 'got', keeping the shape of an elision: with one '…'
    line, as many lines before and after it as the page shows. None when the page has more
    than one '…' (it is then reported, not rewritten)."""
    cuts = [k for k, l in enumerate(want) if l.strip() == ELLIPSIS]
    if not cuts:   # keep a shown line whose inline '…' still matches
        return [w if k < len(want) and line_matches(w, g) else g
                for k, (w, g) in enumerate(zip(want + [''] * len(got), got))]
    if len(cuts) > 1:
        return None
    head, tail = cuts[0], len(want) - cuts[0] - 1
    if head + tail >= len(got):
        return list(got)
    return got[:head] + [want[cuts[0]]] + (got[len(got) - tail:] if tail else [])


class Page:
    """One Markdown page being checked: its scratch directory and its environment."""

    def __init__(self, path, args):
        self.path, self.args = path, args
        self.dir = tempfile.mkdtemp(prefix='rasoat-doctest-')
        shutil.copytree(args.rules, os.path.join(self.dir, 'rules'))
        os.makedirs(os.path.join(self.dir, 'build', 'cli'))
        os.symlink(args.exe, os.path.join(self.dir, 'build', 'cli', 'rasoat'))
        bindir = os.path.join(self.dir, '.bin')
        os.makedirs(bindir)
        os.symlink(args.exe, os.path.join(bindir, 'rasoat'))
        self.env = {
            'PATH': bindir + os.pathsep + os.environ.get('PATH', '/usr/bin:/bin'),
            'HOME': self.dir,
            'TMPDIR': self.dir,
            'LC_ALL': 'C.UTF-8',
            'TZ': 'UTC',
            'RASOAT_RULES': 'rules',
            'RASOAT_SRC': os.path.dirname(args.rules),   # the source tree, for its stdlib/ 
            'SOURCE_DATE_EPOCH': '1735635600',     # 2024-12-31T09:00:00Z in decision logs
        }
        for keep in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS'):
            if keep in os.environ:
                self.env[keep] = os.environ[keep]

    def run(self, script, stdout_only=False):
        """Run 'script' with sh in the scratch directory; return (exit status, output lines):
        standard output, then standard error (read apart, so that their order does not
        depend on buffering), or standard output alone."""
        p = subprocess.run(['sh', '-c', script], cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL if stdout_only else subprocess.PIPE,
                           timeout=TIMEOUT)
        text = p.stdout.decode('utf-8', 'replace')
        if not stdout_only and p.stderr:
            if text and not text.endswith('\n'):
                text += '\n'
            text += p.stderr.decode('utf-8', 'replace')
        if text.endswith('\n'):
            text = text[:-1]
        return p.returncode, (text.split('\n') if text else [])

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def options(words):
    """The key=value and flag words after a directive."""
    opts = {}
    for w in words:
        k, _, v = w.partition('=')
        opts[k] = v if _ else True
    return opts


def check_page(path, args):
    """Run every marked example of page 'path'. Returns (failures, rewrites) where rewrites
    maps a block to its new content lines (for --update)."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    blocks = parse(lines)
    failures, rewrites, ran = [], {}, 0
    page = Page(path, args)

    def fail(line, message, want=None, got=None):
        text = '%s:%d: %s' % (path, line + 1, message)
        if want is not None:
            text += '\n' + '\n'.join(difflib.unified_diff(want, got, 'shown', 'real', lineterm=''))
        failures.append(text)

    try:
        k = 0
        while k < len(blocks):
            b = blocks[k]
            k += 1
            if b.marker is None:
                lint(path, b, blocks[k] if k < len(blocks) else None, fail)
                continue
            words, body, at = b.marker
            directive, opts = words[0] if words else '', options(words[1:])
            if directive == 'skip':
                continue
            if directive == 'setup':    # its body, or the block after it: output not shown
                status, out = page.run('\n'.join(b.content))
                if status != 0:
                    fail(at, 'setup failed (exit %d):\n%s' % (status, '\n'.join(out)))
                continue
            if directive == 'file':
                if len(words) < 2:
                    fail(at, 'doctest: file needs a name')
                    continue
                name = words[1]
                dest = os.path.join(page.dir, name)
                os.makedirs(os.path.dirname(dest) or page.dir, exist_ok=True)
                with open(dest, 'w', encoding='utf-8') as f:
                    f.write('\n'.join(b.content) + '\n')
                continue
            if directive == 'output':   # the commands are in the marker, the block shows their output
                status, got = page.run('\n'.join(body), 'stdout' in opts)
                ran += 1
                if 'exit' in opts and str(status) != opts['exit']:
                    fail(at, 'exit status %d, the page says %s' % (status, opts['exit']))
                if not matches(b.content, got):
                    fail(b.start, 'output of the commands in the marker at line %d differs' % (at + 1),
                         b.content, got)
                    new = refill(b.content, got)
                    if new is not None:
                        rewrites[b] = new
                continue
            if directive == 'run':
                if k >= len(blocks):
                    fail(at, 'doctest: run has no output block after it')
                    continue
                out_block = blocks[k]
                k += 1
                status, got = page.run('\n'.join(b.content), 'stdout' in opts)
                ran += 1
                if 'exit' in opts and str(status) != opts['exit']:
                    fail(b.start, 'exit status %d, the page says %s' % (status, opts['exit']))
                if not matches(out_block.content, got):
                    fail(out_block.start, 'output of the commands at line %d differs' % (b.start + 2),
                         out_block.content, got)
                    new = refill(out_block.content, got)
                    if new is not None:
                        rewrites[out_block] = new
                continue
            if directive == 'session':
                new, changed, status = [], False, 0
                cmds = session_parts(b.content)
                for cmd, want in cmds:
                    # '$?' of a command is the status of the one before it, as in a terminal
                    status, got = page.run('(exit %d); %s' % (status, cmd), 'stdout' in opts)
                    ran += 1
                    if 'exit' in opts and str(status) != opts['exit']:
                        fail(b.start, '`%s`: exit status %d, the page says %s' % (cmd, status, opts['exit']))
                    new.append('$ ' + cmd)
                    blank = 0               # blank lines that only separate commands
                    while blank < len(want) and want[len(want) - 1 - blank] == '':
                        blank += 1
                    want = want[:len(want) - blank]
                    if matches(want, got):
                        new.extend(want)
                    else:
                        fail(b.start, 'output of `%s` differs' % cmd, want, got)
                        r = refill(want, got)
                        new.extend(r if r is not None else want)
                        changed = True
                    new.extend([''] * blank)
                if changed:
                    rewrites[b] = new
                continue
            fail(at, "unknown doctest directive '%s' (file, run, session, output, setup, skip)" % directive)
    except subprocess.TimeoutExpired as e:
        fail(0, 'a command ran past %d s: %s' % (TIMEOUT, e.cmd))
    finally:
        page.close()
    return failures, rewrites, lines, ran


def session_parts(content):
    """Split a session block into (command, shown output lines): a line starting with '$ '
    is a command, the lines after it up to the next command are its output."""
    parts, continued = [], False
    for line in content:
        if continued:
            parts[-1] = (parts[-1][0] + '\n' + line, parts[-1][1])
        elif line.startswith('$ '):
            parts.append((line[2:], []))
        elif parts:
            parts[-1][1].append(line)
        continued = bool(parts) and not parts[-1][1] and line.endswith('\\')
    return parts


LOOKS_LIKE_OUTPUT = re.compile(r'"sha256":"[0-9a-f…]|^rasoat( [a-z]+)?: ')


def lint(path, b, nxt, fail):
    """An unmarked example that shows output is an error: the page must run it or say why
    not (skip). Caught: a "$ command" block, commands followed at once by an output block,
    and an output block that holds what only rasoat prints (a result's content hash, a
    "rasoat: ..." message)."""
    if b.lang == '@setup':
        return
    if any(l.startswith('$ ') for l in b.content[:1]):
        fail(b.start, 'a "$ command" block without a doctest marker (session, or skip with a reason)')
    elif b.lang in COMMAND_LANGS and nxt is not None and b.blank_before_next and nxt.lang in OUTPUT_LANGS:
        fail(b.start, 'commands followed by their output without a doctest marker (run, or skip with a reason)')
    elif b.lang in OUTPUT_LANGS and any(LOOKS_LIKE_OUTPUT.search(l) for l in b.content):
        fail(b.start, 'rasoat output without a doctest marker (give its commands with run, or skip with a reason)')


def write_back(path, lines, rewrites):
    """Replace the content of each rewritten block, keeping its fences and indent."""
    out, i = [], 0
    for b in sorted(rewrites, key=lambda x: x.start):
        out.extend(lines[i:b.start + 1])
        out.extend((' ' * b.indent + l) if l else l for l in rewrites[b])
        i = b.end
    out.extend(lines[i:])
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))


def main():
    ap = argparse.ArgumentParser(description='Run the command examples of Markdown pages.')
    ap.add_argument('--exe', required=True, help='the rasoat executable')
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument('--rules', default=os.path.join(root, 'rules'), help='the rule sets to copy for each page')
    ap.add_argument('--update', action='store_true', help='rewrite shown outputs from real outputs')
    ap.add_argument('pages', nargs='*')
    args = ap.parse_args()
    if not args.pages:
        import glob
        args.pages = ([os.path.join(root, 'README.md')] + sorted(glob.glob(os.path.join(root, 'docs', '*.md')))
                      + sorted(glob.glob(os.path.join(root, 'rules', '*', '*', 'README.md'))))
    args.exe = os.path.abspath(args.exe)
    args.rules = os.path.abspath(args.rules)

    total_failures, total_ran = 0, 0
    for path in args.pages:
        try:
            failures, rewrites, lines, ran = check_page(path, args)
        except MarkerError as e:
            print('%s:%d: %s' % (path, e.line + 1, e), file=sys.stderr)
            return 2
        total_ran += ran
        if args.update and rewrites:
            write_back(path, lines, rewrites)
            print('%s: %d output block(s) rewritten' % (path, len(rewrites)))
        for text in failures:
            print(text)
        total_failures += len(failures)
        print('%s: %d example(s) run, %d disagree' % (path, ran, len(failures)))
    if args.update:
        return 0
    print('%d example(s) run, %d disagreement(s)' % (total_ran, total_failures))
    return 1 if total_failures else 0


if __name__ == '__main__':
    sys.exit(main())
