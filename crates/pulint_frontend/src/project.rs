//! From the files of one program to a linked [`Program`]: decoding, Markdown splitting, stack
//! configuration, lowering each file, evaluating the program, linking.

use crate::eval::{Evaluator, ModuleInput};
use crate::yaml::{Node, Yaml};
use crate::{markdown, python, typescript, Parsed};
use pulint_model::*;

/// Files larger than this are reported and skipped: a per-file budget keeps runs bounded.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// One file handed to the frontend.
pub struct Input {
    /// The path to print (as given or discovered).
    pub path: String,
    /// The path inside the program's root, `/`-separated; decides imports and test detection.
    pub rel: String,
    pub bytes: Vec<u8>,
}

#[derive(Default)]
pub struct Options {
    /// The stack whose `Pulumi.<stack>.yaml` supplies configuration.
    pub stack: Option<String>,
}

/// A code file lowered, waiting for evaluation.
struct Lowered {
    file: FileId,
    path: String,
    python: bool,
    parsed: Parsed,
    /// A fence without a file name: evaluated only when it parses cleanly or is the only code.
    fragment: bool,
}

/// Stack the frontend runs on: parsing and lowering recurse per nesting level, and the nesting
/// guard ([`crate::guard`]) bounds the levels; this bounds the bytes. Reserved, not committed:
/// only the pages a deep file touches are used.
pub const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Builds one program from its files. Never fails: problems become notes.
pub fn build(inputs: Vec<Input>, options: &Options) -> Program {
    // Run on a stack of known size, whatever thread the caller is on (rayon's are 2 MiB).
    stacker::maybe_grow(STACK_BYTES / 2, STACK_BYTES, || build_on_stack(inputs, options))
}

fn build_on_stack(inputs: Vec<Input>, options: &Options) -> Program {
    let mut program = Program::default();
    let mut lowered = Vec::new();
    let mut yaml_files: Vec<(FileId, String)> = Vec::new();
    for mut input in inputs {
        let kind = FileKind::from_path(&input.rel);
        let Some(text) = decode(&mut program, &mut input, kind) else { continue };
        let host = program.sources.add(SourceFile::new(input.path.clone(), kind, text, Origin::Disk));
        match kind {
            FileKind::Markdown => split_markdown(&mut program, host, &mut lowered, &mut yaml_files),
            FileKind::Python | FileKind::TypeScript | FileKind::JavaScript => {
                lowered.push(lower(&mut program, host, input.rel.clone(), kind, false));
            }
            FileKind::Yaml => yaml_files.push((host, input.rel.clone())),
            FileKind::Other => {}
        }
    }
    classify_excerpts(&program, &mut lowered);
    note_syntax_errors(&mut program, &lowered);
    program.stack = stack_config(&program, &yaml_files, options);
    evaluate(&mut program, lowered);
    crate::link::link(&mut program);
    program
}

/// Text of a file, or a note saying why it cannot be read.
fn decode(program: &mut Program, input: &mut Input, kind: FileKind) -> Option<String> {
    if input.bytes.len() > MAX_FILE_BYTES {
        let message = format!("file is larger than {} MB; skipped", MAX_FILE_BYTES / (1024 * 1024));
        return note_file(program, input, kind, NoteKind::Budget, message);
    }
    if memchr::memchr(0, &input.bytes[..input.bytes.len().min(8192)]).is_some() {
        return note_file(program, input, kind, NoteKind::Unreadable, "file is binary (contains NUL bytes); skipped".to_string());
    }
    // Valid UTF-8 keeps its buffer: no copy.
    match String::from_utf8(std::mem::take(&mut input.bytes)) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Some(text)
        }
        // A stray byte from another encoding should not cost the whole file: invalid bytes
        // become U+FFFD (one character each, so lines and columns stay right) and are reported.
        Err(e) => {
            let offset = e.utf8_error().valid_up_to() as u32;
            let text = String::from_utf8_lossy(e.as_bytes());
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            let pending = Note {
                kind: NoteKind::Unreadable,
                message: format!("file is not valid UTF-8 (first invalid byte at offset {offset}); invalid bytes were read as U+FFFD"),
                // The caller adds this file to the source map next: this is its id.
                span: Span::new(FileId(program.sources.len() as u32), offset, offset + 1),
            };
            program.notes.push(pending);
            Some(text)
        }
    }
}

