//! Before/after tests of the rules' fixes, in Python and TypeScript: a program is checked with
//! one rule, every fix of its findings is applied (edits of a fix that overlap an earlier one's
//! wait for the next round, as with `pulint check --fix`), and the result must be the expected
//! text, parse cleanly and no longer draw the fixed finding. A case without an expected text
//! must get no fix at all.

use pulint_frontend::{build, Input, Options};
use pulint_model::{Diagnostic, Program};
use pulint_rules::{lint, Settings};

fn check(file: &str, text: &str, code: &str) -> (Program, Vec<Diagnostic>) {
    let input = Input { path: file.into(), rel: file.into(), bytes: text.as_bytes().to_vec() };
    let program = build(vec![input], &Options::default());
    let settings = Settings { select: vec![code.to_string(), "PUL001".into(), "PUL005".into()], preview: true, ..Settings::default() };
    let diagnostics = lint(&program, &settings);
    (program, diagnostics)
}

/// One round of fixes: the text with every non-overlapping fix applied, and how many were.
fn apply_round(text: &str, diagnostics: &[Diagnostic], safe: Option<bool>) -> (String, usize) {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut n = 0;
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        if let Some(safe) = safe {
            assert_eq!(fix.safe, safe, "{}: `{}` should be {}", d.code, fix.message, if safe { "safe" } else { "unsafe" });
        }
        assert!(fix.message.chars().next().is_some_and(|c| c.is_lowercase()) && !fix.message.ends_with('.'), "fix message style: {}", fix.message);
        let mine: Vec<_> = fix.edits.iter().map(|e| (e.span.start as usize, e.span.end as usize, e.replacement.clone())).collect();
        let clash = mine.iter().any(|(s, e, _)| edits.iter().any(|(s2, e2, _)| s < e2 && s2 < e || s == s2));
        if clash {
            continue;
        }
        edits.extend(mine);
        n += 1;
    }
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e, r) in &edits {
        out.push_str(&text[at..*s]);
        out.push_str(r);
        at = *e;
    }
    out.push_str(&text[at..]);
    (out, n)
}

/// Fixes `before` until no fix applies and compares with `after` (`None`: no fix may be offered).
fn case(code: &str, python: bool, safe: bool, before: &str, after: Option<&str>) {
    let file = if python { "__main__.py" } else { "index.ts" };
    let (_, diagnostics) = check(file, before, code);
    assert!(diagnostics.iter().any(|d| d.code == code), "{code}: no finding in\n{before}");
    assert!(!diagnostics.iter().any(|d| d.code.starts_with("PUL")), "the input does not parse cleanly:\n{before}\n{diagnostics:#?}");
    let Some(after) = after else {
        let fixes: Vec<_> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
        assert!(fixes.is_empty(), "{code}: no fix expected, got {fixes:#?} for\n{before}");
        return;
    };
    let before_count = diagnostics.iter().filter(|d| d.code == code).count();
    let mut text = before.to_string();
    let mut diagnostics = diagnostics;
    for _ in 0..5 {
        let (next, n) = apply_round(&text, &diagnostics, Some(safe));
        if n == 0 {
            break;
        }
        text = next;
        diagnostics = check(file, &text, code).1;
    }
    assert_eq!(text, after, "{code} ({}): the fixed text differs", if python { "Python" } else { "TypeScript" });
    let syntax: Vec<_> = diagnostics.iter().filter(|d| d.code.starts_with("PUL")).collect();
    assert!(syntax.is_empty(), "{code}: the fixed text does not parse cleanly:\n{text}\n{syntax:#?}");
    let after_count = diagnostics.iter().filter(|d| d.code == code).count();
    assert!(after_count < before_count, "{code}: the fix left every finding in place:\n{text}");
}

const PY: &str = "import pulumi\nimport pulumi_aws as aws\n\n";
const TS: &str = "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n";

fn py(body: &str) -> String {
    format!("{PY}{body}")
}

fn ts(body: &str) -> String {
    format!("{TS}{body}")
}

// ----- VAL005: inline S3 bucket arguments become their own resources (unsafe) -----------------

