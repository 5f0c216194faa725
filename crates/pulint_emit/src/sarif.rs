//! `--format sarif`: a SARIF 2.1.0 log with one run. The driver lists the whole rule catalogue
//! (with each rule's docs as help), results point at the file a user opens (the `.md` host for
//! Markdown-embedded code, with the block's file name in `properties.embeddedPath`), and every
//! result carries a `partialFingerprints` entry that survives unrelated edits.
//!
//! Positions are the JSON format's: 1-based lines, columns in Unicode code points (declared with
//! `columnKind`), end column exclusive.

use crate::{Finding, Place, Report};
use pulint_model::{RuleMeta, Severity, Status};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The schema the output is validated against in the tests (OASIS SARIF 2.1.0, errata 01).
pub const SCHEMA_URI: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`; the version changes with the recipe.
pub const FINGERPRINT_KEY: &str = "pulint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: OwnedText,
    help: MultiformatText,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    family: &'static str,
    status: &'static str,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    help: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<LocationProperties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationProperties<'a> {
    /// The file name the Markdown heading gave the embedded block.
    embedded_path: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's docs as Markdown: the `///` lines of `declare_rule!` keep the space after the slashes,
/// which is taken off here.
pub fn rule_markdown(docs: &str) -> String {
    let indented = docs.lines().filter(|l| !l.trim().is_empty()).all(|l| l.starts_with(' '));
    let mut out: String = docs.lines().map(|l| if indented { l.strip_prefix(' ').unwrap_or(l) } else { l }).collect::<Vec<_>>().join("\n");
    out = out.trim().to_string();
    out.push('\n');
    out
}

/// The body of one `## heading` section of Markdown docs, its lines joined into one paragraph.
pub fn section(markdown: &str, heading: &str) -> Option<String> {
    let mut lines = markdown.lines().skip_while(|l| l.trim() != format!("## {heading}"));
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).map(str::trim).filter(|l| !l.is_empty()).collect();
    (!body.is_empty()).then(|| body.join(" "))
}

/// A path as a URI reference: relative paths stay relative (to `%SRCROOT%`), absolute ones become
/// `file:` URIs; everything but unreserved characters and `/` is percent-encoded.
fn artifact(path: &str) -> ArtifactLocation {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        ArtifactLocation { uri: format!("file:///{}:{}", &path[..1], encode(&path[2..])), uri_base_id: None }
    } else if path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", encode(&path)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: encode(&path), uri_base_id: Some("%SRCROOT%") }
    }
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(p: &Place<'_>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(p.file),
        region: Region { start_line: p.start.line, start_column: p.start.column, end_line: p.end.line, end_column: p.end.column },
    }
}

fn location_properties<'a>(p: &Place<'a>) -> Option<LocationProperties<'a>> {
    p.embedded_path.map(|embedded_path| LocationProperties { embedded_path })
}

/// FNV-1a, 128 bits: stable across platforms, releases and runs (unlike `std`'s hasher).
fn fnv1a128(parts: &[&[u8]]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0xff;
            h = h.wrapping_mul(PRIME);
        }
        for &b in *part {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

/// The fingerprint of a finding: rule code, file, the flagged line's text without surrounding
/// whitespace, and how many findings with the same three came before it. Line numbers are not in
/// it, so edits elsewhere in the file leave it alone.
pub fn fingerprint(code: &str, file: &str, line_text: &str, occurrence: usize) -> String {
    format!("{:032x}", fnv1a128(&[code.as_bytes(), file.as_bytes(), line_text.trim().as_bytes(), occurrence.to_string().as_bytes()]))
}

fn result<'a>(f: &Finding<'a>, rule_index: Option<usize>, occurrence: usize) -> SarifResult<'a> {
    let d = f.diagnostic;
    let related_locations = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| Location {
            id: Some(i),
            physical_location: physical(&l.place),
            message: Some(Text { text: l.message }),
            properties: location_properties(&l.place),
        })
        .collect();
    let mut partial_fingerprints = BTreeMap::new();
    partial_fingerprints.insert(FINGERPRINT_KEY, fingerprint(d.code, f.place.file, f.line_text, occurrence));
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text { text: &d.message },
        locations: vec![Location { id: None, physical_location: physical(&f.place), message: None, properties: location_properties(&f.place) }],
        related_locations,
        partial_fingerprints,
        properties: d.help.as_deref().map(|help| ResultProperties { help }),
    }
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor<'_> {
    let markdown = rule_markdown(m.docs);
    let what = section(&markdown, "What it does").unwrap_or_else(|| m.summary.to_string());
    ReportingDescriptor {
        id: m.code,
        name: m.name,
        short_description: Text { text: m.summary },
        full_description: OwnedText { text: what },
        help: MultiformatText { text: markdown.clone(), markdown },
        default_configuration: Configuration { enabled: m.status == Status::Stable, level: level(m.severity) },
        properties: RuleProperties { family: m.family.prefix(), status: m.status.as_str(), tags: vec![m.family.title()] },
    }
}

/// The SARIF log of `reports`, with `rules` (the whole catalogue, in its order) as the driver's
/// rules.
pub fn render(reports: &[Report<'_>], rules: &[&RuleMeta]) -> String {
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let results = crate::findings(reports)
        .iter()
        .map(|f| {
            let occurrence = seen.entry((f.diagnostic.code, f.place.file, f.line_text.trim())).or_insert(0);
            let r = result(f, index.get(f.diagnostic.code).copied(), *occurrence);
            *occurrence += 1;
            r
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool { driver: Driver { name: "pulint", version, semantic_version: version, rules: rules.iter().map(|m| descriptor(m)).collect() } },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(artifact("lib/tap stack.py").uri, "lib/tap%20stack.py");
        assert_eq!(artifact("lib/tap stack.py").uri_base_id, Some("%SRCROOT%"));
        assert_eq!(artifact("/tmp/a:b/x.md").uri, "file:///tmp/a%3Ab/x.md");
        assert_eq!(artifact("C:\\work\\x.py").uri, "file:///C:/work/x.py");
        assert_eq!(artifact("docs/résumé.md").uri, "docs/r%C3%A9sum%C3%A9.md");
    }

    #[test]
    fn fingerprints_ignore_indentation_and_depend_on_occurrence() {
        let a = fingerprint("SEC001", "a.py", "    x = 1", 0);
        assert_eq!(a, fingerprint("SEC001", "a.py", "x = 1  ", 0));
        assert_ne!(a, fingerprint("SEC001", "a.py", "x = 1", 1));
        assert_ne!(a, fingerprint("SEC002", "a.py", "x = 1", 0));
        assert_ne!(a, fingerprint("SEC001", "b.py", "x = 1", 0));
        // The recipe is part of the output contract (`pulint/v1`): a change needs a new key.
        assert_eq!(a, "9cf5e17a79903e5a2f568d4d2e0c896e");
        // The published FNV-1a 128 test vector.
        assert_eq!(fnv1a128(&[b"a"]), 0xd228cb696f1a8caf78912b704e4a8964);
    }

    #[test]
    fn docs_become_markdown_and_a_description() {
        let md = rule_markdown(" ## What it does\n Flags a thing\n across lines.\n\n ## Why is this bad?\n It is.\n");
        assert!(md.starts_with("## What it does\nFlags a thing\n"), "{md}");
        assert_eq!(section(&md, "What it does").as_deref(), Some("Flags a thing across lines."));
        assert_eq!(section(&md, "Why is this bad?").as_deref(), Some("It is."));
        assert_eq!(section(&md, "Example"), None);
    }
}
