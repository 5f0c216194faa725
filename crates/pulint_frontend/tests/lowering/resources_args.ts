import * as aws from "@pulumi/aws";

const vpc = new aws.ec2.Vpc("vpc", {
    cidrBlock: "10.0.0.0/16",
    enableDnsHostnames: true,
    tags: { Name: "main", cost_center: "eng", "owner-team": "infra" },
});

const sg = new aws.ec2.SecurityGroup("web", {
    vpcId: vpc.id,
    description: "web",
    ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const bucket = new aws.s3.BucketV2("data", { forceDestroy: false });
new aws.s3.BucketServerSideEncryptionConfigurationV2("data-sse", {
    bucket: bucket.id,
    rules: [
        {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" },
            bucketKeyEnabled: true,
        },
    ],
});

const shared = { protocol: "tcp", fromPort: 80, toPort: 80 };
new aws.ec2.SecurityGroupRule("http", { ...shared, type: "ingress", securityGroupId: sg.id, cidrBlocks: ["0.0.0.0/0"] });
new aws.s3.Bucket("tagged", { tags: { cost_center: "eng", Owner_Team: "infra" } });
