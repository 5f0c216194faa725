//! VAL: deploy-time validity: types, arguments and values the provider or AWS rejects, judged
//! against the AWS schema (`pulint_schema`) and small curated tables.

pub mod access_logs_kms_bucket;
pub mod args;
pub mod certificate_not_validated;
pub mod cloudformation_syntax;
pub mod cold_storage_retention;
pub mod conflicting_arguments;
pub mod deprecated;
pub mod deprecated_codebuild_image;
pub mod deprecated_value;
pub mod github_oauth_source;
pub mod global_table_replica;
pub mod health_check_without_endpoint;
pub mod invalid_cidr;
pub mod invalid_master_password;
pub mod listener_without_certificate;
pub mod misdirected_reference;
pub mod missing_required;
pub mod monitoring_without_role;
pub mod nat_without_eip;
pub mod replication_rule_schema;
pub mod replication_without_versioning;
pub mod request_count_without_label;
pub mod reserved_lambda_env;
pub mod reserved_master_username;
pub mod reserved_zone;
pub mod s3_inline;
pub mod unknown_argument;
pub mod unknown_attribute;
pub mod unknown_managed_policy;
pub mod unknown_type;
pub mod unsupported_instance_class;
pub mod user_data_not_encoded;
pub mod waf_log_destination_name;
pub mod wrong_shape;
pub mod wrong_type;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &unknown_type::UnknownType,
    &unknown_argument::UnknownArgument,
    &wrong_shape::WrongShape,
    &missing_required::MissingRequired,
    &deprecated::Deprecated,
    &unknown_attribute::UnknownAttribute,
    &deprecated_value::DeprecatedValue,
    &conflicting_arguments::ConflictingArguments,
    &certificate_not_validated::CertificateNotValidated,
    &replication_without_versioning::ReplicationWithoutVersioning,
    &misdirected_reference::MisdirectedReference,
    &access_logs_kms_bucket::AccessLogsKmsBucket,
    &unsupported_instance_class::UnsupportedInstanceClass,
    &reserved_lambda_env::ReservedLambdaEnvVar,
    &unknown_managed_policy::UnknownManagedPolicy,
    &reserved_master_username::ReservedMasterUsername,
    &invalid_cidr::InvalidCidr,
    &invalid_master_password::InvalidMasterPassword,
    &global_table_replica::InvalidGlobalTableReplica,
    &waf_log_destination_name::WafLogDestinationName,
    &deprecated_codebuild_image::DeprecatedCodebuildImage,
    &github_oauth_source::GithubOauthSource,
    &wrong_type::WrongType,
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

/// The pulumi-aws major the program is judged by: v6 when one of its dependency manifests (on
/// disk, or a block a document names so) pins `pulumi-aws` / `@pulumi/aws` below 7, else v7.
pub fn major(p: &pulint_model::Program) -> pulint_schema::Major {
    use pulint_schema::Major;
    for (_, f) in p.sources.files() {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        if pulint_model::is_manifest(name) && pins_v6(&f.text) {
            return Major::V6;
        }
    }
    Major::V7
}

/// Whether a manifest's text pins the AWS SDK below major 7 (what the package manager installs
/// cannot be 7): an upper bound `<7` or lower, or an exact, caret, tilde or wildcard version whose
/// major is below 7. `>=6` alone allows 7, which is what gets installed.
fn pins_v6(text: &str) -> bool {
    for line in text.lines() {
        let l = line.trim();
        let found = ["pulumi-aws", "pulumi_aws", "@pulumi/aws\""].iter().find_map(|n| l.find(n).map(|at| at + n.len()));
        let Some(end) = found else { continue };
        // What follows the name: `>=5.0.0,<6.0.0` or `: "^6.0.0",`.
        let spec = &l[end..];
        let mut old = false;
        for part in spec.split(',') {
            let part = part.trim().trim_matches(|c: char| c == '"' || c == ':' || c == ' ' || c == '\'');
            let op: String = part.chars().take_while(|c| "=<>~^!".contains(*c)).collect();
            let rest = part[op.len()..].trim();
            let Some(major) = rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|m| m.parse::<u32>().ok()) else { continue };
            old |= match op.as_str() {
                "<" => major <= 7,
                "<=" => major < 7,
                "" | "==" | "=" | "^" | "~" | "~=" => major < 7,
                _ => false,
            };
        }
        if old {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::pins_v6;

    #[test]
    fn pins() {
        assert!(pins_v6("pulumi>=3\npulumi-aws>=6.0.0,<7.0.0\n"));
        assert!(pins_v6("pulumi_aws==6.83.4"));
        assert!(pins_v6(r#"  "@pulumi/aws": "^6.20.0","#));
        assert!(!pins_v6("pulumi-aws>=7.0.0"));
        assert!(!pins_v6(r#"  "@pulumi/aws": "^7.5.0","#));
        assert!(!pins_v6("boto3<7\npulumi>=3.0.0"));
        assert!(pins_v6("pulumi-aws>=5.0.0,<6.0.0"));
        assert!(!pins_v6("pulumi-aws>=6.0.0"));
        assert!(pins_v6(r#"  "@pulumi/aws": "~6.83.0","#));
    }
}
