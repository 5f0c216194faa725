import json
import pulumi
import pulumi_aws as aws
from pulumi import Output

config = pulumi.Config()
env = config.get("env") or "dev"

bucket = aws.s3.Bucket(f"data-{env}")
role = aws.iam.Role("role", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))

aws.iam.RolePolicy("bad-json", role=role.id, policy=json.dumps({"Resource": bucket.arn}))
aws.iam.RolePolicy("good-json", role=role.id, policy=Output.json_dumps({"Resource": bucket.arn}))
aws.iam.RolePolicy("apply-json", role=role.id, policy=bucket.arn.apply(lambda arn: json.dumps({"Resource": [arn, f"{arn}/*"]})))

aws.ssm.Parameter("fstr", type="String", value=f"arn={bucket.arn}")
aws.ssm.Parameter("concat", type="String", value=Output.concat("s3://", bucket.id, "/logs"))
aws.ssm.Parameter("fmt", type="String", value=pulumi.Output.format("{0}/{1}", bucket.id, env))
aws.ssm.Parameter("all", type="String", value=Output.all(bucket.id, bucket.arn).apply(lambda args: f"{args[0]}:{args[1]}"))
aws.ssm.Parameter("str", type="String", value=str(bucket.id))
aws.ssm.Parameter("join", type="String", value="-".join(["app", env, "x"]))
aws.ssm.Parameter("format", type="String", value="{}-{}".format("app", env))
aws.ssm.Parameter("plus", type="String", value="app-" + env + "-" + str(3))
aws.ssm.Parameter("plus-out", type="String", value="id-" + bucket.id)
aws.ssm.Parameter("secret", type="SecureString", value=pulumi.secret("hunter2"))
aws.ssm.Parameter("upper", type="String", value=env.upper())
