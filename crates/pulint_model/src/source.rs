//! Source files, spans and the mapping from embedded code back to its host document.
//!
//! A span is a byte range in one file of a [`SourceMap`]. Code taken from a Markdown fence lives in
//! a virtual file of its own; its [`Origin::Embedded`] remembers, line by line, where each of its
//! lines sits in the host document, so every position maps back to the `.md` file (container
//! indentation of list items and block quotes is stripped from fence lines, so a single offset
//! would not do).

use std::fmt;

/// Index of a file in its program's [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range `[start, end)` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: u32, end: u32) -> Self {
        Span { file, start, end: end.max(start) }
    }

    /// The smallest span holding both (of one file; `self`'s file wins otherwise).
    pub fn cover(self, other: Span) -> Span {
        if other.file != self.file {
            return self;
        }
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Whether a file name (no directories) is a dependency manifest: read for the SDK versions it
/// pins, never lowered.
pub fn is_manifest(name: &str) -> bool {
    matches!(name, "pyproject.toml" | "Pipfile" | "setup.py" | "package.json") || name.starts_with("requirements") && name.ends_with(".txt")
}

/// What a file holds; decides which frontend reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    Python,
    TypeScript,
    JavaScript,
    Markdown,
    Yaml,
    Other,
}

impl FileKind {
    /// Kind from a path's extension (`.py`, `.ts`, `.tsx`, `.js`, `.mjs`, `.cjs`, `.md`, `.yaml`).
    pub fn from_path(path: &str) -> FileKind {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "py" | "pyi" => FileKind::Python,
            "ts" | "tsx" | "mts" | "cts" => FileKind::TypeScript,
            "js" | "jsx" | "mjs" | "cjs" => FileKind::JavaScript,
            "md" | "markdown" => FileKind::Markdown,
            "yaml" | "yml" => FileKind::Yaml,
            _ => FileKind::Other,
        }
    }

    /// Kind from a Markdown fence's info string (`python`, `ts`, `typescript`, ...).
    pub fn from_fence_lang(lang: &str) -> FileKind {
        match lang.trim().to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => FileKind::Python,
            "typescript" | "ts" | "tsx" => FileKind::TypeScript,
            "javascript" | "js" | "jsx" | "mjs" => FileKind::JavaScript,
            "yaml" | "yml" => FileKind::Yaml,
            "markdown" | "md" => FileKind::Markdown,
            _ => FileKind::Other,
        }
    }

    pub fn is_code(self) -> bool {
        matches!(self, FileKind::Python | FileKind::TypeScript | FileKind::JavaScript)
    }
}

/// Where a file's text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk (or given as such); its path is the one printed.
    Disk,
    /// A fenced block of a Markdown document.
    Embedded {
        host: FileId,
        /// For each line of this file: the 0-based host line and the host byte column where it starts.
        lines: Vec<(u32, u32)>,
        /// The file name the document gave the block (heading, label or first-line comment).
        named: Option<String>,
    },
}

/// One source text with its line index.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given or discovered (for embedded blocks: the name the document gave, or a
    /// synthetic `<block N>` name).
    pub path: String,
    pub kind: FileKind,
    pub text: String,
    pub origin: Origin,
    /// Where each line starts, found on first use: most files never need a position.
    line_starts: std::sync::OnceLock<Vec<u32>>,
    /// Where the text shows code left out, found on first use (see [`SourceFile::elisions`]).
    elisions: std::sync::OnceLock<Vec<(u32, u32)>>,
}

