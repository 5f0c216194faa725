//! COST002 cloudfront-price-class-all: a CloudFront distribution without `priceClass`.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.cloudfront.Distribution` that sets no `priceClass`, or sets
    /// `PriceClass_All` from a literal.
    ///
    /// ## Why is this bad?
    /// Without `priceClass` CloudFront serves from every edge location, including the most
    /// expensive regions (`PriceClass_All` is the default). Most applications whose users are in
    /// North America and Europe get the same experience from `PriceClass_100` at a lower price.
    ///
    /// ## Example
    /// ```python
    /// aws.cloudfront.Distribution("cdn", enabled=True, origins=[...], default_cache_behavior={...})
    /// ```
    /// ```typescript
    /// new aws.cloudfront.Distribution("cdn", { enabled: true, origins: [...], defaultCacheBehavior: {...} });
    /// ```
    ///
    /// ## Use instead
    /// Choose the price class on purpose: `price_class="PriceClass_100"` /
    /// `priceClass: "PriceClass_100"`, or read it from configuration.
    pub CloudfrontPriceClass { code: "COST002", name: "cloudfront-price-class-all", family: Cost, severity: Info, status: Stable,
        summary: "a CloudFront distribution serves from every edge location by default" }
}

const DISTRIBUTION: &str = "aws:cloudfront/distribution:Distribution";

impl Rule for CloudfrontPriceClass {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created_of(p, DISTRIBUTION) {
            if !query::args_complete(r) {
                continue;
            }
            if query::absent(r, "priceClass") {
                cx.report(
                    cx.diagnostic(r.span, format!("{} sets no `priceClass` and is billed at `PriceClass_All`, every edge location", query::name_of(r)))
                        .with_help("set `priceClass` to `PriceClass_100` or `PriceClass_200` unless users on every continent need the nearest edge"),
                );
            }
        }
    }
}
