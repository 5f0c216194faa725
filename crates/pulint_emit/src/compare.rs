//! `pulint compare BEFORE AFTER`: which findings of one version of a program another version
//! fixed, which remain and which it introduced, written as a failure analysis.
//!
//! Findings are matched by what they are about, not by line: the rule, the resource they sit in
//! (type and logical name, else the variable it is bound to) and the argument, falling back to the
//! message. Each side keeps the code it wrote for that resource or argument, so a fixed finding
//! shows how the after version wrote it.

use crate::Report;
use pulint_model::{Diagnostic, Family, Program, Resource, RuleMeta, Severity, Span};
use serde::Serialize;

/// How bad a finding is for a reader of the analysis (see [`impact`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Impact {
    Critical,
    High,
    Medium,
    Low,
}

impl Impact {
    pub const ALL: [Impact; 4] = [Impact::Critical, Impact::High, Impact::Medium, Impact::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Critical => "Critical",
            Impact::High => "High",
            Impact::Medium => "Medium",
            Impact::Low => "Low",
        }
    }

    /// Weight in the quality figure.
    fn weight(self) -> u32 {
        match self {
            Impact::Critical => 10,
            Impact::High => 5,
            Impact::Medium => 2,
            Impact::Low => 1,
        }
    }
}

/// Errors stop `pulumi preview`/`up` or expose something: Critical. Warnings are High where they
/// concern regions, networks, security, ordering or validity, Medium otherwise (operations,
/// program structure, cost). Notes are Low.
pub fn impact(d: &Diagnostic) -> Impact {
    match d.severity {
        Severity::Error => Impact::Critical,
        Severity::Warning => match d.family {
            Family::Reg | Family::Net | Family::Sec | Family::Dep | Family::Val => Impact::High,
            _ => Impact::Medium,
        },
        Severity::Info => Impact::Low,
    }
}

/// What a finding is about.
#[derive(Clone, Debug, Serialize)]
pub struct Subject {
    /// Type token of the resource the finding lies in (`aws:s3/bucket:Bucket`).
    pub resource_type: Option<String>,
    /// Its logical name, else its variable.
    pub resource_name: Option<String>,
    /// The variable or field it is bound to (`self.bucket`).
    pub binding: Option<String>,
    /// The argument the finding lies in, by schema name.
    pub argument: Option<String>,
}

/// One finding with where it is and the code it points at.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub code: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    pub impact: Impact,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub end_line: u32,
    pub embedded_path: Option<String>,
    pub subject: Subject,
    /// The resource or argument as this version wrote it.
    pub code_excerpt: String,
}

/// A finding of the before version, and how the after version wrote the same thing.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub before: Entry,
    /// The after version's finding, for one that remains.
    pub after: Option<Entry>,
    /// The after version's code for the same resource or argument, when it has one.
    pub after_code: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Version of this JSON shape.
    pub version: u32,
    pub before: String,
    pub after: String,
    pub fixed: Vec<Outcome>,
    pub remaining: Vec<Outcome>,
    pub introduced: Vec<Entry>,
}

impl Comparison {
    /// The before version's quality, 0–100: `100 / (1 + W / 10)`, where W sums the weights of its
    /// findings (Critical 10, High 5, Medium 2, Low 1). No findings: 100; one critical: 50.
    pub fn quality_before(&self) -> u32 {
        quality(self.fixed.iter().chain(&self.remaining).map(|o| o.before.impact))
    }

    /// The same figure for the after version (its remaining and introduced findings).
    pub fn quality_after(&self) -> u32 {
        quality(self.remaining.iter().filter_map(|o| o.after.as_ref()).chain(&self.introduced).map(|e| e.impact))
    }
}

fn quality(impacts: impl Iterator<Item = Impact>) -> u32 {
    let w: u32 = impacts.map(Impact::weight).sum();
    (1000.0 / (10.0 + f64::from(w))).round() as u32
}

