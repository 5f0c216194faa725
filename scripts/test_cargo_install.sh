#!/usr/bin/env bash
# `cargo install --path crates/pulint --locked` into a throwaway root, then the installed binary
# runs: --version and `check` on the bundled example. CARGO_TARGET_DIR is this checkout's target/
# (cargo install would otherwise build from scratch in a temporary one): after
# `cargo build --release` it compiles nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)
fail() { echo "test_cargo_install: FAIL: $*" >&2; exit 1; }

root=$(mktemp -d /tmp/pulint-install.XXXXXX)
trap 'rm -rf "$root"' EXIT
version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')

CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target} cargo install --path crates/pulint --locked --root "$root" 2>&1 | grep -v '^\s*Compiling ' || fail "cargo install"
[ -x "$root/bin/pulint" ] || fail "no $root/bin/pulint"
out=$("$root/bin/pulint" --version) || fail "pulint --version"
[ "$out" = "pulint $version" ] || fail "pulint --version printed '$out'"
set +e
out=$("$root/bin/pulint" check examples/multi-region 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] && grep -q SEC001 <<<"$out" || fail "pulint check: status $status:"$'\n'"$out"
echo "test_cargo_install: $root/bin/pulint: $("$root/bin/pulint" --version); check examples/multi-region -> exit 1, $(grep -E '^[0-9]+ findings' <<<"$out") ($(( $(date +%s) - started ))s)"
echo "test_cargo_install: 1 passed, 0 failed"
