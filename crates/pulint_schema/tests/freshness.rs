//! The committed schema must be what the generator makes of the pinned packages.
//!
//! Regenerating needs the pinned wheel and npm package in `target/aws-schema-cache` (the
//! generator downloads them; `.ci/run` runs it first). Without them this test says so and passes,
//! since `cargo test` must not touch the network.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_schema_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cache = root.join("target/aws-schema-cache");
    let have = |name: &str| cache.join(name).exists();
    let pinned = ["pulumi_aws-7.48.0-py3-none-any.whl", "pulumi_aws-6.83.4-py3-none-any.whl", "pulumi-aws-7.48.0.tgz", "pulumi-3.272.0-py3-none-any.whl", "pulumi-pulumi-3.248.0.tgz"];
    if !pinned.iter().all(|p| have(p)) {
        eprintln!("skipped: pinned pulumi-aws packages are not in {}", cache.display());
        return;
    }
    let out = Command::new("python3")
        .arg(root.join("tools/aws_schema/generate.py"))
        .arg("--check")
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
