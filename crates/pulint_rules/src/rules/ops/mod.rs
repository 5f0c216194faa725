//! OPS: operations: names, tags, teardown, retention, hard-coded identifiers.

pub mod alarm_no_action;
pub mod alarm_without_dimensions;
pub mod backup;
pub mod bucket_name_not_unique;
pub mod common;
pub mod env_suffix;
pub mod fixed_bucket_name;
pub mod hardcoded_id;
pub mod key_overridden_by_spread;
pub mod lambda_log_group;
pub mod lambda_no_log_group;
pub mod log_retention;
pub mod name_mismatch;
pub mod nondeterministic_name;
pub mod tags;
pub mod teardown;
pub mod versioned_bucket;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &log_retention::LogGroupNoRetention,
    &lambda_log_group::LambdaLogGroupMismatch,
    &hardcoded_id::HardcodedId,
    &teardown::TeardownBlocker,
    &backup::MissingBackup,
    &versioned_bucket::VersionedBucketNoForceDestroy,
    &tags::MissingTags,
    &env_suffix::MissingEnvSuffix,
    &fixed_bucket_name::FixedBucketName,
    &alarm_no_action::AlarmWithoutAction,
    &lambda_no_log_group::LambdaNoLogGroup,
    &nondeterministic_name::NondeterministicNameOrTag,
    &bucket_name_not_unique::BucketNameNotUnique,
    &alarm_without_dimensions::AlarmWithoutDimensions,
    &name_mismatch::HardcodedNameMismatch,
    &key_overridden_by_spread::KeyOverriddenBySpread,
];
