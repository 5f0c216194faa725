//! `docs/rules/` is generated from the rules' own docs: one page per rule and an index. This test
//! fails when a page is stale; `PULINT_UPDATE_DOCS=1 cargo test -p pulint_rules --test rule_docs`
//! rewrites them.

use pulint_rules::all_rules;
use std::path::Path;

fn page(m: &pulint_model::RuleMeta) -> String {
    format!(
        "# {} {}\n\n{} · {} · {}\n\n{}\n\n{}\n",
        m.code,
        m.name,
        m.family.title(),
        m.severity,
        m.status.as_str(),
        m.summary,
        m.docs_markdown()
    )
}

fn index() -> String {
    let mut s = String::from("# Rules\n\nGenerated from the rules' docs (`crates/pulint_rules/tests/rule_docs.rs`); `pulint rule CODE` prints the same text.\n\n| code | name | family | severity | status | summary |\n|---|---|---|---|---|---|\n");
    for r in all_rules() {
        let m = r.meta();
        s.push_str(&format!("| [{}]({}.md) | {} | {} | {} | {} | {} |\n", m.code, m.code, m.name, m.family.prefix(), m.severity, m.status.as_str(), m.summary.replace('|', "\\|")));
    }
    s
}

#[test]
fn generated_rule_docs_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("PULINT_UPDATE_DOCS").is_some();
    let mut expected: Vec<(String, String)> = all_rules().iter().map(|r| (format!("{}.md", r.meta().code), page(r.meta()))).collect();
    expected.push(("README.md".into(), index()));
    if update {
        std::fs::create_dir_all(&dir).expect("docs/rules");
        for entry in std::fs::read_dir(&dir).expect("read docs/rules").flatten() {
            if !expected.iter().any(|(n, _)| entry.file_name().to_str() == Some(n)) {
                std::fs::remove_file(entry.path()).expect("remove a page of a rule that is gone");
            }
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, text).expect("write page");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).filter(|n| !expected.iter().any(|(e, _)| e == n)).collect())
        .unwrap_or_default();
    assert!(stale.is_empty() && extra.is_empty(), "docs/rules is stale ({stale:?}, extra {extra:?}); run PULINT_UPDATE_DOCS=1 cargo test -p pulint_rules --test rule_docs");
}
