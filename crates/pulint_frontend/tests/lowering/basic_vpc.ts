import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });
const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16", tags: { cost_center: "a" } }, { provider: west });
["us-west-2a", "us-west-2b"].forEach((az, i) => {
    new aws.ec2.Subnet(`sub-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: az }, { provider: west });
});
export const vpcId = vpc.id;
