#!/usr/bin/env python3
"""Throughput of pulint against peers on the same files, and a linear-scaling check.

    python3 scripts/bench.py [--corpus GLOB] [--pulint PATH] [--venv DIR] [--out FILE]

What it does, in one run:
  1. Extracts the fenced Python and TypeScript blocks of the corpus documents
     (default /work/shared/corpus/*/*/lib/*.md) into .py / .ts files in a temp dir, and copies
     the whole documents there too.
  2. Installs ruff and semgrep into a venv (default /tmp/pulint-bench-venv; not part of the build).
  3. Times, each under /usr/bin/time -v (wall clock, peak RSS), best of --repeat runs:
     - pulint check, full rule set (--preview), on the whole documents;
     - pulint check, full rule set, on the extracted .py and .ts files (each file its own program);
     - the same files as two programs of thousands of files each (the directories `py` and `ts`),
       which shows whether work grows faster than the files in one program;
     - pulint on the .py files only (the same files ruff sees);
     - ruff check --select E9 (syntax errors only: ruff's parse floor) on the .py files;
     - semgrep with 3 small local rules (--metrics=off) on the .py and .ts files.
  4. Scaling: pulint over 1x, 2x, 4x, 8x copies of the documents, and over one synthetic Python
     file with 10 .. 100,000 resources.
Prints a Markdown report (and writes it to --out when given). Needs cargo-built pulint
(target/release/pulint by default) and network access for pip on the first run only.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SEMGREP_RULES = """rules:
  - id: output-in-fstring
    languages: [python]
    severity: WARNING
    message: a Pulumi Output pasted into an f-string
    pattern: f"...{$X.id}..."
  - id: open-ingress
    languages: [python, typescript]
    severity: ERROR
    message: ingress from 0.0.0.0/0
    pattern: '"0.0.0.0/0"'
  - id: hardcoded-password
    languages: [python, typescript]
    severity: ERROR
    message: a hard-coded password
    pattern-either:
      - pattern: 'password="..."'
      - pattern: '{password: "..."}'
      - pattern: '$F(..., password="...", ...)'
