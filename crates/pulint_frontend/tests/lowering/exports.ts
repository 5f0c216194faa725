import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
export const vpcId = vpc.id;
export const cidr = "10.0.0.0/16";
export const outputs = { vpc: vpc.id, arn: vpc.arn };

function makeBucket(name: string) {
    return new aws.s3.Bucket(name);
}

const logs = makeBucket("logs");
export const logsArn = logs.arn;
export { vpc };
export default { bucketName: logs.bucket };
