//! VAL013 health-check-without-endpoint: a Route 53 endpoint health check with nothing to check.

use super::args::{python, spelled, written_out};
use crate::query::{absent, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.route53.HealthCheck` whose `type` is `HTTP`, `HTTPS`, `HTTP_STR_MATCH`,
    /// `HTTPS_STR_MATCH` or `TCP` but that has neither `fqdn` nor `ipAddress` (`ip_address`).
    ///
    /// ## Why is this bad?
    /// These types probe an endpoint, and Route 53 `CreateHealthCheck` needs to know which: an IP
    /// address or a domain name to resolve. Without either the call is rejected as invalid input
    /// and `pulumi up` fails; any failover record or alarm built on the check fails with it.
    ///
    /// ## Example
    /// ```python
    /// aws.route53.HealthCheck("primary", type="HTTPS", resource_path="/health", port=443,
    ///     failure_threshold=3, request_interval=30)
    /// ```
    /// ```typescript
    /// new aws.route53.HealthCheck("primary", { type: "HTTPS", resourcePath: "/health", port: 443,
    ///     failureThreshold: 3, requestInterval: 30 });
    /// ```
    ///
    /// ## Use instead
    /// Name the endpoint: `fqdn=alb.dns_name` / `fqdn: alb.dnsName`, or `ip_address` /
    /// `ipAddress` for a fixed address.
    pub HealthCheckWithoutEndpoint { code: "VAL013", name: "health-check-without-endpoint", family: Val, severity: Error, status: Stable,
        summary: "a Route 53 endpoint health check with neither fqdn nor ipAddress" }
}

/// Health check types that probe an endpoint (Route 53 API reference, HealthCheckConfig: one of
/// IPAddress or FullyQualifiedDomainName is needed for them).
const ENDPOINT_TYPES: &[&str] = &["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"];

impl Rule for HealthCheckWithoutEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:route53/healthCheck:HealthCheck") {
            let Some(kind) = r.arg("type").and_then(|v| p.str_of(v)) else { continue };
            // The API's own names (`fullyQualifiedDomainName`, `IPAddress`) name the endpoint
            // too; VAL002 reports the spelling.
            let api_named = r.args.iter().any(|a| a.key.canonical != "ipAddress" && matches!(a.key.canonical.to_ascii_lowercase().replace('_', "").as_str(), "fullyqualifieddomainname" | "ipaddress"));
            if !ENDPOINT_TYPES.contains(&kind) || !absent(r, "fqdn") || !absent(r, "ipAddress") || api_named || !written_out(p, r) {
                continue;
            }
            let ip = spelled("ipAddress", python(p, r.span));
            cx.report(
                cx.diagnostic(r.span, format!("health check {} of type {kind} has neither `fqdn` nor `{ip}` to probe", name_of(r)))
                    .with_help(format!("set `fqdn` to the endpoint's domain name, or `{ip}` to its address")),
            );
        }
    }
}
