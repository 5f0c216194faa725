#!/usr/bin/env python3
"""Draw a reproducible random sample of default-on findings for a precision audit.

usage: sample_findings.py --bin target/release/pulint --corpus ../shared/corpus [--n 60] [--seed 3]
                          [--family VAL | --family !VAL]

Runs `pulint check --format json` (default rule set) on every MODEL_RESPONSE.md and
IDEAL_RESPONSE.md of the corpus, shuffles all findings with the given seed, keeps the first N and
prints each with its message and ten lines of context from the host document, as Markdown, so a
reviewer can mark it real or false.
"""
import argparse, glob, json, os, random, subprocess


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--n', type=int, default=60)
    ap.add_argument('--seed', type=int, default=3)
    ap.add_argument('--family', default=None, help='only this family (VAL), or every other one (!VAL)')
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.corpus, '*', '*', 'lib', '*_RESPONSE.md')))
    files = [f for f in files if os.path.basename(f) in ('MODEL_RESPONSE.md', 'IDEAL_RESPONSE.md')]
    diags = []
    for i in range(0, len(files), 200):
        out = subprocess.run([a.bin, 'check', '--format', 'json', *files[i:i + 200]], capture_output=True, text=True).stdout
        diags += json.loads(out or '[]')
    if a.family:
        exclude = a.family.startswith('!')
        fam = a.family.lstrip('!')
        diags = [d for d in diags if (d['category'] == fam) != exclude]
    diags.sort(key=lambda d: (d['file'], d['line'], d['column'], d['code'], d['message']))
    random.Random(a.seed).shuffle(diags)
    print(f'# Precision sample: {a.n} of {len(diags)} default-on findings (seed {a.seed}, {len(files)} documents)\n')
    for k, d in enumerate(diags[:a.n], 1):
        lines = open(d['file'], encoding='utf-8', errors='replace').read().splitlines()
        lo, hi = max(d['line'] - 6, 0), min(d['end_line'] + 4, len(lines))
        print(f"## {k}. {d['code']} {d['name']} — {d['file']}:{d['line']}\n")
        print(f"{d['message']}\n")
        print('```')
        for n in range(lo, hi):
            mark = '>' if d['line'] <= n + 1 <= d['end_line'] else ' '
            print(f'{mark}{n + 1:5} {lines[n]}')
        print('```\n')


if __name__ == '__main__':
    main()
