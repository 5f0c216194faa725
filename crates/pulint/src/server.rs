//! `pulint server`: a language server over standard input and output.
//!
//! Documents are synchronised whole. A change checks again the whole program the document belongs
//! to — its project (the nearest directory at or above it holding `Pulumi.yaml`, grouped as
//! `pulint check` groups it), else the file alone; a Markdown document is a program of its own —
//! with the editor's text for open documents and the disk's for the other files, and publishes
//! the diagnostics of every file of that program, clearing those of files that no longer have
//! any. Changes typed in a row wait [`DEBOUNCE`] for each other; opening and saving check at once.
//! Code actions offer, for each diagnostic under the cursor, its fix and a suppression comment; a
//! safe fix is the preferred action, an unsafe one is titled "(unsafe) ..." and never preferred.
//!
//! Positions: pulint's are 1-based lines and character columns of the host file (the Markdown
//! document for embedded code); the protocol's are 0-based lines and UTF-16 code units, the only
//! encoding this server announces.
//!
//! A panic while checking a program is written to standard error and that publication skipped; a
//! panic while handling any other message answers its request with an internal error.

use crate::{config, discover, lint_program};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use pulint_frontend::Input;
use pulint_model::{Diagnostic, FileKind, Fix, LineCol, Program, Severity, SourceFile};
use pulint_rules::Settings;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// How long changes typed in a row wait for each other before the program is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// `pulint server`: serves one client on standard input and output. Exit status 0 when the client
/// asked to shut down before `exit`, 1 otherwise.
pub fn run() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection);
    drop(connection);
    if let Err(e) = io_threads.join() {
        log(&format!("connection: {e}"));
    }
    if clean { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn log(message: &str) {
    eprintln!("pulint server: {message}");
}

/// Serves one client until it sends `exit` or goes away; true when it asked to shut down first.
pub(crate) fn serve(conn: &Connection) -> bool {
    let mut server = Server::default();
    loop {
        let next = match server.deadline {
            None => conn.receiver.recv().map_err(|_| false),
            Some(at) => conn.receiver.recv_deadline(at).map_err(|e| e.is_timeout()),
        };
        let msg = match next {
            Ok(msg) => msg,
            // The changes waited long enough.
            Err(true) => {
                if catch_unwind(AssertUnwindSafe(|| server.flush(conn))).is_err() {
                    log("internal error while publishing diagnostics");
                }
                continue;
            }
            Err(false) => return false,
        };
        if let Message::Notification(n) = &msg
            && n.method == "exit"
        {
            return server.shutdown;
        }
        let request = match &msg {
            Message::Request(r) => Some((r.id.clone(), r.method.clone())),
            _ => None,
        };
        if catch_unwind(AssertUnwindSafe(|| server.handle(conn, msg))).is_err() {
            match request {
                Some((id, method)) => {
                    log(&format!("internal error while answering `{method}`"));
                    respond_err(conn, id, ErrorCode::InternalError, format!("pulint: internal error while answering `{method}`"));
                }
                None => log("internal error while handling a notification"),
            }
        }
    }
}

/// Which program a document belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    /// A project: its root directory.
    Project(PathBuf),
    /// A file checked alone: a Markdown document, or a file outside any project.
    File(PathBuf),
    /// A document that is not a file (an editor's unsaved buffer): its URI.
    Virtual(String),
    /// Not checked: a file in a dependency, environment, build or hidden directory of a project.
    Unchecked,
}

impl Key {
    fn label(&self) -> String {
        match self {
            Key::Project(root) => format!("the project in {}", root.display()),
            Key::File(path) => path.display().to_string(),
            Key::Virtual(uri) => uri.clone(),
            Key::Unchecked => "nothing".into(),
        }
    }
}

struct Doc {
    uri: lsp::Uri,
    /// The file path (as program files name it), or the URI of a document that is not a file.
    path: String,
    /// The name the frontend reads the kind from (and imports resolve against, inside a project).
    rel: String,
    version: i32,
    text: String,
    key: Key,
}

/// What was last published for one document.
struct Published {
    uri: lsp::Uri,
    owner: Key,
    items: Vec<Item>,
}

struct Item {
    diagnostic: lsp::Diagnostic,
    /// Quick fixes, without their `diagnostics`, which a request fills in.
    actions: Vec<lsp::CodeAction>,
}

#[derive(Default)]
struct Server {
    initialized: bool,
    shutdown: bool,
    /// Open documents by URI.
    docs: BTreeMap<String, Doc>,
    /// Published diagnostics by URI.
    published: BTreeMap<String, Published>,
    /// Programs to check at `deadline`.
    pending: BTreeSet<Key>,
    deadline: Option<Instant>,
}

fn respond(conn: &Connection, id: RequestId, result: Result<serde_json::Value, serde_json::Error>) {
    let response = match result {
        Ok(value) => Response::new_ok(id, value),
        Err(e) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
    };
    let _ = conn.sender.send(response.into());
}

