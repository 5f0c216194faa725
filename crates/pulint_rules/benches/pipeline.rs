//! In-process benchmarks of the pipeline's stages on the rule fixtures (every rule's bad and
//! good cases, Python and TypeScript, as Markdown documents): splitting Markdown into blocks,
//! building programs (parse, lower, evaluate), and running every rule. Whole-process runs
//! against peers are `scripts/bench.py`'s.
//!
//! ```sh
//! cargo bench -p pulint_rules --bench pipeline
//! ```

use pulint_frontend::markdown::blocks;
use pulint_frontend::{build, Input, Options};
use pulint_model::Program;
use pulint_rules::{lint, Settings};
use std::path::Path;

fn main() {
    divan::main();
}

/// The fixture documents, read once.
fn documents() -> &'static [(String, String)] {
    static DOCS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("fixtures dir")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| (p.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap_or_default()))
            .collect();
        docs.sort();
        docs
    })
}

fn bytes() -> u64 {
    documents().iter().map(|(_, t)| t.len() as u64).sum()
}

fn programs() -> Vec<Program> {
    documents()
        .iter()
        .map(|(name, text)| build(vec![Input { path: name.clone(), rel: name.clone(), bytes: text.clone().into_bytes() }], &Options::default()))
        .collect()
}

#[divan::bench]
fn markdown_blocks(bencher: divan::Bencher) {
    bencher.counter(divan::counter::BytesCount::new(bytes())).bench(|| documents().iter().map(|(_, t)| blocks(t).len()).sum::<usize>());
}

#[divan::bench]
fn build_programs(bencher: divan::Bencher) {
    bencher.counter(divan::counter::BytesCount::new(bytes())).bench(programs);
}

#[divan::bench]
fn lint_programs(bencher: divan::Bencher) {
    let built = programs();
    let settings = Settings { preview: true, ..Settings::default() };
    bencher.counter(divan::counter::BytesCount::new(bytes())).bench(|| built.iter().map(|p| lint(p, &settings).len()).sum::<usize>());
}
