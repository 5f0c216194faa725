#!/usr/bin/env node
"use strict";
// Runs the native `pulint` binary with this process's arguments, standard streams, exit status
// and signals. The binary comes from the platform package npm installed as an optional dependency
// (@pulint/<os>-<cpu>[-<libc>]), or from the PULINT_BINARY environment variable.

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { PLATFORMS, currentPlatform, packageName, binaryName, libc } = require("../platforms.js");

function fatal(message) {
  process.stderr.write(`pulint: ${message}\n`);
  process.exit(2);
}

function findBinary() {
  const override = process.env.PULINT_BINARY;
  if (override) {
    if (!fs.existsSync(override)) fatal(`PULINT_BINARY is set to ${override}, which does not exist`);
    return override;
  }
  const key = currentPlatform();
  const where = `${process.platform} ${process.arch}${libc() ? ` (${libc()})` : ""}`;
  if (key === undefined) {
    fatal(
      `no prebuilt binary for ${where}. Build one with \`cargo install --path crates/pulint\` ` +
        "from a pulint checkout (or `pip install` the Python package) and run that, or point " +
        "PULINT_BINARY at it.",
    );
  }
  const name = packageName(key);
  let dir;
  try {
    dir = path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    fatal(
      `the package ${name}, which carries the binary for ${where}, is not installed. ` +
        "npm installs it as an optional dependency of pulint; it is missing when optional " +
        "dependencies were omitted (--omit=optional) or a lock file made on another platform was " +
        "installed. Reinstall (`rm -rf node_modules package-lock.json && npm install`), or set " +
        "PULINT_BINARY to a pulint binary.",
    );
  }
  const binary = path.join(dir, "bin", binaryName(PLATFORMS[key].os));
  if (!fs.existsSync(binary)) fatal(`${name} has no binary at ${binary}; reinstall it`);
  return binary;
}

const child = spawn(findBinary(), process.argv.slice(2), { stdio: "inherit", windowsHide: true });

// Signals sent to this wrapper (a terminal's Ctrl-C reaches both processes anyway; an editor
// stopping `pulint server` or CI cancelling a job signals this process alone) go to the binary.
const forwarded = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];
const forward = (signal) => {
  try {
    child.kill(signal);
  } catch {
    // The child has already exited.
  }
};
for (const signal of forwarded) {
  if (process.platform === "win32" && signal !== "SIGINT") continue;
  process.on(signal, forward);
}

child.on("error", (err) => fatal(`cannot run ${child.spawnfile}: ${err.message}`));
child.on("exit", (code, signal) => {
  if (signal) {
    // Die of the same signal, so that the caller sees what the binary saw (status 128 + n).
    for (const s of forwarded) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    // A signal whose default action does not end the process: report it as a shell would.
    setTimeout(() => process.exit(128 + (require("os").constants.signals[signal] || 0)), 100);
    return;
  }
  process.exit(code === null ? 2 : code);
});
