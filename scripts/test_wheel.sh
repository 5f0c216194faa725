#!/usr/bin/env bash
# The Python wheel (pyproject.toml, maturin with bindings "bin"): build it, install it into a fresh
# virtual environment without the network, run `pulint --version` and `pulint check` on the bundled
# example from there. Then the PEP 517 route, `pip install .` from the checkout, the same way.
#
#   scripts/test_wheel.sh           # wheel + `pip install .` (both reuse target/release: seconds
#                                   # after `cargo build --release`)
#   scripts/test_wheel.sh --sdist   # also build the sdist and install it (a build from scratch in
#                                   # a temporary directory: minutes)
#
# maturin itself comes from PyPI into a cached venv ($PULINT_MATURIN_VENV, default
# /tmp/pulint-maturin-venv). maturin builds with `cargo build --release` into the workspace's
# target/, so after `cargo build --release --locked` the wheel build compiles nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
MATURIN_VERSION=1.16.0
sdist=false
[ "${1:-}" = "--sdist" ] && sdist=true

started=$(date +%s)
step() { echo "test_wheel: $* ($(( $(date +%s) - started ))s)"; }
fail() { echo "test_wheel: FAIL: $*" >&2; exit 1; }

python=${PYTHON:-python3}
maturin_venv=${PULINT_MATURIN_VENV:-/tmp/pulint-maturin-venv}
if [ "$("$maturin_venv/bin/maturin" --version 2>/dev/null)" != "maturin $MATURIN_VERSION" ]; then
  step "installing maturin $MATURIN_VERSION into $maturin_venv"
  rm -rf "$maturin_venv"
  "$python" -m venv "$maturin_venv"
  "$maturin_venv/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi

work=$(mktemp -d /tmp/pulint-wheel-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
version=$("$python" -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')

step "maturin build --release"
"$maturin_venv/bin/maturin" build --release --out "$work/dist" 2>&1 | grep -v '^\s*Compiling ' || fail "maturin build"
wheels=("$work"/dist/pulint-"$version"-*.whl)
[ -f "${wheels[0]}" ] || fail "no wheel for version $version in $work/dist: $(ls "$work/dist")"
wheel=${wheels[0]}
echo "test_wheel: built $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"

# Runs the installed command from a fresh venv: `--version` names the crate's version, and the
# bundled example gives findings (exit status 1) in text and SARIF.
exercise() {
  local venv=$1 label=$2
  [ -x "$venv/bin/pulint" ] || fail "$label: no $venv/bin/pulint"
  # Only the venv on PATH, as an activated venv would have it: the command found is the installed one.
  local found
  found=$(PATH="$venv/bin:/usr/bin:/bin" command -v pulint)
  [ "$found" = "$venv/bin/pulint" ] || fail "$label: pulint resolves to $found"
  local out status
  out=$(PATH="$venv/bin:/usr/bin:/bin" pulint --version) || fail "$label: pulint --version exited $?"
  [ "$out" = "pulint $version" ] || fail "$label: pulint --version printed '$out', expected 'pulint $version'"
  echo "test_wheel: $label: $out"
  set +e
  out=$(cd "$repo" && PATH="$venv/bin:/usr/bin:/bin" pulint check examples/multi-region 2>&1)
  status=$?
  set -e
  [ "$status" -eq 1 ] || fail "$label: pulint check exited $status, expected 1 (findings):"$'\n'"$out"
  grep -q 'SEC001' <<<"$out" || fail "$label: no SEC001 finding in:"$'\n'"$out"
  grep -Eq '^[0-9]+ findings \(' <<<"$out" || fail "$label: no summary line in:"$'\n'"$out"
  echo "test_wheel: $label: pulint check examples/multi-region -> exit 1, $(grep -E '^[0-9]+ findings' <<<"$out")"
  set +e
  (cd "$repo" && PATH="$venv/bin:/usr/bin:/bin" pulint check --format sarif examples/multi-region >"$work/out.sarif")
  status=$?
  set -e
  [ "$status" -eq 1 ] || fail "$label: pulint check --format sarif exited $status"
  "$python" - "$work/out.sarif" <<'EOF' || fail "$label: bad SARIF"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
assert log["runs"][0]["results"], "no results"
EOF
}

step "fresh venv: pip install --no-index the wheel"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index --no-deps "$wheel" || fail "pip install $wheel"
exercise "$work/venv" wheel
"$work/venv/bin/pip" uninstall --quiet --yes pulint || fail "pip uninstall"
[ ! -e "$work/venv/bin/pulint" ] || fail "pip uninstall left $work/venv/bin/pulint"

# PEP 517 from the checkout, as `pip install .` (and pre-commit's `language: python`) does it:
# pip fetches maturin into an isolated build environment (PyPI) and maturin builds in target/.
step "fresh venv: pip install . (PEP 517, build isolation)"
"$python" -m venv "$work/venv-src"
"$work/venv-src/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir "$repo" || fail "pip install ."
exercise "$work/venv-src" "pip install ."

if $sdist; then
  step "maturin sdist, then pip install the sdist (a build from scratch)"
  "$maturin_venv/bin/maturin" sdist --out "$work/sdist" >/dev/null 2>&1 || fail "maturin sdist"
  "$python" -m venv "$work/venv-sdist"
  "$work/venv-sdist/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir "$work/sdist/pulint-$version.tar.gz" || fail "pip install sdist"
  exercise "$work/venv-sdist" sdist
fi
step "passed"
echo "test_wheel: 1 passed, 0 failed"
