//! End-to-end: the binary on small inputs — exit codes, the JSON contract, bad input.

use std::process::Command;

fn pulint(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_pulint")).args(args).current_dir(root).output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn example_findings_as_json() {
    let (code, stdout, _) = pulint(&["check", "--format", "json", "examples/multi-region"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON array");
    let items = v.as_array().expect("array");
    let codes: Vec<&str> = items.iter().map(|d| d["code"].as_str().unwrap_or("")).collect();
    for expected in ["SEC002", "OUT001", "SEC001"] {
        assert!(codes.contains(&expected), "{codes:?}");
    }
    for d in items {
        for field in ["code", "name", "category", "severity", "message", "file", "line", "column", "end_line", "end_column", "embedded_path"] {
            assert!(d.get(field).is_some(), "missing {field} in {d}");
        }
    }
    let ssh = items.iter().find(|d| d["code"] == "SEC001").expect("SEC001");
    assert_eq!(ssh["file"], "examples/multi-region/lib/network.py");
    assert_eq!(ssh["line"], 21);
}

#[test]
fn select_and_ignore() {
    let (code, stdout, _) = pulint(&["check", "--format", "concise", "--select", "SEC001,SEC002", "--ignore", "SEC002", "examples/multi-region"]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("SEC001"));
    let (code, _, stderr) = pulint(&["check", "--select", "NOPE999", "examples/multi-region"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn bad_input_is_a_diagnostic_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("pulint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("binary.py"), b"\x00\x01\x02 not text").expect("write");
    std::fs::write(dir.join("latin1.py"), b"name = '\xe9t\xe9'\n").expect("write");
    std::fs::write(dir.join("broken.py"), "import pulumi_aws as aws\nvpc = aws.ec2.Vpc('v', cidr_block=\n").expect("write");
    std::fs::write(dir.join("empty.ts"), "").expect("write");
    let (code, stdout, stderr) = pulint(&["check", "--format", "json", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON array");
    let codes: Vec<&str> = v.as_array().expect("array").iter().map(|d| d["code"].as_str().unwrap_or("")).collect();
    assert!(codes.contains(&"PUL001"), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == "PUL002").count(), 2, "{codes:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rule_docs() {
    let (code, stdout, _) = pulint(&["rule", "SEC001"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("## What it does") && stdout.contains("open-ingress"));
    let (code, stdout, _) = pulint(&["rules"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("OUT001"));
}

/// `pulint.toml` and `[tool.pulint]`: ignore, severity and per-file ignores; the command line
/// still selects; a bad setting is a usage error.
#[test]
fn configuration_file() {
    let dir = std::env::temp_dir().join(format!("pulint-config-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tests")).expect("temp dir");
    let program = "import pulumi_aws as aws\naws.rds.Instance('db', instance_class='db.t3.micro', password='Sup3rSecret!', publicly_accessible=True)\n";
    std::fs::write(dir.join("__main__.py"), program).expect("write");
    std::fs::write(dir.join("tests").join("test_db.py"), program).expect("write");
    std::fs::write(dir.join("Pulumi.yaml"), "name: demo\nruntime: python\n").expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(dir.to_str().expect("utf-8 path"));
        let (code, stdout, stderr) = pulint(&args);
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_default();
        let found: Vec<(String, String, String)> = v
            .as_array()
            .map(|a| a.iter().map(|d| (d["code"].as_str().unwrap_or("").into(), d["severity"].as_str().unwrap_or("").into(), d["file"].as_str().unwrap_or("").into())).collect())
            .unwrap_or_default();
        (code, found, stderr)
    };
    std::fs::write(
        dir.join("pulint.toml"),
        "select = [\"SEC002\", \"SEC008\"]\n[severity]\nSEC008 = \"info\"\n[per-file-ignores]\n\"tests/**\" = [\"SEC\"]\n",
    )
    .expect("write");
    let (code, found, stderr) = run(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(found.iter().all(|(_, _, f)| !f.contains("tests")), "{found:?}");
    assert!(found.iter().any(|(c, s, _)| c == "SEC008" && s == "info"), "{found:?}");
    assert!(found.iter().any(|(c, s, _)| c == "SEC002" && s == "error"), "{found:?}");
    let (_, found, _) = run(&["--select", "SEC008"]);
    assert!(found.iter().all(|(c, _, _)| c == "SEC008") && !found.is_empty(), "{found:?}");
    std::fs::remove_file(dir.join("pulint.toml")).expect("remove");
    std::fs::write(dir.join("pyproject.toml"), "[tool.pulint]\nignore = [\"hardcoded-secret\"]\n").expect("write");
    let (_, found, _) = run(&[]);
    assert!(found.iter().all(|(c, _, _)| c != "SEC002") && found.iter().any(|(c, _, _)| c == "SEC008"), "{found:?}");
    std::fs::write(dir.join("pyproject.toml"), "[tool.pulint]\nselct = [\"SEC\"]\n").expect("write");
    let (code, _, stderr) = run(&[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown setting `selct`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project pinned to pulumi-aws 6 is judged by v6: the inline bucket arguments v7 deprecates
/// are not reported there, and are without the pin.
#[test]
fn sdk_major_from_the_project_pins() {
    let dir = std::env::temp_dir().join(format!("pulint-pins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("Pulumi.yaml"), "name: pins\nruntime: python\n").expect("write");
    std::fs::write(dir.join("__main__.py"), "import pulumi_aws as aws\naws.s3.Bucket('b', versioning={'enabled': True})\n").expect("write");
    let dir_arg = dir.to_str().expect("utf-8 path");
    let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "VAL005", dir_arg]);
    assert!(stdout.contains("VAL005"), "{stdout}");
    std::fs::write(dir.join("requirements.txt"), "pulumi>=3.0.0,<4.0.0\npulumi-aws>=6.0.0,<7.0.0\n").expect("write");
    let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "VAL005", dir_arg]);
    assert!(!stdout.contains("VAL005"), "{stdout}");
    // A Markdown answer pins through the manifest block it shows.
    let doc = dir.join("answer.md");
    let code = "## File: __main__.py\n\n```python\nimport pulumi_aws as aws\naws.s3.Bucket('b', versioning={'enabled': True})\n```\n";
    std::fs::write(&doc, code).expect("write");
    let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "VAL005", doc.to_str().expect("utf-8")]);
    assert!(stdout.contains("VAL005"), "{stdout}");
    std::fs::write(&doc, format!("{code}\n## File: requirements.txt\n\n```\npulumi-aws>=6.0.0,<7.0.0\n```\n")).expect("write");
    let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "VAL005", doc.to_str().expect("utf-8")]);
    assert!(!stdout.contains("VAL005"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `compare` matches findings by rule, resource and argument: the inline versioning and the
/// removed `vpc` argument are fixed, the open SSH ingress remains, the retired runtime is new.
#[test]
fn compare_two_versions() {
    let (code, stdout, stderr) = pulint(&["compare", "--format", "json", "crates/pulint/tests/compare/before.py", "crates/pulint/tests/compare/after.py"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["version"], 1);
    let codes = |key: &str| -> Vec<String> {
        let mut c: Vec<String> = v[key].as_array().expect("array").iter().map(|o| o.get("before").unwrap_or(o)["code"].as_str().unwrap_or("").to_string()).collect();
        c.sort();
        c
    };
    assert!(codes("fixed").contains(&"VAL005".to_string()) && codes("fixed").contains(&"VAL002".to_string()), "{stdout}");
    assert!(codes("remaining").contains(&"SEC001".to_string()), "{stdout}");
    assert!(codes("introduced").contains(&"VAL007".to_string()), "{stdout}");
    let fixed_vpc = v["fixed"].as_array().expect("array").iter().find(|o| o["before"]["code"] == "VAL002").expect("VAL002");
    assert_eq!(fixed_vpc["after_code"], "aws.ec2.Eip(\"nat\", domain=\"vpc\")");
    let (_, md, _) = pulint(&["compare", "--format", "markdown", "crates/pulint/tests/compare/before.py", "crates/pulint/tests/compare/after.py"]);
    for heading in ["## Summary", "## Fixed in the after version", "## Remaining in the after version", "## Introduced by the after version", "## Categories", "**Why it fails**"] {
        assert!(md.contains(heading), "{heading} missing in\n{md}");
    }
}

/// Unsafe fixes wait for `--unsafe-fixes`: `--fix` alone applies the safe one (an event rule's
/// `is_enabled` as `state`), `--fix --unsafe-fixes` also moves a bucket's inline versioning and
/// encryption into their own resources (two fixes at one place: the second in a later round)
/// and passes a subnet the provider of its VPC.
#[test]
fn unsafe_fixes_before_and_after() {
    let dir = std::env::temp_dir().join(format!("pulint-unsafe-fix-{}", std::process::id()));
    let cases = [
        (
            "py",
            "name: f\nruntime: python\n",
            "__main__.py",
            concat!(
                "import pulumi\nimport pulumi_aws as aws\n\n",
                "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
                "logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True}, server_side_encryption_configuration={\"rule\": {\"apply_server_side_encryption_by_default\": {\"sse_algorithm\": \"AES256\"}}})\n",
                "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
                "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\")\n",
                "aws.cloudwatch.EventRule(\"nightly\", schedule_expression=\"rate(1 day)\", is_enabled=True)\n",
            ),
            concat!(
                "import pulumi\nimport pulumi_aws as aws\n\n",
                "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
                "logs = aws.s3.Bucket(\"logs\")\n",
                "aws.s3.BucketServerSideEncryptionConfiguration(\"logs-encryption\", bucket=logs.id, rules=[{\"apply_server_side_encryption_by_default\": {\"sse_algorithm\": \"AES256\"}}])\n",
                "aws.s3.BucketVersioning(\"logs-versioning\", bucket=logs.id, versioning_configuration={\"status\": \"Enabled\"})\n",
                "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
                "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\", opts=pulumi.ResourceOptions(provider=west))\n",
                "aws.cloudwatch.EventRule(\"nightly\", schedule_expression=\"rate(1 day)\", state=\"ENABLED\")\n",
            ),
        ),
        (
            "ts",
            "name: f\nruntime: nodejs\n",
            "index.ts",
            concat!(
                "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n",
                "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
                "const logs = new aws.s3.Bucket(\"logs\", {\n",
                "    versioning: { enabled: true },\n",
                "    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: \"AES256\" } } },\n",
                "    forceDestroy: true,\n",
                "});\n",
                "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
                "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" });\n",
                "new aws.cloudwatch.EventRule(\"nightly\", { scheduleExpression: \"rate(1 day)\", isEnabled: true });\n",
            ),
            concat!(
                "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n",
                "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
                "const logs = new aws.s3.Bucket(\"logs\", {\n",
                "    forceDestroy: true,\n",
                "});\n",
                "new aws.s3.BucketServerSideEncryptionConfiguration(\"logs-encryption\", { bucket: logs.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: \"AES256\" } }] });\n",
                "new aws.s3.BucketVersioning(\"logs-versioning\", { bucket: logs.id, versioningConfiguration: { status: \"Enabled\" } });\n",
                "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
                "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" }, { provider: west });\n",
                "new aws.cloudwatch.EventRule(\"nightly\", { scheduleExpression: \"rate(1 day)\", state: \"ENABLED\" });\n",
            ),
        ),
    ];
    for (lang, project, file, before, after) in cases {
        let d = dir.join(lang);
        std::fs::create_dir_all(&d).expect("temp dir");
        std::fs::write(d.join("Pulumi.yaml"), project).expect("write");
        std::fs::write(d.join(file), before).expect("write");
        let arg = d.to_str().expect("utf-8 path");
        let (_, _, stderr) = pulint(&["check", "--fix", "--format", "concise", arg]);
        assert!(stderr.contains("fixed 1 finding in 1 file"), "{stderr}");
        let safe_only = std::fs::read_to_string(d.join(file)).expect("read");
        assert!(safe_only.contains("\"ENABLED\"") && safe_only.contains("nabled: true") || safe_only.contains("\"enabled\": True"), "{safe_only}");
        let (code, diff, stderr) = pulint(&["check", "--diff", "--unsafe-fixes", arg]);
        assert_eq!(code, 1, "{diff}");
        assert!(stderr.contains("2 fixable findings") && diff.contains("+++"), "{stderr}\n{diff}");
        let (_, _, stderr) = pulint(&["check", "--fix", "--unsafe-fixes", "--format", "concise", arg]);
        assert!(stderr.contains("fixed 3 findings in 1 file"), "{stderr}");
        assert_eq!(std::fs::read_to_string(d.join(file)).expect("read"), after);
        let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "VAL005,REG001,PUL", arg]);
        assert!(stdout.is_empty(), "{stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--fix` rewrites an Output in a string as `pulumi.Output.concat` / `pulumi.interpolate` and
/// `Eip(vpc=True)` as `domain="vpc"`; `--diff` shows the same edits without writing.
#[test]
fn safe_fixes_before_and_after() {
    let dir = std::env::temp_dir().join(format!("pulint-fix-{}", std::process::id()));
    let cases = [
        (
            "py",
            "name: f\nruntime: python\n",
            "__main__.py",
            "import pulumi\nimport pulumi_aws as aws\n\nbucket = aws.s3.Bucket(\"logs\")\naws.sns.Topic(\"t\", display_name=f\"alerts-{bucket.id}\")\naws.ec2.Eip(\"nat\", vpc=True)\n",
            "import pulumi\nimport pulumi_aws as aws\n\nbucket = aws.s3.Bucket(\"logs\")\naws.sns.Topic(\"t\", display_name=pulumi.Output.concat(\"alerts-\", bucket.id))\naws.ec2.Eip(\"nat\", domain=\"vpc\")\n",
        ),
        (
            "ts",
            "name: f\nruntime: nodejs\n",
            "index.ts",
            "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\nconst bucket = new aws.s3.Bucket(\"logs\");\nnew aws.sns.Topic(\"t\", { displayName: `alerts-${bucket.id}` });\nnew aws.ec2.Eip(\"nat\", { vpc: true });\n",
            "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\nconst bucket = new aws.s3.Bucket(\"logs\");\nnew aws.sns.Topic(\"t\", { displayName: pulumi.interpolate`alerts-${bucket.id}` });\nnew aws.ec2.Eip(\"nat\", { domain: \"vpc\" });\n",
        ),
    ];
    for (lang, project, file, before, after) in cases {
        let d = dir.join(lang);
        std::fs::create_dir_all(&d).expect("temp dir");
        std::fs::write(d.join("Pulumi.yaml"), project).expect("write");
        std::fs::write(d.join(file), before).expect("write");
        let arg = d.to_str().expect("utf-8 path");
        let (code, diff, _) = pulint(&["check", "--diff", arg]);
        assert_eq!(code, 1, "{diff}");
        assert!(diff.contains("+++") && diff.lines().filter(|l| l.starts_with('+') && !l.starts_with("+++")).count() == 2, "{diff}");
        assert_eq!(std::fs::read_to_string(d.join(file)).expect("read"), before, "--diff must not write");
        let (_, _, stderr) = pulint(&["check", "--fix", "--format", "concise", arg]);
        assert!(stderr.contains("fixed 2 findings"), "{stderr}");
        assert_eq!(std::fs::read_to_string(d.join(file)).expect("read"), after);
        let (_, stdout, _) = pulint(&["check", "--format", "concise", "--select", "OUT001,VAL002", arg]);
        assert!(stdout.is_empty(), "{stdout}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `pulint init` writes a commented `pulint.toml` that `pulint check` loads, or a `[tool.pulint]`
/// table in pyproject.toml; it never overwrites or shadows a configuration (status 2).
#[test]
fn init_writes_a_config_that_loads() {
    let dir = std::env::temp_dir().join(format!("pulint-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let project = dir.join("toml");
    std::fs::create_dir_all(&project).expect("temp dir");
    std::fs::write(project.join("Pulumi.yaml"), "name: demo\nruntime: python\n").expect("write");
    std::fs::write(project.join("__main__.py"), "import pulumi_aws as aws\naws.rds.Instance('db', instance_class='db.t3.micro', password='Sup3rSecret!')\n").expect("write");
    let arg = project.to_str().expect("utf-8 path");
    let codes = |stdout: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(stdout).unwrap_or_default();
        v.as_array().map(|a| a.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
    };

    // In the current directory by default.
    let out = Command::new(env!("CARGO_BIN_EXE_pulint")).arg("init").current_dir(&project).output().expect("binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(project.join("pulint.toml")).expect("pulint.toml written");
    for key in ["select = []", "ignore = []", "preview = false", "[severity]", "[per-file-ignores]", "# Rules to run", "SEC security"] {
        assert!(written.contains(key), "{key} missing in\n{written}");
    }
    let (code, stdout, stderr) = pulint(&["check", "--format", "json", arg]);
    assert_eq!(code, 1, "{stderr}");
    assert!(codes(&stdout).contains(&"SEC002".to_string()), "{stdout}");
    // The file is the one in force: a setting changed in it changes the findings.
    std::fs::write(project.join("pulint.toml"), written.replace("ignore = []", "ignore = [\"SEC002\"]")).expect("write");
    let (_, stdout, stderr) = pulint(&["check", "--format", "json", arg]);
    assert!(!codes(&stdout).contains(&"SEC002".to_string()) && stderr.is_empty(), "{stdout}{stderr}");
    // Never overwritten.
    let (code, _, stderr) = pulint(&["init", "--path", arg]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pulint.toml already exists; not overwritten"), "{stderr}");
    assert!(std::fs::read_to_string(project.join("pulint.toml")).expect("read").contains("ignore = [\"SEC002\"]"));

    // --pyproject appends a [tool.pulint] table to an existing pyproject.toml.
    let py = dir.join("pyproject");
    std::fs::create_dir_all(&py).expect("temp dir");
    std::fs::write(py.join("Pulumi.yaml"), "name: demo\nruntime: python\n").expect("write");
    std::fs::write(py.join("__main__.py"), "import pulumi_aws as aws\naws.rds.Instance('db', instance_class='db.t3.micro', password='Sup3rSecret!')\n").expect("write");
    let before = "[project]\nname = \"infra\"\nversion = \"0.1.0\"\n\n[tool.black]\nline-length = 100";
    std::fs::write(py.join("pyproject.toml"), before).expect("write");
    let arg = py.to_str().expect("utf-8 path");
    let (code, _, stderr) = pulint(&["init", "--pyproject", "--path", arg]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(py.join("pyproject.toml")).expect("read");
    assert!(text.starts_with(before), "{text}");
    let doc: toml::Table = text.parse().expect("valid TOML");
    let table = doc["tool"]["pulint"].as_table().expect("[tool.pulint]");
    for key in ["select", "ignore", "preview", "severity", "per-file-ignores"] {
        assert!(table.contains_key(key), "{key} missing in\n{text}");
    }
    assert_eq!(doc["tool"]["black"]["line-length"].as_integer(), Some(100));
    std::fs::write(py.join("pyproject.toml"), text.replace("ignore = []", "ignore = [\"hardcoded-secret\"]")).expect("write");
    let (code, stdout, stderr) = pulint(&["check", "--format", "json", arg]);
    assert!(code <= 1 && stderr.is_empty(), "{stderr}");
    assert!(!codes(&stdout).contains(&"SEC002".to_string()), "{stdout}");
    let (code, _, stderr) = pulint(&["init", "--pyproject", "--path", arg]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already has a [tool.pulint] table"), "{stderr}");
    // A pulint.toml would shadow the table: refused as well.
    let (code, _, stderr) = pulint(&["init", "--path", arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!py.join("pulint.toml").exists());

    // An inline `tool` table cannot take a [tool.pulint] header: refused, the file untouched.
    let inline = dir.join("inline");
    std::fs::create_dir_all(&inline).expect("temp dir");
    std::fs::write(inline.join("pyproject.toml"), "tool = { black = { line-length = 100 } }\n").expect("write");
    let (code, _, stderr) = pulint(&["init", "--pyproject", "--path", inline.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("inline table"), "{stderr}");
    assert_eq!(std::fs::read_to_string(inline.join("pyproject.toml")).expect("read"), "tool = { black = { line-length = 100 } }\n");
    // And a pyproject.toml made from nothing.
    let fresh = dir.join("fresh");
    std::fs::create_dir_all(&fresh).expect("temp dir");
    let (code, _, stderr) = pulint(&["init", "--pyproject", "--path", fresh.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{stderr}");
    let doc: toml::Table = std::fs::read_to_string(fresh.join("pyproject.toml")).expect("read").parse().expect("valid TOML");
    assert!(doc["tool"]["pulint"].get("select").is_some());
    let (code, _, stderr) = pulint(&["init", "--path", dir.join("missing").to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a directory"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