/// Compares the findings of two versions of a program.
pub fn compare(before_label: &str, before: &Report<'_>, after_label: &str, after: &Report<'_>) -> Comparison {
    let b: Vec<Entry> = before.diagnostics.iter().map(|d| entry(before.program, d)).collect();
    let a: Vec<Entry> = after.diagnostics.iter().map(|d| entry(after.program, d)).collect();
    let mut taken = vec![false; a.len()];
    let (mut fixed, mut remaining) = (Vec::new(), Vec::new());
    for e in b {
        let best = a
            .iter()
            .enumerate()
            .filter(|(i, x)| !taken[*i] && x.code == e.code)
            .map(|(i, x)| (similarity(&e, x), i))
            .filter(|(s, _)| *s > 0)
            .max_by_key(|(s, i)| (*s, std::cmp::Reverse(*i)));
        match best {
            Some((_, i)) => {
                taken[i] = true;
                let after_code = Some(a[i].code_excerpt.clone());
                remaining.push(Outcome { before: e, after: Some(a[i].clone()), after_code });
            }
            None => {
                let after_code = counterpart(after.program, &e.subject);
                fixed.push(Outcome { before: e, after: None, after_code });
            }
        }
    }
    let introduced = a.into_iter().zip(taken).filter(|(_, t)| !t).map(|(e, _)| e).collect();
    Comparison { version: 1, before: before_label.to_string(), after: after_label.to_string(), fixed, remaining, introduced }
}

/// How surely two findings of one rule are the same: 0 when they are not.
fn similarity(x: &Entry, y: &Entry) -> u32 {
    let (s, t) = (&x.subject, &y.subject);
    let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
    match (s.resource_type.is_some(), t.resource_type.is_some()) {
        (true, true) => {
            if s.resource_type != t.resource_type {
                return 0;
            }
            let name = same(&s.resource_name, &t.resource_name) || same(&s.binding, &t.binding);
            let arg = s.argument == t.argument;
            match (name, arg) {
                (true, true) => 4,
                (true, false) => 3,
                (false, true) if s.resource_name.is_none() || t.resource_name.is_none() || x.message == y.message => 2,
                _ if x.message == y.message => 1,
                _ => 0,
            }
        }
        (false, false) => u32::from(x.message == y.message),
        _ => 0,
    }
}

fn entry(p: &Program, d: &Diagnostic) -> Entry {
    let range = p.sources.host_range(d.span);
    let (subject, excerpt) = subject_of(p, d.span);
    Entry {
        code: d.code,
        name: d.name,
        category: d.family.prefix(),
        severity: d.severity.as_str(),
        impact: impact(d),
        message: d.message.clone(),
        file: p.sources.get(range.file).path.clone(),
        line: range.start.line,
        end_line: range.end.line,
        embedded_path: p.sources.get(d.span.file).embedded_name().map(str::to_string),
        subject,
        code_excerpt: excerpt,
    }
}

/// The innermost resource construction containing `span`, the argument it lies in, and the code
/// to show: the argument when there is one, else the construction, else the flagged lines.
fn subject_of(p: &Program, span: Span) -> (Subject, String) {
    let within = |outer: Span| outer.file == span.file && outer.start <= span.start && span.end <= outer.end;
    let resource = p.resources.iter().filter(|r| within(r.span)).min_by_key(|r| r.span.end - r.span.start);
    let Some(r) = resource else {
        return (Subject { resource_type: None, resource_name: None, binding: None, argument: None }, lines_around(p, span));
    };
    let arg = r.args.iter().find(|a| within(a.key.span.cover(a.value.span)));
    let excerpt = match arg {
        Some(a) => source_text(p, a.key.span.cover(a.value.span)),
        None => source_text(p, r.span),
    };
    let subject = Subject {
        resource_type: Some(r.token.clone()),
        resource_name: resource_name(r),
        binding: r.binding.clone(),
        argument: arg.map(|a| a.key.canonical.clone()),
    };
    (subject, excerpt)
}

fn resource_name(r: &Resource) -> Option<String> {
    r.logical_name().map(str::to_string).or_else(|| r.binding.clone())
}

/// How the after version writes the subject of a fixed finding: the same argument of the same
/// resource, else the resource.
fn counterpart(p: &Program, s: &Subject) -> Option<String> {
    let token = s.resource_type.as_ref()?;
    let candidates: Vec<&Resource> = p.resources.iter().filter(|r| &r.token == token).collect();
    let r = candidates
        .iter()
        .find(|r| s.resource_name.is_some() && resource_name(r) == s.resource_name)
        .or_else(|| candidates.iter().find(|r| s.binding.is_some() && r.binding == s.binding))
        .or_else(|| if candidates.len() == 1 { candidates.first() } else { None })?;
    let arg = s.argument.as_ref().and_then(|name| r.args.iter().find(|a| &a.key.canonical == name));
    Some(match arg {
        Some(a) => source_text(p, a.key.span.cover(a.value.span)),
        None => source_text(p, r.span),
    })
}