fn note_file(program: &mut Program, input: &Input, kind: FileKind, note: NoteKind, message: String) -> Option<String> {
    let file = program.sources.add(SourceFile::new(input.path.clone(), kind, String::new(), Origin::Disk));
    program.notes.push(Note { kind: note, message, span: Span::new(file, 0, 0) });
    None
}

fn lower(program: &mut Program, file: FileId, path: String, kind: FileKind, fragment: bool) -> Lowered {
    let text = &program.sources.get(file).text;
    let python = kind == FileKind::Python;
    if let Some(message) = crate::guard::refuse(text, kind) {
        let len = text.len() as u32;
        program.notes.push(Note { kind: NoteKind::Budget, message, span: Span::new(file, 0, len.min(1)) });
        let parsed = Parsed { module: crate::ir::Module { body: Vec::new(), suppressions: Vec::new() }, errors: Vec::new() };
        return Lowered { file, path, python, parsed, fragment };
    }
    let parsed = match kind {
        FileKind::Python => python::lower(file, text),
        _ => typescript::lower(file, text, kind),
    };
    Lowered { file, path, python, parsed, fragment }
}

/// Not every named block is a program file. Test and tooling files are not part of the Pulumi
/// program, and a block that does not parse while another block of the same name does is an
/// excerpt (a document showing a fix), not a new version: both count as fragments, so their
/// syntax errors are only noted and they never supersede the file. So is a broken block of a
/// document that never mentions Pulumi (a helper script shown with elided bodies).
fn classify_excerpts(program: &Program, lowered: &mut [Lowered]) {
    // The paths of which some version parses.
    let parsing: rustc_hash::FxHashSet<String> = lowered.iter().filter(|l| l.parsed.errors.is_empty()).map(|l| l.path.clone()).collect();
    for l in lowered.iter_mut().filter(|l| !l.fragment) {
        let broken = !l.parsed.errors.is_empty();
        let excerpt = broken && parsing.contains(&l.path);
        let source = program.sources.get(l.file);
        let foreign = broken && matches!(source.origin, Origin::Embedded { .. }) && !source.text.contains("pulumi");
        l.fragment = excerpt || foreign || is_test_path(&l.path);
    }
}

fn note_syntax_errors(program: &mut Program, lowered: &[Lowered]) {
    for l in lowered {
        let Some((message, span)) = l.parsed.errors.first() else { continue };
        let more = l.parsed.errors.len() - 1;
        let message = if more > 0 { format!("{message} (and {more} more syntax errors)") } else { message.clone() };
        let kind = if l.fragment { NoteKind::FragmentSyntaxError } else { NoteKind::SyntaxError };
        program.notes.push(Note { kind, message, span: *span });
    }
}

/// Each fenced block becomes an embedded file; code blocks are lowered, YAML kept for config.
fn split_markdown(program: &mut Program, host: FileId, lowered: &mut Vec<Lowered>, yaml: &mut Vec<(FileId, String)>) {
    let host_path = program.sources.get(host).path.clone();
    let host_name = host_path.rsplit('/').next().unwrap_or(&host_path).to_string();
    let blocks = markdown::blocks(&program.sources.get(host).text);
    for (n, block) in blocks.into_iter().enumerate() {
        let ext = match block.kind {
            FileKind::Python => "py",
            FileKind::TypeScript => "ts",
            FileKind::JavaScript => "js",
            FileKind::Yaml => "yaml",
            // A dependency manifest the document shows (`requirements.txt`): kept as a source for
            // the versions it pins, not lowered.
            _ => {
                if let Some(name) = block.name.as_ref().filter(|n| pulint_model::is_manifest(n.rsplit('/').next().unwrap_or(n))) {
                    let origin = Origin::Embedded { host, lines: block.lines, named: Some(name.clone()) };
                    program.sources.add(SourceFile::new(name.clone(), FileKind::Other, block.text, origin));
                }
                continue;
            }
        };
        let path = block.name.clone().unwrap_or_else(|| format!("{host_name}#block{}.{ext}", n + 1));
        let origin = Origin::Embedded { host, lines: block.lines, named: block.name.clone() };
        let file = program.sources.add(SourceFile::new(path.clone(), block.kind, block.text, origin));
        match block.kind {
            FileKind::Yaml => yaml.push((file, path)),
            kind => lowered.push(lower(program, file, path, kind, block.name.is_none())),
        }
    }
}