fn respond_err(conn: &Connection, id: RequestId, code: ErrorCode, message: String) {
    let _ = conn.sender.send(Response::new_err(id, code as i32, message).into());
}

fn publish(conn: &Connection, uri: lsp::Uri, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
    let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
    let _ = conn.sender.send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
}

impl Server {
    fn handle(&mut self, conn: &Connection, msg: Message) {
        match msg {
            Message::Request(req) => self.request(conn, req),
            Message::Notification(n) if self.initialized && !self.shutdown => self.notification(conn, n),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }

    fn request(&mut self, conn: &Connection, req: Request) {
        let Request { id, method, params } = req;
        if !self.initialized && method != "initialize" {
            return respond_err(conn, id, ErrorCode::ServerNotInitialized, "the server is not initialized".into());
        }
        if self.shutdown {
            return respond_err(conn, id, ErrorCode::InvalidRequest, "the server is shutting down".into());
        }
        match method.as_str() {
            "initialize" if self.initialized => respond_err(conn, id, ErrorCode::InvalidRequest, "the server is already initialized".into()),
            "initialize" => {
                self.initialized = true;
                respond(conn, id, serde_json::to_value(capabilities()));
            }
            "shutdown" => {
                self.shutdown = true;
                respond(conn, id, Ok(serde_json::Value::Null));
            }
            "textDocument/codeAction" => match ActionParams::read(params) {
                Ok(p) => {
                    // Answer from the current text.
                    self.flush(conn);
                    respond(conn, id, serde_json::to_value(self.code_actions(&p)));
                }
                Err(e) => respond_err(conn, id, ErrorCode::InvalidParams, e.to_string()),
            },
            _ => respond_err(conn, id, ErrorCode::MethodNotFound, format!("unknown method `{method}`")),
        }
    }

    fn notification(&mut self, conn: &Connection, n: Notification) {
        macro_rules! parse {
            ($t:ty) => {
                match serde_json::from_value::<$t>(n.params) {
                    Ok(p) => p,
                    Err(e) => return log(&format!("bad `{}` parameters: {e}", n.method)),
                }
            };
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let p = parse!(lsp::DidOpenTextDocumentParams);
                let item = p.text_document;
                let (key, path, rel) = locate(&item.uri, &item.language_id);
                self.schedule(&key, Duration::ZERO);
                self.docs.insert(item.uri.as_str().to_string(), Doc { uri: item.uri, path, rel, version: item.version, text: item.text, key });
            }
            "textDocument/didChange" => {
                let p = parse!(lsp::DidChangeTextDocumentParams);
                let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else { return };
                for change in p.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        // Full sync is announced; a range is honoured all the same.
                        Some(r) => {
                            let start = offset_at(&doc.text, r.start);
                            let end = offset_at(&doc.text, r.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                doc.version = p.text_document.version;
                let key = doc.key.clone();
                self.schedule(&key, DEBOUNCE);
            }
            "textDocument/didSave" => {
                let p = parse!(lsp::DidSaveTextDocumentParams);
                let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else { return };
                if let Some(text) = p.text {
                    doc.text = text;
                }
                let key = doc.key.clone();
                self.schedule(&key, Duration::ZERO);
            }
            "textDocument/didClose" => {
                let p = parse!(lsp::DidCloseTextDocumentParams);
                let Some(doc) = self.docs.remove(p.text_document.uri.as_str()) else { return };
                match &doc.key {
                    // The project is checked again with the file as it is on disk.
                    Key::Project(_) => self.schedule(&doc.key, Duration::ZERO),
                    // A file checked alone is of no interest once closed.
                    key => {
                        self.pending.remove(key);
                        self.clear(conn, key, &BTreeSet::new());
                    }
                }
            }
            _ => {}
        }
    }

    fn schedule(&mut self, key: &Key, delay: Duration) {
        if *key == Key::Unchecked {
            return;
        }
        self.pending.insert(key.clone());
        let at = Instant::now() + delay;
        self.deadline = Some(self.deadline.map_or(at, |d| d.min(at)));
    }

    /// Checks the programs that changed and publishes their diagnostics.
    fn flush(&mut self, conn: &Connection) {
        self.deadline = None;
        for key in std::mem::take(&mut self.pending) {
            let checked = catch_unwind(AssertUnwindSafe(|| self.check(&key)));
            let Ok(files) = checked else {
                log(&format!("internal error while checking {}; its diagnostics were not updated", key.label()));
                continue;
            };
            let mut now = BTreeSet::new();
            for (uri, items) in files {
                let version = self.docs.get(uri.as_str()).map(|d| d.version);
                publish(conn, uri.clone(), version, items.iter().map(|i| i.diagnostic.clone()).collect());
                now.insert(uri.as_str().to_string());
                self.published.insert(uri.as_str().to_string(), Published { uri, owner: key.clone(), items });
            }
            self.clear(conn, &key, &now);
        }
    }

    /// Publishes no diagnostics for the documents `key` last published to, except `keep`.
    fn clear(&mut self, conn: &Connection, key: &Key, keep: &BTreeSet<String>) {
        let stale: Vec<String> = self.published.iter().filter(|(u, p)| p.owner == *key && !keep.contains(*u)).map(|(u, _)| u.clone()).collect();
        for u in stale {
            if let Some(p) = self.published.remove(&u) {
                let version = self.docs.get(&u).map(|d| d.version);
                publish(conn, p.uri, version, Vec::new());
            }
        }
    }

    /// The program's files: from disk, with open documents' text in place of their files'.
    fn inputs(&self, key: &Key) -> Vec<Input> {
        let (mut inputs, errors) = match key {
            Key::Project(root) => discover::project_files(root).read(),
            Key::File(path) => discover::single_file(path).read(),
            Key::Virtual(_) => (Vec::new(), Vec::new()),
            Key::Unchecked => return Vec::new(),
        };
        for (path, e) in &errors {
            if !self.docs.values().any(|d| d.path == *path) {
                log(&format!("cannot read {path}: {e}"));
            }
        }
        for doc in self.docs.values().filter(|d| d.key == *key) {
            let bytes = doc.text.clone().into_bytes();
            match inputs.iter_mut().find(|i| i.path == doc.path) {
                Some(input) => input.bytes = bytes,
                None => inputs.push(Input { path: doc.path.clone(), rel: doc.rel.clone(), bytes }),
            }
        }
        inputs
    }

    /// Checks one program: its diagnostics by document.
    fn check(&self, key: &Key) -> Vec<(lsp::Uri, Vec<Item>)> {
        let inputs = self.inputs(key);
        if inputs.is_empty() {
            return Vec::new();
        }
        #[cfg(test)]
        if inputs.iter().any(|i| i.path.ends_with("/panics.py")) {
            panic!("a panic while checking, as the tests ask");
        }
        let anchor = match key {
            Key::Project(p) | Key::File(p) => Some(p.as_path()),
            Key::Virtual(_) | Key::Unchecked => None,
        };
        let config = match anchor.map(|a| config::load(None, Some(a))) {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                log(&e);
                config::Config::default()
            }
            None => config::Config::default(),
        };
        let settings = Settings { select: config.select.clone(), ignore: config.ignore.clone(), preview: config.preview, severity: config.severity.clone(), time_budget: None, skip_fixes: false };
        let program = pulint_frontend::build(inputs, &pulint_frontend::Options::default());
        let diagnostics = lint_program(&program, &settings, &config);
        let mut by_file: BTreeMap<String, Vec<Item>> = BTreeMap::new();
        for d in &diagnostics {
            let host = program.sources.host_of(d.span.file);
            by_file.entry(program.sources.get(host).path.clone()).or_default().push(self.item(&program, d));
        }
        by_file.into_iter().filter_map(|(path, items)| Some((self.uri_of(&path)?, items))).collect()
    }

    /// The URI of a program file: the open document's own, else a `file:` URI of its path.
    fn uri_of(&self, path: &str) -> Option<lsp::Uri> {
        match self.docs.values().find(|d| d.path == path) {
            Some(d) => Some(d.uri.clone()),
            None => lsp::Uri::from_str(&file_uri(path)).ok(),
        }
    }

    fn item(&self, program: &Program, d: &Diagnostic) -> Item {
        let sources = &program.sources;
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|l| {
                let r = sources.host_range(l.span);
                let file = sources.get(r.file);
                let range = lsp::Range { start: position(file, r.start), end: position(file, r.end) };
                Some(lsp::DiagnosticRelatedInformation { location: lsp::Location { uri: self.uri_of(&file.path)?, range }, message: l.message.clone() })
            })
            .collect();
        let r = sources.host_range(d.span);
        let host = sources.get(r.file);
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let diagnostic = lsp::Diagnostic {
            range: lsp::Range { start: position(host, r.start), end: position(host, r.end) },
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp::NumberOrString::String(d.code.to_string())),
            code_description: None,
            source: Some("pulint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        };
        let mut actions = Vec::new();
        // A safe fix is the preferred action; an unsafe one is offered too, marked, never preferred.
        if let Some(fix) = &d.fix
            && let Some(edit) = self.fix_edit(program, fix)
        {
            let title = if fix.safe { capitalised(&fix.message) } else { format!("(unsafe) {}", capitalised(&fix.message)) };
            actions.push(quick_fix(title, edit, fix.safe));
        }
        if let Some((title, edit)) = self.suppression(program, d) {
            actions.push(quick_fix(title, edit, false));
        }
        Item { diagnostic, actions }
    }

    /// A fix's edits in the documents that hold them (the Markdown document for embedded code).
    // `WorkspaceEdit::changes` is keyed by `Uri`, whose hash is its text (clippy cannot tell).
    #[allow(clippy::mutable_key_type)]
    fn fix_edit(&self, program: &Program, fix: &Fix) -> Option<lsp::WorkspaceEdit> {
        let sources = &program.sources;
        let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
        for e in &fix.edits {
            let (host, start, end, new_text) = sources.host_edit(e.span, &e.replacement)?;
            let file = sources.get(host);
            let range = lsp::Range { start: position(file, file.line_col(start)), end: position(file, file.line_col(end)) };
            changes.entry(self.uri_of(&file.path)?).or_default().push(lsp::TextEdit { range, new_text });
        }
        (!changes.is_empty()).then(|| lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() })
    }

