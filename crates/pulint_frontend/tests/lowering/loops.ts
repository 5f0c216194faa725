import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();

for (const region of ["us-east-1", "eu-west-1"]) {
    const provider = new aws.Provider(`aws-${region}`, { region: region as aws.Region });
    new aws.ec2.Vpc(`vpc-${region}`, { cidrBlock: "10.0.0.0/16" }, { provider });
}

for (let i = 0; i < 2; i++) {
    new aws.s3.Bucket(`range-${i}`);
}

const subnets = ["us-east-1a", "us-east-1b"].map((az, i) =>
    new aws.ec2.Subnet(`map-${i}`, { vpcId: "vpc-123", cidrBlock: `10.0.${i}.0/24`, availabilityZone: az }));

["orders", "events"].forEach(q => {
    new aws.sqs.Queue(q, { visibilityTimeoutSeconds: 30 });
});

const queues: Record<string, number> = { a: 30, b: 60 };
for (const [qname, timeout] of Object.entries(queues)) {
    new aws.sqs.Queue(`entries-${qname}`, { visibilityTimeoutSeconds: timeout });
}

const azs = config.requireObject<string[]>("azs");
for (const az of azs) {
    new aws.ec2.Subnet(`dyn-${az}`, { vpcId: "vpc-123", cidrBlock: "10.2.0.0/24", availabilityZone: az });
}

export const firstSubnet = subnets[0].id;
