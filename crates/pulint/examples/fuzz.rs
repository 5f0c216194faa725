//! A small mutation fuzzer for the whole pipeline (frontend, rules, output), on stable Rust.
//!
//! ```text
//! cargo run --release -p pulint --example fuzz -- [SECONDS] [SEED] [OUT_DIR]
//! ```
//!
//! Seeds are the rule fixtures (`crates/pulint_rules/fixtures/*.md`, also split into their
//! Python and TypeScript blocks) and the lowering fixtures (`crates/pulint_frontend/tests/lowering`).
//! Each input is a mutation of a seed (byte flips, deletions, duplications, splices with another
//! seed, truncation, inserted tokens, deep-nesting injections), analysed in-process with
//! `catch_unwind` and a per-input time limit. A panic, a run over the limit, or differing output
//! on a second run is saved to OUT_DIR. The input being run is written to OUT_DIR/current.* first,
//! so an abort (stack overflow) leaves it behind.

use pulint_frontend::{Input, Options};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

const TOKENS: &[&[u8]] = &[
    b"(", b")", b"[", b"]", b"{", b"}", b"\"", b"'", b"`", b"${", b"\"\"\"", b"```", b"```python\n", b"```ts\n",
    b"\n", b"\r\n", b"\t", b"\0", b"\xff", b"\xef\xbb\xbf", b"#", b"//", b"/*", b"*/", b"\\", b":", b"=", b"=>",
    b"lambda ", b"not ", b"!", b"?", b"...", b"**", b"async ", b"await ", b"yield ", b"class X:\n", b"def f(x):\n",
    b"for i in range(100):\n    ", b"while True:\n    ", b"import __main__\n", b"from . import *\n",
    b"import * as s from \"./index\";\n", b"pulumi.Output.all(", b"aws.ec2.SecurityGroup(", b"new aws.s3.Bucket(",
    b"## File: lib/x.py\n", b"x = [x, x]\n", b"s = s + s\n", b"0.0.0.0/0", b"\"*\"", b"f\"{", b"1e308", b"-0",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = data.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(64)).min(len);
                data.drain(i..j);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(256)).min(len);
                let chunk = data[i..j].to_vec();
                let at = rng.below(len);
                data.splice(at..at, chunk);
            }
            3 if !other.is_empty() => {
                let i = rng.below(other.len());
                let j = (i + 1 + rng.below(512)).min(other.len());
                let at = rng.below(len + 1);
                data.splice(at..at, other[i..j].iter().copied());
            }
            4 if len > 0 => data.truncate(rng.below(len)),
            5 => {
                let tok = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(len + 1);
                data.splice(at..at, tok.iter().copied());
            }
            6 => {
                // Deep nesting, sometimes over the guard's limit.
                let (open, close): (&[u8], &[u8]) =
                    [(&b"("[..], &b")"[..]), (b"[", b"]"), (b"{", b"}"), (b"f(", b")"), (b"!", b""), (b"not ", b""), (b"a ? b : ", b"")][rng.below(7)];
                let n = [10, 100, 1000, 3000, 20_000][rng.below(5)];
                let at = rng.below(len + 1);
                let mut ins = open.repeat(n);
                ins.extend_from_slice(b"1");
                if rng.below(2) == 0 {
                    ins.extend(close.repeat(n));
                }
                data.splice(at..at, ins);
            }
            7 if len > 0 => {
                // Repeat a line many times (long files, many statements).
                let i = rng.below(len);
                let start = data[..i].iter().rposition(|c| *c == b'\n').map_or(0, |p| p + 1);
                let end = data[i..].iter().position(|c| *c == b'\n').map_or(len, |p| i + p + 1);
                let line = data[start..end].to_vec();
                let times = 1 + rng.below(200);
                data.splice(end..end, line.repeat(times));
            }
            _ => {
                let i = rng.below(len + 1);
                let b = rng.below(256) as u8;
                data.insert(i, b);
            }
        }
    }
    data
}

/// The whole pipeline on one file; the JSON and text output.
fn analyse(name: &str, bytes: Vec<u8>) -> String {
    let input = Input { path: name.to_string(), rel: name.to_string(), bytes };
    let program = pulint_frontend::build(vec![input], &Options::default());
    let settings = pulint_rules::Settings { preview: true, ..Default::default() };
    let diagnostics = pulint_rules::lint(&program, &settings);
    let reports = [pulint_emit::Report { program: &program, diagnostics: &diagnostics }];
    let mut out = pulint_emit::json::render(&reports);
    out.push_str(&pulint_emit::text::render(&reports));
    out.push_str(&pulint_model::dump::dump(&program));
    out
}

