//! The report formats end to end: `--format sarif|github|markdown|text` on a fixture with
//! findings in a Python file and in code blocks of a Markdown document (`fixtures/report/`).
//! Snapshots for each format; the SARIF log is validated against the official OASIS SARIF 2.1.0
//! schema (`crates/pulint_emit/tests/data/`, source noted in its README).

use serde_json::Value;
use std::process::Command;

#[path = "../../pulint_emit/tests/data/validate_sarif.rs"]
mod validate_sarif;
use validate_sarif::validate;

const FIXTURE: [&str; 2] = ["crates/pulint/tests/fixtures/report/stack.py", "crates/pulint/tests/fixtures/report/answer.md"];
/// The rules the snapshots cover, so that new rules elsewhere do not change them.
const SELECT: &str = "NET005,SEC001,SEC002,OUT001,REG004,OPS004,SEC016";

fn pulint_in(dir: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pulint")).args(args).current_dir(dir).output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

fn check(format: &str) -> String {
    let mut args = vec!["check", "--format", format, "--select", SELECT];
    args.extend(FIXTURE);
    let (code, stdout, stderr) = pulint_in(root(), &args);
    assert_eq!(code, 1, "{stderr}");
    stdout
}


#[test]
fn sarif_is_valid_and_matches_json() {
    let text = check("sarif");
    assert_eq!(text, check("sarif"), "deterministic bytes");
    let log: Value = serde_json::from_str(&text).expect("JSON");
    if let Err(e) = validate(&log) {
        panic!("the SARIF log does not validate: {e}");
    }
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    // The whole catalogue, with docs.
    let (_, listing, _) = pulint_in(root(), &["rules"]);
    assert_eq!(rules.len(), listing.lines().count() - 1);
    for r in rules {
        assert!(r["help"]["markdown"].as_str().unwrap_or("").contains("## What it does"), "{}", r["id"]);
    }
    // Same findings, same numbers as `--format json`.
    let json: Value = serde_json::from_str(&check("json")).expect("JSON");
    let json = json.as_array().expect("array");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), json.len());
    let mut embedded = 0;
    for (r, j) in results.iter().zip(json) {
        assert_eq!(r["ruleId"], j["code"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().expect("ruleIndex") as usize]["id"], r["ruleId"]);
        let loc = &r["locations"][0];
        assert_eq!(loc["physicalLocation"]["artifactLocation"]["uri"], j["file"]);
        let region = &loc["physicalLocation"]["region"];
        for (s, k) in [("startLine", "line"), ("startColumn", "column"), ("endLine", "end_line"), ("endColumn", "end_column")] {
            assert_eq!(region[s], j[k], "{s} of {r}");
        }
        assert_eq!(loc["properties"]["embeddedPath"].as_str(), j["embedded_path"].as_str());
        embedded += usize::from(j["embedded_path"].is_string());
    }
    assert!(embedded > 0 && embedded < results.len(), "findings both in a source file and in embedded blocks");
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()), "a finding with secondary labels");
    insta::assert_snapshot!("sarif", trimmed_for_snapshot(log));
}

/// The snapshot keeps only the rules the results use (the catalogue grows on other branches) and
/// drops `ruleIndex` and the version, checked above. It is re-serialised from a
/// `serde_json::Value`, so its keys are sorted; the real output keeps SARIF's usual order.
fn trimmed_for_snapshot(mut log: Value) -> String {
    let run = &mut log["runs"][0];
    let used: Vec<Value> = run["results"].as_array().into_iter().flatten().map(|r| r["ruleId"].clone()).collect();
    let driver = &mut run["tool"]["driver"];
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    if let Some(rules) = driver["rules"].as_array_mut() {
        rules.retain(|r| used.contains(&r["id"]));
    }
    for r in run["results"].as_array_mut().into_iter().flatten() {
        if let Some(o) = r.as_object_mut() {
            o.remove("ruleIndex");
        }
    }
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// Fingerprints hold when lines move: a comment added above every finding changes line numbers,
/// not fingerprints.
#[test]
fn sarif_fingerprints_survive_unrelated_edits() {
    let dir = std::env::temp_dir().join(format!("pulint-fingerprints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dir_arg = dir.to_str().expect("utf-8 path");
    let fingerprints = |edit: bool| {
        for f in FIXTURE {
            let mut text = std::fs::read_to_string(format!("{}/{f}", root())).expect("fixture");
            if edit {
                text = if f.ends_with(".py") { format!("# a comment\n\n{text}") } else { text.replacen("```python\n", "```python\n# a comment\n\n", 1) };
            }
            std::fs::write(dir.join(f.rsplit('/').next().unwrap_or(f)), text).expect("write");
        }
        let (_, stdout, stderr) = pulint_in(dir_arg, &["check", "--format", "sarif", "--select", SELECT, "stack.py", "answer.md"]);
        let log: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| (r["partialFingerprints"]["pulint/v1"].as_str().unwrap_or("").to_string(), r["locations"][0]["physicalLocation"]["region"]["startLine"].clone()))
            .collect::<Vec<_>>()
    };
    let before = fingerprints(false);
    let after = fingerprints(true);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(before.len(), after.len());
    let mut moved = 0;
    for ((fa, la), (fb, lb)) in before.iter().zip(&after) {
        assert_eq!(fa, fb);
        moved += usize::from(la != lb);
    }
    assert_eq!(moved, before.len(), "every finding moved down");
    let mut unique: Vec<&String> = before.iter().map(|(f, _)| f).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints are distinct");
}

#[test]
fn github_annotations() {
    let out = check("github");
    assert!(out.lines().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=") || l.starts_with("::notice file=")), "{out}");
    insta::assert_snapshot!("github", out);
}

#[test]
fn markdown_report() {
    let out = check("markdown");
    assert_eq!(out, check("markdown"));
    insta::assert_snapshot!("markdown", out);
}

/// Text output ends with a summary line; piped, it carries no time, so it is the same every run.
#[test]
fn text_summary_line() {
    let out = check("text");
    assert_eq!(out, check("text"));
    insta::assert_snapshot!("text", out);
    let (code, out, _) = pulint_in(root(), &["check", "--select", "SEC001", "crates/pulint/tests/fixtures/report/answer.md"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().last(), Some("1 finding (1 error); checked 1 file in 1 program"));
    let (code, out, _) = pulint_in(root(), &["check", "--select", "COST001", "examples/multi-region"]);
    assert_eq!(code, 0);
    assert_eq!(out, "no findings; checked 5 files in 1 program\n");
}
