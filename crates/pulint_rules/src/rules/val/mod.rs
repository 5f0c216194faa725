//! VAL: deploy-time validity: types, arguments and values the provider or AWS rejects, judged
//! against the AWS schema (`pulint_schema`) and small curated tables.

pub mod args;
pub mod cloudformation_syntax;
pub mod cold_storage_retention;
pub mod deprecated;
pub mod health_check_without_endpoint;
pub mod listener_without_certificate;
pub mod missing_required;
pub mod replication_rule_schema;
pub mod request_count_without_label;
pub mod reserved_zone;
pub mod monitoring_without_role;
pub mod nat_without_eip;
pub mod unknown_argument;
pub mod unknown_attribute;
pub mod unknown_type;
pub mod user_data_not_encoded;
pub mod wrong_shape;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &unknown_type::UnknownType,
    &unknown_argument::UnknownArgument,
    &wrong_shape::WrongShape,
    &missing_required::MissingRequired,
    &deprecated::Deprecated,
    &unknown_attribute::UnknownAttribute,
    &nat_without_eip::NatGatewayWithoutEip,
    &monitoring_without_role::MonitoringWithoutRole,
    &listener_without_certificate::ListenerWithoutCertificate,
    &health_check_without_endpoint::HealthCheckWithoutEndpoint,
    &replication_rule_schema::ReplicationRuleSchema,
    &request_count_without_label::RequestCountWithoutLabel,
    &cold_storage_retention::ColdStorageRetention,
    &reserved_zone::ReservedZoneName,
    &user_data_not_encoded::UserDataNotEncoded,
    &cloudformation_syntax::CloudformationSyntax,
];

/// The pulumi-aws major the program is judged by: v6 when one of its files pins `pulumi-aws` /
/// `@pulumi/aws` below 7 (requirements, pyproject, Pipfile, package.json, lock files), else v7.
pub fn major(p: &pulint_model::Program) -> pulint_schema::Major {
    use pulint_schema::Major;
    for (_, f) in p.sources.files() {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        let manifest = matches!(name, "requirements.txt" | "pyproject.toml" | "Pipfile" | "setup.py" | "package.json" | "package-lock.json")
            || name.starts_with("requirements");
        if manifest && pins_v6(&f.text) {
            return Major::V6;
        }
    }
    Major::V7
}

/// Whether a manifest's text pins the AWS SDK to major 6.
fn pins_v6(text: &str) -> bool {
    for line in text.lines() {
        let l = line.trim();
        let Some(at) = l.find("pulumi-aws").or_else(|| l.find("pulumi_aws")).or_else(|| l.find("@pulumi/aws\"")) else { continue };
        let spec: String = l[at..].split_once(|c: char| "=<>~^:!".contains(c)).map(|(_, s)| s).unwrap_or("").to_string();
        let spec = spec.trim_start_matches(|c: char| "=<>~^:!\" ".contains(c));
        if spec.starts_with("6.") || spec.starts_with('6') && !spec.starts_with("60") || l.contains("<7") || l.contains("< 7") {
            return true;
        }
    }
    false
}
