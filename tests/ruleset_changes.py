#!/usr/bin/env python3
"""ruleset_changes.py: what 'meson test' does when the rules change after 'meson setup'.

--scenario threshold: editing a threshold as docs/rule-authoring.md section 5 says fails only
the rule-set tests of the sets that use the figure, with a message naming them, and none of
the C tests. The rules are copied to a scratch directory, the rural income line of
vn/2022-2025 is raised from 1,500,000 to 1,600,000 đồng there, and then:
  - rulesets.py on the copy must fail, naming vn/2022-2025 (whose fixtures pin the old line)
    and no rule set that neither has nor inherits that figure (vn/2016-2020, vn/2027-2030,
    and dongnai/2022-2025 and hcm/2021-2024, which override income_line);
  - every C test executable, run with the edited copy as its default rules, must pass.

--scenario new-set: a province's rule set added to a copy of the rules (Hà Nội, "01", no
fixtures yet) is found by rulesets.py when it runs, and fails there because it has no
fixtures, while every shipped rule set still passes.

Usage: ruleset_changes.py --scenario threshold|new-set --exe RASOAT --rules DIR
                          --rulesets RULESETS.PY [C_TEST...]
Python 3 standard library only.
"""
import argparse
import concurrent.futures
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
    ap.add_argument('--scenario', choices=('threshold', 'new-set'), required=True)
    ap.add_argument('c_tests', nargs='*')
    a = ap.parse_args()
    if a.scenario == 'new-set':
        return new_set(a)
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

        def run_c_test(exe):
            return subprocess.run([exe], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

        # On every core, reported in the order given.
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            runs = list(pool.map(run_c_test, a.c_tests))
        for exe, c in zip(a.c_tests, runs):
            status = 'ok' if c.returncode == 0 else 'FAIL'
            print('%s %s' % (status, os.path.basename(exe)))
            if c.returncode != 0:
                print(c.stdout)
                problems.append('C test %s failed after editing a threshold in the rules: it depends '
                                'on the shipped figures' % os.path.basename(exe))
    for p_ in problems:
        print('threshold edit: ' + p_)
    return 1 if problems else 0


NEW_SET = """ruleset {
  id = "hanoi/2026", version = "0.1.0", jurisdiction = "01", extends = "vn/2022-2025",
  title = { vi = "Thử: bộ quy tắc mới của Hà Nội", en = "Test: a new Hà Nội rule set" },
  legal_basis = { "(test only)" },
  in_force = { from = "2026-01-01", to = "2026-12-31" },
}
"""


def new_set(a):
    """A rule set added after configuring is tested: it fails for want of fixtures."""
    with tempfile.TemporaryDirectory(prefix='rasoat-newset-') as tmp:
        rules = os.path.join(tmp, 'rules')
        shutil.copytree(a.rules, rules)
        os.makedirs(os.path.join(rules, 'hanoi', '2026'))
        with open(os.path.join(rules, 'hanoi', '2026', 'ruleset.lua'), 'w', encoding='utf-8') as f:
            f.write(NEW_SET)
        p = subprocess.run([sys.executable, a.rulesets, '--exe', a.exe, '--rules', rules],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(p.stdout)
    failed = set(re.findall(r'^FAIL (\S+): fixtures', p.stdout, re.M))
    problems = []
    if p.returncode != 1:
        problems.append('rulesets.py exited %d, expected 1' % p.returncode)
    if failed != {'hanoi/2026'}:
        problems.append('expected only hanoi/2026 to fail its fixtures, got: %s' % sorted(failed))
    if 'rule set hanoi/2026 has no fixtures: write them' not in p.stdout:
        problems.append('the closing message does not say the new set has no fixtures')
    for p_ in problems:
        print('new set: ' + p_)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
