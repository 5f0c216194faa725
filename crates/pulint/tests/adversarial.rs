//! Hostile input: every case must end with a diagnostic or a correct result, never a crash
//! (a panic exits with 101, a stack overflow aborts) or a hang (each run is killed after 20 s).
//! Inputs are generated in a temporary directory; nothing large is committed. Also: output is
//! byte-identical with 1 and 2 worker threads.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);
const DEPTH: usize = 100_000;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs the binary with a time limit; a crash or a hang fails the test.
fn pulint_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let started = Instant::now();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pulint"));
    cmd.args(args).current_dir(dir).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("binary runs");
    // Read output on threads so a full pipe cannot stall the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pulint {args:?} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    let code = status.code().unwrap_or_else(|| panic!("pulint {args:?} was killed by a signal: {status:?}\n{stderr}"));
    assert!(code != 101 && !stderr.contains("panicked") && !stderr.contains("overflow"), "pulint {args:?} crashed ({code}):\n{stderr}");
    assert!(matches!(code, 0..=2), "pulint {args:?}: exit code {code}\n{stderr}");
    Run { code, stdout, stderr, took: started.elapsed() }
}

fn check(dir: &Path, path: &str) -> Run {
    pulint_in(dir, &["check", "--format", "concise", "--preview", path], &[])
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pulint-adversarial-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("parent dir");
    }
    std::fs::write(path, bytes).expect("write");
}

fn nested(prefix: &str, open: &str, middle: &str, close: &str, suffix: &str) -> String {
    format!("{prefix}{}{middle}{}{suffix}", open.repeat(DEPTH), close.repeat(DEPTH))
}

