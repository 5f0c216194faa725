#!/usr/bin/env bash
# The pre-commit hooks (.pre-commit-hooks.yaml): validate the manifest, then run the hooks with
# `pre-commit try-repo` (which takes this checkout's working tree, uncommitted changes included) in
# a throwaway git repository holding the bundled example: the hook fails with pulint's findings
# there, and passes on a program without findings.
#
#   scripts/test_precommit.sh                # pulint-system, with target/release on PATH (seconds)
#   scripts/test_precommit.sh --python-hook  # also the `pulint` hook, which pip-builds pulint from
#                                            # source in pre-commit's cache (a cold Rust build: minutes)
#
# pre-commit comes from PyPI into a cached venv ($PULINT_PRECOMMIT_VENV, default /tmp/pulint-precommit-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
PRECOMMIT_VERSION=4.7.0
python_hook=false
[ "${1:-}" = "--python-hook" ] && python_hook=true
started=$(date +%s)
step() { echo "test_precommit: $* ($(( $(date +%s) - started ))s)"; }
fail() { echo "test_precommit: FAIL: $*" >&2; exit 1; }

venv=${PULINT_PRECOMMIT_VENV:-/tmp/pulint-precommit-venv}
if [ "$("$venv/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $PRECOMMIT_VERSION" ]; then
  step "installing pre-commit $PRECOMMIT_VERSION into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRECOMMIT_VERSION"
fi
precommit=$venv/bin/pre-commit

step "pre-commit validate-manifest .pre-commit-hooks.yaml"
"$precommit" validate-manifest .pre-commit-hooks.yaml || fail "validate-manifest"

cargo build --release --locked -p pulint 2>&1 | grep -v '^\s*Compiling ' || true
release=${CARGO_TARGET_DIR:-$repo/target}/release
[ -x "$release/pulint" ] || fail "no $release/pulint"

work=$(mktemp -d /tmp/pulint-precommit-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache GIT_CONFIG_GLOBAL=$work/gitconfig
git config --file "$GIT_CONFIG_GLOBAL" user.name test
git config --file "$GIT_CONFIG_GLOBAL" user.email test@example.invalid
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main

# A git repository with the example project (findings), and one with a clean program.
mkdir "$work/findings" "$work/clean"
cp -r examples/multi-region "$work/findings/"
printf 'name: clean\nruntime: python\n' >"$work/clean/Pulumi.yaml"
printf 'import pulumi\nimport pulumi_aws as aws\n\ntopic = aws.sns.Topic("alerts")\npulumi.export("topic_arn", topic.arn)\n' >"$work/clean/__main__.py"
for d in findings clean; do
  (cd "$work/$d" && git init --quiet && git add -A && git commit --quiet -m init)
done

# `pre-commit try-repo REPO HOOK --all-files` in DIR; sets out and status.
try_repo() {
  local dir=$1 hook=$2
  set +e
  out=$(cd "$work/$dir" && PATH="$release:$PATH" "$precommit" try-repo "$repo" "$hook" --all-files --color never 2>&1)
  status=$?
  set -e
}

step "try-repo pulint-system on the example (findings: the hook fails)"
try_repo findings pulint-system
[ "$status" -eq 1 ] || fail "pulint-system on the example: status $status:"$'\n'"$out"
grep -q 'SEC001' <<<"$out" && grep -Eq '^pulint \(system\)\.+Failed' <<<"$out" || fail "no findings in the hook output:"$'\n'"$out"
echo "test_precommit: pulint-system on the example -> Failed with $(grep -Eo '[0-9]+ findings \([^)]*\)' <<<"$out")"

step "try-repo pulint-system on a clean program (the hook passes)"
try_repo clean pulint-system
[ "$status" -eq 0 ] && grep -Eq '^pulint \(system\)\.+Passed' <<<"$out" || fail "pulint-system on a clean program: status $status:"$'\n'"$out"
echo "test_precommit: pulint-system on a clean program -> Passed"

if $python_hook; then
  step "try-repo pulint (language: python; builds from source)"
  try_repo findings pulint
  [ "$status" -eq 1 ] && grep -q 'SEC001' <<<"$out" && grep -Eq '^pulint\.+Failed' <<<"$out" || fail "pulint hook on the example: status $status:"$'\n'"$out"
  echo "test_precommit: pulint (python) on the example -> Failed with $(grep -Eo '[0-9]+ findings \([^)]*\)' <<<"$out")"
fi

step "passed"
echo "test_precommit: 1 passed, 0 failed"
