import * as aws from "@pulumi/aws";

// Functions nobody calls still run once with unknown arguments, however they are defined.
export const createNetwork = (cidr: string) => {
    return new aws.ec2.Vpc("arrow-vpc", { cidrBlock: cidr });
};

export const createLogs = function (name: string) {
    return new aws.s3.Bucket(name);
};

export function createQueue(name: string) {
    return new aws.sqs.Queue(name);
}
