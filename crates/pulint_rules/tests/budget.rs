//! The rules' time budget: past it, the remaining rules are skipped and PUL003 says so.

use pulint_frontend::{build, Input, Options};
use pulint_rules::{lint, Settings};
use std::time::Duration;

const PROGRAM: &str = r#"import pulumi_aws as aws
sg = aws.ec2.SecurityGroup("sg", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
"#;

fn findings(budget: Option<Duration>) -> Vec<(String, String)> {
    let input = Input { path: "__main__.py".into(), rel: "__main__.py".into(), bytes: PROGRAM.as_bytes().to_vec() };
    let program = build(vec![input], &Options::default());
    let settings = Settings { time_budget: budget, ..Settings::default() };
    lint(&program, &settings).into_iter().map(|d| (d.code.to_string(), d.message)).collect()
}

#[test]
fn a_spent_budget_skips_the_remaining_rules_and_says_so() {
    let full = findings(None);
    assert!(full.iter().any(|(c, _)| c.starts_with("SEC")), "the open SSH ingress is found: {full:?}");
    assert!(!full.iter().any(|(c, _)| c == "PUL003"), "{full:?}");

    let cut = findings(Some(Duration::ZERO));
    let budget: Vec<_> = cut.iter().filter(|(c, _)| c == "PUL003").collect();
    assert_eq!(budget.len(), 1, "{cut:?}");
    assert!(budget[0].1.contains("were not run"), "{}", budget[0].1);
    assert!(!cut.iter().any(|(c, _)| c.starts_with("SEC")), "rules were skipped: {cut:?}");
}
