import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = config.get("env") || "dev";

const bucket = new aws.s3.Bucket(`data-${env}`);
const role = new aws.iam.Role("role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

new aws.iam.RolePolicy("bad-json", { role: role.id, policy: JSON.stringify({ Resource: bucket.arn }) });
new aws.iam.RolePolicy("good-json", { role: role.id, policy: pulumi.jsonStringify({ Resource: bucket.arn }) });
new aws.iam.RolePolicy("apply-json", { role: role.id, policy: bucket.arn.apply(arn => JSON.stringify({ Resource: [arn, `${arn}/*`] })) });

new aws.ssm.Parameter("tmpl", { type: "String", value: `arn=${bucket.arn}` });
new aws.ssm.Parameter("interp", { type: "String", value: pulumi.interpolate`s3://${bucket.id}/logs` });
new aws.ssm.Parameter("concat", { type: "String", value: pulumi.concat("s3://", bucket.id, "/logs") });
new aws.ssm.Parameter("all", { type: "String", value: pulumi.all([bucket.id, bucket.arn]).apply(([id, arn]) => `${id}:${arn}`) });
new aws.ssm.Parameter("tostring", { type: "String", value: bucket.id.toString() });
new aws.ssm.Parameter("join", { type: "String", value: ["app", env, "x"].join("-") });
new aws.ssm.Parameter("plus", { type: "String", value: "app-" + env + "-" + 3 });
new aws.ssm.Parameter("plus-out", { type: "String", value: "id-" + bucket.id });
new aws.ssm.Parameter("secret", { type: "SecureString", value: pulumi.secret("hunter2") });
new aws.ssm.Parameter("upper", { type: "String", value: env.toUpperCase() });
