#!/usr/bin/env python3
"""installed.py: what 'meson install' puts in place works as docs/embedding.md and the help
say. Installs the build into a scratch DESTDIR, then checks:
  - the example program tests/embed_example.c compiles and links against the INSTALLED
    library with the flags of the installed pkg-config file, and runs (two engines in two
    threads) on the INSTALLED rule sets;
  - every shipped rule set is installed (PREFIX/share/rasoat/rules), and the installed
    'rasoat' lists them;
  - the documentation the help names is installed where the installed help says, and
    every manual page (English and Vietnamese) is there and holds its command's options.

Usage: installed.py --build DIR --prefix P --libdir L --mandir M --example FILE
                    --rules SRC_RULES [--sanitize none|address,undefined]
Python 3 standard library only; needs a C compiler ('cc') and pkg-config.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile


def run(args, **kw):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser()
    for opt in ('--build', '--prefix', '--libdir', '--mandir', '--example', '--rules'):
        ap.add_argument(opt, required=True)
    ap.add_argument('--sanitize', default='none')
    a = ap.parse_args()
    problems = []

    def check(cond, what):
        print(('ok   ' if cond else 'FAIL ') + what)
        if not cond:
            problems.append(what)

    with tempfile.TemporaryDirectory(prefix='rasoat-install-') as dest:
        status, out = run(['meson', 'install', '-C', a.build, '--no-rebuild', '--quiet', '--destdir', dest])
        if status != 0:
            print(out)
            print('meson install failed')
            return 1
        root = dest + a.prefix
        libdir = os.path.join(root, a.libdir)
        pcdir = os.path.join(libdir, 'pkgconfig')
        env = dict(os.environ, PKG_CONFIG_PATH=pcdir)
        status, flags = run(['pkg-config', '--define-variable=prefix=' + root, '--cflags', '--libs', 'rasoat'],
                            env=env)
        check(status == 0 and '-lrasoat' in flags, 'pkg-config --cflags --libs rasoat: ' + flags.strip())
        exe = os.path.join(dest, 'embed_example')
        cc = ['cc', '-std=c11', '-Wall', '-Wextra', '-Werror', '-pthread', a.example, '-o', exe] + flags.split()
        if a.sanitize not in ('', 'none'):
            cc.append('-fsanitize=' + a.sanitize)
        status, out = run(cc)
        check(status == 0, 'the example compiles against the installed header and library')
        if status != 0:
            print(out)
        rules = os.path.join(root, 'share', 'rasoat', 'rules')
        if status == 0:
            status, out = run([exe, rules], env=dict(os.environ, LD_LIBRARY_PATH=libdir))
            print(out)
            check(status == 0 and 'both threads agree' in out and '"class":"poor"' in out,
                  'the example classifies on the installed rules from two threads')

        shipped = sorted(os.path.relpath(os.path.dirname(p), a.rules)
                         for p in glob.glob(os.path.join(a.rules, '**', 'ruleset.lua'), recursive=True))
        installed = sorted(os.path.relpath(os.path.dirname(p), rules)
                           for p in glob.glob(os.path.join(rules, '**', 'ruleset.lua'), recursive=True))
        check(shipped == installed, 'every shipped rule set is installed: %s' % ', '.join(installed))
        bin_rasoat = os.path.join(root, 'bin', 'rasoat')
        renv = dict(os.environ, LD_LIBRARY_PATH=libdir)
        renv.pop('RASOAT_RULES', None)
        status, out = run([bin_rasoat, '--lang', 'en', 'rules', 'list', '--rules', rules], env=renv)
        check(status == 0 and all(s in out for s in shipped), 'the installed rasoat lists them')

        status, out = run([bin_rasoat, '--lang', 'en', '--help'], env=renv)
        m = re.search(r'Documentation \(in (\S+)\): (.*)', out)
        docdir = m.group(1) if m else ''
        check(docdir.startswith(a.prefix), 'the installed help names the installed docs: %s' % docdir)
        names = re.findall(r'[\w-]+\.md', m.group(2)) if m else []
        for name in names:
            check(os.path.isfile(dest + os.path.join(docdir, name)), 'the help\'s %s is installed' % name)

        commands = ['classify', 'explain', 'rules', 'verify', 'replay', 'check', 'test', 'diff']
        for lang_dir, lang in (('man1', 'en'), (os.path.join('vi', 'man1'), 'vi')):
            mandir = os.path.join(root, a.mandir, lang_dir)
            for c in [None] + commands:
                page = os.path.join(mandir, ('rasoat-%s' % c if c else 'rasoat') + '.1')
                text = open(page, encoding='utf-8').read() if os.path.isfile(page) else ''
                check(text.startswith('.\\"') and '.SH ' in text and ('\\-\\-help' in text),
                      'manual page %s (%s) is installed and lists --help' % (os.path.relpath(page, root), lang))
        classify_page = os.path.join(root, a.mandir, 'man1', 'rasoat-classify.1')
        if shutil.which('man') and os.path.isfile(classify_page):
            status, out = run(['man', '-l', classify_page], env=dict(os.environ, MANWIDTH='100', MANPAGER='cat'))
            check(status == 0 and '--budget' in out and 'SEE ALSO' in out, 'man -l renders rasoat-classify(1)')
    for p in problems:
        print('installed: ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
