//! OUT005 wrong-import-path: an import of one of the program's own modules by a path that does
//! not lead to it.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::path::{join, normalize};
use pulint_model::{FileKind, Origin, Program, RuleMeta};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it does
    /// Flags an import of one of the program's own modules whose path does not lead to the file
    /// that holds it: a TypeScript relative import (`./tap-stack`) when the module sits in another
    /// directory (`lib/tap-stack.ts`), or a Python absolute import (`from components.vpc import
    /// Vpc`) that is not found under the program's root directory (the directory of `Pulumi.yaml`,
    /// or its `main`) while the program has that module elsewhere (`lib/components/vpc.py`).
    /// Imports of modules the program does not contain are never flagged.
    ///
    /// ## Why is this bad?
    /// `pulumi preview` fails at once with `ModuleNotFoundError` / `Cannot find module`: nothing
    /// deploys.
    ///
    /// ## Example
    /// ```python
    /// # __main__.py, with the component in lib/tap_stack.py
    /// from tap_stack import TapStack
    /// ```
    /// ```typescript
    /// // index.ts, with the component in lib/tap-stack.ts
    /// import { TapStack } from "./tap-stack";
    /// ```
    ///
    /// ## Use instead
    /// The path from the program's root: `from lib.tap_stack import TapStack`,
    /// `import { TapStack } from "./lib/tap-stack";`.
    pub WrongImportPath { code: "OUT005", name: "wrong-import-path", family: Out, severity: Error, status: Stable,
        summary: "an import of the program's own module uses a path that does not lead to it" }
}

impl Rule for WrongImportPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Indexed on the first import that needs it (most programs resolve all of theirs).
        let mut files: Option<Files> = None;
        let root = program_root(p);
        for imp in &p.imports {
            if imp.resolved.is_some() {
                continue;
            }
            let sf = p.sources.get(imp.span.file);
            if !named(sf) || !uses_pulumi(&sf.text) {
                continue;
            }
            let from = sf.path.as_str();
            let (expected, found) = match sf.kind {
                FileKind::Python => {
                    let Some(root) = &root else { continue };
                    if imp.module.starts_with('.') {
                        continue;
                    }
                    let rel = imp.module.replace('.', "/");
                    let here = [format!("{rel}.py"), format!("{rel}/__init__.py")];
                    let files = files.get_or_insert_with(|| Files::new(p));
                    if here.iter().any(|c| files.has(&join(root, c))) {
                        continue;
                    }
                    let elsewhere: Vec<&str> = here.iter().flat_map(|c| files.ending_with(c)).collect();
                    (join(root, &here[0]), elsewhere)
                }
                FileKind::TypeScript | FileKind::JavaScript => {
                    if !imp.module.starts_with('.') {
                        continue;
                    }
                    let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                    let joined = normalize(&join(dir, &imp.module));
                    let stem = joined.strip_suffix(".js").unwrap_or(&joined).to_string();
                    let here = [
                        format!("{stem}.ts"),
                        format!("{stem}.tsx"),
                        format!("{stem}.js"),
                        format!("{joined}/index.ts"),
                        format!("{joined}/index.js"),
                    ];
                    let files = files.get_or_insert_with(|| Files::new(p));
                    if here.iter().any(|c| files.has(c)) || files.has(&joined) {
                        continue;
                    }
                    let last = imp.module.rsplit('/').next().unwrap_or("");
                    let last = last.strip_suffix(".js").unwrap_or(last);
                    if last.is_empty() || last == "." || last == ".." {
                        continue;
                    }
                    let names = [
                        format!("{last}.ts"),
                        format!("{last}.tsx"),
                        format!("{last}.js"),
                        format!("{last}/index.ts"),
                    ];
                    let elsewhere: Vec<&str> = names.iter().flat_map(|n| files.ending_with(n)).filter(|f| *f != from).collect();
                    (here[0].clone(), elsewhere)
                }
                _ => continue,
            };
            let [file] = found.as_slice() else { continue };
            cx.report(
                cx.diagnostic(
                    imp.span,
                    format!(
                        "`{}` does not resolve to `{expected}`; the program's module is `{file}`",
                        imp.module
                    ),
                )
                .with_help("import the module by its path from the program's root"),
            );
        }
    }
}

/// A file the document names (not an unnamed fence whose place in the tree is unknown).
fn named(sf: &pulint_model::SourceFile) -> bool {
    match &sf.origin {
        Origin::Disk => true,
        Origin::Embedded { named, .. } => named.is_some(),
    }
}

/// Program code mentions Pulumi; a Lambda handler or script shipped as an asset does not, and
/// resolves its imports against its own directory.
fn uses_pulumi(text: &str) -> bool {
    text.contains("pulumi")
}

/// The directory Python resolves absolute imports from: the one holding `Pulumi.yaml`, or its
/// `main` directory. None when the document shows no (single) project file.
fn program_root(p: &Program) -> Option<String> {
    let mut projects = p.sources.files().filter(|(_, f)| {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        f.kind == FileKind::Yaml && (name == "Pulumi.yaml" || name == "Pulumi.yml") && named(f)
    });
    let (_, project) = projects.next()?;
    if projects.next().is_some() {
        return None;
    }
    let dir = project
        .path
        .rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    Some(match p.stack.main.as_deref() {
        None | Some("") | Some(".") => dir,
        Some(m) if m.ends_with(".py") => {
            join(&dir, m.rsplit_once('/').map(|(d, _)| d).unwrap_or(""))
        }
        Some(m) => join(&dir, m),
    })
}

/// The program's named code files (entry and superseded versions): by path without a leading
/// `./`, and by file name for the searches by a path's last segments (indexed once: a search
/// through every file for each import was quadratic in a program of many files).
struct Files<'p> {
    paths: HashSet<&'p str>,
    by_name: HashMap<&'p str, Vec<&'p str>>,
}

impl<'p> Files<'p> {
    fn new(p: &'p Program) -> Self {
        let mut files = Files { paths: HashSet::new(), by_name: HashMap::new() };
        for f in p.entry_files.iter().chain(&p.superseded_files) {
            let sf = p.sources.get(*f);
            if !named(sf) {
                continue;
            }
            let path = sf.path.as_str();
            files.paths.insert(path.trim_start_matches("./"));
            let name = path.rsplit('/').next().unwrap_or(path);
            files.by_name.entry(name).or_default().push(path);
        }
        files
    }

    fn has(&self, path: &str) -> bool {
        self.paths.contains(path.trim_start_matches("./"))
    }

    /// The files (one entry per version) whose path ends with the whole segments of `tail`.
    fn ending_with<'a>(&'a self, tail: &'a str) -> impl Iterator<Item = &'p str> + 'a {
        let name = tail.rsplit('/').next().unwrap_or(tail);
        self.by_name.get(name).into_iter().flatten().copied().filter(move |f| ends_with_path(f, tail))
    }
}

/// `lib/components/vpc.py` ends with the path `components/vpc.py` (whole segments).
fn ends_with_path(file: &str, tail: &str) -> bool {
    let file = file.trim_start_matches("./");
    file == tail || file.strip_suffix(tail).is_some_and(|head| head.ends_with('/'))
}