/// Characters of several bytes in code outside strings (identifiers may hold them): the fix
/// planner steps through the file byte by byte and must not slice inside one (cargo-fuzz found
/// a panic, which lost the rule's findings to PUL004).
#[test]
fn s3_fix_after_non_ascii_code() {
    case(
        "VAL005",
        true,
        false,
        &py("café = \"x\"\nlogs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})\n"),
        Some(&py("café = \"x\"\nlogs = aws.s3.Bucket(\"logs\")\naws.s3.BucketVersioning(\"logs-versioning\", bucket=logs.id, versioning_configuration={\"status\": \"Enabled\"})\n")),
    );
    case(
        "VAL005",
        false,
        false,
        &ts("const café = \"x\"; /* naïve */\nconst logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } });\n"),
        Some(&ts("const café = \"x\"; /* naïve */\nconst logs = new aws.s3.Bucket(\"logs\", {});\nnew aws.s3.BucketVersioning(\"logs-versioning\", { bucket: logs.id, versioningConfiguration: { status: \"Enabled\" } });\n")),
    );
}

#[test]
fn s3_versioning_becomes_a_bucket_versioning() {
    case(
        "VAL005",
        true,
        false,
        &py("logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True}, tags={\"team\": \"data\"})\n"),
        Some(&py("logs = aws.s3.Bucket(\"logs\", tags={\"team\": \"data\"})\naws.s3.BucketVersioning(\"logs-versioning\", bucket=logs.id, versioning_configuration={\"status\": \"Enabled\"})\n")),
    );
    case(
        "VAL005",
        false,
        false,
        &ts("const logs = new aws.s3.Bucket(\"logs\", {\n    versioning: { enabled: true },\n    tags: { team: \"data\" },\n});\n"),
        Some(&ts("const logs = new aws.s3.Bucket(\"logs\", {\n    tags: { team: \"data\" },\n});\nnew aws.s3.BucketVersioning(\"logs-versioning\", { bucket: logs.id, versioningConfiguration: { status: \"Enabled\" } });\n")),
    );
}

#[test]
fn s3_encryption_and_versioning_with_provider_and_args_classes() {
    let before = py(concat!(
        "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
        "if True:\n",
        "    data = aws.s3.Bucket(\n",
        "        \"data\",\n",
        "        versioning=aws.s3.BucketVersioningArgs(enabled=True),\n",
        "        server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationArgs(\n",
        "            rule=aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(\n",
        "                apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(\n",
        "                    sse_algorithm=\"AES256\",\n",
        "                ),\n",
        "            ),\n",
        "        ),\n",
        "        opts=pulumi.ResourceOptions(provider=west),\n",
        "    )  # the data bucket\n",
    ));
    let after = py(concat!(
        "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
        "if True:\n",
        "    data = aws.s3.Bucket(\n",
        "        \"data\",\n",
        "        opts=pulumi.ResourceOptions(provider=west),\n",
        "    )  # the data bucket\n",
        "    aws.s3.BucketServerSideEncryptionConfiguration(\"data-encryption\", bucket=data.id, rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(\n",
        "                apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(\n",
        "                    sse_algorithm=\"AES256\",\n",
        "                ),\n",
        "            )], opts=pulumi.ResourceOptions(provider=west))\n",
        "    aws.s3.BucketVersioning(\"data-versioning\", bucket=data.id, versioning_configuration={\"status\": \"Enabled\"}, opts=pulumi.ResourceOptions(provider=west))\n",
    ));
    case("VAL005", true, false, &before, Some(&after));
    let before = ts(concat!(
        "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
        "export const data = new aws.s3.Bucket(\"data\", {\n",
        "    serverSideEncryptionConfiguration: {\n",
        "        rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\" }, bucketKeyEnabled: true },\n",
        "    },\n",
        "    versioning: { enabled: true, mfaDelete: false },\n",
        "}, { provider: west });\n",
    ));
    let after = ts(concat!(
        "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
        "export const data = new aws.s3.Bucket(\"data\", {}, { provider: west });\n",
        "new aws.s3.BucketVersioning(\"data-versioning\", { bucket: data.id, versioningConfiguration: { status: \"Enabled\" } }, { provider: west });\n",
        "new aws.s3.BucketServerSideEncryptionConfiguration(\"data-encryption\", { bucket: data.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: \"aws:kms\" }, bucketKeyEnabled: true }] }, { provider: west });\n",
    ));
    case("VAL005", false, false, &before, Some(&after));
}

