//! End-to-end: `pulint server` as an editor runs it, speaking JSON-RPC over standard input and
//! output — framing, diagnostics of the TypeScript fixture project, code actions, exit statuses,
//! bad input. (The in-process session test in `src/server.rs` covers the protocol in detail.)

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pulint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Server { child, stdin, stdout }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = Some(n.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The response to request `id`; notifications before it are returned too.
    fn response(&mut self, id: i64) -> (Value, Vec<Value>) {
        let mut notes = Vec::new();
        loop {
            let m = self.receive();
            if m["id"] == id && m.get("method").is_none() {
                return (m, notes);
            }
            notes.push(m);
        }
    }

    /// Exit status and standard error once the server has ended.
    fn finish(mut self) -> (i32, String) {
        drop(self.stdin);
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        (status.code().unwrap_or(-1), stderr)
    }
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.to_string_lossy().replace(' ', "%20"))
}

#[test]
fn typescript_project_over_stdio() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/ts");
    let index = root.join("index.ts");
    let uri = file_uri(&index);
    let text = std::fs::read_to_string(&index).unwrap();
    let mut s = Server::start();
    s.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": file_uri(&root), "capabilities": {}}}));
    let (init, _) = s.response(1);
    assert_eq!(init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"], json!(["quickfix"]));
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    s.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "typescript", "version": 1, "text": text}}}));
    let published = s.receive();
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["uri"], uri.as_str());
    assert_eq!(published["params"]["version"], 1);
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap().clone();
    let found: Vec<(&str, u64)> = diagnostics.iter().map(|d| (d["code"].as_str().unwrap(), d["range"]["start"]["line"].as_u64().unwrap())).collect();
    for expected in [("OUT001", 5), ("SEC001", 6)] {
        assert!(found.contains(&expected), "{found:?}");
    }
    // The SEC001 finding follows `é` and `🚀` on its line: UTF-16 units, not characters or bytes.
    let sec001 = diagnostics.iter().find(|d| d["code"] == "SEC001").unwrap();
    let line = text.lines().nth(6).unwrap();
    let at = line.find("\"0.0.0.0/0\"").unwrap();
    assert_eq!(sec001["range"]["start"]["character"].as_u64().unwrap() as usize, line[..at].encode_utf16().count());
    assert_eq!(sec001["severity"], 1);
    assert_eq!(sec001["source"], "pulint");

    // The quick fixes of the OUT001 finding: `pulumi.interpolate`, and the suppression comment.
    let out001 = diagnostics.iter().find(|d| d["code"] == "OUT001").unwrap();
    s.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": out001["range"], "context": {"diagnostics": [out001]}}}));
    let (actions, _) = s.response(2);
    let actions = actions["result"].as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(actions[0]["edit"]["changes"][&uri][0]["newText"], "pulumi.interpolate`arn: ${bucket.arn}`");
    assert_eq!(actions[1]["edit"]["changes"][&uri][0]["newText"], "  // pulint: ignore[OUT001]");

    // Unknown methods are refused; the server keeps serving.
    s.send(json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {}}));
    assert_eq!(s.response(3).0["error"]["code"], -32601);

    s.send(json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}));
    assert_eq!(s.response(4).0["result"], Value::Null);
    s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let (status, stderr) = s.finish();
    assert_eq!(status, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn exit_without_shutdown_and_bad_input() {
    // `exit` before `shutdown`: status 1, as the protocol asks.
    let mut s = Server::start();
    s.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
    s.response(1);
    s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(s.finish().0, 1);

    // A payload that is not JSON ends the connection, without a panic.
    let mut s = Server::start();
    write!(s.stdin, "Content-Length: 5\r\n\r\n{{oops").unwrap();
    s.stdin.flush().unwrap();
    let (status, stderr) = s.finish();
    assert_eq!(status, 1);
    assert!(stderr.contains("malformed") && !stderr.contains("panicked"), "{stderr}");

    // The client going away.
    let s = Server::start();
    assert_eq!(s.finish().0, 1);
}