/// 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, kind: FileKind, text: String, origin: Origin) -> Self {
        SourceFile { path: path.into(), kind, text, origin, line_starts: Default::default(), elisions: Default::default() }
    }

    /// The byte offset where each line starts (the first is 0).
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i as u32 + 1));
            starts
        })
    }

    /// The byte ranges that mark code as left out, in order: `// ...`, `# ...` and `/* ... */`
    /// anywhere, and a line that is only `...`, `...,` or `// ...` (its trimmed text). Code
    /// holding one is a sketch, in which missing arguments prove nothing.
    pub fn elisions(&self) -> &[(u32, u32)] {
        self.elisions.get_or_init(|| {
            let text = &self.text;
            let mut out: Vec<(u32, u32)> = Vec::new();
            // Non-overlapping, as `match_indices`, but vectorised: every file is searched.
            for i in memchr::memmem::find_iter(text.as_bytes(), "...") {
                let before = &text[..i];
                for marker in ["// ", "# ", "/* "] {
                    if before.ends_with(marker) {
                        let end = if marker == "/* " && text[i + 3..].starts_with(" */") { i + 6 } else { i + 3 };
                        if marker != "/* " || end == i + 6 {
                            out.push(((i - marker.len()) as u32, end as u32));
                        }
                    }
                }
                let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |n| n + 1);
                let line_end = memchr::memchr(b'\n', &text.as_bytes()[i..]).map_or(text.len(), |n| i + n);
                let line = &text[line_start..line_end];
                if matches!(line.trim(), "..." | "...," | "// ...") {
                    let lead = line.len() - line.trim_start().len();
                    let trimmed = line.trim();
                    out.push(((line_start + lead) as u32, (line_start + lead + trimmed.len()) as u32));
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
    }

    /// 0-based line index and byte offset of the line start for a byte offset.
    fn line_of(&self, offset: u32) -> (usize, u32) {
        let line = match self.line_starts().binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        (line, self.line_starts()[line])
    }

    /// 1-based line and character column of a byte offset in this file.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.text.len() as u32);
        let (line, start) = self.line_of(offset);
        let column = char_count(&self.text, start as usize, offset as usize) + 1;
        LineCol { line: line as u32 + 1, column }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts().get(i) else { return "" };
        let end = self.line_starts().get(i + 1).map(|&e| e as usize).unwrap_or(self.text.len());
        self.text.get(start as usize..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    /// The embedded path the host document gave this file, if any.
    pub fn embedded_name(&self) -> Option<&str> {
        match &self.origin {
            Origin::Embedded { named, .. } => named.as_deref(),
            Origin::Disk => None,
        }
    }
}

fn char_count(text: &str, from: usize, to: usize) -> u32 {
    text.get(from..to).map(|s| s.chars().count() as u32).unwrap_or((to - from) as u32)
}

/// A position resolved to the file a user opens: the host document for embedded code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRange {
    pub file: FileId,
    pub start: LineCol,
    pub end: LineCol,
}

/// All files of one program, host documents and their embedded blocks alike.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        SourceMap::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file a user opens for `id`: itself, or the Markdown document it was taken from.
    pub fn host_of(&self, id: FileId) -> FileId {
        match &self.get(id).origin {
            Origin::Embedded { host, .. } => *host,
            Origin::Disk => id,
        }
    }

    /// Line and column of a byte offset, in host-document coordinates.
    pub fn host_line_col(&self, file: FileId, offset: u32) -> LineCol {
        let f = self.get(file);
        let lc = f.line_col(offset);
        match &f.origin {
            Origin::Disk => lc,
            Origin::Embedded { host, lines, .. } => {
                // A position past the block's last line (end of input) stays on that last line.
                let Some(&(host_line, host_col_byte)) = lines.get(lc.line as usize - 1).or(lines.last()) else {
                    return lc;
                };
                let h = self.get(*host);
                let line_start = h.line_starts().get(host_line as usize).copied().unwrap_or(0);
                let prefix_chars = char_count(&h.text, line_start as usize, (line_start + host_col_byte) as usize);
                LineCol { line: host_line + 1, column: lc.column + prefix_chars }
            }
        }
    }

    /// A byte offset of a file as a byte offset of the file that holds it on disk (the Markdown
    /// document of an embedded block), for editing the host's text.
    pub fn host_offset(&self, file: FileId, offset: u32) -> (FileId, u32) {
        let f = self.get(file);
        match &f.origin {
            Origin::Disk => (file, offset),
            Origin::Embedded { host, lines, .. } => {
                let line = match f.line_starts().binary_search(&offset) {
                    Ok(i) => i,
                    Err(i) => i - 1,
                };
                let within = offset - f.line_starts()[line];
                let Some(&(host_line, host_col)) = lines.get(line) else { return (*host, 0) };
                let h = self.get(*host);
                let start = h.line_starts().get(host_line as usize).copied().unwrap_or(0);
                (*host, start + host_col + within)
            }
        }
    }

    /// An edit of `span` as an edit of the file that holds it on disk: (host file, start, end,
    /// replacement). For code embedded in a document, every line the replacement adds gets the
    /// prefix the block's lines have in the host (a list item's indentation, a block quote's
    /// `>`), so that it stays inside the block. `None` when the ends fall in different hosts.
    pub fn host_edit(&self, span: Span, replacement: &str) -> Option<(FileId, u32, u32, String)> {
        let (host, start) = self.host_offset(span.file, span.start);
        let (host_end, end) = self.host_offset(span.file, span.end);
        if host != host_end {
            return None;
        }
        let f = self.get(span.file);
        let Origin::Embedded { lines, .. } = &f.origin else { return Some((host, start, end, replacement.to_string())) };
        if !replacement.contains('\n') {
            return Some((host, start, end, replacement.to_string()));
        }
        let (line, _) = f.line_of(span.start);
        let &(host_line, host_col) = lines.get(line)?;
        let h = self.get(host);
        let line_start = *h.line_starts().get(host_line as usize)? as usize;
        let prefix = h.text.get(line_start..line_start + host_col as usize)?;
        Some((host, start, end, replacement.replace('\n', &format!("\n{prefix}"))))
    }

    /// A span resolved to host coordinates.
    pub fn host_range(&self, span: Span) -> HostRange {
        HostRange {
            file: self.host_of(span.file),
            start: self.host_line_col(span.file, span.start),
            end: self.host_line_col(span.file, span.end),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}..{}", self.file.0, self.start, self.end)
    }
}