#[test]
fn s3_policy_logging_website_and_cors() {
    let before = py(concat!(
        "import json\n",
        "target = aws.s3.Bucket(\"target\")\n",
        "site = aws.s3.Bucket(\"site\",\n",
        "    policy=json.dumps({\"Version\": \"2012-10-17\", \"Statement\": []}),\n",
        "    logging={\"target_bucket\": target.id, \"target_prefix\": \"site/\"},\n",
        "    website={\"index_document\": \"index.html\", \"error_document\": \"404.html\"},\n",
        "    cors_rules=[{\"allowed_methods\": [\"GET\"], \"allowed_origins\": [\"*\"]}])\n",
    ));
    let after = py(concat!(
        "import json\n",
        "target = aws.s3.Bucket(\"target\")\n",
        "site = aws.s3.Bucket(\"site\")\n",
        "aws.s3.BucketCorsConfiguration(\"site-cors\", bucket=site.id, cors_rules=[{\"allowed_methods\": [\"GET\"], \"allowed_origins\": [\"*\"]}])\n",
        "aws.s3.BucketWebsiteConfiguration(\"site-website\", bucket=site.id, index_document={\"suffix\": \"index.html\"}, error_document={\"key\": \"404.html\"})\n",
        "aws.s3.BucketLogging(\"site-logging\", bucket=site.id, target_bucket=target.id, target_prefix=\"site/\")\n",
        "aws.s3.BucketPolicy(\"site-policy\", bucket=site.id, policy=json.dumps({\"Version\": \"2012-10-17\", \"Statement\": []}))\n",
    ));
    case("VAL005", true, false, &before, Some(&after));
    let before = ts(concat!(
        "const target = new aws.s3.Bucket(\"target\");\n",
        "const site = new aws.s3.Bucket(\"site\", {\n",
        "    policy: JSON.stringify({ Version: \"2012-10-17\", Statement: [] }),\n",
        "    logging: { targetBucket: target.id, targetPrefix: \"site/\" },\n",
        "    website: { indexDocument: \"index.html\", errorDocument: \"404.html\" },\n",
        "    corsRules: [{ allowedMethods: [\"GET\"], allowedOrigins: [\"*\"] }],\n",
        "});\n",
    ));
    let after = ts(concat!(
        "const target = new aws.s3.Bucket(\"target\");\n",
        "const site = new aws.s3.Bucket(\"site\", {});\n",
        "new aws.s3.BucketCorsConfiguration(\"site-cors\", { bucket: site.id, corsRules: [{ allowedMethods: [\"GET\"], allowedOrigins: [\"*\"] }] });\n",
        "new aws.s3.BucketWebsiteConfiguration(\"site-website\", { bucket: site.id, indexDocument: { suffix: \"index.html\" }, errorDocument: { key: \"404.html\" } });\n",
        "new aws.s3.BucketLogging(\"site-logging\", { bucket: site.id, targetBucket: target.id, targetPrefix: \"site/\" });\n",
        "new aws.s3.BucketPolicy(\"site-policy\", { bucket: site.id, policy: JSON.stringify({ Version: \"2012-10-17\", Statement: [] }) });\n",
    ));
    case("VAL005", false, false, &before, Some(&after));
}

