import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const env = config.get("env") || "dev";
const regions = config.getObject<string[]>("regions") ?? ["us-east-1", "us-west-2"];
const secret = config.requireSecret("dbPassword");
for (const region of regions) {
    const p = new aws.Provider(`aws-${region}`, { region });
    new aws.s3.Bucket(`logs-${region}-${env}`, {}, { provider: p });
}
if (env === "prod") {
    new aws.ec2.Eip("nat", { domain: "vpc" });
}
