//! SEC007 unencrypted-storage: data stores that AWS leaves unencrypted unless asked.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, Resource, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags data stores whose encryption at rest is off by default and not turned on:
    /// `aws.rds.Instance` and `aws.rds.Cluster` without `storageEncrypted`, `aws.ebs.Volume` and
    /// `aws.efs.FileSystem` without `encrypted`, ElastiCache replication groups without
    /// `atRestEncryptionEnabled`. Read replicas and
    /// restores (which inherit their source's encryption) and Aurora Serverless v1 (always
    /// encrypted) are skipped. S3, DynamoDB, SQS and CloudWatch Logs encrypt by default and are
    /// not flagged; neither are SNS topics, which only hold messages in transit.
    ///
    /// ## Why is this bad?
    /// Snapshots, backups and the disks underneath hold the data in clear. Encryption cannot be
    /// turned on later for RDS or EFS: the store must be replaced, which means a migration.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Cluster("db", engine="aurora-postgresql", master_username="app", manage_master_user_password=True)
    /// ```
    /// ```typescript
    /// new aws.rds.Cluster("db", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
    /// ```
    ///
    /// ## Use instead
    /// `storage_encrypted=True` / `storageEncrypted: true` (optionally with `kmsKeyId`),
    /// `encrypted: true`, `atRestEncryptionEnabled: true`.
    pub UnencryptedStorage { code: "SEC007", name: "unencrypted-storage", family: Sec, severity: Warning, status: Stable,
        summary: "a data store is created without encryption at rest" }
}

/// (token, argument that enables encryption, arguments whose presence means it is inherited).
const STORES: &[(&str, &str, &[&str])] = &[
    ("aws:rds/instance:Instance", "storageEncrypted", &["replicateSourceDb", "snapshotIdentifier", "restoreToPointInTime", "s3Import", "kmsKeyId"]),
    ("aws:rds/cluster:Cluster", "storageEncrypted", &["replicationSourceIdentifier", "snapshotIdentifier", "restoreToPointInTime", "s3Import", "kmsKeyId"]),
    ("aws:ebs/volume:Volume", "encrypted", &["snapshotId", "kmsKeyId"]),
    ("aws:efs/fileSystem:FileSystem", "encrypted", &["kmsKeyId"]),
    ("aws:elasticache/replicationGroup:ReplicationGroup", "atRestEncryptionEnabled", &["globalReplicationGroupId", "snapshotName", "snapshotArns"]),
];

fn off<'a>(p: &Program, r: &'a Resource, arg: &str) -> Option<Option<&'a Value>> {
    match r.arg(arg) {
        None => Some(None),
        Some(v) => (query::bool_of(p, v) == Some(false)).then_some(Some(v)),
    }
}

impl Rule for UnencryptedStorage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            let Some((_, arg, inherited)) = STORES.iter().find(|(t, _, _)| *t == r.token) else { continue };
            if !query::args_complete(r) || inherited.iter().any(|a| !query::absent(r, a)) {
                continue;
            }
            if r.token == "aws:rds/cluster:Cluster" && r.arg("engineMode").and_then(|v| p.str_of(v)) == Some("serverless") {
                continue;
            }
            let Some(explicit) = off(p, r, arg) else { continue };
            let span = explicit.map(|v| query::anchor(v.span, r.span)).unwrap_or(r.span);
            let how = if explicit.is_some() { "turned off" } else { "not turned on" };
            cx.report(
                cx.diagnostic(span, format!("{} stores data unencrypted: `{arg}` is {how}", query::name_of(r)))
                    .with_help(format!("set `{arg}` (with a KMS key where the data is sensitive)")),
            );
        }
    }
}
