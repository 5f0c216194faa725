//! Questions many rules ask of a program: which resources exist, what refers to what, which
//! literal text an argument holds. Every answer is conservative: unknown values give no facts.

use pulint_model::{token, Program, Resource, ResourceId, ResourceKind, Span, Value, ValueKind};

/// S3 bucket types (the current `Bucket` and the v6 `BucketV2`).
pub const BUCKETS: &[&str] = &["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/// Separate S3 versioning resources.
pub const VERSIONINGS: &[&str] = &["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning"];

/// Classes programs write by mistake under the AWS API's (or Terraform's) name, and the SDK type
/// they mean. The program fails until renamed; rules that use this judge it as meant, since the
/// renamed program keeps the defect.
const MISNAMED: &[(&str, &str)] = &[
    ("aws:cfg/configurationRecorder:ConfigurationRecorder", "aws:cfg/recorder:Recorder"),
    ("aws:cfg/configurationRecorderStatus:ConfigurationRecorderStatus", "aws:cfg/recorderStatus:RecorderStatus"),
    ("aws:logs/logGroup:LogGroup", "aws:cloudwatch/logGroup:LogGroup"),
    ("aws:s3/bucketReplicationConfiguration:BucketReplicationConfiguration", "aws:s3/bucketReplicationConfig:BucketReplicationConfig"),
];

/// Created resources of `token`, and of the misnamed classes that mean it.
pub fn created_as<'a>(p: &'a Program, token: &'a str) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
    created(p).filter(move |(_, r)| r.token == token || MISNAMED.contains(&(r.token.as_str(), token)))
}

/// Resources the program creates (not providers, components or `.get` reads), with their ids.
pub fn created(p: &Program) -> impl Iterator<Item = (ResourceId, &Resource)> {
    p.resources.iter().enumerate().filter(|(_, r)| r.kind == ResourceKind::Custom).map(|(i, r)| (ResourceId(i as u32), r))
}

/// Created resources of one type token.
pub fn created_of<'a>(p: &'a Program, token: &'a str) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
    created(p).filter(move |(_, r)| r.token == token)
}

/// True when the program creates at least one resource of this type.
pub fn creates(p: &Program, token: &str) -> bool {
    created_of(p, token).next().is_some()
}

/// How a message names a resource: its binding, else its logical name, else its type.
pub fn name_of(r: &Resource) -> String {
    match (&r.binding, r.logical_name()) {
        (Some(b), _) => format!("`{b}`"),
        (None, Some(n)) => format!("`{n}`"),
        (None, None) => format!("this `{}`", token::display(&r.token)),
    }
}

/// A resource named with a noun for its kind: "notification `uploads`", or "this
/// `aws.s3.BucketNotification`" when it has no name pulint knows.
pub fn kind_and_name(kind: &str, r: &Resource) -> String {
    match (&r.binding, r.logical_name()) {
        (None, None) => name_of(r),
        _ => format!("{kind} {}", name_of(r)),
    }
}

/// Names the program reads but never defines (code a document leaves out), from the unknowns
/// of resource arguments and of exports.
pub fn undefined_names(p: &Program) -> Vec<&str> {
    let mut reasons: Vec<&str> = p.unknowns.iter().map(|(_, r)| r.as_str()).collect();
    for e in &p.exports {
        e.value.walk(&mut |v| {
            if let ValueKind::Unknown { reason: r, .. } = &v.kind {
                reasons.push(r);
            }
        });
    }
    reasons.into_iter().filter_map(|r| r.strip_suffix(pulint_model::UNDEFINED_SUFFIX)?.strip_prefix('`')?.strip_suffix('`')).collect()
}

/// The resources a value refers to (as objects or through attributes), anywhere inside it.
pub fn referenced(v: &Value) -> Vec<ResourceId> {
    let mut out = Vec::new();
    v.walk(&mut |v| {
        if let Some(r) = v.resource() {
            out.push(r);
        }
    });
    out
}

/// The resources a value passes on as references: like [`referenced`], but not through text
/// (string interpolation, JSON documents), where an ID or ARN is data rather than wiring.
pub fn wired(v: &Value) -> Vec<ResourceId> {
    let mut out = Vec::new();
    wired_into(v, &mut out, 0);
    out
}

fn wired_into(v: &Value, out: &mut Vec<ResourceId>, depth: u32) {
    if depth > 32 {
        return;
    }
    match &v.kind {
        ValueKind::Interp { .. } | ValueKind::Json { .. } => {}
        ValueKind::Resource(r) | ValueKind::Attr { resource: r, .. } => out.push(*r),
        ValueKind::List(items) | ValueKind::All(items) => items.iter().for_each(|i| wired_into(i, out, depth + 1)),
        ValueKind::Object(props) => props.iter().for_each(|p| wired_into(&p.value, out, depth + 1)),
        ValueKind::Secret(inner) => wired_into(inner, out, depth + 1),
        // An apply that builds text from its inputs is text too.
        ValueKind::Apply { result, .. } if matches!(result.kind, ValueKind::Interp { .. } | ValueKind::String(_) | ValueKind::Json { .. }) => {}
        ValueKind::Apply { inputs, .. } => inputs.iter().for_each(|i| wired_into(i, out, depth + 1)),
        _ => {}
    }
}