#[test]
fn s3_versioning_of_a_component_bucket() {
    let before = py(concat!(
        "class Storage(pulumi.ComponentResource):\n",
        "    def __init__(self, name, opts=None):\n",
        "        super().__init__(\"x:storage:Storage\", name, None, opts)\n",
        "        self.bucket = aws.s3.Bucket(\"data\", versioning={\"enabled\": True}, opts=pulumi.ResourceOptions(parent=self))\n",
        "        self.register_outputs({})\n",
        "Storage(\"s\")\n",
    ));
    let after = py(concat!(
        "class Storage(pulumi.ComponentResource):\n",
        "    def __init__(self, name, opts=None):\n",
        "        super().__init__(\"x:storage:Storage\", name, None, opts)\n",
        "        self.bucket = aws.s3.Bucket(\"data\", opts=pulumi.ResourceOptions(parent=self))\n",
        "        aws.s3.BucketVersioning(\"data-versioning\", bucket=self.bucket.id, versioning_configuration={\"status\": \"Enabled\"}, opts=pulumi.ResourceOptions(parent=self))\n",
        "        self.register_outputs({})\n",
        "Storage(\"s\")\n",
    ));
    case("VAL005", true, false, &before, Some(&after));
    let before = ts(concat!(
        "export class Storage extends pulumi.ComponentResource {\n",
        "    public readonly bucket: aws.s3.Bucket;\n",
        "    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {\n",
        "        super(\"x:storage:Storage\", name, {}, opts);\n",
        "        this.bucket = new aws.s3.Bucket(\"data\", { versioning: { enabled: true } }, { parent: this });\n",
        "    }\n",
        "}\n",
        "new Storage(\"s\");\n",
    ));
    let after = ts(concat!(
        "export class Storage extends pulumi.ComponentResource {\n",
        "    public readonly bucket: aws.s3.Bucket;\n",
        "    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {\n",
        "        super(\"x:storage:Storage\", name, {}, opts);\n",
        "        this.bucket = new aws.s3.Bucket(\"data\", {}, { parent: this });\n",
        "        new aws.s3.BucketVersioning(\"data-versioning\", { bucket: this.bucket.id, versioningConfiguration: { status: \"Enabled\" } }, { parent: this });\n",
        "    }\n",
        "}\n",
        "new Storage(\"s\");\n",
    ));
    case("VAL005", false, false, &before, Some(&after));
}

#[test]
fn s3_inline_arguments_without_a_certain_translation_get_no_fix() {
    let python = [
        // Not bound to a name, or not at statement level.
        "aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})\n",
        "buckets = [aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})]\n",
        // A logical name that is not a literal.
        "env = pulumi.get_stack()\nlogs = aws.s3.Bucket(f\"logs-{env}\", versioning={\"enabled\": True})\n",
        // Versioning never enabled, a value defined elsewhere, a lifecycle rule, an ACL.
        "logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": False})\n",
        "cfg = {\"enabled\": True}\nlogs = aws.s3.Bucket(\"logs\", versioning=cfg)\n",
        "logs = aws.s3.Bucket(\"logs\", lifecycle_rules=[{\"enabled\": True, \"expiration\": {\"days\": 30}}])\n",
        "logs = aws.s3.Bucket(\"logs\", acl=\"private\")\n",
        // Logging without a prefix (required on the new resource).
        "target = aws.s3.Bucket(\"target\")\nlogs = aws.s3.Bucket(\"logs\", logging={\"target_bucket\": target.id})\n",
        // Options the new resource must not share.
        "logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True}, opts=pulumi.ResourceOptions(import_=\"logs\"))\n",
        "o = pulumi.ResourceOptions(protect=True)\nlogs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True}, opts=o)\n",
        // The bucket is already configured by a separate resource.
        "logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})\naws.s3.BucketVersioningV2(\"v\", bucket=logs.id, versioning_configuration={\"status\": \"Enabled\"})\n",
        // Arguments spread from a value pulint does not know (they may hold `opts`).
        "def make(**kwargs):\n    logs = aws.s3.Bucket(\"logs\", versioning={\"enabled\": True}, **kwargs)\n",
        // Inside parentheses: an expression, not a statement.
        "x = (\n    aws.s3.Bucket(\"logs\", versioning={\"enabled\": True})\n)\n",
    ];
    for body in python {
        case("VAL005", true, false, &py(body), None);
    }
    let typescript = [
        "new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } });\n",
        "const buckets = [new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } })];\n",
        "const env = pulumi.getStack();\nconst logs = new aws.s3.Bucket(`logs-${env}`, { versioning: { enabled: true } });\n",
        "const logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: false } });\n",
        "const cfg = { enabled: true };\nconst logs = new aws.s3.Bucket(\"logs\", { versioning: cfg });\n",
        "const logs = new aws.s3.Bucket(\"logs\", { lifecycleRules: [{ enabled: true, expiration: { days: 30 } }] });\n",
        "const logs = new aws.s3.Bucket(\"logs\", { acl: \"private\" });\n",
        "const target = new aws.s3.Bucket(\"target\");\nconst logs = new aws.s3.Bucket(\"logs\", { logging: { targetBucket: target.id } });\n",
        "const logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } }, { import: \"logs\" });\n",
        "const o = { protect: true };\nconst logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } }, o);\n",
        "const logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } });\nnew aws.s3.BucketVersioningV2(\"v\", { bucket: logs.id, versioningConfiguration: { status: \"Enabled\" } });\n",
        // A class field, where a statement cannot go; arguments spread from elsewhere.
        "class Holder {\n    logs = new aws.s3.Bucket(\"logs\", { versioning: { enabled: true } });\n}\nnew Holder();\n",
        "function make(common: aws.s3.BucketArgs) {\n    const logs = new aws.s3.Bucket(\"logs\", { ...common, versioning: { enabled: true } });\n}\n",
    ];
    for body in typescript {
        case("VAL005", false, false, &ts(body), None);
    }
}

