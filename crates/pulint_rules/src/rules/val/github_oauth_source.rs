//! VAL034 github-oauth-source: a CodePipeline source action of GitHub version 1 (OAuth token).

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a CodePipeline action with `owner: "ThirdParty"` and `provider: "GitHub"`: the
    /// GitHub version 1 source action, which authenticates with an OAuth token in its
    /// configuration.
    ///
    /// ## Why is this bad?
    /// AWS marks the GitHub version 1 action as a legacy integration it no longer recommends: it
    /// needs a personal OAuth token stored in the pipeline (often in plain configuration), polls
    /// or uses webhooks that break when the token's owner leaves, and new features (and some
    /// Regions) support only connections.
    ///
    /// ## Example
    /// ```python
    /// {"name": "Source", "category": "Source", "owner": "ThirdParty", "provider": "GitHub", "version": "1",
    ///  "configuration": {"Owner": "acme", "Repo": "app", "Branch": "main", "OAuthToken": token}}
    /// ```
    /// ```typescript
    /// { name: "Source", category: "Source", owner: "ThirdParty", provider: "GitHub", version: "1",
    ///   configuration: { Owner: "acme", Repo: "app", Branch: "main", OAuthToken: token } }
    /// ```
    ///
    /// ## Use instead
    /// A `CodeStarSourceConnection` action (`owner: "AWS"`) with an `aws.codestarconnections.Connection`.
    pub GithubOauthSource { code: "VAL034", name: "github-oauth-source", family: Val, severity: Warning, status: Stable,
        summary: "a pipeline pulls from GitHub through the legacy OAuth (version 1) action" }
}

// Source: AWS CodePipeline user guide, "GitHub (via OAuth app) connections" / "GitHub version 1
// source action reference": a legacy action; use the CodeStarSourceConnection action instead.
impl Rule for GithubOauthSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created_of(p, "aws:codepipeline/pipeline:Pipeline") {
            let Some(stages) = r.arg("stages").map(|v| p.resolve(v)).and_then(|v| v.as_list()) else { continue };
            for stage in stages {
                let Some(actions) = p.resolve(stage).get("actions").map(|v| p.resolve(v)).and_then(|v| v.as_list()) else { continue };
                for action in actions {
                    let action = p.resolve(action);
                    let text = |k: &str| action.get(k).and_then(|v| p.resolve(v).as_str());
                    if text("owner") != Some("ThirdParty") || text("provider") != Some("GitHub") {
                        continue;
                    }
                    // Point at the OAuth token when the action gives one: that is what goes away.
                    let config = action.get("configuration").map(|c| p.resolve(c));
                    let token = match config.map(|c| &c.kind) {
                        Some(ValueKind::Object(props)) => props.iter().find(|q| q.key.canonical == "OAuthToken").map(|q| q.key.span),
                        _ => None,
                    };
                    cx.report(
                        cx.diagnostic(token.unwrap_or(action.span), "the GitHub version 1 source action (OAuth token) is a legacy integration AWS no longer recommends")
                            .with_help("use a `CodeStarSourceConnection` action with an `aws.codestarconnections.Connection`"),
                    );
                }
            }
        }
    }
}