    /// `# pulint: ignore[CODE]` (`//` in TypeScript and JavaScript) at the end of the line the
    /// diagnostic starts on, added to the list of a suppression comment already there; on a line
    /// of its own above when the line ends inside a string or continues on the next.
    fn suppression(&self, program: &Program, d: &Diagnostic) -> Option<(String, lsp::WorkspaceEdit)> {
        let sources = &program.sources;
        let code_file = sources.get(d.span.file);
        let marker = match code_file.kind {
            FileKind::Python => "#",
            FileKind::TypeScript | FileKind::JavaScript => "//",
            _ => return None,
        };
        let r = sources.host_range(d.span);
        let host = sources.get(r.file);
        let uri = self.uri_of(&host.path)?;
        let line = host.line_text(r.start.line);
        let at = |byte: usize| lsp::Position { line: r.start.line.saturating_sub(1), character: utf16_len(&line[..byte]) };
        let (title, pos, text) = if let Some(i) = line.find("pulint: ignore[").filter(|&i| line[..i].contains(marker)) {
            let close = i + line[i..].find(']')?;
            (format!("Add {} to this line's suppression comment", d.code), at(close), format!(", {}", d.code))
        } else if continues(line, code_file.kind) {
            let start = (d.span.start as usize).min(code_file.text.len());
            let line_start = code_file.text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
            let code_line = code_file.line_text(code_file.line_col(d.span.start).line);
            let indent = code_line.len() - code_line.trim_start().len();
            let (host_id, offset) = sources.host_offset(d.span.file, (line_start + indent) as u32);
            let host = sources.get(host_id);
            let offset = offset as usize;
            let lead_start = host.text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
            let lead = &host.text[lead_start..offset];
            let title = format!("Suppress {} with a comment on the line above", d.code);
            (title, position(host, host.line_col(offset as u32)), format!("{marker} pulint: ignore[{}]\n{lead}", d.code))
        } else {
            (format!("Suppress {} on this line", d.code), at(line.len()), format!("  {marker} pulint: ignore[{}]", d.code))
        };
        let edit = lsp::TextEdit { range: lsp::Range { start: pos, end: pos }, new_text: text };
        Some((title, lsp::WorkspaceEdit { changes: Some(HashMap::from([(uri, vec![edit])])), ..Default::default() }))
    }

