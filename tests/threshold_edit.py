#!/usr/bin/env python3
"""threshold_edit.py: editing a threshold as docs/rule-authoring.md section 5 says fails only
the rule-set tests of the sets that use the figure, with a message naming them, and none of
the C tests. The rules are copied to a scratch directory, the rural income line of
vn/2022-2025 is raised from 1,500,000 to 1,600,000 đồng there, and then:
  - rulesets.py on the copy must fail, naming vn/2022-2025 (whose fixtures pin the old line)
    and no rule set that neither has nor inherits that figure (vn/2016-2020, vn/2027-2030,
    and dongnai/2022-2025 and hcm/2021-2024, which override income_line);
  - every C test executable, run with the edited copy as its default rules, must pass.

Usage: threshold_edit.py --exe RASOAT --rules DIR --rulesets RULESETS.PY C_TEST...
Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

OLD = 'value = { rural = 1500000, urban = 2000000 },'
NEW = 'value = { rural = 1600000, urban = 2000000 },'
MUST_FAIL = {'vn/2022-2025'}
MUST_PASS = {'vn/2016-2020', 'vn/2027-2030', 'dongnai/2022-2025', 'hcm/2021-2024'}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--exe', required=True)
    ap.add_argument('--rules', required=True)
    ap.add_argument('--rulesets', required=True)
    ap.add_argument('c_tests', nargs='+')
    a = ap.parse_args()
    problems = []
    with tempfile.TemporaryDirectory(prefix='rasoat-threshold-') as tmp:
        rules = os.path.join(tmp, 'rules')
        shutil.copytree(a.rules, rules)
        path = os.path.join(rules, 'vn', '2022-2025', 'parameters.lua')
        text = open(path, encoding='utf-8').read()
        if text.count(OLD) != 1:
            print('%s no longer holds the line docs/rule-authoring.md section 5 edits: %s' % (path, OLD))
            return 1
        open(path, 'w', encoding='utf-8').write(text.replace(OLD, NEW))

        p = subprocess.run([sys.executable, a.rulesets, '--exe', a.exe, '--rules', rules],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(p.stdout)
        failed = set(re.findall(r'^FAIL (\S+): fixtures', p.stdout, re.M))
        named = set(re.findall(r'^rule set (\S+): its fixtures fail', p.stdout, re.M))
        if p.returncode != 1:
            problems.append('rulesets.py exited %d on the edited rules, expected 1' % p.returncode)
        for rid in MUST_FAIL - failed:
            problems.append('the fixtures of %s should fail after the edit, and did not' % rid)
        for rid in MUST_FAIL - named:
            problems.append('no closing message names %s as the rule set whose fixtures fail' % rid)
        for rid in MUST_PASS & failed:
            problems.append('%s does not use the edited figure, yet its fixtures failed' % rid)

        env = dict(os.environ, RASOAT_RULES=rules, CK_VERBOSITY='silent')
        for exe in a.c_tests:
            c = subprocess.run([exe], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            status = 'ok' if c.returncode == 0 else 'FAIL'
            print('%s %s' % (status, os.path.basename(exe)))
            if c.returncode != 0:
                print(c.stdout)
                problems.append('C test %s failed after editing a threshold in the rules: it depends '
                                'on the shipped figures' % os.path.basename(exe))
    for p_ in problems:
        print('threshold edit: ' + p_)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
