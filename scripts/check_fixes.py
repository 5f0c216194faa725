#!/usr/bin/env python3
"""Apply pulint's safe fixes to copies of the corpus's model answers and check that no fixed
document parses worse than before.

usage: check_fixes.py --bin target/release/pulint [--corpus ../shared/corpus]

Copies every MODEL_RESPONSE.md to a temporary directory, counts its syntax errors (PUL001,
PUL005), runs `pulint check --fix` on the copy, counts again, and reports how many documents were
changed, how many fixes were applied and how many documents gained a syntax error (must be 0).
"""
import argparse, glob, json, os, re, shutil, subprocess, sys, tempfile


def syntax_errors(binary, path):
    out = subprocess.run([binary, 'check', '--format', 'json', '--select', 'PUL001,PUL005', '--preview', path],
                         capture_output=True, text=True).stdout
    return len(json.loads(out or '[]'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpus'))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    docs = sorted(glob.glob(os.path.join(a.corpus, '*', '*', 'lib', 'MODEL_RESPONSE.md')))
    changed = fixes = worse = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(docs):
            copy = os.path.join(tmp, f'{i}.md')
            shutil.copy(doc, copy)
            before = syntax_errors(binary, copy)
            run = subprocess.run([binary, 'check', '--fix', '--format', 'concise', copy], capture_output=True, text=True)
            m = re.search(r'fixed (\d+) finding', run.stderr)
            n = int(m.group(1)) if m else 0
            if n:
                changed += 1
                fixes += n
                after = syntax_errors(binary, copy)
                if after > before:
                    worse += 1
                    print(f'  {doc}: {before} -> {after} syntax errors after the fixes')
    print(f'{len(docs)} model answers: {fixes} fixes applied in {changed} documents; {worse} parse worse afterwards')
    sys.exit(1 if worse else 0)


if __name__ == '__main__':
    main()