/// A span's byte range in its file's text, clamped to the text and to character boundaries.
fn range(text: &str, span: Span) -> (usize, usize) {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = clamp(span.start as usize);
    (start, clamp(span.end as usize).max(start))
}

/// Source text of a span from the start of its first line, at most 25 lines.
fn source_text(p: &Program, span: Span) -> String {
    let text = &p.sources.get(span.file).text;
    let (start, end) = range(text, span);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..start];
    let whole = if prefix.trim().is_empty() { &text[line_start..end] } else { &text[start..end] };
    let lines: Vec<&str> = whole.lines().collect();
    let out = if lines.len() > 25 { format!("{}\n...", lines[..25].join("\n")) } else { lines.join("\n") };
    dedent(&out)
}

/// The whole lines a span touches.
fn lines_around(p: &Program, span: Span) -> String {
    let text = &p.sources.get(span.file).text;
    let (start, end) = range(text, span);
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    dedent(&text[first..last])
}

fn dedent(s: &str) -> String {
    let indent = s.lines().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    s.lines().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
}

/// One task's counts in a batch summary.
#[derive(Debug, Serialize)]
pub struct SummaryRow {
    pub task: String,
    pub before_findings: usize,
    pub fixed: usize,
    pub remaining: usize,
    pub introduced: usize,
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub quality_before: u32,
    pub quality_after: u32,
}

/// The counts of one comparison (impact counts are the before version's).
pub fn summary_row(task: &str, c: &Comparison) -> SummaryRow {
    let count = |level: Impact| c.fixed.iter().chain(&c.remaining).filter(|o| o.before.impact == level).count();
    SummaryRow {
        task: task.to_string(),
        before_findings: c.fixed.len() + c.remaining.len(),
        fixed: c.fixed.len(),
        remaining: c.remaining.len(),
        introduced: c.introduced.len(),
        critical: count(Impact::Critical),
        high: count(Impact::High),
        medium: count(Impact::Medium),
        low: count(Impact::Low),
        quality_before: c.quality_before(),
        quality_after: c.quality_after(),
    }
}

pub fn summary_csv(rows: &[SummaryRow]) -> String {
    let mut s = String::from("task,before_findings,fixed,remaining,introduced,critical,high,medium,low,quality_before,quality_after\n");
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            r.task, r.before_findings, r.fixed, r.remaining, r.introduced, r.critical, r.high, r.medium, r.low, r.quality_before, r.quality_after
        ));
    }
    s
}