#[test]
fn deep_nesting_is_a_budget_note() {
    let dir = temp("deep");
    let cases: Vec<(&str, String)> = vec![
        ("parens.py", nested("x = ", "(", "1", ")", "\n")),
        ("lists.py", nested("x = ", "[", "", "]", "\n")),
        ("calls.py", nested("x = ", "f(", "1", ")", "\n")),
        ("dicts.py", nested("x = ", "{'a': ", "1", "}", "\n")),
        ("nots.py", nested("x = ", "not ", "1", "", "\n")),
        ("lambdas.py", nested("x = ", "lambda: ", "1", "", "\n")),
        ("unclosed.py", nested("x = ", "(", "", "", "\n")),
        ("parens.ts", nested("const x = ", "(", "1", ")", ";\n")),
        ("arrays.ts", nested("const x = ", "[", "", "]", ";\n")),
        ("calls.ts", nested("const x = ", "f(", "1", ")", ";\n")),
        ("objects.ts", nested("const x = ", "{a: ", "1", "}", ";\n")),
        ("blocks.ts", nested("", "{", "", "}", "\n")),
        ("nots.ts", nested("const x = ", "!", "1", "", ";\n")),
        ("typeofs.ts", nested("const x = ", "typeof ", "1", "", ";\n")),
        ("ternaries.ts", nested("const x = ", "a ? b : ", "c", "", ";\n")),
        ("arrows.ts", nested("const x = ", "() => ", "1", "", ";\n")),
        ("generics.ts", nested("let x: ", "A<", "B", ">", ";\n")),
        ("unclosed.ts", nested("const x = ", "{a: ", "", "", "\n")),
        // Template substitutions are code: the guard once skipped them with the literal's text.
        ("template.ts", nested("const x = `${", "(", "1", ")", "}`;\n")),
        // So are brackets after a backslash (`a\)` is a name) and inside regular expressions.
        ("escapes.ts", format!("const x = {};\n", "(a\\)".repeat(DEPTH))),
        ("regexes.ts", format!("const x = {};\n", "(/)/".repeat(DEPTH))),
        ("regexes.js", format!("const x = {};\n", "[/]/".repeat(DEPTH))),
        ("fences.md", format!("# Doc\n\n```python\n{}\n```\n\n```typescript\n{}\n```\n", nested("x = ", "[", "", "]", ""), nested("const y = ", "[", "", "]", ";"))),
    ];
    for (name, text) in &cases {
        write(&dir, name, text);
        let run = check(&dir, name);
        assert!(run.stdout.contains("PUL003") && run.stdout.contains("nested more than"), "{name}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn moderate_nesting_is_analysed() {
    // 150 levels: well inside the guard, deeper than the lowering's own bound in places.
    let dir = temp("moderate");
    let py = format!("import pulumi_aws as aws\nx = {}1{}\nsg = aws.ec2.SecurityGroup(\"sg\", ingress=[{{\"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr_blocks\": [\"0.0.0.0/0\"]}}])\n", "[".repeat(150), "]".repeat(150));
    write(&dir, "main.py", py);
    let run = check(&dir, "main.py");
    assert!(run.stdout.contains("SEC001") && !run.stdout.contains("PUL003"), "{}", run.stdout);
}

#[test]
fn huge_file_is_skipped_quickly() {
    let dir = temp("huge");
    let line = "x = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n";
    let text = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    write(&dir, "huge.py", &text);
    let run = check(&dir, "huge.py");
    assert!(run.stdout.contains("PUL003") && run.stdout.contains("larger than"), "{}", run.stdout);
    assert!(run.took < Duration::from_secs(5), "took {:?}", run.took);
    // In a directory too.
    write(&dir, "proj/Pulumi.yaml", "name: p\nruntime: python\n");
    std::fs::rename(dir.join("huge.py"), dir.join("proj/huge.py")).expect("move");
    let run = check(&dir, "proj");
    assert!(run.stdout.contains("larger than"), "{}", run.stdout);
}

#[test]
fn long_flat_file_is_analysed() {
    // 10,000 resources in one file: not nested, so analysed (and bounded by fuel if need be).
    let dir = temp("flat");
    let mut py = String::from("import pulumi_aws as aws\n");
    for i in 0..10_000 {
        py.push_str(&format!("b{i} = aws.s3.Bucket(\"b{i}\", tags={{\"n\": \"{i}\"}})\n"));
    }
    write(&dir, "main.py", py);
    let run = check(&dir, "main.py");
    assert!(run.code == 1 && run.stdout.lines().count() >= 10_000, "{}", &run.stdout[..run.stdout.len().min(2000)]);
}

#[test]
fn huge_literals_are_linear() {
    // Found by the fuzzer: a dict literal of n keys cost n² (every key searched the entries).
    let dir = temp("literals");
    let keys: String = (0..50_000).map(|i| format!("\"k{i}\": {i}, ")).collect();
    write(&dir, "dict.py", format!("import pulumi_aws as aws\nb = aws.s3.Bucket('b', tags={{{keys}}})\n"));
    write(&dir, "object.ts", format!("import * as aws from \"@pulumi/aws\";\nconst b = new aws.s3.Bucket(\"b\", {{ tags: {{{keys}}} }});\n"));
    for name in ["dict.py", "object.ts"] {
        let run = check(&dir, name);
        assert!(run.took < Duration::from_secs(10), "{name} took {:?}", run.took);
    }
}

#[test]
fn nested_comparisons_are_linear() {
    // Found by the fuzzer: the Python lowering lowered each comparison's right side twice, so
    // `a in [a in [a in ...]]` cost 2^depth (12.8 KB ran for minutes).
    let dir = temp("comparisons");
    write(&dir, "in.py", format!("x = {}1{}\n", "a in [".repeat(150), "]".repeat(150)));
    write(&dir, "chain.py", format!("x = {}1{}\n", "a < b < [".repeat(150), "]".repeat(150)));
    for name in ["in.py", "chain.py"] {
        let run = check(&dir, name);
        assert!(run.took < Duration::from_secs(10), "{name} took {:?}", run.took);
    }
}

#[test]
fn long_names_do_not_slow_suggestions() {
    // Found by the fuzzer: "did you mean" suggestions computed an edit distance between a
    // 20,000-character argument name and every candidate.
    let dir = temp("names");
    let name = "x".repeat(20_000);
    let lines: String = (0..100).map(|i| format!("b{i} = aws.s3.Bucket('b{i}', {name}{i}=1)\n")).collect();
    write(&dir, "long.py", format!("import pulumi_aws as aws\n{lines}"));
    let run = check(&dir, "long.py");
    assert!(run.took < Duration::from_secs(10) && run.stdout.contains("VAL002"), "took {:?}: {}", run.took, &run.stdout[..run.stdout.len().min(500)]);
}

#[test]
fn recursive_construction_is_bounded() {
    // Found by the fuzzer (the file is kept in tests/regressions): class field initialisers ran
    // outside call frames, so a class constructing itself recursed until the stack overflowed
    // (SIGSEGV on the frontend's grown stack).
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions"));
    check(root, "fuzz-recursive-construction.py");
    // Also found by the fuzzer: VAL managed-policy suggestions compared a long name letter by
    // letter with every AWS managed policy (2.2 s for this 27 KB file in release).
    let run = check(root, "fuzz-long-policy-name.py");
    assert!(run.took < Duration::from_secs(10), "took {:?}", run.took);
    // Found by cargo-fuzz (check_pipeline timed out): a class whose body constructs it twice
    // (`k = TapStack("", TapStack(""))`, what ruff recovered from a broken file) made a binary tree
    // of constructions 16 deep, 131,071 components; the fuzzed file took 5.7 s in release.
    let run = check(root, "fuzz-doubling-construction.py");
    assert!(run.took < Duration::from_secs(10), "took {:?}", run.took);
    let dir = temp("construction");
    write(&dir, "twice.py", "import pulumi\nclass A(pulumi.ComponentResource):\n    k = A('', A(''))\n    def __init__(self, name, child=None):\n        super().__init__('x:y:A', name, None)\na = A('a')\n");
    write(&dir, "twice.ts", "import * as pulumi from \"@pulumi/pulumi\";\nclass A extends pulumi.ComponentResource { k = new A(\"\", new A(\"\")); constructor(n: string, c?: A) { super(\"x:y:A\", n); } }\nconst a = new A(\"a\");\n");
    for name in ["twice.py", "twice.ts"] {
        let run = pulint_in(&dir, &["dump", name], &[]);
        let resources = run.stdout.lines().filter(|l| l.starts_with("resource #")).count();
        assert!(resources <= 2, "{name}: {resources} resources");
    }
    write(&dir, "b.ts", "class B { x = new C(); }\nclass C { y = new B(); }\nconst b = new B();\n");
    write(&dir, "a.py", "class A:\n    x = A()\na = A()\n");
    for name in ["a.ts", "b.ts", "a.py"] {
        check(&dir, name);
    }
}

#[test]
fn pure_annotation_before_a_label() {
    // Found by cargo-fuzz (typescript_loader, minimised to `//@__PURE__\n:`): oxc_parser 0.146
    // debug-asserts that a comment it marks "pure, not applied" is a pure annotation, which fails
    // when the annotation precedes a labeled statement. Release builds were fine; debug builds
    // (the tests', `cargo run`) panicked and skipped the whole program.
    let dir = temp("pure");
    write(&dir, "label.ts", "import * as aws from \"@pulumi/aws\";\n/* @__PURE__ */ outer: for (;;) { break outer; }\nconst sg = new aws.ec2.SecurityGroup(\"sg\", {ingress: [{protocol: \"tcp\", fromPort: 22, toPort: 22, cidrBlocks: [\"0.0.0.0/0\"]}]});\n");
    write(&dir, "fuzzed.ts", "//@__PURE__\n:");
    write(&dir, "doc.md", "# A\n\n```ts\n// @__PURE__\nlabel:\n```\n");
    let run = check(&dir, "label.ts");
    assert!(run.stdout.contains("SEC001"), "{}", run.stdout);
    for name in ["fuzzed.ts", "doc.md"] {
        check(&dir, name);
    }
}

#[test]
fn speculative_type_arguments_are_bounded() {
    // Found by cargo-fuzz (typescript_loader timed out; the file is kept in tests/regressions): oxc
    // reads a `<` after an expression as type arguments and, when that fails, as a comparison, so
    // unclosed `<`s in nested brackets multiply the work (84 bytes of `a<b<[{[` took seconds, and
    // each repetition tripled it). Such files are refused before parsing.
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions"));
    for name in ["fuzz-type-argument-speculation.ts", "fuzz-carriage-return-comment.ts"] {
        let run = check(root, name);
        assert!(run.took < Duration::from_secs(10) && run.stdout.contains("PUL003") && run.stdout.contains("unclosed `<`"), "{name} took {:?}: {}", run.took, run.stdout);
    }
    let dir = temp("speculation");
    let many = "a<b<[{[".repeat(30);
    write(&dir, "many.ts", &many);
    write(&dir, "template.ts", format!("const x = `${{{many}}}`;\n"));
    write(&dir, "doc.md", format!("# A\n\n```ts\n{many}\n```\n"));
    // Found by the next run: `\]` is part of a name to oxc, so it closed nothing.
    write(&dir, "escaped.ts", "a<b\\]<[{[".repeat(30));
    // Found later (57 s, 8 GB; kept in tests/regressions): a carriage return ends a `//` comment,
    // a one-line string or a regex for oxc, but the guard read on to the next `\n`, past the `<`s.
    // U+2028 and U+2029 end them in JavaScript too.
    write(&dir, "comment-cr.ts", format!("// a\r{many}"));
    write(&dir, "string-cr.ts", format!("x = 'a\r{many}"));
    write(&dir, "regex-cr.ts", format!("x = /a\r{many}"));
    write(&dir, "comment-ls.ts", format!("// a\u{2028}{many}"));
    write(&dir, "regex-ps.ts", format!("x = /a\u{2029}{many}"));
    for name in ["many.ts", "template.ts", "doc.md", "escaped.ts", "comment-cr.ts", "string-cr.ts", "regex-cr.ts", "comment-ls.ts", "regex-ps.ts"] {
        let run = check(&dir, name);
        assert!(run.took < Duration::from_secs(10) && run.stdout.contains("unclosed `<`"), "{name} took {:?}: {}", run.took, run.stdout);
    }
    // Found by the 1-hour run: valid chains `x = a<a<…<b;` cost oxc the square of their length
    // (each `<` an attempt that reads to the `;`): 64 lines of 1,000 took 40 s and 4 GB.
    write(&dir, "chains.ts", format!("x = {}b;\n", "a<".repeat(1000)).repeat(64));
    let run = check(&dir, "chains.ts");
    assert!(run.took < Duration::from_secs(10) && run.stdout.contains("unclosed `<`"), "took {:?}: {}", run.took, run.stdout);
    // JavaScript has no type arguments: the same text is read once, as comparisons.
    write(&dir, "many.js", &many);
    let run = check(&dir, "many.js");
    assert!(run.took < Duration::from_secs(10) && !run.stdout.contains("unclosed `<`"), "took {:?}: {}", run.took, run.stdout);
}

#[test]
fn exponential_values_are_bounded() {
    let dir = temp("exponential");
    write(&dir, "lists.py", "import pulumi_aws as aws\nx = ['a']\nfor i in range(60):\n    x = [x, x]\nb = aws.s3.Bucket('b', tags={'t': str(x)}, policy=x)\n");
    write(&dir, "strings.py", "import pulumi_aws as aws\ns = 'ab'\nfor i in range(60):\n    s = s + s\nb = aws.s3.Bucket('b', bucket=s)\n");
    write(&dir, "strings.ts", "import * as aws from \"@pulumi/aws\";\nlet s = \"ab\";\nfor (const i of [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40]) { s = `${s}${s}`; }\nconst b = new aws.s3.Bucket(\"b\", { bucket: s });\n");
    for name in ["lists.py", "strings.py", "strings.ts"] {
        let run = check(&dir, name);
        assert!(run.took < Duration::from_secs(10), "{name} took {:?}", run.took);
    }
}

#[test]
fn bad_bytes() {
    let dir = temp("bytes");
    write(&dir, "nul.py", b"import pulumi\x00\x00\nx = 1\n");
    write(&dir, "latin1.py", b"import pulumi_aws as aws\n# caf\xe9\nb = aws.s3.Bucket(\"b\xff\")\n");
    write(&dir, "nul.md", b"# D\n\n```python\nx = 1\x00\n```\n");
    write(&dir, "latin1.ts", b"import * as aws from \"@pulumi/aws\";\n// \xff\xfe\nconst b = new aws.s3.Bucket(\"b\");\n");
    let run = check(&dir, "nul.py");
    assert!(run.stdout.contains("PUL002") && run.stdout.contains("binary"), "{}", run.stdout);
    let run = check(&dir, "latin1.py");
    assert!(run.stdout.contains("not valid UTF-8") && run.stdout.contains("latin1.py:3:"), "{}", run.stdout);
    let run = check(&dir, "latin1.ts");
    assert!(run.stdout.contains("not valid UTF-8"), "{}", run.stdout);
    check(&dir, "nul.md");
}

#[test]
fn crlf_and_bom_give_the_same_findings_as_lf() {
    let dir = temp("crlf");
    let py = "import pulumi_aws as aws\nsg = aws.ec2.SecurityGroup(\"sg\", ingress=[{\"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr_blocks\": [\"0.0.0.0/0\"]}])\n";
    let ts = "import * as aws from \"@pulumi/aws\";\nconst sg = new aws.ec2.SecurityGroup(\"sg\", {ingress: [{protocol: \"tcp\", fromPort: 22, toPort: 22, cidrBlocks: [\"0.0.0.0/0\"]}]});\n";
    let md = format!("# Answer\n\n```python\n{py}```\n");
    for (name, text) in [("a.py", py.to_string()), ("a.ts", ts.to_string()), ("a.md", md)] {
        write(&dir, &format!("lf/{name}"), &text);
        write(&dir, &format!("crlf/{name}"), text.replace('\n', "\r\n"));
        write(&dir, &format!("bom/{name}"), format!("\u{feff}{}", text.replace('\n', "\r\n")));
        let lf = check(&dir, &format!("lf/{name}"));
        assert!(lf.stdout.contains("SEC001"), "{name}: {}", lf.stdout);
        for variant in ["crlf", "bom"] {
            let other = check(&dir, &format!("{variant}/{name}"));
            let strip = |s: &str, p: &str| s.replace(&format!("{p}/"), "");
            assert_eq!(strip(&other.stdout, variant), strip(&lf.stdout, "lf"), "{variant}/{name}");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_odd_paths() {
    let dir = temp("links");
    write(&dir, "proj/Pulumi.yaml", "name: p\nruntime: python\n");
    write(&dir, "proj/__main__.py", "import pulumi\npulumi.export('x', 1)\n");
    std::os::unix::fs::symlink("..", dir.join("proj/up")).expect("symlink");
    std::os::unix::fs::symlink("b", dir.join("proj/a")).expect("symlink");
    std::os::unix::fs::symlink("a", dir.join("proj/b")).expect("symlink");
    std::os::unix::fs::symlink("missing.py", dir.join("proj/dangling.py")).expect("symlink");
    // A directory named like a file, given directly and found in a walk.
    write(&dir, "proj/x.py/inner.py", "y = 1\n");
    let run = check(&dir, "proj");
    assert!(run.code != 101, "{}", run.stderr);
    let run = check(&dir, "proj/x.py");
    assert!(run.code != 101, "{}", run.stderr);
    // A symlink loop named on the command line.
    let run = check(&dir, "proj/a");
    assert!(run.code == 2 && run.stderr.contains("cannot read"), "{} {}", run.code, run.stderr);
    let run = check(&dir, "does-not-exist.py");
    assert!(run.code == 2 && run.stderr.contains("cannot read"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp("unreadable");
    write(&dir, "secret.py", "import pulumi\n");
    std::fs::set_permissions(dir.join("secret.py"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read(dir.join("secret.py")).is_ok(); // true when the tests run as root
    let run = check(&dir, "secret.py");
    if readable {
        assert_eq!(run.code, 0, "as root the file is readable and clean: {}", run.stderr);
    } else {
        assert!(run.code == 2 && run.stderr.contains("cannot read"), "{} {}", run.code, run.stderr);
    }
    let _ = std::fs::set_permissions(dir.join("secret.py"), std::fs::Permissions::from_mode(0o644));
}

#[test]
fn markdown_with_unterminated_fences() {
    let dir = temp("fences");
    write(&dir, "open.md", "# A\n\n```python\nimport pulumi_aws as aws\nsg = aws.ec2.SecurityGroup(\"sg\", ingress=[{\"protocol\": \"tcp\", \"from_port\": 22, \"to_port\": 22, \"cidr_blocks\": [\"0.0.0.0/0\"]}])\n");
    write(&dir, "nested.md", "````markdown\n```python\nx = (\n````\n```ts\nconst y = {\n");
    write(&dir, "only.md", "```");
    write(&dir, "tildes.md", "~~~python\n~~~~\n```\n~~~\n");
    let run = check(&dir, "open.md");
    assert!(run.stdout.contains("SEC001"), "an unclosed fence runs to the end of the document: {}", run.stdout);
    for name in ["nested.md", "only.md", "tildes.md"] {
        check(&dir, name);
    }
}

#[test]
fn programs_importing_themselves() {
    let dir = temp("selfimport");
    write(&dir, "py/Pulumi.yaml", "name: p\nruntime: python\n");
    write(&dir, "py/__main__.py", "import __main__\nfrom __main__ import *\nfrom lib import f\nimport pulumi_aws as aws\nb = aws.s3.Bucket('b', bucket=f())\n");
    write(&dir, "py/lib.py", "import lib\nfrom lib import f\nfrom __main__ import b\ndef f():\n    return lib.f()\n");
    write(&dir, "ts/Pulumi.yaml", "name: t\nruntime: nodejs\n");
    write(&dir, "ts/index.ts", "import * as self from \"./index\";\nimport { g } from \"./lib\";\nexport function f(): string { return self.f(); }\nexport const x = g();\n");
    write(&dir, "ts/lib.ts", "import { f } from \"./index\";\nexport function g(): string { return f() + g(); }\n");
    check(&dir, "py");
    check(&dir, "ts");
}

#[test]
fn deep_yaml_and_markdown_structure() {
    let dir = temp("structure");
    write(&dir, "p/Pulumi.yaml", format!("name: p\nruntime: python\nconfig:\n  a: {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)));
    write(&dir, "p/Pulumi.dev.yaml", format!("config:\n{}", (0..3000).map(|i| format!("{}k{i}:\n", " ".repeat(i + 2))).collect::<String>()));
    write(&dir, "p/__main__.py", "import pulumi\n");
    check(&dir, "p");
    write(&dir, "quotes.md", format!("{} x\n\n```python\nx = 1\n```\n", ">".repeat(DEPTH)));
    write(&dir, "lists.md", format!("{}```python\nx = 1\n```\n", (0..2000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect::<String>()));
    check(&dir, "quotes.md");
    check(&dir, "lists.md");
}

/// Corpus-like inputs: the rule fixtures and the examples.
fn corpus_args() -> Vec<String> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut fixtures: Vec<String> = std::fs::read_dir(root.join("crates/pulint_rules/fixtures"))
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| format!("crates/pulint_rules/fixtures/{}", e.file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    fixtures.sort();
    fixtures.push("examples".into());
    fixtures.push("docs/examples".into());
    fixtures
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let paths = corpus_args();
    for format in ["json", "text"] {
        let mut outputs = Vec::new();
        for threads in ["1", "2"] {
            let mut args = vec!["check", "--preview", "--include-markdown", "--format", format];
            args.extend(paths.iter().map(String::as_str));
            let by_env = pulint_in(root, &args, &[("RAYON_NUM_THREADS", threads)]);
            let mut flag_args = vec!["--threads", threads];
            flag_args.extend(args.iter().copied());
            let by_flag = pulint_in(root, &flag_args, &[]);
            assert_eq!(by_env.stdout, by_flag.stdout, "--threads {threads} and RAYON_NUM_THREADS={threads} differ");
            assert!(by_env.stdout.len() > 10_000, "{}", by_env.stderr);
            outputs.push(by_env.stdout);
        }
        assert!(outputs[0] == outputs[1], "{format} output differs between 1 and 2 threads");
    }
}
