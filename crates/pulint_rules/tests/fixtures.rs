//! Rule fixtures: `fixtures/<CODE>.md` holds bad and good cases for one rule in Python and
//! TypeScript. Every `##` section is a case; its Python blocks form one program and its
//! TypeScript blocks another (YAML blocks belong to both). A line marked `expect: CODE` must get a
//! finding of that rule starting on it, and every finding must be expected. The findings of each
//! fixture are also snapshotted with their messages, which must follow the style (lowercase
//! start, no final period).
//!
//! A block is the file `__main__.py` / `index.ts` / `Pulumi.yaml` unless its first line is a
//! comment `file: <path>`. A case whose title ends in `(python only)` or `(typescript only)` is
//! exempt from the two-language rule; every other case carries both languages with the same
//! number of expectations. A fixture whose text has a line `Python only: <reason>` (for a mistake
//! that only one SDK can make) needs no bad TypeScript case, but still a good one; `TypeScript
//! only: <reason>` likewise for Python.

use pulint_frontend::markdown::{blocks, Block};
use pulint_frontend::{build, Input, Options};
use pulint_model::{Diagnostic, FileKind, Program, Status};
use pulint_rules::{all_rules, lint, Settings};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Lang {
    Python,
    TypeScript,
}

struct Case<'a> {
    title: String,
    blocks: Vec<&'a Block>,
}

/// Splits a fixture into its `##` cases.
fn cases<'a>(doc: &str, all: &'a [Block]) -> Vec<Case<'a>> {
    let headings: Vec<(u32, String)> = doc
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.strip_prefix("## ").map(|t| (i as u32, t.trim().to_string())))
        .collect();
    let mut out: Vec<Case> = headings.iter().map(|(_, t)| Case { title: t.clone(), blocks: Vec::new() }).collect();
    for b in all {
        let first = b.lines.first().map(|l| l.0).unwrap_or(0);
        if let Some(i) = headings.iter().rposition(|(line, _)| *line < first) {
            out[i].blocks.push(b);
        }
    }
    out
}

fn lang_of(b: &Block) -> Option<Lang> {
    match b.kind {
        FileKind::Python => Some(Lang::Python),
        FileKind::TypeScript | FileKind::JavaScript => Some(Lang::TypeScript),
        _ => None,
    }
}

/// The file a block stands for: a `file:` comment on its first line, else the language default.
fn file_name(b: &Block) -> String {
    let first = b.text.lines().next().unwrap_or("");
    let comment = first.trim_start_matches(['#', '/', ' ']);
    if let Some(name) = comment.strip_prefix("file:") {
        return name.trim().to_string();
    }
    match b.kind {
        FileKind::Python => "__main__.py".into(),
        FileKind::Yaml => "Pulumi.yaml".into(),
        _ => "index.ts".into(),
    }
}

/// `expect: CODE[, CODE]` marks in a block, as (fixture line, code), 1-based.
fn expectations(b: &Block) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (i, line) in b.text.lines().enumerate() {
        if let Some(at) = line.find("expect:") {
            for code in line[at + 7..].split(',') {
                let code = code.split_whitespace().next().unwrap_or("");
                if !code.is_empty() {
                    out.push((b.lines[i].0 + 1, code.to_string()));
                }
            }
        }
    }
    out
}

/// Builds one case program for one language and lints it with only `code` enabled.
fn run(blocks: &[&Block], code: &str) -> (Program, Vec<Diagnostic>, BTreeMap<String, usize>) {
    let mut inputs = Vec::new();
    let mut index = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let name = file_name(b);
        index.insert(name.clone(), i);
        inputs.push(Input { path: name.clone(), rel: name, bytes: b.text.clone().into_bytes() });
    }
    let program = build(inputs, &Options::default());
    let settings = Settings { select: vec![code.to_string()], preview: true, ..Settings::default() };
    let diagnostics = lint(&program, &settings);
    (program, diagnostics, index)
}

/// The fixture line a program position maps to.
fn fixture_line(program: &Program, blocks: &[&Block], index: &BTreeMap<String, usize>, d_span: pulint_model::Span) -> u32 {
    let range = program.sources.host_range(d_span);
    let path = &program.sources.get(range.file).path;
    let block = blocks[index[path]];
    block.lines.get(range.start.line as usize - 1).map(|l| l.0 + 1).unwrap_or(0)
}

/// Messages start lowercase and end without a period; so does help.
fn style_problems(d: &Diagnostic) -> Vec<String> {
    let mut out = Vec::new();
    if d.message.chars().next().is_some_and(char::is_uppercase) {
        out.push(format!("{}: message starts uppercase: {}", d.code, d.message));
    }
    if d.message.ends_with('.') {
        out.push(format!("{}: message ends with a period: {}", d.code, d.message));
    }
    if d.help.as_ref().is_some_and(|h| h.ends_with('.')) {
        out.push(format!("{}: help ends with a period: {:?}", d.code, d.help));
    }
    out
}

