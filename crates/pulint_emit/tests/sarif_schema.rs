//! The SARIF emitter on hand-made reports (awkward paths, embedded code, labels, every severity)
//! validated against the official OASIS SARIF 2.1.0 schema (`tests/data/`, see its README).

use pulint_emit::{sarif, Report};
use pulint_model::*;

#[path = "data/validate_sarif.rs"]
mod validate_sarif;
use validate_sarif::validate;

static ERROR_RULE: RuleMeta = RuleMeta {
    code: "TST001",
    name: "test-error",
    family: Family::Sec,
    severity: Severity::Error,
    status: Status::Stable,
    summary: "a test rule",
    docs: " ## What it does\n Flags things.\n\n ## Why is this bad?\n Because.\n",
};
static INFO_RULE: RuleMeta = RuleMeta {
    code: "TST002",
    name: "test-info",
    family: Family::Ops,
    severity: Severity::Info,
    status: Status::Preview,
    summary: "another test rule",
    docs: "",
};


fn program() -> (Program, Vec<Diagnostic>) {
    let mut p = Program::default();
    let doc = "# Answer\n\n## File: lib/tap stack.py\n```python\nimport pulumi_aws as aws\npassword = \"hunter2\"\n```\n";
    let md = p.sources.add(SourceFile::new("docs/50% off, really: yes/answer.md", FileKind::Markdown, doc.into(), Origin::Disk));
    let embedded = p.sources.add(SourceFile::new(
        "lib/tap stack.py",
        FileKind::Python,
        "import pulumi_aws as aws\npassword = \"hunter2\"\n".into(),
        Origin::Embedded { host: md, lines: vec![(4, 0), (5, 0)], named: Some("lib/tap stack.py".into()) },
    ));
    let py = p.sources.add(SourceFile::new("/abs/dir/stäck.py", FileKind::Python, "x = 1\nx = 1\n".into(), Origin::Disk));
    let diagnostics = vec![
        Diagnostic::new(&ERROR_RULE, Span::new(embedded, 36, 45), "`password` is a literal: 100%\nsure")
            .with_label(Span::new(embedded, 0, 6), "imported here")
            .with_label(Span::new(py, 0, 1), "and here, elsewhere")
            .with_help("read it from config"),
        Diagnostic::new(&INFO_RULE, Span::new(py, 0, 5), "first"),
        Diagnostic::new(&INFO_RULE, Span::new(py, 6, 11), "second, on an identical line"),
        Diagnostic::new(&ERROR_RULE, Span::new(py, 12, 12), "empty span at the end"),
    ];
    (p, diagnostics)
}

#[test]
fn sarif_output_is_valid_against_the_oasis_schema() {
    let (p, d) = program();
    let reports = [Report { program: &p, diagnostics: &d }];
    let rules = [&ERROR_RULE, &INFO_RULE];
    let text = sarif::render(&reports, &rules);
    assert_eq!(text, sarif::render(&reports, &rules), "deterministic");
    let log: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    if let Err(e) = validate(&log) {
        panic!("{e}\n{text}");
    }
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][1]["defaultConfiguration"], serde_json::json!({"enabled": false, "level": "note"}));
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    let first = &results[0];
    let loc = &first["locations"][0];
    assert_eq!(loc["physicalLocation"]["artifactLocation"]["uri"], "docs/50%25%20off%2C%20really%3A%20yes/answer.md");
    assert_eq!(loc["physicalLocation"]["region"], serde_json::json!({"startLine": 6, "startColumn": 12, "endLine": 6, "endColumn": 21}));
    assert_eq!(loc["properties"]["embeddedPath"], "lib/tap stack.py");
    assert_eq!(first["relatedLocations"][1]["physicalLocation"]["artifactLocation"]["uri"], "file:///abs/dir/st%C3%A4ck.py");
    // Two findings of one rule on identical lines: different fingerprints, by occurrence.
    let fp = |r: &serde_json::Value| r["partialFingerprints"][sarif::FINGERPRINT_KEY].as_str().unwrap_or("").to_string();
    assert_ne!(fp(&results[1]), fp(&results[2]));
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][i]["id"], r["ruleId"]);
    }
}

/// The validator is not a rubber stamp: a wrong level and a zero line are rejected.
#[test]
fn the_schema_rejects_broken_logs() {
    let bad_level = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "info", "message": {"text": "m"}}]}]});
    assert!(validate(&bad_level).is_err());
    let bad_line = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 0}}}]}]}]});
    assert!(validate(&bad_line).is_err());
    let bad_uri = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.py"}}}]}]}]});
    assert!(validate(&bad_uri).is_err());
}
