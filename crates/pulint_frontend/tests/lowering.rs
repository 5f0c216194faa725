//! Lowering snapshots: every fixture under `tests/lowering/` (a `.py`, `.ts` or `.md` file, or a
//! directory forming one multi-file program) is built into a model and its dump is snapshotted.
//! The dump shows every unknown with its reason, so coverage regressions show up in review.

use pulint_frontend::{build, Input, Options};
use std::path::Path;

fn inputs(path: &Path) -> Vec<Input> {
    let root = path.parent().unwrap_or(Path::new("."));
    let mut files = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixture directory is readable") {
                let p = entry.expect("fixture entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        files.sort();
        files
            .iter()
            .map(|f| {
                let rel = f.strip_prefix(path).expect("inside fixture").to_string_lossy().replace('\\', "/");
                Input { path: format!("{}/{rel}", path.file_name().unwrap_or_default().to_string_lossy()), rel, bytes: std::fs::read(f).expect("readable") }
            })
            .collect()
    } else {
        let rel = path.strip_prefix(root).expect("inside root").to_string_lossy().to_string();
        vec![Input { path: rel.clone(), rel, bytes: std::fs::read(path).expect("readable") }]
    }
}

#[test]
fn lowering_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lowering");
    let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("tests/lowering exists").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    assert!(entries.len() >= 10, "expected lowering fixtures in {}", dir.display());
    for path in entries {
        if path.extension().is_some_and(|e| e == "snap") {
            continue;
        }
        let program = build(inputs(&path), &Options::default());
        let name = path.file_name().unwrap_or_default().to_string_lossy().replace('.', "_");
        insta::with_settings!({ snapshot_path => dir.join("../snapshots"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, pulint_model::dump::dump(&program));
        });
    }
}