// ----- VAL005: EventRule `is_enabled` becomes `state` (safe) ---------------------------------

#[test]
fn event_rule_is_enabled_becomes_state() {
    case(
        "VAL005",
        true,
        true,
        &py("aws.cloudwatch.EventRule(\"nightly\", schedule_expression=\"rate(1 day)\", is_enabled=True)\n"),
        Some(&py("aws.cloudwatch.EventRule(\"nightly\", schedule_expression=\"rate(1 day)\", state=\"ENABLED\")\n")),
    );
    case(
        "VAL005",
        false,
        true,
        &ts("new aws.cloudwatch.EventRule(\"nightly\", { scheduleExpression: \"rate(1 day)\", isEnabled: false });\n"),
        Some(&ts("new aws.cloudwatch.EventRule(\"nightly\", { scheduleExpression: \"rate(1 day)\", state: \"DISABLED\" });\n")),
    );
    case("VAL005", true, true, &py("flag = pulumi.Config().get_bool(\"on\")\naws.cloudwatch.EventRule(\"nightly\", schedule_expression=\"rate(1 day)\", is_enabled=flag)\n"), None);
    case("VAL005", false, true, &ts("const flag = new pulumi.Config().getBoolean(\"on\");\nnew aws.cloudwatch.EventRule(\"nightly\", { scheduleExpression: \"rate(1 day)\", isEnabled: flag });\n"), None);
}

// ----- VAL002: an argument v7 renamed (safe) --------------------------------------------------

#[test]
fn gateway_association_vpn_gateway_id_is_renamed() {
    case(
        "VAL002",
        true,
        true,
        &py("vgw = aws.ec2.VpnGateway(\"vgw\")\naws.directconnect.GatewayAssociation(\"a\", dx_gateway_id=\"dx-1\", vpn_gateway_id=vgw.id)\n"),
        Some(&py("vgw = aws.ec2.VpnGateway(\"vgw\")\naws.directconnect.GatewayAssociation(\"a\", dx_gateway_id=\"dx-1\", associated_gateway_id=vgw.id)\n")),
    );
    case(
        "VAL002",
        false,
        true,
        &ts("const vgw = new aws.ec2.VpnGateway(\"vgw\");\nnew aws.directconnect.GatewayAssociation(\"a\", { dxGatewayId: \"dx-1\", vpnGatewayId: vgw.id });\n"),
        Some(&ts("const vgw = new aws.ec2.VpnGateway(\"vgw\");\nnew aws.directconnect.GatewayAssociation(\"a\", { dxGatewayId: \"dx-1\", associatedGatewayId: vgw.id });\n")),
    );
}

// ----- REG001: the provider every wired resource uses (unsafe) --------------------------------

