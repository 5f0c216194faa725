import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const name = config.get("name") || "app";
const tier = config.get("tier") ?? "standard";
const owner = config.require("owner");
const versioning = config.getBoolean("versioning");
const count = config.getNumber("count") ?? 2;
const regions = config.getObject<string[]>("regions") || ["us-east-1", "us-west-2"];
const dbPassword = config.requireSecret("dbPassword");
const awsRegion = new pulumi.Config("aws").get("region");
const suffix = process.env.ENVIRONMENT_SUFFIX || "dev";
const stack = pulumi.getStack();

const bucket = new aws.s3.Bucket(`${name}-${suffix}-${stack}`, {
    tags: { Owner: owner, Region: awsRegion ?? "none", Tier: tier },
    versioning: { enabled: versioning },
});
new aws.rds.Instance("db", {
    instanceClass: "db.t3.micro",
    allocatedStorage: count * 10,
    engine: "postgres",
    username: "admin",
    password: dbPassword,
});
for (const r of regions) {
    new aws.s3.Bucket(`replica-${r}`);
}