"""

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)")
LANGS = {"python": "py", "py": "py", "typescript": "ts", "ts": "ts", "javascript": "ts", "js": "ts"}


def extract(docs, out):
    """Code blocks of the documents as files; returns (py files, ts files)."""
    py, ts = [], []
    for d in docs:
        task = d.split(os.sep)[-3]
        stem = os.path.basename(d)[:-3]
        lines = open(d, encoding="utf-8", errors="replace").read().split("\n")
        i, n = 0, 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            if m and LANGS.get(m.group(3).lower()):
                fence, ext = m.group(2), LANGS[m.group(3).lower()]
                j = i + 1
                while j < len(lines) and not lines[j].strip().startswith(fence):
                    j += 1
                body = "\n".join(lines[i + 1 : j]) + "\n"
                n += 1
                path = os.path.join(out, ext, f"{task}_{stem}_{n}.{ext}")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body)
                (py if ext == "py" else ts).append(path)
                i = j + 1
            else:
                i += 1
    return py, ts


def size(paths):
    return sum(os.path.getsize(p) for p in paths)


def timed(cmd, cwd=None, repeat=3):
    """Best wall time of `repeat` runs, and the peak RSS (KB) of that run."""
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
        wall = time.perf_counter() - t0
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        rss = int(m.group(1)) if m else 0
        if p.returncode not in (0, 1):
            sys.stderr.write(f"warning: {' '.join(cmd[:4])}... exited {p.returncode}\n{p.stderr[-2000:]}\n")
        if best is None or wall < best[0]:
            best = (wall, rss, p)
    return best


def venv_tools(venv):
    bin_dir = os.path.join(venv, "bin")
    if not (os.path.exists(os.path.join(bin_dir, "ruff")) and os.path.exists(os.path.join(bin_dir, "semgrep"))):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(bin_dir, "pip"), "install", "-q", "ruff", "semgrep"], check=True)
    ver = lambda t: subprocess.run([os.path.join(bin_dir, t), "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    return os.path.join(bin_dir, "ruff"), os.path.join(bin_dir, "semgrep"), ver("ruff"), ver("semgrep")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/shared/corpus/*/*/lib/*.md")
    ap.add_argument("--pulint", default=os.path.join(ROOT, "target/release/pulint"))
    ap.add_argument("--venv", default="/tmp/pulint-bench-venv")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args()
    docs = sorted(glob.glob(args.corpus))
    if not docs:
        sys.exit(f"no documents match {args.corpus}")
    ruff, semgrep, ruff_v, semgrep_v = venv_tools(args.venv)
    pulint_v = subprocess.run([args.pulint, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    tmp = tempfile.mkdtemp(prefix="pulint-bench-")
    try:
        for sub in ("py", "ts", "md"):
            os.makedirs(os.path.join(tmp, sub))
        py, ts = extract(docs, tmp)
        md = []
        for d in docs:
            parts = d.split(os.sep)
            dst = os.path.join(tmp, "md", f"{parts[-3]}_{parts[-1]}")
            shutil.copy(d, dst)
            md.append(dst)
        rules = os.path.join(tmp, "rules.yaml")
        with open(rules, "w") as f:
            f.write(SEMGREP_RULES)
        # Files just written may still be flushing to disk: no writeback during the timing.
        os.sync()
        rel = lambda ps: [os.path.relpath(p, tmp) for p in ps]
        rows = []

        def row(name, cmd, files, nbytes, repeat=args.repeat):
            wall, rss, p = timed(cmd, cwd=tmp, repeat=repeat)
            rows.append((name, len(files), nbytes, wall, rss))
            return wall, p

        pl = [args.pulint, "check", "--preview", "--format", "json"]
        row("pulint, whole documents (.md)", pl + ["--include-markdown", "md"], md, size(md))
        row("pulint, extracted .py + .ts", pl + rel(py + ts), py + ts, size(py + ts))
        row("pulint, the same as two directory programs", pl + ["py", "ts"], py + ts, size(py + ts))
        pulint_py, _ = row("pulint, extracted .py", pl + rel(py), py, size(py))
        ruff_py, _ = row(f"ruff check --select E9 (.py) [{ruff_v}]", [ruff, "check", "--no-cache", "--select", "E9", "--exit-zero", "--quiet", "py"], py, size(py))
        pulint_all = rows[1][3]  # each file its own program
        semgrep_all, sp = row(f"semgrep, 3 rules (.py + .ts) [{semgrep_v}]", [semgrep, "scan", "--metrics=off", "--disable-version-check", "--config", rules, "--quiet", "--json", "py", "ts"], py + ts, size(py + ts), repeat=1)

        # Scaling: copies of the documents.
        scale = []
        for k in (1, 2, 4, 8):
            d = os.path.join(tmp, f"copies{k}")
            os.makedirs(d)
            for c in range(k):
                for m in md:
                    shutil.copy(m, os.path.join(d, f"{c}_{os.path.basename(m)}"))
            os.sync()
            wall, rss, _ = timed(pl + ["--include-markdown", d], cwd=tmp, repeat=args.repeat)
            scale.append((f"{k}x documents", k * len(md), k * size(md), wall, rss))
        # Scaling: one file with N resources.
        synth = []
        for n in (10, 100, 1000, 10000, 100000):
            path = os.path.join(tmp, f"synthetic_{n}.py")
            with open(path, "w") as f:
                f.write("import pulumi\nimport pulumi_aws as aws\n\n")
                for i in range(n):
                    f.write(f'b{i} = aws.s3.Bucket("bucket-{i}", tags={{"Name": "bucket-{i}"}})\n')
            wall, rss, p = timed(pl + [path], cwd=tmp, repeat=args.repeat)
            budget = "yes" if '"PUL003"' in p.stdout else "no"
            synth.append((n, os.path.getsize(path), wall, rss, budget, p.stdout.count('"code"')))

        out = []
        w = out.append
        w(f"pulint: `{pulint_v}`; corpus: {len(docs)} documents ({size(md) / 1e6:.1f} MB) -> {len(py)} .py blocks "
          f"({size(py) / 1e6:.1f} MB) and {len(ts)} .ts/.js blocks ({size(ts) / 1e6:.1f} MB); {os.cpu_count()} cores; best of {args.repeat} "
          f"(semgrep: 1 run).\n")
        w("| run | files | MB | wall s | MB/s | files/s | peak RSS MB |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        for name, nf, nb, wall, rss in rows + scale:
            w(f"| {name} | {nf} | {nb / 1e6:.1f} | {wall:.2f} | {nb / 1e6 / wall:.1f} | {nf / wall:.0f} | {rss / 1024:.0f} |")
        w("")
        w(f"Ratios (wall time on the same files): pulint / ruff E9 on .py = {pulint_py / ruff_py:.2f}; "
          f"semgrep / pulint on .py + .ts = {semgrep_all / pulint_all:.1f}.")
        base = scale[0][3] / scale[0][2]
        w("Scaling over copies (seconds per MB relative to 1x): " + ", ".join(f"{s[0]} {s[3] / s[2] / base:.2f}" for s in scale) + ".\n")
        w("| resources in one file | bytes | wall s | µs per resource | peak RSS MB | PUL003 (budget) | findings |")
        w("|---:|---:|---:|---:|---:|---|---:|")
        for n, nb, wall, rss, budget, found in synth:
            w(f"| {n} | {nb} | {wall:.3f} | {wall / n * 1e6:.1f} | {rss / 1024:.0f} | {budget} | {found} |")
        text = "\n".join(out) + "\n"
        print(text)
        if args.out:
            with open(args.out, "w") as f:
                f.write(text)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
