//! SEC: security.

pub mod admin_policy;
pub mod eks_public_endpoint;
pub mod function_url;
pub mod generated_secret;
pub mod hardcoded_secret;
pub mod http_listener;
pub mod metadata_tokens;
pub mod iam_wildcard;
pub(crate) mod ingress;
pub mod kms_key;
pub mod lambda_resource_access;
pub mod lambda_tracing;
pub mod open_ingress;
pub mod permission_without_source;
pub mod public_bucket;
pub mod rds_public;
pub mod secret_config;
pub mod tier_ingress;
pub mod unencrypted_storage;
pub mod wildcard_principal_arn;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &open_ingress::OpenIngress,
    &hardcoded_secret::HardcodedSecret,
    &iam_wildcard::IamWildcardAction,
    &iam_wildcard::IamWildcardResource,
    &admin_policy::BroadManagedPolicy,
    &public_bucket::PublicBucket,
    &public_bucket::MissingPublicAccessBlock,
    &unencrypted_storage::UnencryptedStorage,
    &rds_public::PublicDatabase,
    &function_url::PublicFunctionUrl,
    &kms_key::KmsKeyPolicyMissingService,
    &kms_key::KmsKeyRotation,
    &http_listener::HttpWithoutTls,
    &secret_config::SecretAsPlainConfig,
    &tier_ingress::IngressAllProtocols,
    &tier_ingress::BroadPrivateCidr,
    &generated_secret::SecretGeneratedEachRun,
    &permission_without_source::LambdaPermissionWithoutSource,
    &lambda_tracing::LambdaTracingWithoutXrayPermission,
    &eks_public_endpoint::EksPublicEndpoint,
    &wildcard_principal_arn::WildcardPrincipalArn,
    &metadata_tokens::MetadataTokensOptional,
    &lambda_resource_access::LambdaRoleMissingAccess,
];
