import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
// `void` only discards the value: the endpoint is still created.
void new aws.ec2.VpcEndpoint("s3", { vpcId: vpc.id, serviceName: "com.amazonaws.us-east-1.s3" });
