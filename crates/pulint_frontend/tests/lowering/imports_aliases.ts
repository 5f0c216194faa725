import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ec2, lambda } from "@pulumi/aws";
import { Vpc } from "@pulumi/aws/ec2";
import * as s3 from "@pulumi/aws/s3";

const vpcA = new aws.ec2.Vpc("vpc-a", { cidrBlock: "10.0.0.0/16" });
const vpcB = new ec2.Vpc("vpc-b", { cidrBlock: "10.1.0.0/16" });
const vpcC = new Vpc("vpc-c", { cidrBlock: "10.2.0.0/16" }, { dependsOn: [vpcA] });
const bucket = new s3.Bucket("bucket");

const role = new aws.iam.Role("role", { assumeRolePolicy: "{}" });
const fn = new lambda.Function("fn", {
    role: role.arn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: new pulumi.asset.FileArchive("./app"),
});
