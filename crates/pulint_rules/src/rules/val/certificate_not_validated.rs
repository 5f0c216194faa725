//! VAL008 certificate-not-validated: a DNS-validated ACM certificate that a listener or
//! distribution uses but that nothing validates.

use crate::query::{created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, ResourceKind, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.acm.Certificate` with `validationMethod: "DNS"` whose ARN the program hands
    /// to another resource (a listener, a CloudFront distribution, an API domain name) when no
    /// `aws.acm.CertificateValidation` refers to the certificate.
    ///
    /// ## Why is this bad?
    /// ACM issues the certificate only once its validation records exist in DNS. Without a
    /// `CertificateValidation` (and the records it waits for), the resources that use the
    /// certificate are created while it is still pending, and AWS rejects them
    /// (`UnsupportedCertificate`, "certificate ... is not valid"), or `pulumi up` stops there.
    ///
    /// ## Example
    /// ```python
    /// cert = aws.acm.Certificate("cert", domain_name="app.example.org", validation_method="DNS")
    /// aws.lb.Listener("https", load_balancer_arn=lb.arn, port=443, protocol="HTTPS", certificate_arn=cert.arn, ...)
    /// ```
    /// ```typescript
    /// const cert = new aws.acm.Certificate("cert", { domainName: "app.example.org", validationMethod: "DNS" });
    /// new aws.lb.Listener("https", { loadBalancerArn: lb.arn, port: 443, protocol: "HTTPS", certificateArn: cert.arn, ... });
    /// ```
    ///
    /// ## Use instead
    /// Create the validation records (`aws.route53.Record` from `domainValidationOptions`) and an
    /// `aws.acm.CertificateValidation`, and use its `certificateArn`.
    pub CertificateNotValidated { code: "VAL008", name: "certificate-not-validated", family: Val, severity: Error, status: Stable,
        summary: "a certificate is used but never validated" }
}

const VALIDATION: &str = "aws:acm/certificateValidation:CertificateValidation";

impl Rule for CertificateNotValidated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // A validation whose certificate pulint cannot tell may be the missing one.
        if created_of(p, VALIDATION).any(|(_, v)| v.arg("certificateArn").is_none_or(|a| crate::query::referenced(p.resolve(a)).is_empty())) {
            return;
        }
        let refs = cx.facts().refs();
        for (id, cert) in created_of(p, "aws:acm/certificate:Certificate") {
            let Some(method) = cert.prop("validationMethod") else { continue };
            if p.resolve(&method.value).as_str() != Some("DNS") {
                continue;
            }
            let referrers = refs.referrers(id);
            let validated = referrers.iter().any(|r| p.resource(*r).token == VALIDATION);
            let user = referrers
                .iter()
                .map(|r| p.resource(*r))
                .find(|r| r.kind == ResourceKind::Custom && r.token != VALIDATION && !r.token.starts_with("aws:route53/"));
            if validated {
                continue;
            }
            let Some(user) = user else { continue };
            cx.report(
                cx.diagnostic(method.key.span, format!("certificate {} is used by {} but nothing validates it", name_of(cert), name_of(user)))
                    .with_label(user.span, "uses the certificate here")
                    .with_help("add the DNS validation records and an `aws.acm.CertificateValidation`, and use its `certificate_arn` / `certificateArn`"),
            );
        }
    }
}
