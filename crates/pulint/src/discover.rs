//! Paths on the command line to programs: a directory with `Pulumi.yaml` is a project and all its
//! code forms one program; a Markdown document is a program of its own; other files and
//! directories form a program per command-line path.

use ignore::WalkBuilder;
use pulint_frontend::Input;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct ProgramFiles {
    /// What the program is called in messages.
    pub label: String,
    inputs: Vec<Input>,
    /// Files still to read, after `inputs`: (path, program root). Code is read by the worker
    /// that analyses the program, so a run never holds every input file at once.
    pending: Vec<(PathBuf, PathBuf)>,
    /// Paths that could not be read: (path, error).
    errors: Vec<(String, String)>,
}

impl ProgramFiles {
    /// The program's files, and the paths that could not be read: (path, error).
    pub fn read(mut self) -> (Vec<Input>, Vec<(String, String)>) {
        for (path, root) in std::mem::take(&mut self.pending) {
            if let Some(i) = read(&path, &root, &mut self.errors) {
                self.inputs.push(i);
            }
        }
        (self.inputs, self.errors)
    }
}

fn code_or_config(path: &Path, include_markdown: bool) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "py" | "ts" | "tsx" | "js" | "mjs" | "cjs")
        && !name.ends_with(".d.ts")
        || (name.starts_with("Pulumi.") && matches!(ext.as_str(), "yaml" | "yml"))
        || (include_markdown && ext == "md")
        || pulint_model::is_manifest(name)
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

/// Reads a file; of a file over the frontend's size budget only enough to tell that it is (the
/// frontend reports and skips it), so a huge file costs no time or memory.
fn read(path: &Path, root: &Path, errors: &mut Vec<(String, String)>) -> Option<Input> {
    let limit = pulint_frontend::project::MAX_FILE_BYTES as u64 + 1;
    let bytes = std::fs::File::open(path).and_then(|f| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(f, limit), &mut bytes)?;
        Ok(bytes)
    });
    match bytes {
        Ok(bytes) => Some(Input { path: display(path), rel: rel(root, path), bytes }),
        Err(e) => {
            errors.push((display(path), e.to_string()));
            None
        }
    }
}

/// The nearest directory at or above `dir` that holds a Pulumi.yaml.
fn project_root(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.join("Pulumi.yaml").is_file() || d.join("Pulumi.yml").is_file() {
            return Some(d.to_path_buf());
        }
        cur = d.parent();
    }
    None
}

/// Pulumi.yaml, Pulumi.<stack>.yaml and the dependency manifests of a project root.
fn stack_files(root: &Path, errors: &mut Vec<(String, String)>) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(root) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with("Pulumi.") && (n.ends_with(".yaml") || n.ends_with(".yml")) || pulint_model::is_manifest(n)
        })
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| read(p, root, errors)).collect()
}

/// Directories whose files are never part of a program (dependencies, virtual environments,
/// build output); hidden directories are skipped as well.
pub const SKIPPED_DIRS: [&str; 6] = ["node_modules", "venv", ".venv", "__pycache__", "cdk.out", "dist"];

/// The code, configuration (and with `include_markdown`, Markdown) files under `path`, grouped by
/// the project root each belongs to (`path` itself for files outside any project under it), and
/// the Markdown documents apart.
fn walk(path: &Path, include_markdown: bool) -> (BTreeMap<PathBuf, Vec<PathBuf>>, Vec<PathBuf>) {
    let mut groups: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut markdown = Vec::new();
    let walker = WalkBuilder::new(path)
        .hidden(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| !e.file_name().to_str().is_some_and(|n| SKIPPED_DIRS.contains(&n)))
        .build();
    for entry in walker.flatten() {
        let p = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !code_or_config(p, include_markdown) {
            continue;
        }
        if p.extension().is_some_and(|e| e == "md") {
            markdown.push(p.to_path_buf());
            continue;
        }
        let dir = p.parent().unwrap_or(path);
        let root = project_root(dir).filter(|r| r.starts_with(path)).unwrap_or_else(|| path.to_path_buf());
        groups.entry(root).or_default().push(p.to_path_buf());
    }
    (groups, markdown)
}

/// A program of files under `root`, read later by the worker that analyses it.
fn read_group(root: &Path, mut files: Vec<PathBuf>) -> ProgramFiles {
    files.sort();
    let pending = files.into_iter().map(|f| (f, root.to_path_buf())).collect();
    ProgramFiles { label: display(root), inputs: Vec::new(), pending, errors: Vec::new() }
}

pub fn programs(paths: &[PathBuf], include_markdown: bool) -> Vec<ProgramFiles> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_file() || !path.exists() {
            out.push(single_file(path));
            continue;
        }
        // A directory: group files by project root; Markdown documents stand alone.
        let (groups, mut markdown) = walk(path, include_markdown);
        out.extend(groups.into_iter().map(|(root, files)| read_group(&root, files)));
        markdown.sort();
        out.extend(markdown.iter().map(|m| single_file(m)));
    }
    out
}

/// The project a file belongs to: the nearest directory at or above it that holds `Pulumi.yaml`.
/// Markdown documents belong to none (each is a program of its own).
pub fn project_of(file: &Path) -> Option<PathBuf> {
    let is_md = file.extension().is_some_and(|e| e == "md" || e == "markdown");
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if is_md { None } else { project_root(dir) }
}

/// The files of the project rooted at `root` (a directory holding `Pulumi.yaml`), read from
/// disk, as `pulint check` groups them: every code and configuration file below it except those
/// of nested projects and of skipped directories.
pub fn project_files(root: &Path) -> ProgramFiles {
    let (mut groups, _) = walk(root, false);
    read_group(root, groups.remove(root).unwrap_or_default())
}

/// The path inside a program's root, as [`Input::rel`] wants it.
pub fn rel_path(root: &Path, p: &Path) -> String {
    rel(root, p)
}

/// A file checked by itself (with its project's `Pulumi.yaml`, stack files and manifests when it
/// lies in a project).
pub fn single_file(path: &Path) -> ProgramFiles {
    let mut errors = Vec::new();
    let dir = path.parent().unwrap_or(Path::new("."));
    let is_md = path.extension().is_some_and(|e| e == "md" || e == "markdown");
    let root = if is_md { None } else { project_root(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) };
    let mut inputs = Vec::new();
    if let Some(root) = &root {
        inputs.extend(stack_files(root, &mut errors).into_iter().filter(|i| Path::new(&i.path) != path));
    }
    let base = root.clone().unwrap_or_else(|| dir.to_path_buf());
    let mut pending = Vec::new();
    if path.is_dir() {
        errors.push((display(path), "is a directory".into()));
    } else {
        pending.push((path.to_path_buf(), base));
    }
    ProgramFiles { label: display(path), inputs, pending, errors }
}
