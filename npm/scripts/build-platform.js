#!/usr/bin/env node
"use strict";
// Lays out the platform package @pulint/<key> around a built binary, ready for `npm pack` or
// `npm publish`:
//
//   node npm/scripts/build-platform.js --binary target/release/pulint --out DIR [--platform KEY]
//
// KEY is one of npm/pulint/platforms.js (default: this machine's). The version is the launcher
// package's (npm/pulint/package.json), which scripts/test_npm.sh checks against the crate's.
// Prints the package directory.

const fs = require("fs");
const path = require("path");
const { PLATFORMS, currentPlatform, packageName, binaryName } = require("../pulint/platforms.js");

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const binary = arg("--binary");
const out = arg("--out");
const key = arg("--platform") || currentPlatform();
if (!binary || !out) {
  process.stderr.write("usage: build-platform.js --binary PATH --out DIR [--platform KEY]\n");
  process.exit(2);
}
const platform = PLATFORMS[key];
if (!platform) {
  process.stderr.write(`build-platform.js: unknown platform ${key}; one of ${Object.keys(PLATFORMS).join(", ")}\n`);
  process.exit(2);
}
const launcher = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "pulint", "package.json"), "utf8"));
const name = packageName(key);
if (!(name in launcher.optionalDependencies)) {
  process.stderr.write(`build-platform.js: ${name} is not an optional dependency of pulint\n`);
  process.exit(2);
}

const dir = path.join(out, key);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
const exe = binaryName(platform.os);
fs.copyFileSync(binary, path.join(dir, "bin", exe));
fs.chmodSync(path.join(dir, "bin", exe), 0o755);
const manifest = {
  name,
  version: launcher.version,
  description: `The pulint binary for ${key} (${platform.target}). Install \`pulint\`, which picks this package.`,
  license: launcher.license,
  os: [platform.os],
  cpu: [platform.cpu],
  ...(platform.libc ? { libc: [platform.libc] } : {}),
  files: [`bin/${exe}`, "README.md"],
  preferUnplugged: true,
};
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
fs.writeFileSync(
  path.join(dir, "README.md"),
  `# ${name}\n\nThe \`pulint\` binary for ${key} (\`${platform.target}\`). Install the \`pulint\` package instead:\nit depends on this one on matching machines and runs the binary.\n`,
);
process.stdout.write(dir + "\n");