/// Test code runs against mocks, not as part of the deployed program.
pub fn is_test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    lower.starts_with("tests/")
        || lower.starts_with("test/")
        || lower.contains("/tests/")
        || lower.contains("/test/")
        || lower.contains("__tests__/")
        || lower.contains("node_modules/")
        || file.starts_with("test_")
        || file.ends_with("_test.py")
        || file == "conftest.py"
        || file.contains(".test.")
        || file.contains(".spec.")
        || file == "jest.config.js"
}

const ENTRY_CANDIDATES: &[&str] =
    &["__main__.py", "tap.py", "main.py", "index.ts", "bin/tap.ts", "index.js", "src/index.ts", "app.py", "bin/tap.js"];

/// A file named like an entry module (`lib/__main__.py`, `src/index.ts`), in any directory.
pub(crate) fn named_like_entry(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    // `lib__main__.py`: a document's `lib\_\_main\_\_.py` heading that lost its slash.
    name.ends_with("__main__.py") || ENTRY_CANDIDATES.iter().any(|c| !c.contains('/') && *c == name)
}

fn evaluate(program: &mut Program, lowered: Vec<Lowered>) {
    let mut inputs: Vec<ModuleInput> = Vec::new();
    let main = program.stack.main.clone();
    // A document's only code block is its program even when it does not parse (an answer cut
    // off mid-statement): the parsers recover, and what they recover is worth checking.
    let lone = lowered.len() == 1;
    let evaluable: Vec<Lowered> = lowered
        .into_iter()
        .filter_map(|l| {
            program.suppressions.extend(l.parsed.module.suppressions.iter().cloned());
            // Test code and excerpts (broken fragments beside other code) are not part of the program.
            let broken = !l.parsed.errors.is_empty();
            (!(is_test_path(&l.path) || (l.fragment && broken && !lone))).then_some(l)
        })
        .collect();
    // A file shown twice in a document: imports link to the last version; earlier versions are
    // still analysed, and marked superseded so cross-resource rules can discount them.
    let mut last_of: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for (i, l) in evaluable.iter().enumerate() {
        last_of.insert(&l.path, i);
    }
    let entry_path = main
        .as_deref()
        .and_then(|m| evaluable.iter().find(|l| l.path == m || l.path.starts_with(&format!("{m}/"))).map(|l| l.path.clone()))
        .or_else(|| ENTRY_CANDIDATES.iter().find(|c| evaluable.iter().any(|l| l.path == **c)).map(|c| c.to_string()))
        // A document may show the entry under a directory (`lib/__main__.py`): the shallowest file
        // named like an entry module.
        .or_else(|| {
            evaluable.iter().filter(|l| named_like_entry(&l.path)).min_by_key(|l| l.path.matches('/').count()).map(|l| l.path.clone())
        });
    let latest: Vec<bool> = evaluable.iter().enumerate().map(|(i, l)| last_of.get(l.path.as_str()) == Some(&i)).collect();
    for (l, latest) in evaluable.into_iter().zip(latest) {
        if latest {
            program.entry_files.push(l.file);
        } else {
            program.superseded_files.push(l.file);
        }
        let entry = latest
            && match &entry_path {
                Some(p) => *p == l.path,
                None => l.fragment || !l.path.contains('/'),
            };
        if entry && entry_path.is_some() {
            program.entry_module = Some(l.file);
        }
        inputs.push(ModuleInput { file: l.file, path: l.path, python: l.python, module: l.parsed.module, entry, fragment: l.fragment });
    }
    let _cycles = crate::eval::value::CycleBreaker::new();
    Evaluator::new(program, inputs).run();
}