fn seeds(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut add_dir = |dir: PathBuf| {
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_string();
            if p.is_file() && matches!(ext.as_str(), "md" | "py" | "ts" | "js" | "yaml") {
                if let Ok(b) = std::fs::read(&p) {
                    out.push((ext, b));
                }
            }
        }
    };
    add_dir(root.join("crates/pulint_rules/fixtures"));
    add_dir(root.join("crates/pulint_frontend/tests/lowering"));
    // The fixtures' code blocks as files of their own.
    let blocks: Vec<(String, Vec<u8>)> = out
        .iter()
        .filter(|(e, _)| e == "md")
        .flat_map(|(_, b)| {
            let text = String::from_utf8_lossy(b).to_string();
            let mut found = Vec::new();
            let mut lang = None;
            let mut cur = String::new();
            for line in text.lines() {
                match (&lang, line.trim_start().strip_prefix("```")) {
                    (None, Some(l)) if l.starts_with("py") => lang = Some("py"),
                    (None, Some(l)) if l.starts_with("ts") || l.starts_with("typescript") => lang = Some("ts"),
                    (Some(l), Some(_)) => {
                        found.push((l.to_string(), std::mem::take(&mut cur).into_bytes()));
                        lang = None;
                    }
                    (Some(_), None) => {
                        cur.push_str(line);
                        cur.push('\n');
                    }
                    _ => {}
                }
            }
            found
        })
        .collect();
    out.extend(blocks);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let mut rng = Rng(args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0x9e37_79b9_7f4a_7c15) | 1);
    let out_dir = PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "target/fuzz-out".into()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::create_dir_all(&out_dir).expect("cannot create the output directory");
    let corpus = seeds(&root);
    assert!(!corpus.is_empty(), "no seeds found under {}", root.display());
    std::panic::set_hook(Box::new(|_| {}));
    let limit = Duration::from_secs(10);
    let start = Instant::now();
    let (mut runs, mut bytes, mut crashes, mut slow, mut nondeterministic) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while start.elapsed() < Duration::from_secs(seconds) {
        let (ext, seed) = &corpus[rng.below(corpus.len())];
        let (_, other) = &corpus[rng.below(corpus.len())];
        let data = mutate(&mut rng, seed, other);
        let name = format!("input.{ext}");
        let current = out_dir.join(format!("current.{ext}"));
        let _ = std::fs::write(&current, &data);
        let (tx, rx) = mpsc::channel();
        let (n1, d1) = (name.clone(), data.clone());
        let began = Instant::now();
        std::thread::Builder::new()
            .stack_size(8 * 1024 * 1024)
            .spawn(move || {
                let first = std::panic::catch_unwind(|| analyse(&n1, d1.clone()));
                let second = std::panic::catch_unwind(|| analyse(&n1, d1));
                let _ = tx.send((first.ok(), second.ok()));
            })
            .expect("cannot spawn a thread");
        let verdict = match rx.recv_timeout(limit) {
            Ok((Some(a), Some(b))) if a == b => None,
            Ok((Some(_), Some(_))) => {
                nondeterministic += 1;
                Some("nondeterministic")
            }
            Ok(_) => {
                crashes += 1;
                Some("panic")
            }
            Err(_) => {
                slow += 1;
                Some("timeout")
            }
        };
        let took = began.elapsed();
        slowest = slowest.max(took);
        if verdict.is_none() && took > Duration::from_secs(3) {
            let path = out_dir.join(format!("slow-{runs}.{ext}"));
            let _ = std::fs::write(&path, &data);
            eprintln!("slow: {} ({} bytes, {:.1?})", path.display(), data.len(), took);
        }
        if let Some(kind) = verdict {
            let path = out_dir.join(format!("{kind}-{runs}.{ext}"));
            let _ = std::fs::write(&path, &data);
            eprintln!("{kind}: {} ({} bytes, {:.1?})", path.display(), data.len(), took);
            if kind == "timeout" {
                // The thread cannot be stopped; do not let it pile up.
                break;
            }
        }
        runs += 1;
        bytes += data.len() as u64;
    }
    let _ = std::fs::remove_file(out_dir.join("current.md"));
    println!(
        "runs={runs} seconds={:.0} bytes={bytes} panics={crashes} timeouts={slow} nondeterministic={nondeterministic} slowest={:.2?} seeds={}",
        start.elapsed().as_secs_f64(),
        slowest,
        corpus.len()
    );
}
