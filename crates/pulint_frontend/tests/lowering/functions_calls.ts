import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

function makeProvider(region: string): aws.Provider {
    return new aws.Provider(`aws-${region}`, { region: region as aws.Region });
}

function makeVpc(region: string, cidr = "10.0.0.0/16", opts: { tags?: Record<string, string> } = {}) {
    const provider = makeProvider(region);
    const vpc = new aws.ec2.Vpc(`vpc-${region}`, { cidrBlock: cidr, tags: opts.tags ?? {} }, { provider });
    addSubnet(vpc, 1, provider);
    return vpc;
}

const addSubnet = (vpc: aws.ec2.Vpc, n: number, provider: aws.Provider) =>
    new aws.ec2.Subnet(`sub-${n}`, { vpcId: vpc.id, cidrBlock: `10.0.${n}.0/24` }, { provider });

function neverCalled(name: string, size: number) {
    return new aws.ebs.Volume(name, { availabilityZone: "us-east-1a", size });
}

function countdown(n: number): number {
    if (n <= 0) {
        return 0;
    }
    new aws.sns.Topic(`t-${n}`);
    return countdown(n - 1);
}

function forever(x: number): number {
    return forever(x);
}

const east = makeVpc("us-east-1");
const west = makeVpc("us-west-2", "10.1.0.0/16", { tags: { team: "a" } });
countdown(2);
forever(1);
export const eastVpc = east.id;