#[test]
fn fixtures() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        let meta = rule.meta();
        if meta.code.starts_with("PUL") {
            continue;
        }
        let path = fixture_dir().join(format!("{}.md", meta.code));
        let Ok(doc) = std::fs::read_to_string(&path) else {
            failures.push(format!("{}: no fixture at {}", meta.code, path.display()));
            continue;
        };
        let all = blocks(&doc);
        let mut snapshot = String::new();
        let mut bad = [false; 2];
        let mut good = [false; 2];
        for case in cases(&doc, &all) {
            let only = if case.title.ends_with("(python only)") {
                Some(Lang::Python)
            } else if case.title.ends_with("(typescript only)") {
                Some(Lang::TypeScript)
            } else {
                None
            };
            let mut counts: BTreeMap<Lang, usize> = BTreeMap::new();
            for lang in [Lang::Python, Lang::TypeScript] {
                let mine: Vec<&Block> = case.blocks.iter().copied().filter(|b| lang_of(b) == Some(lang) || b.kind == FileKind::Yaml).collect();
                if !mine.iter().any(|b| lang_of(b) == Some(lang)) {
                    if only.is_none() || only == Some(lang) {
                        failures.push(format!("{}: case `{}` has no {lang:?} block", meta.code, case.title));
                    }
                    continue;
                }
                let (program, diagnostics, index) = run(&mine, meta.code);
                let mut expected: Vec<(u32, String)> = mine.iter().flat_map(|b| expectations(b)).collect();
                counts.insert(lang, expected.len());
                let slot = lang as usize;
                if expected.is_empty() { good[slot] = true } else { bad[slot] = true }
                let _ = writeln!(snapshot, "## {} ({lang:?})", case.title);
                for d in &diagnostics {
                    failures.extend(style_problems(d));
                    let line = fixture_line(&program, &mine, &index, d.span);
                    let _ = writeln!(snapshot, "{line}: {} {}", d.code, d.message);
                    for l in &d.labels {
                        let _ = writeln!(snapshot, "    label {}: {}", fixture_line(&program, &mine, &index, l.span), l.message);
                    }
                    if let Some(h) = &d.help {
                        let _ = writeln!(snapshot, "    help: {h}");
                    }
                    match expected.iter().position(|(l, c)| *l == line && c == d.code) {
                        Some(i) => {
                            expected.remove(i);
                        }
                        None => failures.push(format!("{}: case `{}` ({lang:?}): unexpected finding on line {line}: {}", meta.code, case.title, d.message)),
                    }
                }
                for (line, code) in expected {
                    failures.push(format!("{}: case `{}` ({lang:?}): expected {code} on line {line}, got none", meta.code, case.title));
                }
            }
            if only.is_none() && counts.len() == 2 && counts[&Lang::Python] != counts[&Lang::TypeScript] {
                failures.push(format!("{}: case `{}`: {} expectations in Python, {} in TypeScript", meta.code, case.title, counts[&Lang::Python], counts[&Lang::TypeScript]));
            }
        }
        if doc.lines().any(|l| l.starts_with("Python only: ")) {
            bad[Lang::TypeScript as usize] = true;
        }
        if doc.lines().any(|l| l.starts_with("TypeScript only: ")) {
            bad[Lang::Python as usize] = true;
        }
        for (slot, lang) in ["Python", "TypeScript"].iter().enumerate() {
            if !bad[slot] || !good[slot] {
                failures.push(format!("{}: the fixture needs a bad and a good case in {lang}", meta.code));
            }
        }
        insta::with_settings!({ snapshot_suffix => meta.code, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("fixture", snapshot);
        });
    }
    assert!(failures.is_empty(), "{} fixture failures:\n{}", failures.len(), failures.join("\n"));
}

/// Every rule documents itself with the four sections, a summary without a final period, a code
/// whose prefix is its family, and a unique code and name.
#[test]
fn rules_are_documented_and_named_consistently() {
    let mut seen = std::collections::HashSet::new();
    for rule in all_rules() {
        let m = rule.meta();
        assert!(seen.insert(m.code), "duplicate code {}", m.code);
        assert!(seen.insert(m.name), "duplicate name {}", m.name);
        assert!(m.code.starts_with(m.family.prefix()), "{} is not in family {}", m.code, m.family.prefix());
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}: name `{}` is not kebab-case", m.code, m.name);
        assert!(!m.summary.ends_with('.'), "{}: summary ends with a period", m.code);
        for heading in ["## What it does", "## Why is this bad?"] {
            assert!(m.docs.contains(heading), "{}: docs lack `{heading}`", m.code);
        }
        if !m.code.starts_with("PUL") {
            for heading in ["## Example", "## Use instead"] {
                assert!(m.docs.contains(heading), "{}: docs lack `{heading}`", m.code);
            }
            assert!(m.docs.contains("```python") && m.docs.contains("```typescript"), "{}: the example needs Python and TypeScript", m.code);
        }
    }
}

/// A stable rule is on by default; a preview rule is not (the default set is what users get).
#[test]
fn default_set_is_the_stable_rules() {
    let s = Settings::default();
    for rule in all_rules() {
        let m = rule.meta();
        assert_eq!(s.enabled(m), m.status == Status::Stable, "{}", m.code);
    }
}