/// Stack configuration from Pulumi.yaml and the chosen Pulumi.<stack>.yaml.
fn stack_config(program: &Program, yaml_files: &[(FileId, String)], options: &Options) -> Stack {
    let mut stack = Stack::default();
    let file_name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let parsed: Vec<(FileId, String, Node)> = yaml_files
        .iter()
        .filter_map(|(f, p)| Some((*f, file_name(p), crate::yaml::parse(&program.sources.get(*f).text)?)))
        .collect();
    let project = parsed.iter().find(|(_, n, _)| n == "Pulumi.yaml" || n == "Pulumi.yml");
    let mut config: Vec<(String, Value)> = Vec::new();
    if let Some((file, _, node)) = project {
        stack.project = get(node, "name").and_then(scalar_str);
        stack.main = get(node, "main").and_then(scalar_str).map(|m| m.trim_start_matches("./").trim_end_matches('/').to_string());
        if let Some(Yaml::Map(entries)) = get(node, "config").map(|n| &n.value) {
            for (key, value) in entries {
                if let Some(d) = get(value, "default") {
                    stack.project_defaults.push((key.clone(), Span::new(*file, d.start, d.end)));
                }
                // `key: value` or `key: { default: value }` / `{ value: ... }`.
                let v = get(value, "default").or_else(|| get(value, "value")).unwrap_or(value);
                if matches!(v.value, Yaml::Map(_)) && get(value, "type").is_some() {
                    continue;
                }
                config.push((qualify(key, stack.project.as_deref()), yaml_value(v, *file)));
            }
        }
    }
    let stacks: Vec<&(FileId, String, Node)> = parsed
        .iter()
        .filter(|(_, n, _)| n.starts_with("Pulumi.") && n != "Pulumi.yaml" && n != "Pulumi.yml")
        .collect();
    let stack_name = |n: &str| n.trim_start_matches("Pulumi.").trim_end_matches(".yaml").trim_end_matches(".yml").to_string();
    let chosen = match &options.stack {
        Some(s) => stacks.iter().find(|(_, n, _)| stack_name(n) == *s),
        None if stacks.len() == 1 => stacks.first(),
        None => stacks.iter().find(|(_, n, _)| stack_name(n) == "dev").or_else(|| stacks.first()),
    };
    if let Some((file, name, node)) = chosen {
        stack.name = Some(stack_name(name));
        if let Some(Yaml::Map(entries)) = get(node, "config").map(|n| &n.value) {
            for (key, value) in entries {
                let key = qualify(key, stack.project.as_deref());
                config.retain(|(k, _)| *k != key);
                config.push((key, yaml_value(value, *file)));
            }
        }
    } else if let Some(s) = &options.stack {
        stack.name = Some(s.clone());
    }
    stack.default_region = config.iter().find(|(k, _)| k == "aws:region").and_then(|(_, v)| v.as_str().map(str::to_string));
    stack.config = config;
    stack
}

fn qualify(key: &str, project: Option<&str>) -> String {
    match (key.contains(':'), project) {
        (true, _) | (false, None) => key.to_string(),
        (false, Some(p)) => format!("{p}:{key}"),
    }
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn scalar_str(node: &Node) -> Option<String> {
    match &node.value {
        Yaml::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// YAML configuration as model values; encrypted `secure:` values stay secret and unknown.
fn yaml_value(node: &Node, file: FileId) -> Value {
    let span = Span::new(file, node.start, node.end);
    let kind = match &node.value {
        Yaml::Null => ValueKind::Null,
        Yaml::Bool(b) => ValueKind::Bool(*b),
        Yaml::Number(n) => ValueKind::Number(*n),
        Yaml::Str(s) => ValueKind::String(s.clone()),
        Yaml::List(items) => ValueKind::List(items.iter().map(|i| yaml_value(i, file)).collect()),
        Yaml::Map(entries) => {
            if let [(k, _)] = entries.as_slice()
                && k == "secure" {
                    return Value::new(ValueKind::Secret(Box::new(Value::unknown("encrypted secret", span))), span);
                }
            ValueKind::Object(
                entries
                    .iter()
                    .map(|(k, v)| Prop { key: Key { canonical: k.clone(), written: k.clone(), span: Span::new(file, v.start, v.start) }, value: yaml_value(v, file) })
                    .collect(),
            )
        }
    };
    Value::new(kind, span)
}
