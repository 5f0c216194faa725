//! DEP: ordering: what must exist before a resource is created.

pub mod apigateway_response_order;
pub mod config_channel_order;
pub mod ecs_service_listener;
pub mod lambda_target_permission;
pub mod name_reference;
pub mod nat_before_igw;
pub mod notification_before_policy;
pub mod replication_before_versioning;

use crate::Rule;
use crate::query;
use pulint_model::{Program, ResourceId, ResourceKind, ValueKind};

pub static RULES: &[&dyn Rule] = &[
    &ecs_service_listener::EcsServiceListener,
    &apigateway_response_order::ApigatewayResponseOrder,
    &config_channel_order::ConfigChannelOrder,
    &lambda_target_permission::LambdaTargetBeforePermission,
    &notification_before_policy::NotificationBeforePolicy,
    &nat_before_igw::NatGatewayBeforeInternetGateway,
    &replication_before_versioning::ReplicationBeforeVersioning,
    &name_reference::NameInsteadOfReference,
];

/// Whether `from` waits for `to`: through its arguments, `dependsOn` or `parent`, directly or
/// through the resources it waits for. None when an explicit dependency pulint cannot resolve might be it.
pub(crate) fn waits_for(p: &Program, from: ResourceId, to: ResourceId) -> Option<bool> {
    let mut seen = vec![false; p.resources.len()];
    let mut stack = vec![from];
    let mut unsure = false;
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[id.index()], true) {
            continue;
        }
        let r = p.resource(id);
        let mut next: Vec<ResourceId> = r
            .args
            .iter()
            .flat_map(|a| query::referenced(&a.value))
            .collect();
        // A child registers only once its parent's URN is known, which the SDKs learn when the
        // parent's registration (its creation, for a custom resource) completes.
        // A component's URN is known at once: it orders nothing.
        next.extend(
            r.parent
                .filter(|par| p.resource(*par).kind != ResourceKind::Component),
        );
        if !query::args_complete(r) {
            unsure = true;
        }
        match r.options.get("dependsOn").map(|v| p.resolve(v)) {
            None => {}
            Some(v) => {
                let items: Vec<&pulint_model::Value> = match &v.kind {
                    ValueKind::List(items) => items.iter().collect(),
                    _ => vec![v],
                };
                for d in items {
                    let d = p.resolve(d);
                    match &d.kind {
                        ValueKind::Resource(_) | ValueKind::Attr { .. } | ValueKind::List(_) => {
                            next.extend(query::referenced(d))
                        }
                        ValueKind::Null => {}
                        _ => unsure = true,
                    }
                }
            }
        }
        if r.options
            .props
            .iter()
            .any(|o| matches!(o.key.canonical.as_str(), "*" | "**"))
        {
            unsure = true;
        }
        if next.contains(&to) {
            return Some(true);
        }
        stack.extend(next);
    }
    if unsure { None } else { Some(false) }
}
