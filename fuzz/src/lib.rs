//! What the cargo-fuzz targets run: the steps `pulint check` takes for one file or program, in
//! process, without the CLI's per-program `catch_unwind` (main.rs `build_all`). The runner's
//! per-rule `catch_unwind` (a panicking rule becomes PUL004) is still on the path, but
//! libfuzzer-sys installs a panic hook that aborts before unwinding, so a panic anywhere — caught
//! by pulint or not — is a crash the fuzzer records.
//!
//! The fix planner lives in the binary crate (which has no library target), so its file is
//! compiled in here as a module of its own.

use pulint_frontend::{Input, Options, Parsed};
use pulint_model::{FileId, FileKind};

#[path = "../../crates/pulint/src/fix.rs"]
#[allow(dead_code)]
mod fix;

/// The stack `pulint_frontend::build` grows to (project.rs `STACK_BYTES`); the loaders run on it
/// too, since parsing recurses once per nesting level up to the guard's limit.
const FRONTEND_STACK: usize = 256 * 1024 * 1024;
/// The stack of the CLI's worker threads, where rules and output run (main.rs).
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Bytes to text as project.rs `decode` does for a file it reads: too large is skipped, invalid
/// UTF-8 becomes U+FFFD, a BOM is dropped. (NUL bytes are kept: the binary check only looks at the
/// first 8 KiB, so parsers do see them in longer files.)
pub fn decode(bytes: &[u8]) -> Option<String> {
    if bytes.len() > pulint_frontend::project::MAX_FILE_BYTES {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    Some(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// One code file parsed and lowered as project.rs `lower` does: the guard first (nesting, and
/// `<` speculation for TypeScript), then the language frontend, on the frontend's stack.
pub fn lower(text: &str, kind: FileKind) -> Option<Parsed> {
    stacker::maybe_grow(FRONTEND_STACK / 2, FRONTEND_STACK, || {
        if pulint_frontend::guard::refuse(text, kind).is_some() {
            return None;
        }
        Some(match kind {
            FileKind::Python => pulint_frontend::python::lower(FileId(0), text),
            _ => pulint_frontend::typescript::lower(FileId(0), text, kind),
        })
    })
}

/// A Markdown document split into its fenced blocks, each block loaded as project.rs
/// `split_markdown` does: code lowered, YAML parsed.
pub fn load_markdown(text: &str) -> usize {
    let mut n = 0;
    for block in pulint_frontend::markdown::blocks(text) {
        match block.kind {
            FileKind::Python | FileKind::TypeScript | FileKind::JavaScript => {
                n += lower(&block.text, block.kind).map_or(0, |p| p.module.body.len());
            }
            FileKind::Yaml => n += pulint_frontend::yaml::parse(&block.text).is_some() as usize,
            _ => {}
        }
    }
    n
}

/// Names a project-mode file gets when its own first line is empty.
const DEFAULT_NAMES: [&str; 8] = ["__main__.py", "index.ts", "Pulumi.yaml", "lib/util.py", "lib/util.ts", "Pulumi.dev.yaml", "requirements.txt", "package.json"];

/// The files of one fuzz input for [`check`]. The first byte chooses the kind:
/// `p` one Python file, `t` TypeScript, `x` TSX, `j` JavaScript, `m` a Markdown document,
/// `P` a project (the rest is split at NUL bytes into files, each `relative/path\ncontents`,
/// checked with stack `dev`); any other byte picks one of these by its value. The contents are
/// raw bytes, so invalid UTF-8, BOMs and NULs take the path real files take.
pub fn inputs(data: &[u8]) -> (Vec<Input>, Option<String>) {
    let Some((&selector, rest)) = data.split_first() else { return (Vec::new(), None) };
    let selector = match selector {
        b'p' | b't' | b'x' | b'j' | b'm' | b'P' => selector,
        b => b"ptxjmP"[b as usize % 6],
    };
    let one = |name: &str| Input { path: name.to_string(), rel: name.to_string(), bytes: rest.to_vec() };
    match selector {
        b'p' => (vec![one("__main__.py")], None),
        b't' => (vec![one("index.ts")], None),
        b'x' => (vec![one("app.tsx")], None),
        b'j' => (vec![one("index.js")], None),
        b'm' => (vec![one("answer.md")], None),
        _ => {
            let files = rest
                .split(|b| *b == 0)
                .enumerate()
                .map(|(i, chunk)| {
                    let (name, bytes) = match chunk.iter().position(|b| *b == b'\n') {
                        Some(at) => (&chunk[..at], &chunk[at + 1..]),
                        None => (&chunk[..0], chunk),
                    };
                    let name = String::from_utf8_lossy(name).trim().to_string();
                    let name = if name.is_empty() { DEFAULT_NAMES[i % DEFAULT_NAMES.len()].to_string() } else { name };
                    Input { path: format!("proj/{name}"), rel: name, bytes: bytes.to_vec() }
                })
                .collect();
            (files, Some("dev".to_string()))
        }
    }
}

/// The whole of `pulint check --preview` on one program: build (decode, lower, evaluate, link),
/// every rule, every output format, the dump, and the fix planner (`--diff` / `--fix`,
/// unsafe fixes included) with a second check of the fixed text. Returns the output's length.
pub fn check(inputs: Vec<Input>, stack: Option<String>) -> usize {
    check_once(inputs, stack, true)
}

fn check_once(inputs: Vec<Input>, stack: Option<String>, again: bool) -> usize {
    let originals: Vec<Input> = if again { inputs.iter().map(|i| Input { path: i.path.clone(), rel: i.rel.clone(), bytes: i.bytes.clone() }).collect() } else { Vec::new() };
    let options = Options { stack: stack.clone() };
    let program = pulint_frontend::build(inputs, &options);
    stacker::grow(WORKER_STACK, || {
        let settings = pulint_rules::Settings { preview: true, ..Default::default() };
        let diagnostics = pulint_rules::lint(&program, &settings);
        let reports = [pulint_emit::Report { program: &program, diagnostics: &diagnostics }];
        let rules: Vec<&pulint_model::RuleMeta> = pulint_rules::all_rules().iter().map(|r| r.meta()).collect();
        let mut len = 0;
        len += pulint_emit::json::render(&reports).len();
        len += pulint_emit::text::render_styled(&reports, true).len();
        len += pulint_emit::text::render_concise(&reports).len();
        len += pulint_emit::text::summary_line(&pulint_emit::Summary::of(&reports), None).len();
        len += pulint_emit::sarif::render(&reports, &rules).len();
        len += pulint_emit::github::render(&reports).len();
        len += pulint_emit::markdown::render(&reports).len();
        len += pulint_model::dump::dump(&program).len();
        len += pulint_emit::dump_json::render(&program).to_string().len();
        let plan = fix::plan(&[(&program, diagnostics.as_slice())], true);
        let text_of = |path: &str| program.sources.files().find(|(_, f)| f.path == path).map(|(_, f)| f.text.clone());
        let mut fixed = Vec::new();
        for (path, edits) in &plan.files {
            let Some(text) = text_of(path) else { continue };
            len += fix::diff(path, &text, edits).map_or(0, |d| d.len());
            if let Some(new) = fix::apply(&text, edits) {
                fixed.push((path.clone(), new));
            }
        }
        if again && !fixed.is_empty() {
            // As `--fix` does: write the fixed files and check the program again.
            let inputs = originals
                .into_iter()
                .map(|mut i| {
                    if let Some((_, text)) = fixed.iter().find(|(p, _)| *p == i.path) {
                        i.bytes = text.clone().into_bytes();
                    }
                    i
                })
                .collect::<Vec<_>>();
            len += check_once(inputs, stack.clone(), false);
        }
        len
    })
}