#[test]
fn missing_provider_is_added_when_certain() {
    case(
        "REG001",
        true,
        false,
        &py(concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\")\n",
        )),
        Some(&py(concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\", opts=pulumi.ResourceOptions(provider=west))\n",
        ))),
    );
    case(
        "REG001",
        false,
        false,
        &ts(concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", {\n    vpcId: vpc.id,\n    cidrBlock: \"10.1.1.0/24\",\n});\n",
        )),
        Some(&ts(concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", {\n    vpcId: vpc.id,\n    cidrBlock: \"10.1.1.0/24\",\n}, { provider: west });\n",
        ))),
    );
}

#[test]
fn missing_provider_of_a_resource_used_by_a_later_one() {
    case(
        "REG001",
        true,
        false,
        &py(concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "sg = aws.ec2.SecurityGroup(\"sg\", description=\"web\")\n",
            "aws.ec2.Instance(\"web\", ami=\"ami-1\", instance_type=\"t3.micro\", vpc_security_group_ids=[sg.id], opts=pulumi.ResourceOptions(provider=west))\n",
        )),
        Some(&py(concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "sg = aws.ec2.SecurityGroup(\"sg\", description=\"web\", opts=pulumi.ResourceOptions(provider=west))\n",
            "aws.ec2.Instance(\"web\", ami=\"ami-1\", instance_type=\"t3.micro\", vpc_security_group_ids=[sg.id], opts=pulumi.ResourceOptions(provider=west))\n",
        ))),
    );
    case(
        "REG001",
        false,
        false,
        &ts(concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const sg = new aws.ec2.SecurityGroup(\"sg\");\n",
            "new aws.ec2.Instance(\"web\", { ami: \"ami-1\", instanceType: \"t3.micro\", vpcSecurityGroupIds: [sg.id] }, { provider: west });\n",
        )),
        Some(&ts(concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const sg = new aws.ec2.SecurityGroup(\"sg\", {}, { provider: west });\n",
            "new aws.ec2.Instance(\"web\", { ami: \"ami-1\", instanceType: \"t3.micro\", vpcSecurityGroupIds: [sg.id] }, { provider: west });\n",
        ))),
    );
}

#[test]
fn missing_provider_in_a_function_called_per_region_and_a_component() {
    case(
        "REG001",
        true,
        false,
        &py(concat!(
            "def network(region, provider):\n",
            "    vpc = aws.ec2.Vpc(f\"vpc-{region}\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=provider))\n",
            "    for i in range(2):\n",
            "        aws.ec2.Subnet(\n",
            "            f\"subnet-{region}-{i}\",\n",
            "            vpc_id=vpc.id,\n",
            "            cidr_block=f\"10.1.{i}.0/24\",\n",
            "            opts=pulumi.ResourceOptions(depends_on=[vpc]),\n",
            "        )\n",
            "\n",
            "for region in [\"us-west-2\", \"eu-west-1\"]:\n",
            "    network(region, aws.Provider(f\"p-{region}\", region=region))\n",
        )),
        Some(&py(concat!(
            "def network(region, provider):\n",
            "    vpc = aws.ec2.Vpc(f\"vpc-{region}\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=provider))\n",
            "    for i in range(2):\n",
            "        aws.ec2.Subnet(\n",
            "            f\"subnet-{region}-{i}\",\n",
            "            vpc_id=vpc.id,\n",
            "            cidr_block=f\"10.1.{i}.0/24\",\n",
            "            opts=pulumi.ResourceOptions(depends_on=[vpc], provider=provider),\n",
            "        )\n",
            "\n",
            "for region in [\"us-west-2\", \"eu-west-1\"]:\n",
            "    network(region, aws.Provider(f\"p-{region}\", region=region))\n",
        ))),
    );
    case(
        "REG001",
        false,
        false,
        &ts(concat!(
            "class Network extends pulumi.ComponentResource {\n",
            "    constructor(name: string, provider: aws.Provider, opts?: pulumi.ComponentResourceOptions) {\n",
            "        super(\"x:net:Network\", name, {}, opts);\n",
            "        const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: \"10.1.0.0/16\" }, { parent: this, provider });\n",
            "        new aws.ec2.Subnet(`${name}-subnet`, { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" }, { parent: this });\n",
            "    }\n",
            "}\n",
            "new Network(\"a\", new aws.Provider(\"west\", { region: \"us-west-2\" }));\n",
        )),
        Some(&ts(concat!(
            "class Network extends pulumi.ComponentResource {\n",
            "    constructor(name: string, provider: aws.Provider, opts?: pulumi.ComponentResourceOptions) {\n",
            "        super(\"x:net:Network\", name, {}, opts);\n",
            "        const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: \"10.1.0.0/16\" }, { parent: this, provider });\n",
            "        new aws.ec2.Subnet(`${name}-subnet`, { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" }, { parent: this, provider });\n",
            "    }\n",
            "}\n",
            "new Network(\"a\", new aws.Provider(\"west\", { region: \"us-west-2\" }));\n",
        ))),
    );
}