/// The machine form.
pub fn json(c: &Comparison) -> String {
    let mut s = serde_json::to_string_pretty(c).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// A failure analysis in the shape reviewers write by hand: summary counts by impact, one section
/// per failure of the before version (its code, the after version's code, why it fails), the
/// failures the after version introduced, a category table and the quality figures.
pub fn markdown(c: &Comparison, rule: &dyn Fn(&str) -> Option<&'static RuleMeta>) -> String {
    let mut s = String::from("# Failure analysis\n\n");
    s.push_str(&format!("Before: `{}`  \nAfter: `{}`\n\n", c.before, c.after));
    s.push_str("## Summary\n\n| impact | in before | fixed | remaining | introduced |\n|---|---:|---:|---:|---:|\n");
    for level in Impact::ALL {
        let f = c.fixed.iter().filter(|o| o.before.impact == level).count();
        let r = c.remaining.iter().filter(|o| o.before.impact == level).count();
        let i = c.introduced.iter().filter(|e| e.impact == level).count();
        s.push_str(&format!("| {} | {} | {f} | {r} | {i} |\n", level.as_str(), f + r));
    }
    let (f, r, i) = (c.fixed.len(), c.remaining.len(), c.introduced.len());
    s.push_str(&format!("| **total** | {} | {f} | {r} | {i} |\n\n", f + r));
    s.push_str(&format!(
        "Quality: before {} / 100, after {} / 100 (`100 / (1 + W/10)`, W the sum of finding weights: Critical 10, High 5, Medium 2, Low 1).\n\n",
        c.quality_before(),
        c.quality_after()
    ));
    let mut n = 0;
    let mut section = |title: &str, items: Vec<(&Entry, Option<&str>, &str)>, s: &mut String| {
        if items.is_empty() {
            return;
        }
        s.push_str(&format!("## {title}\n\n"));
        let mut sorted = items;
        sorted.sort_by_key(|(e, _, _)| (e.impact, e.file.clone(), e.line));
        for (e, after_code, after_label) in sorted {
            n += 1;
            s.push_str(&format!("### {n}. {} {}: {}\n\n", e.code, e.name, e.message));
            s.push_str(&format!("**Impact level**: {} · **Category**: {}\n\n", e.impact.as_str(), e.category));
            let place = e.embedded_path.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
            s.push_str(&format!("**{}** `{}:{}`{place}:\n```{}\n{}\n```\n\n", if after_label.is_empty() { "Code" } else { "Before" }, e.file, e.line, fence(e), e.code_excerpt));
            if !after_label.is_empty() {
                match after_code {
                    Some(code) => s.push_str(&format!("**{after_label}**:\n```{}\n{code}\n```\n\n", fence(e))),
                    None => s.push_str(&format!("**{after_label}**: the after version has no such resource.\n\n")),
                }
            }
            if let Some(m) = rule(e.code) {
                s.push_str(&format!("**Why it fails**: {}\n\n", why(m)));
            }
        }
    };
    let fixed = c.fixed.iter().map(|o| (&o.before, o.after_code.as_deref(), "After (fixed)")).collect();
    section("Fixed in the after version", fixed, &mut s);
    let remaining = c.remaining.iter().map(|o| (&o.before, o.after_code.as_deref(), "After (still failing)")).collect();
    section("Remaining in the after version", remaining, &mut s);
    let introduced = c.introduced.iter().map(|e| (e, None, "")).collect();
    section("Introduced by the after version", introduced, &mut s);
    s.push_str("## Categories\n\n| category | fixed | remaining | introduced |\n|---|---:|---:|---:|\n");
    let mut cats: Vec<&str> = c.fixed.iter().chain(&c.remaining).map(|o| o.before.category).chain(c.introduced.iter().map(|e| e.category)).collect();
    cats.sort();
    cats.dedup();
    for cat in cats {
        let f = c.fixed.iter().filter(|o| o.before.category == cat).count();
        let r = c.remaining.iter().filter(|o| o.before.category == cat).count();
        let i = c.introduced.iter().filter(|e| e.category == cat).count();
        s.push_str(&format!("| {cat} | {f} | {r} | {i} |\n"));
    }
    s
}

/// The plain-text form: one line per finding under fixed / remaining / introduced.
pub fn plain(c: &Comparison) -> String {
    let mut s = format!("before: {}\nafter:  {}\n", c.before, c.after);
    let line = |e: &Entry| format!("  {}:{}: {} [{}] {}\n", e.file, e.line, e.code, e.impact.as_str(), e.message);
    for (title, items) in [("fixed", c.fixed.iter().map(|o| &o.before).collect::<Vec<_>>()), ("remaining", c.remaining.iter().map(|o| &o.before).collect())] {
        s.push_str(&format!("{title} ({}):\n", items.len()));
        items.into_iter().for_each(|e| s.push_str(&line(e)));
    }
    s.push_str(&format!("introduced ({}):\n", c.introduced.len()));
    c.introduced.iter().for_each(|e| s.push_str(&line(e)));
    s.push_str(&format!("quality: before {} / 100, after {} / 100\n", c.quality_before(), c.quality_after()));
    s
}

fn fence(e: &Entry) -> &'static str {
    let path = e.embedded_path.as_deref().unwrap_or(&e.file);
    if path.ends_with(".py") {
        "python"
    } else if path.ends_with(".ts") || path.ends_with(".js") {
        "typescript"
    } else {
        ""
    }
}

/// The first paragraph of a rule's "Why is this bad?" section, on one line.
fn why(m: &RuleMeta) -> String {
    let docs = m.docs;
    let body = docs.split("## Why is this bad?").nth(1).unwrap_or(m.summary);
    let para = body.trim_start().split("\n\n").next().unwrap_or("").split("\n## ").next().unwrap_or("");
    let joined = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if joined.is_empty() { m.summary.to_string() } else { joined }
}