/// True when any argument of `r` (or its `dependsOn`) refers to `target`.
pub fn refers_to(r: &Resource, target: ResourceId) -> bool {
    r.args.iter().any(|a| referenced(&a.value).contains(&target))
        || r.options.depends_on().iter().any(|d| referenced(d).contains(&target))
}

/// Who refers to whom: for every resource, the resources whose arguments mention it.
pub struct Refs {
    by_target: Vec<Vec<ResourceId>>,
}

impl Refs {
    pub fn new(p: &Program) -> Refs {
        Refs::by(p, referenced)
    }

    /// Who is wired to whom: references passed as values, not written into text ([`wired`]).
    pub fn wiring(p: &Program) -> Refs {
        Refs::by(p, wired)
    }

    fn by(p: &Program, refs_of: fn(&Value) -> Vec<ResourceId>) -> Refs {
        let mut by_target = vec![Vec::new(); p.resources.len()];
        for (i, r) in p.resources.iter().enumerate() {
            let me = ResourceId(i as u32);
            let mut targets: Vec<ResourceId> = r.args.iter().flat_map(|a| refs_of(&a.value)).collect();
            targets.sort_by_key(|t| t.0);
            targets.dedup();
            for t in targets {
                if t != me {
                    by_target[t.index()].push(me);
                }
            }
        }
        Refs { by_target }
    }

    /// The resources whose arguments refer to `target`.
    pub fn referrers(&self, target: ResourceId) -> &[ResourceId] {
        &self.by_target[target.index()]
    }
}

/// A known boolean after resolving config reads.
pub fn bool_of(p: &Program, v: &Value) -> Option<bool> {
    p.resolve(v).as_bool()
}

/// A known number after resolving config reads.
pub fn number_of(p: &Program, v: &Value) -> Option<f64> {
    p.resolve(v).as_number()
}

/// True when the argument is absent or written as an explicit `None`/`undefined`.
pub fn absent(r: &Resource, canonical: &str) -> bool {
    matches!(r.arg(canonical), None | Some(Value { kind: ValueKind::Null, .. }))
}

/// True when a resource's argument values contain nothing pulint could not evaluate, so a missing
/// argument is really missing (not hidden in a `**kwargs` spread or an unknown args object).
pub fn args_complete(r: &Resource) -> bool {
    !r.args.iter().any(|a| matches!(a.key.canonical.as_str(), "*" | "**"))
}

/// The service module of a resource type (`ec2` for `aws:ec2/vpc:Vpc`).
pub fn module(tok: &str) -> &str {
    token::split(tok).map(|(m, _)| m).unwrap_or("")
}

/// Where to point for a value used at a site: the value itself when it is written inside the
/// site, else the site (the value came from a constant or a parameter defined elsewhere).
pub fn anchor(value: Span, site: Span) -> Span {
    if value.start < value.end && contains(site, value) { value } else { site }
}

/// True when `inner` lies within `outer` (same file).
pub fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

/// For a literal that is itself the defect (a wildcard, a secret): point at the literal, and
/// return the site as a secondary place when the literal is written outside it.
pub fn literal_and_use(value: Span, site: Span) -> (Span, Option<Span>) {
    if value.start == value.end {
        return (site, None);
    }
    (value, (!contains(site, value)).then_some(site))
}

/// Length of an AWS region code at the start of `s` (`us-east-1`, `ap-southeast-2`,
/// `us-gov-west-1`, `us-iso-east-1`).
pub fn region_len(s: &str) -> Option<usize> {
    const GEOS: &[&str] = &["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-", "cn-"];
    const PARTITIONS: &[&str] = &["gov-", "isob-", "iso-"];
    const DIRECTIONS: &[&str] = &["northeast-", "northwest-", "southeast-", "southwest-", "north-", "south-", "east-", "west-", "central-"];
    let geo = GEOS.iter().find(|g| s.starts_with(*g))?.len();
    let partition = PARTITIONS.iter().find(|x| s[geo..].starts_with(*x)).map_or(0, |x| x.len());
    let at = geo + partition;
    let dir = DIRECTIONS.iter().find(|d| s[at..].starts_with(*d))?.len();
    let digits = s[at + dir..].bytes().take_while(u8::is_ascii_digit).count();
    (digits >= 1).then_some(at + dir + digits)
}

/// True when `s` is exactly a region code.
pub fn is_region(s: &str) -> bool {
    region_len(s) == Some(s.len())
}

