//! NET007 peering-not-accepted: a VPC peering connection that nothing accepts.

use super::util::{PEERING, PEERING_ACCEPTER};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.VpcPeeringConnection` that is never accepted: cross-region (`peerRegion`)
    /// or cross-account (`peerOwnerId`) with no `aws.ec2.VpcPeeringConnectionAccepter` for it, or
    /// same-region without `autoAccept: true` and without an accepter. Also flags `autoAccept:
    /// true` together with `peerRegion`, and an accepter deployed outside the peer's region.
    ///
    /// ## Why is this bad?
    /// An unaccepted connection stays `pending-acceptance` and expires after a week; no traffic
    /// flows. `autoAccept` only works within one account and region: the provider rejects it with
    /// `peerRegion`. The accepter must run with a provider of the peer's region to find the
    /// request.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.VpcPeeringConnection("peer", vpc_id=east.id, peer_vpc_id=west.id, peer_region="us-west-2")
    /// ```
    /// ```typescript
    /// new aws.ec2.VpcPeeringConnection("peer", { vpcId: east.id, peerVpcId: west.id, peerRegion: "us-west-2" });
    /// ```
    ///
    /// ## Use instead
    /// Add `aws.ec2.VpcPeeringConnectionAccepter("accept", vpc_peering_connection_id=peer.id,
    /// auto_accept=True)` with a provider of the peer's region (and account).
    pub PeeringNotAccepted { code: "NET007", name: "peering-not-accepted", family: Net, severity: Error, status: Stable,
        summary: "a VPC peering connection is never accepted" }
}

impl Rule for PeeringNotAccepted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Accepters by the peering they accept; an accepter of an unknown connection silences all.
        let mut accepters: Vec<(ResourceId, ResourceId)> = Vec::new();
        for (aid, a) in p.resources_of(PEERING_ACCEPTER) {
            let target = a.arg("vpcPeeringConnectionId").and_then(|v| p.resolve(v).resource());
            match target {
                Some(t) => accepters.push((t, aid)),
                None => return,
            }
        }
        for (id, r) in query::created_of(p, PEERING) {
            if !query::args_complete(r) {
                continue;
            }
            let peer_region = match r.arg("peerRegion") {
                None => None,
                Some(v) => match p.str_of(v) {
                    Some(s) => Some(s),
                    None => continue,
                },
            };
            let cross_region = peer_region.is_some_and(|pr| r.region.as_deref() != Some(pr));
            let auto = match r.arg("autoAccept") {
                None => Some(false),
                Some(v) => query::bool_of(p, v),
            };
            let Some(auto) = auto else { continue };
            let mine: Vec<ResourceId> = accepters.iter().filter(|(t, _)| *t == id).map(|(_, a)| *a).collect();
            if auto && cross_region {
                let span = r.prop("autoAccept").map(|pr| query::anchor(pr.value.span, r.span)).unwrap_or(r.span);
                cx.report(
                    cx.diagnostic(span, "`autoAccept` cannot accept a cross-region peering connection")
                        .with_help("remove `autoAccept` and accept with a `VpcPeeringConnectionAccepter` in the peer's region"),
                );
                continue;
            }
            if let (Some(pr), false) = (peer_region, mine.is_empty()) {
                for a in &mine {
                    let acc = p.resource(*a);
                    if let Some(ar) = acc.region.as_deref()
                        && ar != pr
                    {
                        cx.report(
                            cx.diagnostic(acc.span, format!("the accepter runs in {ar}, but the peer VPC is in {pr}"))
                                .with_label(r.span, "the peering request")
                                .with_help("give the accepter a provider for the peer's region"),
                        );
                    }
                }
                continue;
            }
            if !mine.is_empty() || (auto && r.arg("peerOwnerId").is_none()) {
                continue;
            }
            let why = if cross_region {
                "is cross-region"
            } else if r.arg("peerOwnerId").is_some() {
                "is cross-account"
            } else {
                "sets no `autoAccept`"
            };
            cx.report(
                cx.diagnostic(r.span, format!("peering connection {} {why} and no `VpcPeeringConnectionAccepter` accepts it", query::name_of(r)))
                    .with_help("accept it with `aws.ec2.VpcPeeringConnectionAccepter` (provider of the peer's region and account), or set `autoAccept` for a same-account, same-region peer"),
            );
        }
    }
}
