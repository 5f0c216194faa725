"use strict";
// The platform packages that carry the native `pulint` binary, one per target, as optional
// dependencies of `pulint`: npm installs the one whose os/cpu/libc match the machine (esbuild's
// and oxlint's layout). Shared by bin/pulint.js and ../scripts/build-platform.js.

/** name suffix -> the package.json fields npm selects on, and the Rust target it is built for. */
const PLATFORMS = {
  "darwin-arm64": { os: "darwin", cpu: "arm64", target: "aarch64-apple-darwin" },
  "darwin-x64": { os: "darwin", cpu: "x64", target: "x86_64-apple-darwin" },
  "linux-arm64-gnu": { os: "linux", cpu: "arm64", libc: "glibc", target: "aarch64-unknown-linux-gnu" },
  "linux-arm64-musl": { os: "linux", cpu: "arm64", libc: "musl", target: "aarch64-unknown-linux-musl" },
  "linux-x64-gnu": { os: "linux", cpu: "x64", libc: "glibc", target: "x86_64-unknown-linux-gnu" },
  "linux-x64-musl": { os: "linux", cpu: "x64", libc: "musl", target: "x86_64-unknown-linux-musl" },
  "win32-arm64-msvc": { os: "win32", cpu: "arm64", target: "aarch64-pc-windows-msvc" },
  "win32-x64-msvc": { os: "win32", cpu: "x64", target: "x86_64-pc-windows-msvc" },
};

/** glibc or musl on Linux (as npm's own `libc` check decides), else undefined. */
function libc() {
  if (process.platform !== "linux") return undefined;
  try {
    const header = process.report.getReport().header;
    return header.glibcVersionRuntime ? "glibc" : "musl";
  } catch {
    return "glibc";
  }
}

/** The key of PLATFORMS for this machine, or undefined when no package is built for it. */
function currentPlatform() {
  const c = libc();
  return Object.keys(PLATFORMS).find((key) => {
    const p = PLATFORMS[key];
    return p.os === process.platform && p.cpu === process.arch && (p.libc === undefined || p.libc === c);
  });
}

function packageName(key) {
  return `@pulint/${key}`;
}

function binaryName(os) {
  return os === "win32" ? "pulint.exe" : "pulint";
}

module.exports = { PLATFORMS, currentPlatform, packageName, binaryName, libc };
