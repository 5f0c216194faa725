#!/usr/bin/env python3
"""Apply pulint's fixes to copies of the corpus's model answers and check that no fixed document
parses worse than before.

usage: check_fixes.py --bin target/release/pulint [--corpus ../shared/corpus] [--unsafe]

Copies every MODEL_RESPONSE.md to a temporary directory, counts its syntax errors (PUL001,
PUL005) and the Python blocks Python's `ast` rejects, runs `pulint check --fix` on the copy (with
`--unsafe-fixes` under `--unsafe`), counts again, and reports how many documents were changed, how many fixes were applied (by rule) and how
many documents gained a syntax error (must be 0).
"""
import argparse, ast, collections, glob, json, os, re, shutil, subprocess, sys, tempfile


def syntax_errors(binary, path):
    out = subprocess.run([binary, 'check', '--format', 'json', '--select', 'PUL001,PUL005', '--preview', path],
                         capture_output=True, text=True).stdout
    return len(json.loads(out or '[]'))


FENCE = re.compile(r'^([ \t>]*)```\s*(python|py)\s*$\n(.*?)^\1```', re.M | re.S)


def python_blocks_failing(path):
    """Python code blocks of a document that Python's own parser rejects (an independent check)."""
    text = open(path, encoding='utf-8', errors='replace').read()
    failing = 0
    for m in FENCE.finditer(text):
        prefix = m.group(1)
        code = '\n'.join(l[len(prefix):] if l.startswith(prefix) else l.lstrip() for l in m.group(3).split('\n'))
        try:
            ast.parse(code)
        except (SyntaxError, ValueError):
            failing += 1
    return failing


def codes(binary, path):
    out = subprocess.run([binary, 'check', '--format', 'json', path], capture_output=True, text=True).stdout
    return collections.Counter(d['code'] for d in json.loads(out or '[]'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpus'))
    ap.add_argument('--unsafe', action='store_true', help='also apply the unsafe fixes (--unsafe-fixes)')
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    docs = sorted(glob.glob(os.path.join(a.corpus, '*', '*', 'lib', 'MODEL_RESPONSE.md')))
    flags = ['--unsafe-fixes'] if a.unsafe else []
    changed = fixes = worse = 0
    by_rule = collections.Counter()
    introduced = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(docs):
            copy = os.path.join(tmp, f'{i}.md')
            shutil.copy(doc, copy)
            before = syntax_errors(binary, copy)
            found = codes(binary, copy)
            ast_before = python_blocks_failing(copy)
            run = subprocess.run([binary, 'check', '--fix', *flags, '--format', 'concise', copy], capture_output=True, text=True)
            m = re.search(r'fixed (\d+) finding', run.stderr)
            n = int(m.group(1)) if m else 0
            if n:
                changed += 1
                fixes += n
                now = codes(binary, copy)
                by_rule += found - now
                introduced += now - found
                after = syntax_errors(binary, copy)
                ast_after = python_blocks_failing(copy)
                if after > before or ast_after > ast_before:
                    worse += 1
                    print(f'  {doc}: {before} -> {after} syntax errors, {ast_before} -> {ast_after} Python blocks ast rejects, after the fixes')
    kind = 'safe and unsafe' if a.unsafe else 'safe'
    print(f'{len(docs)} model answers: {fixes} {kind} fixes applied in {changed} documents; {worse} parse worse afterwards')
    print('findings gone after the fixes, by rule: ' + (', '.join(f'{c} {k}' for k, c in sorted(by_rule.items())) or 'none'))
    print('findings that appeared after the fixes: ' + (', '.join(f'{c} {k}' for k, c in sorted(introduced.items())) or 'none'))
    sys.exit(1 if worse else 0)


if __name__ == '__main__':
    main()
