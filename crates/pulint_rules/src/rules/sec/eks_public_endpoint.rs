//! SEC020 eks-public-endpoint: an EKS API server endpoint opened to the whole internet.

use crate::query::{anchor, bool_of, created_of, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.eks.Cluster` (or an `eks.Cluster` of the `@pulumi/eks` package) that turns
    /// `endpointPublicAccess` on and leaves
    /// `publicAccessCidrs` unset (which AWS reads as `0.0.0.0/0`) or sets it to the whole
    /// internet.
    ///
    /// ## Why is this bad?
    /// The Kubernetes API server then answers requests from any address. Authentication still
    /// applies, but the control plane is exposed to scanning, credential stuffing and every
    /// future API-server vulnerability, which is why security baselines ask for a private
    /// endpoint or a short list of allowed networks.
    ///
    /// ## Example
    /// ```python
    /// aws.eks.Cluster("main", role_arn=role.arn,
    ///     vpc_config={"subnet_ids": subnet_ids, "endpoint_public_access": True})
    /// ```
    /// ```typescript
    /// new aws.eks.Cluster("main", { roleArn: role.arn,
    ///     vpcConfig: { subnetIds, endpointPublicAccess: true } });
    /// ```
    ///
    /// ## Use instead
    /// `endpoint_private_access=True` with `endpoint_public_access=False`, or list the networks
    /// that may reach the API in `public_access_cidrs` / `publicAccessCidrs`.
    pub EksPublicEndpoint { code: "SEC020", name: "eks-public-endpoint", family: Sec, severity: Warning, status: Stable,
        summary: "an EKS API endpoint is public to every address" }
}

/// The `@pulumi/eks` / `pulumi_eks` cluster component.
const EKS_COMPONENT: &str = "eks:index/cluster:Cluster";

impl Rule for EksPublicEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let clusters = created_of(p, "aws:eks/cluster:Cluster").chain(created_of(p, EKS_COMPONENT));
        for (_, r) in clusters {
            // `aws.eks.Cluster` nests the settings in `vpcConfig`; the `@pulumi/eks` component
            // takes them as its own arguments.
            let cfg = match r.arg("vpcConfig") {
                Some(v) => p.resolve(v).clone(),
                None if r.token == EKS_COMPONENT => pulint_model::Value::new(pulint_model::ValueKind::Object(r.args.clone()), r.span),
                None => continue,
            };
            let Some(public) = cfg.get("endpointPublicAccess") else { continue };
            if bool_of(p, public) != Some(true) {
                continue;
            }
            let open = match cfg.get("publicAccessCidrs").map(|v| p.resolve(v)) {
                None => true,
                Some(v) => match v.as_list() {
                    Some(items) => items.iter().any(|c| matches!(p.str_of(c), Some("0.0.0.0/0" | "::/0"))),
                    None => false,
                },
            };
            if open {
                cx.report(
                    cx.diagnostic(anchor(public.span, r.span), format!("cluster {} serves its Kubernetes API to every internet address", name_of(r)))
                        .with_help("turn the public endpoint off or list the allowed networks in `public_access_cidrs` / `publicAccessCidrs`"),
                );
            }
        }
    }
}