#[test]
fn missing_provider_without_a_certain_provider_gets_no_fix() {
    let python = [
        // The wired resources deploy through two providers.
        concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "east = aws.Provider(\"east\", region=\"eu-west-1\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
            "sg = aws.ec2.SecurityGroup(\"sg\", vpc_id=vpc.id)\n",
            "aws.ec2.Instance(\"i\", ami=\"ami-1\", instance_type=\"t3.micro\", vpc_security_group_ids=[sg.id], opts=pulumi.ResourceOptions(provider=east))\n",
        ),
        // The only neighbour naming the provider is in another function.
        concat!(
            "def make_vpc(p):\n",
            "    return aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=p))\n",
            "vpc = make_vpc(aws.Provider(\"west\", region=\"us-west-2\"))\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\")\n",
        ),
        // The name is rebound in between.
        concat!(
            "p = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=p))\n",
            "p = aws.Provider(\"east\", region=\"eu-west-1\")\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\")\n",
        ),
        // Options passed through a variable.
        concat!(
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
            "o = pulumi.ResourceOptions(depends_on=[vpc])\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\", opts=o)\n",
        ),
        // Arguments spread from a value pulint does not know.
        concat!(
            "import json\n",
            "west = aws.Provider(\"west\", region=\"us-west-2\")\n",
            "vpc = aws.ec2.Vpc(\"vpc\", cidr_block=\"10.1.0.0/16\", opts=pulumi.ResourceOptions(provider=west))\n",
            "extra = json.loads(pulumi.Config().require(\"extra\"))\n",
            "subnet = aws.ec2.Subnet(\"subnet\", vpc_id=vpc.id, cidr_block=\"10.1.1.0/24\", **extra)\n",
        ),
    ];
    for body in python {
        case("REG001", true, false, &py(body), None);
    }
    let typescript = [
        concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const east = new aws.Provider(\"east\", { region: \"eu-west-1\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const sg = new aws.ec2.SecurityGroup(\"sg\", { vpcId: vpc.id });\n",
            "new aws.ec2.Instance(\"i\", { ami: \"ami-1\", instanceType: \"t3.micro\", vpcSecurityGroupIds: [sg.id] }, { provider: east });\n",
        ),
        concat!(
            "function makeVpc(p: aws.Provider) {\n",
            "    return new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: p });\n",
            "}\n",
            "const vpc = makeVpc(new aws.Provider(\"west\", { region: \"us-west-2\" }));\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" });\n",
        ),
        concat!(
            "let p = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: p });\n",
            "p = new aws.Provider(\"east\", { region: \"eu-west-1\" });\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" });\n",
        ),
        concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const o = { dependsOn: [vpc] };\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" }, o);\n",
        ),
        concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const extra = JSON.parse(new pulumi.Config().require(\"extra\"));\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\", ...extra });\n",
        ),
    ];
    for body in typescript {
        case("REG001", false, false, &ts(body), None);
    }
}

// ----- OUT001 and VAL002's `Eip(vpc=True)` (safe; also end to end in the CLI tests) ----------

