#!/usr/bin/env python3
"""Measure how much of real programs pulint lowers (issue 2's acceptance figures).

usage: lowering_coverage.py --bin target/release/pulint [--corpus ../shared/corpus]

For every MODEL_RESPONSE.md and IDEAL_RESPONSE.md under the corpus it finds the resource
construction sites `aws.<mod>.<Class>(` (Python) and `new aws.<mod>.<Class>(` (TypeScript) in
fenced python/typescript blocks that parse (no syntax note from pulint inside the block), and
checks that `pulint dump --format json` has a resource at that host line with the expected token.
Of the sites whose call passes `provider=` / `provider:`, it reports how many resolve to a provider.
"""
import argparse, glob, json, os, re, subprocess, sys

PY_SITE = re.compile(r'(?<![\w.])aws\.(\w+)\.([A-Z]\w*)\s*\(')
TS_SITE = re.compile(r'\bnew\s+aws\.(\w+)\.([A-Z]\w*)\s*\(')
FENCE = re.compile(r'^(\s*)(```+|~~~+)\s*([\w+-]*)')


def token(mod, cls):
    mod = mod.rstrip('_')
    return f"aws:{mod}/{cls[0].lower()}{cls[1:]}:{cls}"


def blocks(lines):
    """(lang, first_line, last_line) of top-level fences, 1-based content lines."""
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            fence, lang = m.group(2), m.group(3).lower()
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence[:3]):
                j += 1
            out.append((lang, i + 2, j))
            i = j + 1
        else:
            i += 1
    return out


def call_text(lines, line_no, col):
    """The text of the call starting at (line, col) up to its closing parenthesis."""
    text = '\n'.join(lines[line_no - 1:line_no + 60])[col:]
    depth, end = 0, len(text)
    for k, ch in enumerate(text):
        if ch == '(':
            depth += 1
        elif ch == ')':
            depth -= 1
            if depth == 0:
                end = k
                break
    return text[:end]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpus'))
    ap.add_argument('--show', type=int, default=0, help='print up to N missed sites')
    a = ap.parse_args()
    docs = sorted(glob.glob(os.path.join(a.corpus, '*', '*', 'lib', '*_RESPONSE.md')))
    sites = found = prov_sites = prov_found = 0
    missed = []
    prov_missed = []
    prov_none = 0
    for chunk in range(0, len(docs), 50):
        batch = docs[chunk:chunk + 50]
        for doc in batch:
            p = subprocess.run([a.bin, 'dump', '--format', 'json', doc], capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(f'pulint dump failed on {doc}: {p.stderr[-500:]}')
            model = json.loads(p.stdout)
            bad_lines = {n['line'] for n in model['notes'] if n['kind'] in ('SyntaxError', 'FragmentSyntaxError')}
            at = {}
            for r in model['resources']:
                at.setdefault(r['line'], []).append(r)
            lines = open(doc, encoding='utf-8', errors='replace').read().split('\n')
            for lang, first, last in blocks(lines):
                py = lang in ('python', 'py', 'python3')
                ts = lang in ('typescript', 'ts', 'tsx', 'javascript', 'js')
                if not (py or ts) or any(first <= b <= last for b in bad_lines):
                    continue
                for n in range(first, last + 1):
                    src = lines[n - 1]
                    if src.lstrip().startswith(('#', '//', '*')):
                        continue
                    for m in (PY_SITE if py else TS_SITE).finditer(src):
                        if m.group(2).endswith(('Args', 'ArgsDict')):
                            continue
                        sites += 1
                        want = token(m.group(1), m.group(2))
                        hits = [r for r in at.get(n, []) if r['token'] == want]
                        if hits:
                            found += 1
                        else:
                            missed.append(f'{doc}:{n}: {src.strip()[:100]}')
                        call = call_text(lines, n, m.start())
                        if re.search(r'\bprovider\s*[=:]\s*[\w.]', call):
                            prov_sites += 1
                            if any(r['provider'] is not None for r in hits):
                                prov_found += 1
                            elif any(r['options'].get('provider', 0) is None for r in hits):
                                # The option's value really is None: the default provider is right.
                                prov_found += 1
                                prov_none += 1
                            elif hits:
                                prov_missed.append(f'{doc}:{n}: {hits[0]["provider_resolution"]} {json.dumps(hits[0]["options"])[:150]}')
    print(f'documents: {len(docs)}')
    print(f'construction sites in parsing blocks: {sites}; lowered at their line with the right token: {found} ({found / max(sites, 1):.1%})')
    print(f'sites passing an explicit provider: {prov_sites}; provider resolved: {prov_found} ({prov_found / max(prov_sites, 1):.1%}), '
          f'of which {prov_none} pass a provider whose value is None (default provider)')
    for m in missed[:a.show]:
        print('  missed', m)
    for m in prov_missed[:a.show]:
        print('  provider', m)


if __name__ == '__main__':
    main()