    /// The quick fixes of the diagnostics the range touches: fixes first, one action per distinct
    /// edit.
    fn code_actions(&self, p: &ActionParams) -> Vec<lsp::CodeActionOrCommand> {
        if let Some(only) = &p.only
            && !only.iter().any(|k| k.as_str().is_empty() || k.as_str() == "quickfix")
        {
            return Vec::new();
        }
        let Some(published) = self.published.get(p.uri.as_str()) else { return Vec::new() };
        let mut out: Vec<lsp::CodeAction> = Vec::new();
        for item in published.items.iter().filter(|i| i.diagnostic.range.start <= p.range.end && p.range.start <= i.diagnostic.range.end) {
            for action in &item.actions {
                match out.iter_mut().find(|o| o.title == action.title && o.edit == action.edit) {
                    Some(same) => same.diagnostics.get_or_insert_with(Vec::new).push(item.diagnostic.clone()),
                    None => out.push(lsp::CodeAction { diagnostics: Some(vec![item.diagnostic.clone()]), ..action.clone() }),
                }
            }
        }
        out.sort_by_key(|a| a.is_preferred != Some(true));
        out.into_iter().map(lsp::CodeActionOrCommand::CodeAction).collect()
    }
}

/// What a code action request asks. Read leniently: the diagnostics the client sends in its
/// context are not needed (the server knows what it published), so they need not be complete.
struct ActionParams {
    uri: lsp::Uri,
    range: lsp::Range,
    only: Option<Vec<lsp::CodeActionKind>>,
}

