#!/usr/bin/env python3
"""Every label that score.py counts as found must appear in the task's compare report as fixed
or remaining.

usage: check_compare_labels.py --bin target/release/pulint [--corpus ../shared/corpus]

For each labelled task it runs `pulint compare --format json MODEL IDEAL` and applies score.py's
rule (a finding of the label's category within 3 lines of the labelled snippet) to the before
findings of the report. Prints the counts; exits 1 when a label found by `check` is missing.
"""
import argparse, collections, json, os, subprocess, sys

SLACK = 3


def snippet_lines(path, snippet):
    with open(path, encoding='utf-8', errors='replace') as f:
        return [n for n, line in enumerate(f, 1) if snippet and snippet in line]


def near(findings, path, cat, want):
    for d in findings:
        if d['category'] == cat and os.path.normpath(d['file']) == path and any(d['line'] - SLACK <= w <= d.get('end_line', d['line']) + SLACK for w in want):
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpus'))
    a = ap.parse_args()
    labels = [json.loads(l) for l in open(os.path.join(a.corpus, 'labels.jsonl')) if l.strip()]
    labels = [l for l in labels if not l.get('summary') and l.get('verified') and l.get('static') and l.get('category')]
    by_task = collections.defaultdict(list)
    for l in labels:
        by_task[l['task']].append(l)
    found_check = found_compare = 0
    missing = []
    for task, ls in sorted(by_task.items()):
        model = os.path.normpath(os.path.join(a.corpus, task, 'lib', 'MODEL_RESPONSE.md'))
        ideal = os.path.normpath(os.path.join(a.corpus, task, 'lib', 'IDEAL_RESPONSE.md'))
        if not (os.path.exists(model) and os.path.exists(ideal)):
            continue
        check = json.loads(subprocess.run([a.bin, 'check', '--format', 'json', model], capture_output=True, text=True).stdout or '[]')
        report = json.loads(subprocess.run([a.bin, 'compare', '--format', 'json', model, ideal], capture_output=True, text=True).stdout or '{}')
        before = [o['before'] for o in report.get('fixed', []) + report.get('remaining', [])]
        for l in ls:
            want = snippet_lines(model, l.get('snippet', ''))
            if near(check, model, l['category'], want):
                found_check += 1
                if near(before, model, l['category'], want):
                    found_compare += 1
                else:
                    missing.append((task, l['class'], l.get('snippet', '')[:60]))
    print(f'labels found by check: {found_check}; shown as fixed or remaining by compare: {found_compare}')
    for m in missing:
        print('  missing:', *m)
    sys.exit(1 if missing else 0)


if __name__ == '__main__':
    main()
