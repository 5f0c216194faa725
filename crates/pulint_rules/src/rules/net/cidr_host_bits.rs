//! NET004 cidr-host-bits: a CIDR block whose address is not the network address of its range.

use super::util::{cidr, SUBNET, VPC};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags an IPv4 CIDR block with host bits set, such as `10.0.0.16/20` (whose network is
    /// `10.0.0.0/20`), in a VPC or subnet `cidrBlock` or a security group rule's `cidrBlocks`.
    ///
    /// ## Why is this bad?
    /// The AWS provider accepts only network addresses for these arguments and fails the preview
    /// with "is not a valid network CIDR". A range computed with the wrong step (`i * 16` under a
    /// `/20`) usually also makes the intended subnets overlap.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.0.16/20")
    /// ```
    /// ```typescript
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.0.16/20" });
    /// ```
    ///
    /// ## Use instead
    /// Write the network address of the range (`10.0.16.0/20`), and step computed ranges by the
    /// block size.
    pub CidrHostBits { code: "NET004", name: "cidr-host-bits", family: Net, severity: Error, status: Stable,
        summary: "a CIDR block has host bits set" }
}

// Source: the Terraform AWS provider (which the Pulumi AWS provider bridges) validates these
// arguments with ValidIPv4CIDRNetworkAddress.
impl Rule for CidrHostBits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            match r.token.as_str() {
                VPC | SUBNET | "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation" => {
                    if let Some(v) = r.arg("cidrBlock") {
                        check(p, cx, v, r.span);
                    }
                }
                "aws:ec2/securityGroup:SecurityGroup" => {
                    for key in ["ingress", "egress"] {
                        let Some(list) = r.arg(key).map(|v| p.resolve(v)).and_then(Value::as_list) else { continue };
                        for rule in list {
                            if let Some(blocks) = p.resolve(rule).get("cidrBlocks") {
                                check_list(p, cx, blocks, r.span);
                            }
                        }
                    }
                }
                "aws:ec2/securityGroupRule:SecurityGroupRule" => {
                    if let Some(blocks) = r.arg("cidrBlocks") {
                        check_list(p, cx, blocks, r.span);
                    }
                }
                _ => {}
            }
        }
    }
}

fn check_list(p: &Program, cx: &mut Ctx, v: &Value, site: pulint_model::Span) {
    if let Some(items) = p.resolve(v).as_list() {
        for i in items {
            check(p, cx, i, site);
        }
    }
}

fn check(p: &Program, cx: &mut Ctx, v: &Value, site: pulint_model::Span) {
    let Some(text) = p.str_of(v) else { return };
    let Some((net, true)) = cidr(text) else { return };
    cx.report(
        cx.diagnostic(query::anchor(v.span, site), format!("range `{text}` has host bits set; its network is `{net}`"))
            .with_help("write the network address of the range"),
    );
}
