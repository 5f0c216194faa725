//! End-to-end: the binary on small inputs — exit codes, the JSON contract, bad input.

use std::process::Command;

fn pulint(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_pulint")).args(args).current_dir(root).output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn example_findings_as_json() {
    let (code, stdout, _) = pulint(&["check", "--format", "json", "examples/multi-region"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON array");
    let items = v.as_array().expect("array");
    let codes: Vec<&str> = items.iter().map(|d| d["code"].as_str().unwrap_or("")).collect();
    assert_eq!(codes, ["SEC002", "OUT001", "SEC001"]);
    for d in items {
        for field in ["code", "name", "category", "severity", "message", "file", "line", "column", "end_line", "end_column", "embedded_path"] {
            assert!(d.get(field).is_some(), "missing {field} in {d}");
        }
    }
    assert_eq!(items[2]["file"], "examples/multi-region/lib/network.py");
    assert_eq!(items[2]["line"], 21);
}

#[test]
fn select_and_ignore() {
    let (code, stdout, _) = pulint(&["check", "--format", "concise", "--select", "SEC", "--ignore", "SEC002", "examples/multi-region"]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("SEC001"));
    let (code, _, stderr) = pulint(&["check", "--select", "NOPE999", "examples/multi-region"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn bad_input_is_a_diagnostic_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("pulint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("binary.py"), b"\x00\x01\x02 not text").expect("write");
    std::fs::write(dir.join("latin1.py"), b"name = '\xe9t\xe9'\n").expect("write");
    std::fs::write(dir.join("broken.py"), "import pulumi_aws as aws\nvpc = aws.ec2.Vpc('v', cidr_block=\n").expect("write");
    std::fs::write(dir.join("empty.ts"), "").expect("write");
    let (code, stdout, stderr) = pulint(&["check", "--format", "json", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON array");
    let codes: Vec<&str> = v.as_array().expect("array").iter().map(|d| d["code"].as_str().unwrap_or("")).collect();
    assert!(codes.contains(&"PUL001"), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == "PUL002").count(), 2, "{codes:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rule_docs() {
    let (code, stdout, _) = pulint(&["rule", "SEC001"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("## What it does") && stdout.contains("open-ingress"));
    let (code, stdout, _) = pulint(&["rules"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("OUT001"));
}
