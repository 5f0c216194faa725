#!/usr/bin/env bash
# cargo-fuzz runs of pulint's fuzz targets (fuzz/, see docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET [SECONDS] [-- LIBFUZZER_ARGS...]   # seeds, build, run, one-line result
#   scripts/fuzz.sh --seeds [TARGET...]                       # only (re)build the seed corpora
#   scripts/fuzz.sh --list                                    # the targets
#
# TARGET: python_loader, typescript_loader, markdown_loader, markdown_scanner (differential: the
# Markdown line scanner against pulldown-cmark), check_pipeline. SECONDS: 600 unless
# given. Needs cargo-fuzz (`cargo install cargo-fuzz --version 0.13.2 --locked`); stable rustc is
# made to accept cargo-fuzz's `-Zsanitizer=address` with RUSTC_BOOTSTRAP=1. FUZZ_SANITIZER=none
# builds without AddressSanitizer (default: address). Builds with `-O`: fuzz/Cargo.toml's release
# profile keeps debug assertions and overflow checks (except oxc_parser's assertions, see
# docs/fuzzing.md). Runs under `nice -n 19`, one libFuzzer process; inputs up to 32 KiB.
#
# Seed corpora are made at run time from the project's own fixtures into fuzz/corpus/<target>/
# (named by content hash, so re-seeding keeps what earlier runs found); crashes, timeouts and
# slow units go to fuzz/artifacts/<target>/, the log to fuzz/logs/. None of it is committed.
# Exit status: 0 when the run found nothing, 1 when it found a crash, timeout or OOM, 2 on misuse.
# The whole script is one block, read before it runs: editing the file during a run is safe.
{
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(python_loader typescript_loader markdown_loader markdown_scanner check_pipeline)

seeds() {
  python3 - "$@" <<'PY'
import hashlib, os, re, sys
from pathlib import Path

targets = sys.argv[1:]
roots = sorted(Path("crates").glob("*/tests")) + [Path("crates/pulint_rules/fixtures"), Path("examples"), Path("docs/examples")]
CODE = {".py": "p", ".ts": "t", ".tsx": "x", ".js": "j", ".mjs": "j", ".md": "m"}

files = []
for root in roots:
    for p in sorted(root.rglob("*")):
        if p.is_file() and "snapshots" not in p.parts and (p.suffix in CODE or p.suffix in (".yaml", ".yml")):
            files.append(p)

FENCE = re.compile(r"^\s*(```+|~~~+)\s*([A-Za-z]*)")
def blocks(text):
    """The fenced code blocks of a Markdown fixture, as (selector, code)."""
    out, cur, lang, fence = [], [], None, None
    for line in text.splitlines(keepends=True):
        m = FENCE.match(line)
        if fence is None and m:
            fence, lang, cur = m.group(1), m.group(2).lower(), []
        elif fence is not None and line.strip().startswith(fence[:3]) and line.strip().strip(fence[0]) == "":
            sel = {"python": "p", "py": "p", "typescript": "t", "ts": "t", "tsx": "x", "javascript": "j", "js": "j"}.get(lang)
            if sel:
                out.append((sel, "".join(cur).encode()))
            fence = None
        elif fence is not None:
            cur.append(line)
    return out

code = []      # (selector, bytes): single code files and the code blocks of Markdown fixtures
docs = []      # Markdown documents
for p in files:
    b = p.read_bytes()
    if p.suffix == ".md":
        docs.append(b)
        code.extend(blocks(b.decode("utf-8", "replace")))
    elif p.suffix in CODE:
        code.append((CODE[p.suffix], b))

# Projects: every directory holding Pulumi.yaml, as `relative/path\ncontents` files joined by NUL.
projects = []
for root in roots:
    for y in sorted(root.rglob("Pulumi.yaml")):
        d = y.parent
        parts = [str(f.relative_to(d)).encode() + b"\n" + f.read_bytes()
                 for f in sorted(d.rglob("*")) if f.is_file() and (f.suffix in (".py", ".ts", ".js", ".yaml", ".yml", ".txt", ".json"))]
        projects.append(b"\0".join(parts))

corpus = {
    "python_loader": [b for s, b in code if s == "p"],
    "typescript_loader": [b for s, b in code if s in "txj"],
    "markdown_loader": docs,
    "markdown_scanner": docs,
    "check_pipeline": [s.encode() + b for s, b in code] + [b"m" + d for d in docs] + [b"P" + p for p in projects],
}
for t in targets:
    d = Path("fuzz/corpus") / t
    d.mkdir(parents=True, exist_ok=True)
    n = 0
    for b in corpus[t]:
        f = d / ("seed-" + hashlib.sha1(b).hexdigest())
        if not f.exists():
            f.write_bytes(b)
        n += 1
    print(f"fuzz: {t}: {n} seeds, {len(os.listdir(d))} inputs in {d}", file=sys.stderr)
PY
}

case "${1:-}" in
  --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
  --seeds) shift; if [ $# -eq 0 ]; then set -- "${TARGETS[@]}"; fi; seeds "$@"; exit 0 ;;
  ""|-h|--help) sed -n '2,16p' "$0"; exit 2 ;;
esac
target=$1; shift
if [[ ! " ${TARGETS[*]} " =~ " $target " ]]; then
  echo "fuzz: unknown target $target (one of: ${TARGETS[*]})" >&2
  exit 2
fi
seconds=600
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seconds=$1; shift; fi
[ "${1:-}" = "--" ] && shift
sanitizer=${FUZZ_SANITIZER:-address}

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz not found (cargo install cargo-fuzz --version 0.13.2 --locked)" >&2; exit 2; }
seeds "$target"
export RUSTC_BOOTSTRAP=1
nice -n 19 cargo fuzz build -O --sanitizer "$sanitizer" "$target"

mkdir -p fuzz/logs "fuzz/artifacts/$target"
log="fuzz/logs/$target-$(date +%Y%m%d-%H%M%S).log"
before=$(ls "fuzz/artifacts/$target" | sort)
started=$(date +%s)
status=0
# -timeout: an input running over 10 s is a finding (super-linear path); -report_slow_units keeps
# inputs over 2 s as slow-unit-* artifacts without stopping the run.
nice -n 19 cargo fuzz run -O --sanitizer "$sanitizer" "$target" "fuzz/corpus/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -report_slow_units=2 -max_len=32768 \
  -dict=fuzz/pulint.dict -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?
took=$(( $(date +%s) - started ))
new=$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$target" | sort) | tr '\n' ' ')
# The first match of an extended regex in stdin, after its label.
pick() { { grep -oE "$1" || true; } | tail -1 | sed -E 's/^[^0-9]*//'; }
count() { { grep -oE "(^| )$1-[0-9a-f]+" <<<"$new" || true; } | wc -l; }
last=$({ grep -E '^#[0-9]+' "$log" || true; } | tail -1)
cov=$(pick 'cov: [0-9]+' <<<"$last")
ft=$(pick 'ft: [0-9]+' <<<"$last")
corp=$(pick 'corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$last")
runs=$(pick 'stat::number_of_executed_units: +[0-9]+' <"$log")
speed=$(pick 'stat::average_exec_per_sec: +[0-9]+' <"$log")
rss=$(pick 'stat::peak_rss_mb: +[0-9]+' <"$log")
echo "fuzz: $target ${took}s runs=${runs:-?} exec/s=${speed:-?} cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} rss=${rss:-?}MB" \
  "crashes=$(count crash) timeouts=$(count timeout) ooms=$(count oom) slow=$(count slow-unit) exit=$status log=$log${new:+ new: $new}"
[ "$status" -eq 0 ] || exit 1
exit 0
}
