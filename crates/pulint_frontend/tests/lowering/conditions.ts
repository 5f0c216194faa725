import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = config.get("env") || "dev";

let size: string;
if (env === "prod") {
    new aws.rds.Instance("db", { instanceClass: "db.r6g.large", engine: "postgres", allocatedStorage: 100, multiAz: true });
    size = "db.r6g.large";
} else {
    new aws.s3.Bucket("dev-scratch");
    size = "db.t3.micro";
}

new aws.ssm.Parameter("size", { type: "String", value: size });

if (true) {
    new aws.sns.Topic("always");
}

const mode: string = "fast";
if (mode === "slow") {
    new aws.sns.Topic("never");
} else if (mode === "fast") {
    new aws.sns.Topic("fast-topic");
}

const retention = env === "prod" ? 30 : 7;
new aws.cloudwatch.LogGroup("logs", { retentionInDays: retention });

const queue = env === "prod" ? new aws.sqs.Queue("prod-queue") : undefined;
const isProd = env === "prod" && new aws.sns.Topic("prod-only");
