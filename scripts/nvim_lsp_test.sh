#!/usr/bin/env bash
# `pulint server` under a real editor: Neovim's built-in LSP client, headless (scripts/nvim_lsp_test.lua).
# Opens the fixtures of crates/pulint/tests/lsp/, checks the diagnostics, applies quick fixes, and
# prints what Neovim saw. Exit status 0 when every check passed.
#
#   scripts/nvim_lsp_test.sh            # needs nvim (0.7 or later) on PATH
#   scripts/nvim_lsp_test.sh --install  # first installs Debian's neovim with apt-get
#   PULINT_BIN=target/debug/pulint scripts/nvim_lsp_test.sh   # default: target/release/pulint, built if missing
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null; then
  if [ "${1:-}" = "--install" ]; then
    apt-get install -y neovim >/dev/null || { apt-get update >/dev/null && apt-get install -y neovim >/dev/null; }
  else
    echo "nvim_lsp_test: nvim not found (--install installs Debian's neovim)" >&2
    exit 2
  fi
fi
bin=${PULINT_BIN:-target/release/pulint}
[ -x "$bin" ] || cargo build --release --locked
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "nvim_lsp_test: $(nvim --version | head -1), $bin"
status=0
# No user configuration, no swap or shada files; the buffers are edited, never written.
PULINT_BIN=$(realpath "$bin") PULINT_LSP_FIXTURES=$(realpath crates/pulint/tests/lsp) PULINT_NVIM_REPORT="$work/report" \
  timeout 180 nvim --headless --clean -n -i NONE -c "luafile scripts/nvim_lsp_test.lua" >"$work/nvim.out" 2>&1 || status=$?
if [ -f "$work/report" ]; then
  cat "$work/report"
else
  echo "nvim_lsp_test: no report (status $status); Neovim said:"
  cat "$work/nvim.out"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