impl ActionParams {
    fn read(mut params: serde_json::Value) -> Result<ActionParams, serde_json::Error> {
        let doc: lsp::TextDocumentIdentifier = serde_json::from_value(params["textDocument"].take())?;
        let range = serde_json::from_value(params["range"].take())?;
        let only = serde_json::from_value(params["context"]["only"].take()).unwrap_or_default();
        Ok(ActionParams { uri: doc.uri, range, only })
    }
}

fn capabilities() -> lsp::InitializeResult {
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(lsp::SaveOptions { include_text: Some(false) })),
            })),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                work_done_progress_options: Default::default(),
                resolve_provider: Some(false),
            })),
            ..Default::default()
        },
        server_info: Some(lsp::ServerInfo { name: "pulint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    }
}

fn quick_fix(title: String, edit: lsp::WorkspaceEdit, preferred: bool) -> lsp::CodeAction {
    lsp::CodeAction { title, kind: Some(lsp::CodeActionKind::QUICKFIX), edit: Some(edit), is_preferred: preferred.then_some(true), ..Default::default() }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// True when a comment added at the end of the line would not end the line's code: the line
/// continues with a backslash, or opens a multi-line string (an odd number of `"""`/`'''` in
/// Python, of backquotes in TypeScript).
fn continues(line: &str, kind: FileKind) -> bool {
    match kind {
        FileKind::Python => line.trim_end().ends_with('\\') || (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1,
        _ => line.matches('`').count() % 2 == 1,
    }
}

/// Which program a document belongs to, its path as program files name it, and its name inside
/// the program.
fn locate(uri: &lsp::Uri, language: &str) -> (Key, String, String) {
    let Some(path) = file_path(uri.as_str()) else {
        return (Key::Virtual(uri.as_str().to_string()), uri.as_str().to_string(), virtual_name(uri.as_str(), language));
    };
    let shown = path.to_string_lossy().into_owned();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match discover::project_of(&path) {
        Some(root) => {
            let inside = path.strip_prefix(&root).ok().and_then(Path::parent);
            let skipped = inside.is_some_and(|dirs| {
                dirs.components().any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.') || discover::SKIPPED_DIRS.contains(&n)))
            });
            let rel = discover::rel_path(&root, &path);
            (if skipped { Key::Unchecked } else { Key::Project(root) }, shown, rel)
        }
        None => (Key::File(path), shown, name),
    }
}

/// A name with an extension the frontend knows, for a document that is not a file.
fn virtual_name(uri: &str, language: &str) -> String {
    let last = uri.rsplit(['/', ':']).next().unwrap_or_default();
    if FileKind::from_path(last) != FileKind::Other {
        return last.to_string();
    }
    let ext = match language {
        "python" => "py",
        "typescript" => "ts",
        "typescriptreact" => "tsx",
        "javascript" => "js",
        "javascriptreact" => "jsx",
        "markdown" => "md",
        _ => "txt",
    };
    format!("{}.{ext}", if last.is_empty() { "untitled" } else { last })
}

/// The path of a `file:` URI (local authority only).
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.get(..7).filter(|s| s.eq_ignore_ascii_case("file://")).map(|_| &uri[7..])?;
    let slash = rest.find('/')?;
    let (authority, path) = rest.split_at(slash);
    if !(authority.is_empty() || authority.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` names `C:/x`.
    let b = path.as_bytes();
    let path = if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' { path[1..].to_string() } else { path };
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::from(if path.starts_with('/') { "file://" } else { "file:///" });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The protocol position (0-based line, UTF-16 code units) of a pulint position in `file`
/// (1-based line, character column).
fn position(file: &SourceFile, at: LineCol) -> lsp::Position {
    let line = file.line_text(at.line);
    let chars = at.column.saturating_sub(1) as usize;
    lsp::Position { line: at.line.saturating_sub(1), character: line.chars().take(chars).map(|c| c.len_utf16() as u32).sum() }
}

/// The byte offset of a protocol position in `text` (clamped to the line and the text).
fn offset_at(text: &str, pos: lsp::Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::thread;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a = 1\nb = \"é🚀\" + x\n";
        let file = SourceFile::new("m.py", FileKind::Python, text.to_string(), pulint_model::Origin::Disk);
        let x = text.find('x').unwrap() as u32;
        let at = file.line_col(x);
        assert_eq!(at, LineCol { line: 2, column: 12 });
        // Eleven characters before `x`: `é` is one UTF-16 unit, `🚀` two.
        assert_eq!(position(&file, at), lsp::Position { line: 1, character: 12 });
        assert_eq!(offset_at(text, lsp::Position { line: 1, character: 12 }), x as usize);
        // Past the end of a line or of the text: clamped.
        assert_eq!(offset_at(text, lsp::Position { line: 0, character: 99 }), 5);
        assert_eq!(offset_at(text, lsp::Position { line: 9, character: 0 }), text.len());
        // A line end position.
        assert_eq!(position(&file, file.line_col(5)), lsp::Position { line: 0, character: 5 });
    }

    #[test]
    fn file_uris() {
        assert_eq!(file_path("file:///tmp/a%20b/%C3%A9.py"), Some(PathBuf::from("/tmp/a b/é.py")));
        assert_eq!(file_path("file://localhost/x.ts"), Some(PathBuf::from("/x.ts")));
        assert_eq!(file_path("file://host/x.ts"), None);
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file:///C:/p/x.py"), Some(PathBuf::from("C:/p/x.py")));
        assert_eq!(file_uri("/tmp/a b/é.py"), "file:///tmp/a%20b/%C3%A9.py");
        assert_eq!(virtual_name("untitled:Untitled-1", "typescript"), "Untitled-1.ts");
        assert!(continues("x = f\"\"\"", FileKind::Python));
        assert!(continues("const s = `a${b}", FileKind::TypeScript));
        assert!(!continues("x = f\"{a}\"", FileKind::Python));
    }

    /// The client side of an in-memory connection.
    struct Client {
        conn: Connection,
        next: i32,
        /// Notifications received while waiting for something else.
        queued: Vec<Notification>,
    }

    const WAIT: Duration = Duration::from_secs(60);

    impl Client {
        fn request(&mut self, method: &str, params: Value) -> Result<Value, lsp_server::ResponseError> {
            self.next += 1;
            let id = RequestId::from(self.next);
            self.conn.sender.send(Request::new(id.clone(), method.into(), params).into()).unwrap();
            loop {
                match self.conn.receiver.recv_timeout(WAIT).expect("no response") {
                    Message::Response(r) if r.id == id => return r.response_result,
                    Message::Notification(n) => self.queued.push(n),
                    other => panic!("unexpected {other:?}"),
                }
            }
        }

        fn notify(&self, method: &str, params: Value) {
            self.conn.sender.send(Notification::new(method.into(), params).into()).unwrap();
        }

        /// The next diagnostics published for `uri`.
        fn published(&mut self, uri: &str) -> Vec<lsp::Diagnostic> {
            let is_it = |n: &Notification| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri;
            let n = match self.queued.iter().position(is_it) {
                Some(i) => self.queued.remove(i),
                None => loop {
                    match self.conn.receiver.recv_timeout(WAIT).unwrap_or_else(|_| panic!("no diagnostics for {uri}")) {
                        Message::Notification(n) if is_it(&n) => break n,
                        Message::Notification(n) => self.queued.push(n),
                        other => panic!("unexpected {other:?}"),
                    }
                },
            };
            serde_json::from_value::<lsp::PublishDiagnosticsParams>(n.params).unwrap().diagnostics
        }

        fn actions(&mut self, uri: &str, line: u32, character: u32) -> Vec<lsp::CodeAction> {
            let at = json!({"line": line, "character": character});
            let r = self.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}));
            let list: Vec<lsp::CodeActionOrCommand> = serde_json::from_value(r.expect("code actions")).unwrap();
            list.into_iter()
                .map(|a| match a {
                    lsp::CodeActionOrCommand::CodeAction(a) => a,
                    lsp::CodeActionOrCommand::Command(c) => panic!("a command: {c:?}"),
                })
                .collect()
        }
    }

    fn codes(diagnostics: &[lsp::Diagnostic]) -> Vec<(String, u32)> {
        diagnostics
            .iter()
            .map(|d| match &d.code {
                Some(lsp::NumberOrString::String(c)) => (c.clone(), d.range.start.line),
                other => panic!("code {other:?}"),
            })
            .collect()
    }

    /// The only edit of an action, in `uri`.
    #[allow(clippy::mutable_key_type)]
    fn only_edit(action: &lsp::CodeAction, uri: &str) -> lsp::TextEdit {
        let changes = action.edit.as_ref().and_then(|e| e.changes.as_ref()).expect("changes");
        assert_eq!(changes.len(), 1);
        let (u, edits) = changes.iter().next().unwrap();
        assert_eq!(u.as_str(), uri);
        assert_eq!(edits.len(), 1);
        edits[0].clone()
    }

    fn apply(text: &str, edit: &lsp::TextEdit) -> String {
        let mut out = text.to_string();
        out.replace_range(offset_at(text, edit.range.start)..offset_at(text, edit.range.end), &edit.new_text);
        out
    }

    #[test]
    fn a_session() {
        let (server, conn) = Connection::memory();
        let running = thread::spawn(move || serve(&server));
        let mut c = Client { conn, next: 0, queued: Vec::new() };

        // Before initialize, requests are refused.
        assert!(c.request("textDocument/codeAction", json!({})).is_err());
        let init = c.request("initialize", json!({"capabilities": {}})).unwrap();
        assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 1);
        assert_eq!(init["serverInfo"]["name"], "pulint");
        c.notify("initialized", json!({}));

        // A project of two files; the editor's text of __main__.py differs from the disk's.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/py");
        let main_uri = file_uri(&root.join("__main__.py").to_string_lossy());
        let network_uri = file_uri(&root.join("network.py").to_string_lossy());
        let disk = std::fs::read_to_string(root.join("__main__.py")).unwrap();
        let unsaved = format!("{disk}more = aws.s3.BucketObject(\"more\", bucket=bucket.id, content=f\"{{bucket.id}}/x\")\n");
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": main_uri, "languageId": "python", "version": 1, "text": unsaved}}));
        assert_eq!(codes(&c.published(&main_uri)), [("SEC016".into(), 6), ("OUT001".into(), 7), ("OUT001".into(), 9)]);
        // The other file of the program, with a finding after non-ASCII text.
        let network = c.published(&network_uri);
        assert_eq!(codes(&network), [("SEC001".into(), 5)]);
        let line = std::fs::read_to_string(root.join("network.py")).unwrap().lines().nth(5).unwrap().to_string();
        let cidr = line.find("\"0.0.0.0/0\"").unwrap();
        assert_eq!(network[0].range.start.character as usize, line[..cidr].encode_utf16().count());
        assert_eq!(network[0].severity, Some(lsp::DiagnosticSeverity::ERROR));
        assert_eq!(network[0].source.as_deref(), Some("pulint"));

        // Code actions at the OUT001 of line 8: the safe fix first, then the suppression.
        let actions = c.actions(&main_uri, 7, 70);
        assert_eq!(actions.len(), 2, "{actions:#?}");
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(only_edit(&actions[0], &main_uri).new_text, "pulumi.Output.concat(\"arn: \", bucket.arn)");
        assert_eq!(actions[0].diagnostics.as_ref().map(|d| codes(d)), Some(vec![("OUT001".into(), 7)]));
        assert_eq!(actions[1].title, "Suppress OUT001 on this line");
        let suppress = only_edit(&actions[1], &main_uri);
        assert_eq!(suppress.new_text, "  # pulint: ignore[OUT001]");
        assert_eq!(suppress.range.start, lsp::Position { line: 7, character: disk.lines().nth(7).unwrap().len() as u32 });
        // Nothing under a line without findings.
        assert!(c.actions(&main_uri, 1, 0).is_empty());

        // Applying the suppression (a change in the editor) removes that finding.
        let suppressed = apply(&unsaved, &suppress);
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": main_uri, "version": 2}, "contentChanges": [{"text": suppressed}]}));
        assert_eq!(codes(&c.published(&main_uri)), [("SEC016".into(), 6), ("OUT001".into(), 9)]);
        assert_eq!(codes(&c.published(&network_uri)), [("SEC001".into(), 5)]);
        // The fix of the other OUT001.
        let fix = c.actions(&main_uri, 9, 70).into_iter().next().unwrap();
        let fixed = apply(&suppressed, &only_edit(&fix, &main_uri));
        assert!(fixed.contains("content=pulumi.Output.concat(bucket.id, \"/x\")"), "{fixed}");
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": main_uri, "version": 3}, "contentChanges": [{"text": fixed}]}));
        assert_eq!(codes(&c.published(&main_uri)), [("SEC016".into(), 6)]);
        let _ = c.published(&network_uri);
        // A file left without findings is cleared.
        let quiet = format!("# pulint: ignore-file\n{fixed}");
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": main_uri, "version": 4}, "contentChanges": [{"text": quiet}]}));
        assert!(c.published(&main_uri).is_empty());
        assert_eq!(codes(&c.published(&network_uri)), [("SEC001".into(), 5)]);

        // Closing the document checks the project again as it is on disk.
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": main_uri}}));
        assert_eq!(codes(&c.published(&main_uri)), [("SEC016".into(), 6), ("OUT001".into(), 7)]);
        let _ = c.published(&network_uri);

        // A Markdown answer that is not on disk, its code in a list item: positions and fixes
        // are the document's.
        let md_uri = file_uri(&std::env::temp_dir().join("pulint-server-test/answer.md").to_string_lossy());
        let md = "# Answer\n\n1. The program:\n\n   ```python\n   import pulumi\n   import pulumi_aws as aws\n   b = aws.s3.Bucket(\"b\")\n   o = aws.s3.BucketObject(\"o\", bucket=b.id, content=f\"é {b.arn}\")\n   ```\n";
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": md_uri, "languageId": "markdown", "version": 1, "text": md}}));
        let found = c.published(&md_uri);
        let out = found.iter().find(|d| d.code == Some(lsp::NumberOrString::String("OUT001".into()))).expect("OUT001 in the document");
        let host_line = md.lines().nth(8).unwrap();
        assert_eq!(out.range.start, lsp::Position { line: 8, character: host_line.find("f\"").unwrap() as u32 });
        let actions = c.actions(&md_uri, 8, 60);
        let fix = actions.iter().find(|a| a.is_preferred == Some(true)).expect("a fix");
        let fixed = apply(md, &only_edit(fix, &md_uri));
        assert!(fixed.contains("   o = aws.s3.BucketObject(\"o\", bucket=b.id, content=pulumi.Output.concat(\"é \", b.arn))\n"), "{fixed}");
        let suppress = actions.iter().find(|a| a.title == "Suppress OUT001 on this line").expect("a suppression");
        assert_eq!(only_edit(suppress, &md_uri).range.start, lsp::Position { line: 8, character: host_line.chars().count() as u32 });
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": md_uri, "version": 2}, "contentChanges": [{"text": fixed}]}));
        assert!(!codes(&c.published(&md_uri)).iter().any(|(code, _)| code == "OUT001"));
        // Closing a document checked alone clears its diagnostics.
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": md_uri}}));
        assert!(c.published(&md_uri).is_empty());

        // An unsafe fix is offered too, marked and not preferred; the line it adds to a block in a
        // list item keeps the item's indentation.
        let split_uri = file_uri(&std::env::temp_dir().join("pulint-server-test/split.md").to_string_lossy());
        let split = "1. The bucket:\n\n   ```python\n   import pulumi_aws as aws\n   logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})\n   ```\n";
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": split_uri, "languageId": "markdown", "version": 1, "text": split}}));
        assert!(codes(&c.published(&split_uri)).contains(&("VAL005".into(), 4)));
        let actions = c.actions(&split_uri, 4, 36);
        let fix = actions.iter().find(|a| a.title.starts_with("(unsafe) ")).expect("the unsafe fix");
        assert_eq!(fix.title, "(unsafe) Move `versioning` into a separate `aws.s3.BucketVersioning` resource");
        assert_eq!(fix.is_preferred, None);
        assert!(!actions.iter().any(|a| a.is_preferred == Some(true)), "{actions:#?}");
        let mut edits = fix.edit.as_ref().and_then(|e| e.changes.as_ref()).and_then(|c| c.values().next()).expect("edits").clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let fixed = edits.iter().fold(split.to_string(), |text, e| apply(&text, e));
        assert!(
            fixed.ends_with("   logs = aws.s3.Bucket(\"logs\")\n   aws.s3.BucketVersioning(\"logs-versioning\", bucket=logs.id, versioning_configuration={\"status\": \"Enabled\"})\n   ```\n"),
            "{fixed}"
        );
        c.notify("textDocument/didClose", json!({"textDocument": {"uri": split_uri}}));
        assert!(c.published(&split_uri).is_empty());

        // A buffer that is no file.
        let untitled = "untitled:Untitled-1";
        let ts = "import * as aws from \"@pulumi/aws\";\nconst b = new aws.s3.Bucket(\"b\");\nnew aws.s3.BucketObject(\"o\", { bucket: b.id, content: `${b.arn}` }); // pulint: ignore[SEC002] no secret here\n";
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": untitled, "languageId": "typescript", "version": 1, "text": ts}}));
        assert!(codes(&c.published(untitled)).contains(&("OUT001".into(), 2)));
        // The line has a suppression comment for another rule: the code joins its list.
        let suppress = c.actions(untitled, 2, 60).into_iter().find(|a| a.is_preferred.is_none()).unwrap();
        assert_eq!(suppress.title, "Add OUT001 to this line's suppression comment");
        let joined = apply(ts, &only_edit(&suppress, untitled));
        assert!(joined.contains("// pulint: ignore[SEC002, OUT001] no secret here\n"), "{joined}");
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": untitled, "version": 2}, "contentChanges": [{"text": joined}]}));
        assert!(!codes(&c.published(untitled)).iter().any(|(code, _)| code == "OUT001"));

        // A panic while checking: nothing is published for that program, the server carries on.
        let panics = "untitled:/panics.py";
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": panics, "languageId": "python", "version": 1, "text": "x = 1\n"}}));
        assert!(c.actions(panics, 0, 0).is_empty());
        assert!(!c.queued.iter().any(|n| n.params["uri"] == panics));

        // Bad requests are answered with errors, and the server carries on.
        assert_eq!(c.request("textDocument/codeAction", json!({"bogus": 1})).err().map(|e| e.code), Some(ErrorCode::InvalidParams as i32));
        assert_eq!(c.request("textDocument/hover", json!({})).err().map(|e| e.code), Some(ErrorCode::MethodNotFound as i32));
        c.notify("textDocument/didChange", json!({"nonsense": true}));

        assert_eq!(c.request("shutdown", Value::Null).ok(), Some(Value::Null));
        assert!(c.request("textDocument/codeAction", json!({})).is_err());
        c.notify("exit", Value::Null);
        assert!(running.join().unwrap(), "a clean exit after shutdown");
    }
}
