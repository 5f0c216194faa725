#!/usr/bin/env bash
# The npm packages (npm/): lay out this machine's platform package around target/release/pulint,
# `npm pack` it and the `pulint` launcher, install both tarballs into a fresh project offline, and
# run `npx pulint` there: --version, check on the bundled example (exit status and output passed
# through), the PULINT_BINARY override, the error when the platform package is missing, and a
# signal sent to the launcher reaching the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)
step() { echo "test_npm: $* ($(( $(date +%s) - started ))s)"; }
fail() { echo "test_npm: FAIL: $*" >&2; exit 1; }

version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["workspace"]["package"]["version"])')
node -e '
  const p = require("./npm/pulint/package.json"), v = process.argv[1];
  if (p.version !== v) throw new Error(`npm/pulint/package.json has version ${p.version}, the crate ${v}`);
  for (const [n, d] of Object.entries(p.optionalDependencies))
    if (d !== v) throw new Error(`optional dependency ${n}@${d}, expected ${v}`);
' "$version" || fail "npm/pulint/package.json does not match the crate version $version"

step "cargo build --release (a no-op after the CI's release build)"
cargo build --release --locked -p pulint 2>&1 | grep -v '^\s*Compiling ' || true
binary=${CARGO_TARGET_DIR:-$repo/target}/release/pulint
[ -x "$binary" ] || fail "no $binary"

work=$(mktemp -d /tmp/pulint-npm-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
export npm_config_cache=$work/npm-cache npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "platform package and npm pack"
platform_dir=$(node npm/scripts/build-platform.js --binary "$binary" --out "$work/platforms")
platform_name=$(node -p 'require(process.argv[1] + "/package.json").name' "$platform_dir")
mkdir "$work/tarballs"
(cd "$platform_dir" && npm pack --silent --pack-destination "$work/tarballs" >/dev/null) || fail "npm pack $platform_name"
(cd npm/pulint && npm pack --silent --pack-destination "$work/tarballs" >/dev/null) || fail "npm pack pulint"
ls -la "$work/tarballs"
launcher_tgz=$work/tarballs/pulint-$version.tgz
platform_tgz=$(ls "$work"/tarballs/pulint-*-"$version".tgz | grep -v "^$launcher_tgz\$")
[ -f "$launcher_tgz" ] && [ -f "$platform_tgz" ] || fail "tarballs missing"
tar tzf "$launcher_tgz" | sort | tr '\n' ' '; echo
tar tzf "$platform_tgz" | sort | tr '\n' ' '; echo

step "npm install --offline both tarballs into a fresh project"
project=$work/project
mkdir "$project"
(cd "$project" && npm init -y >/dev/null && npm install --offline --no-audit --no-fund "$launcher_tgz" "$platform_tgz") || fail "npm install"
[ -x "$project/node_modules/.bin/pulint" ] || fail "no node_modules/.bin/pulint"

# `npx pulint ARGS` in the project, with the status kept.
run() {
  set +e
  out=$(cd "$project" && npx --offline pulint "$@" 2>"$work/stderr")
  status=$?
  set -e
  err=$(cat "$work/stderr")
}

run --version
[ "$status" -eq 0 ] && [ "$out" = "pulint $version" ] || fail "npx pulint --version: status $status, '$out' $err"
echo "test_npm: npx pulint --version -> $out"

run check "$repo/examples/multi-region"
[ "$status" -eq 1 ] || fail "npx pulint check: status $status, expected 1:"$'\n'"$out"$'\n'"$err"
grep -q SEC001 <<<"$out" && grep -Eq '^[0-9]+ findings \(' <<<"$out" || fail "no findings in:"$'\n'"$out"
echo "test_npm: npx pulint check examples/multi-region -> exit 1, $(grep -E '^[0-9]+ findings' <<<"$out")"
direct=$("$binary" check --format json "$repo/examples/multi-region" || true)
run check --format json "$repo/examples/multi-region"
[ "$status" -eq 1 ] && [ "$out" = "$direct" ] || fail "JSON output through npx differs from the binary's (status $status)"

run rule NOPE999
[ "$status" -eq 2 ] && grep -q 'no rule `NOPE999`' <<<"$err" || fail "npx pulint rule NOPE999: status $status, stderr '$err'"
echo "test_npm: exit 0/1/2 and stdout/stderr pass through"

run rules
[ "$status" -eq 0 ] && grep -q OUT001 <<<"$out" || fail "npx pulint rules: status $status"

# PULINT_BINARY overrides the platform package.
mkdir "$work/fake"
printf '#!/bin/sh\necho "fake pulint $*"\nexit 7\n' >"$work/fake/pulint"
chmod +x "$work/fake/pulint"
set +e
out=$(cd "$project" && PULINT_BINARY=$work/fake/pulint npx --offline pulint check x)
status=$?
set -e
[ "$status" -eq 7 ] && [ "$out" = "fake pulint check x" ] || fail "PULINT_BINARY: status $status, '$out'"
echo "test_npm: PULINT_BINARY override"

# Without the platform package: a clear message and status 2.
mv "$project/node_modules/@pulint" "$work/pulint-scope"
run --version
mv "$work/pulint-scope" "$project/node_modules/@pulint"
[ "$status" -eq 2 ] && grep -q "the package $platform_name, which carries the binary" <<<"$err" || fail "missing platform package: status $status, stderr '$err'"
echo "test_npm: missing $platform_name -> exit 2: ${err:0:100}..."

# A signal sent to the launcher alone reaches the binary, and the launcher dies of it too.
fifo=$work/stdin
mkfifo "$fifo"
sleep 60 >"$fifo" &
holder=$!
node "$project/node_modules/pulint/bin/pulint.js" server <"$fifo" >/dev/null &
launcher=$!
child=""
for _ in $(seq 50); do
  child=$(ps -o pid= --ppid "$launcher" | tr -d ' ' || true)
  [ -n "$child" ] && break
  sleep 0.1
done
[ -n "$child" ] || fail "the launcher started no binary"
kill -TERM "$launcher"
set +e
wait "$launcher"
status=$?
set -e
kill "$holder" 2>/dev/null || true
[ "$status" -eq 143 ] || fail "launcher after SIGTERM: status $status, expected 143"
for _ in $(seq 20); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$child" 2>/dev/null; then kill -KILL "$child"; fail "the binary outlived its launcher"; fi
echo "test_npm: SIGTERM to the launcher ends the binary; launcher status 143"

step "passed"
echo "test_npm: 1 passed, 0 failed"