/// The buckets of an S3 replication configuration that the program creates: its source
/// (`bucket`) and every rule's destination, each with its role in the replication.
pub fn replication_buckets(p: &Program, r: &Resource) -> Vec<(ResourceId, &'static str)> {
    let mut buckets = Vec::new();
    if let Some(src) = r.arg("bucket").and_then(|v| p.resolve(v).resource()) {
        buckets.push((src, "source"));
    }
    let rules = r.arg("rules").map(|v| p.resolve(v)).and_then(|v| v.as_list()).unwrap_or(&[]);
    for rule in rules {
        let dest = p.resolve(rule).get("destination").map(|d| p.resolve(d)).and_then(|d| d.get("bucket"));
        if let Some(dst) = dest.and_then(|v| p.resolve(v).resource()) {
            buckets.push((dst, "destination"));
        }
    }
    buckets
}

/// The source text of a span.
pub fn text_of(p: &Program, span: Span) -> &str {
    let f = p.sources.get(span.file);
    f.text.get(span.start as usize..span.end as usize).unwrap_or("")
}

/// True when the construction's text shows that arguments were left out (`// ...`, `# ...`,
/// `...` on its own line): a snippet, not a full program, so missing arguments prove nothing.
pub fn elided(p: &Program, span: Span) -> bool {
    let marks = p.sources.get(span.file).elisions();
    let first = marks.partition_point(|(start, _)| *start < span.start);
    marks[first..].iter().take_while(|(start, _)| *start < span.end).any(|(_, end)| *end <= span.end)
}

/// A fixed set of short ASCII words to look for in many texts (every key of every value): the
/// table of first bytes is built at compile time, and a byte of the text only leads to the words
/// that start with it (a searcher per word and text cost more than the rules it served).
pub struct WordSet {
    words: &'static [&'static str],
    /// For every byte, the words (as bits of their index) that start with it.
    starts: [u64; 256],
    /// Whether matching ignores ASCII case (the words are then written in lower case).
    fold: bool,
}

impl WordSet {
    /// Words matched byte for byte.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet::build(words, false)
    }

    /// Words (in lower case) matched ignoring ASCII case, as in a text folded to lower case.
    pub const fn ignore_case(words: &'static [&'static str]) -> WordSet {
        WordSet::build(words, true)
    }

    const fn build(words: &'static [&'static str], fold: bool) -> WordSet {
        assert!(words.len() <= 64, "a word set holds at most 64 words");
        let mut starts = [0u64; 256];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            assert!(!b.is_empty(), "no empty words");
            starts[b[0] as usize] |= 1 << i;
            if fold {
                starts[b[0].to_ascii_uppercase() as usize] |= 1 << i;
            }
            i += 1;
        }
        WordSet { words, starts, fold }
    }

    /// Whether word `bit` occurs at the start of `rest`. An inline loop: most candidates differ
    /// in their second byte, before a memcmp call would have been set up.
    fn at(&self, bit: usize, rest: &[u8]) -> bool {
        let w = self.words[bit].as_bytes();
        rest.len() >= w.len() && w.iter().zip(rest).all(|(a, b)| a == b || (self.fold && a.eq_ignore_ascii_case(b)))
    }

    /// Whether any of the words occurs in `t`.
    pub fn in_text(&self, t: &[u8]) -> bool {
        (0..t.len()).any(|i| {
            let mut m = self.starts[usize::from(t[i])];
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                m &= m - 1;
                if self.at(bit, &t[i..]) {
                    return true;
                }
            }
            false
        })
    }

    /// Which of the words occur in `t`, as bits of their index: one pass answers for all of them.
    pub fn found(&self, t: &[u8]) -> u64 {
        let mut found = 0;
        for i in 0..t.len() {
            let mut m = self.starts[usize::from(t[i])] & !found;
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                m &= m - 1;
                if self.at(bit, &t[i..]) {
                    found |= 1 << bit;
                }
            }
        }
        found
    }
}

/// Where `word` first starts in `text`: memchr jumps to each occurrence of its first byte, so a
/// text without that byte costs one vectorised scan.
pub fn find_text(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else { return Some(0) };
    memchr::memchr_iter(first, t).find(|&i| t[i..].starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_and_text_search() {
        static SET: WordSet = WordSet::new(&["secret", "token", "tok"]);
        static FOLDED: WordSet = WordSet::ignore_case(&["region", "peer"]);
        assert!(SET.in_text(b"apitoken") && SET.in_text(b"tok") && SET.in_text(b"xsecret"));
        assert!(!SET.in_text(b"to") && !SET.in_text(b"Token") && !SET.in_text(b""));
        assert!(FOLDED.in_text(b"awslogs-Region") && FOLDED.in_text(b"PEER") && !FOLDED.in_text(b"regio"));
        assert_eq!(SET.found(b"mysecrettoken"), 0b111);
        assert_eq!(FOLDED.found(b"PeerRegion-peer"), 0b11);
        assert_eq!(FOLDED.found(b"none"), 0);
        assert_eq!(find_text("a://b://", "://"), Some(1));
        assert_eq!(find_text("a:/b", "://"), None);
        assert_eq!(find_text("abc", ""), Some(0));
        assert_eq!(find_text("arn:aws:s3:::b", ":::"), Some(10));
        assert_eq!(find_text("größe-bucket", "bucket"), Some(8));
    }
}
