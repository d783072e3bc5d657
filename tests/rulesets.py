#!/usr/bin/env python3
"""rulesets.py: test every rule set found under a rules directory when the test runs (not
when meson configured): its fixtures ('rasoat test ID') and its boundary cases ('rasoat test
--boundaries ID'). A failure names the rule set and says that its rule files and its fixtures
disagree, so policy staff can tell a rule-set failure from an engine failure.

Usage: rulesets.py --exe RASOAT --rules DIR
Exit status: 0 every rule set passes; 1 some fail (each named); 2 the rules do not load.
Python 3 standard library only.
"""
import argparse
import os
import subprocess
import sys


def ruleset_ids(exe, rules, env):
    """The ids of the loaded rule sets, from 'rasoat rules list' (its first column)."""
    p = subprocess.run([exe, '--lang', 'en', 'rules', 'list', '--rules', rules], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print(p.stdout, end='')
        print('the rule sets under %s do not load (see above): no rule set was tested' % rules)
        sys.exit(2)
    return [line.split('\t')[0] for line in p.stdout.splitlines()[1:] if line.strip()]


def run(args, env):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--exe', required=True)
    ap.add_argument('--rules', required=True)
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop('RASOAT_RULES', None)

    failed = []
    for rid in ruleset_ids(args.exe, args.rules, env):
        for what, extra in (('fixtures', []), ('boundary cases', ['--boundaries'])):
            status, out = run([args.exe, '--lang', 'en', 'test'] + extra + [rid, '--rules', args.rules], env)
            if status == 0:
                print('ok   %s: %s' % (rid, what))
                continue
            print(out, end='')
            print('FAIL %s: %s (exit %d)' % (rid, what, status))
            failed.append((rid, what, '%s: no fixtures' % rid in out))
    if failed:
        print()
        for rid, what, none in failed:
            if none:
                print('rule set %s has no fixtures: write them beside it, in %s/%s/fixtures '
                      '(docs/rule-authoring.md, section 7).' % (rid, args.rules, rid))
                continue
            print('rule set %s: its %s fail. Its rule files (%s/%s/*.lua) and its fixtures no longer '
                  'agree: if a legal figure was changed on purpose, update the fixtures from the new '
                  'text (docs/rule-authoring.md, section 5); the engine itself is tested separately.'
                  % (rid, what, args.rules, rid))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
