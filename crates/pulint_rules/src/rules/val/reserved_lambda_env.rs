//! VAL020 reserved-lambda-env-var: a Lambda environment variable whose name the runtime reserves.

use crate::query::created_of;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a key of an `aws.lambda.Function`'s `environment.variables` that the Lambda runtime
    /// sets itself, such as `AWS_REGION` or `AWS_LAMBDA_FUNCTION_NAME`.
    ///
    /// ## Why is this bad?
    /// Lambda rejects the function configuration ("Lambda was unable to configure your environment
    /// variables because the environment variables you have provided contains reserved keys"), so
    /// `pulumi up` fails to create or update the function. The runtime already provides these
    /// values to the code.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Function("fn", ..., environment={"variables": {"AWS_REGION": "us-east-1"}})
    /// ```
    /// ```typescript
    /// new aws.lambda.Function("fn", { ..., environment: { variables: { AWS_REGION: "us-east-1" } } });
    /// ```
    ///
    /// ## Use instead
    /// Drop the variable and read the runtime's own (`os.environ["AWS_REGION"]` /
    /// `process.env.AWS_REGION`), or pass the value under a name of your own (`APP_REGION`).
    pub ReservedLambdaEnvVar { code: "VAL020", name: "reserved-lambda-env-var", family: Val, severity: Error, status: Stable,
        summary: "a Lambda environment variable name is reserved by the runtime" }
}

// Source: AWS Lambda Developer Guide, "Defined runtime environment variables" (reserved keys).
const RESERVED: &[&str] = &[
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
];

impl Rule for ReservedLambdaEnvVar {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:lambda/function:Function") {
            let Some(env) = r.arg("environment") else { continue };
            let Some(vars) = p.resolve(env).get("variables").map(|v| p.resolve(v)) else { continue };
            for var in vars.as_object().unwrap_or_default() {
                let key = var.key.canonical.as_str();
                if RESERVED.contains(&key) {
                    cx.report(
                        cx.diagnostic(var.key.span, format!("`{key}` is a reserved Lambda environment variable and cannot be set"))
                            .with_help("remove it (the runtime sets it) or use a name of your own"),
                    );
                }
            }
        }
    }
}
