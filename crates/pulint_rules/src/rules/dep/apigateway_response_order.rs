//! DEP002 apigateway-response-order: an API Gateway integration response created without
//! waiting for its integration (or a method response without waiting for its method).

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{PathElem, Program, ResourceId, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.apigateway.IntegrationResponse` that does not wait for the
    /// `aws.apigateway.Integration` of the same API, resource and HTTP method, and an
    /// `aws.apigateway.MethodResponse` that does not wait for its `aws.apigateway.Method`. Waiting
    /// means a `dependsOn` entry or an argument that refers to it (`http_method=method.http_method`).
    ///
    /// ## Why is this bad?
    /// They name their parent only by plain strings (API id, resource id, method), so Pulumi
    /// creates them in parallel with the integration or method. API Gateway rejects the response
    /// ("NotFoundException: Invalid Integration identifier specified" / "Invalid Method
    /// identifier specified") and `pulumi up` fails intermittently.
    ///
    /// ## Example
    /// ```python
    /// integration = aws.apigateway.Integration("int", rest_api=api.id, resource_id=res.id,
    ///     http_method="GET", type="MOCK")
    /// aws.apigateway.IntegrationResponse("int-200", rest_api=api.id, resource_id=res.id,
    ///     http_method="GET", status_code="200")
    /// ```
    /// ```typescript
    /// const integration = new aws.apigateway.Integration("int", { restApi: api.id, resourceId: res.id,
    ///     httpMethod: "GET", type: "MOCK" });
    /// new aws.apigateway.IntegrationResponse("int-200", { restApi: api.id, resourceId: res.id,
    ///     httpMethod: "GET", statusCode: "200" });
    /// ```
    ///
    /// ## Use instead
    /// `opts=pulumi.ResourceOptions(depends_on=[integration])` / `{ dependsOn: [integration] }`.
    pub ApigatewayResponseOrder { code: "DEP002", name: "apigateway-response-order", family: Dep, severity: Error, status: Stable,
        summary: "an API Gateway integration or method response does not wait for its integration or method" }
}

const PAIRS: &[(&str, &str, &str)] = &[
    (
        "aws:apigateway/integrationResponse:IntegrationResponse",
        "aws:apigateway/integration:Integration",
        "integration",
    ),
    (
        "aws:apigateway/methodResponse:MethodResponse",
        "aws:apigateway/method:Method",
        "method",
    ),
];

const ID_ARGS: [&str; 3] = ["restApi", "resourceId", "httpMethod"];

/// An identifying argument; the API also under the `restApiId` spelling some programs use.
fn arg<'a>(r: &'a pulint_model::Resource, k: &str) -> Option<&'a Value> {
    r.arg(k).or_else(|| {
        if k == "restApi" {
            r.arg("restApiId")
        } else {
            None
        }
    })
}

/// How an identifying argument is written: a known string, or an attribute of a resource.
#[derive(PartialEq)]
enum Key {
    Str(String),
    Ref(ResourceId, Vec<PathElem>),
}

fn key(p: &Program, v: Option<&Value>) -> Option<Key> {
    let v = p.resolve(v?);
    match &v.kind {
        ValueKind::String(s) => Some(Key::Str(s.to_ascii_uppercase())),
        ValueKind::Attr { resource, path } => {
            // `method.http_method` stands for the method's own literal.
            let r = p.resource(*resource);
            if matches!(path.as_slice(), [PathElem::Attr(a)] if a == "httpMethod")
                && let Some(s) = r.arg("httpMethod").and_then(|m| p.str_of(m)) {
                    return Some(Key::Str(s.to_ascii_uppercase()));
                }
            Some(Key::Ref(*resource, path.clone()))
        }
        _ => None,
    }
}

impl Rule for ApigatewayResponseOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (child_token, parent_token, what) in PAIRS {
            for (cid, child) in query::created_of(p, child_token) {
                let ids = ID_ARGS.map(|k| key(p, arg(child, k)));
                if ids.iter().any(Option::is_none) {
                    continue;
                }
                let parents: Vec<ResourceId> = query::created_of(p, parent_token)
                    .filter(|(_, r)| {
                        ID_ARGS
                            .iter()
                            .zip(&ids)
                            .all(|(k, want)| key(p, arg(r, k)).as_ref() == want.as_ref())
                    })
                    .map(|(id, _)| id)
                    .collect();
                let [parent] = parents.as_slice() else {
                    continue;
                };
                if waits_for(p, cid, *parent) != Some(false) {
                    continue;
                }
                let pr = p.resource(*parent);
                cx.report(
                    cx.diagnostic(
                        child.span,
                        format!(
                            "{} does not wait for the {what} {} it belongs to",
                            query::name_of(child),
                            query::name_of(pr)
                        ),
                    )
                    .with_label(pr.span, format!("the {what}"))
                    .with_help(format!("add the {what} to `dependsOn`")),
                );
            }
        }
    }
}