#[test]
fn output_in_a_string_becomes_concat_or_interpolate() {
    case(
        "OUT001",
        true,
        true,
        &py("b = aws.s3.Bucket(\"b\")\naws.sns.Topic(\"t\", display_name=f\"alerts-{b.id}\")\n"),
        Some(&py("b = aws.s3.Bucket(\"b\")\naws.sns.Topic(\"t\", display_name=pulumi.Output.concat(\"alerts-\", b.id))\n")),
    );
    case(
        "OUT001",
        false,
        true,
        &ts("const b = new aws.s3.Bucket(\"b\");\nnew aws.sns.Topic(\"t\", { displayName: `alerts-${b.id}` });\n"),
        Some(&ts("const b = new aws.s3.Bucket(\"b\");\nnew aws.sns.Topic(\"t\", { displayName: pulumi.interpolate`alerts-${b.id}` });\n")),
    );
}

/// Inside `json.dumps` / `JSON.stringify` an Output cannot be serialised (OUT002): no fix.
#[test]
fn output_in_a_string_in_a_json_document_gets_no_fix() {
    case("OUT001", true, true, &py("import json\nb = aws.s3.Bucket(\"b\")\naws.s3.BucketPolicy(\"p\", bucket=b.id, policy=json.dumps({\"Resource\": f\"{b.arn}/*\"}))\n"), None);
    case("OUT001", false, true, &ts("const b = new aws.s3.Bucket(\"b\");\nnew aws.s3.BucketPolicy(\"p\", { bucket: b.id, policy: JSON.stringify({ Resource: `${b.arn}/*` }) });\n"), None);
}

#[test]
fn eip_vpc_becomes_domain() {
    case("VAL002", true, true, &py("aws.ec2.Eip(\"nat\", vpc=True)\n"), Some(&py("aws.ec2.Eip(\"nat\", domain=\"vpc\")\n")));
    case("VAL002", false, true, &ts("new aws.ec2.Eip(\"nat\", { vpc: true });\n"), Some(&ts("new aws.ec2.Eip(\"nat\", { domain: \"vpc\" });\n")));
}

/// `Settings::skip_fixes` (a run that only reports) gives the same findings without their fixes;
/// each rule that offers fixes is covered.
#[test]
fn skip_fixes_keeps_findings_and_drops_fixes() {
    let cases = [
        ("OUT001", "index.ts", ts("const b = new aws.s3.Bucket(\"b\");\nnew aws.sns.Topic(\"t\", { displayName: `alerts-${b.id}` });\n")),
        ("VAL002", "__main__.py", py("aws.ec2.Eip(\"nat\", vpc=True)\n")),
        ("VAL005", "__main__.py", py("aws.cloudwatch.EventRule(\"r\", schedule_expression=\"rate(1 hour)\", is_enabled=False)\n")),
        ("REG001", "index.ts", ts(concat!(
            "const west = new aws.Provider(\"west\", { region: \"us-west-2\" });\n",
            "const vpc = new aws.ec2.Vpc(\"vpc\", { cidrBlock: \"10.1.0.0/16\" }, { provider: west });\n",
            "const subnet = new aws.ec2.Subnet(\"subnet\", { vpcId: vpc.id, cidrBlock: \"10.1.1.0/24\" });\n",
        ))),
    ];
    for (code, file, text) in cases {
        let input = Input { path: file.into(), rel: file.into(), bytes: text.as_bytes().to_vec() };
        let program = build(vec![input], &Options::default());
        let with = Settings { select: vec![code.to_string()], preview: true, ..Settings::default() };
        let without = Settings { skip_fixes: true, ..with.clone() };
        let (a, b) = (lint(&program, &with), lint(&program, &without));
        assert!(a.iter().any(|d| d.fix.is_some()), "{code}: no fix offered for\n{text}");
        assert!(b.iter().all(|d| d.fix.is_none()), "{code}: a fix despite skip_fixes");
        let codes = |ds: &[Diagnostic]| ds.iter().map(|d| (d.code, d.span, d.message.clone())).collect::<Vec<_>>();
        assert_eq!(codes(&a), codes(&b), "{code}: findings differ");
    }
}
