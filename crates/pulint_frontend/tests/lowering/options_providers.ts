import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const west = new aws.Provider("west", { region: "us-west-2" });
const east = new aws.Provider("east", { region: aws.Region.USEast1 });

const base = new aws.ec2.Vpc("base", { cidrBlock: "10.0.0.0/16" }, { provider: west });
const logs = new aws.s3.Bucket("logs", {}, { provider: west, dependsOn: [base], protect: true });
const child = new aws.s3.BucketPolicy("logs-policy", { bucket: logs.id, policy: "{}" }, { parent: logs });

const provider = east;
const data = new aws.s3.Bucket("data", {}, { provider });

const zones = aws.getAvailabilityZones({ state: "available" }, { provider: west });
const zonesOut = aws.getAvailabilityZonesOutput({ state: "available" });
const me = aws.getCallerIdentity({});
const defaultVpc = aws.ec2.getVpcOutput({ default: true });

new aws.ec2.Subnet("first", {
    vpcId: base.id,
    cidrBlock: "10.0.1.0/24",
    availabilityZone: zones.then(z => z.names[0]),
}, { provider: west });
new aws.ec2.Subnet("in-default", { vpcId: defaultVpc.id, cidrBlock: "172.31.200.0/24" });

export const account = me.then(m => m.accountId);
export const zoneOut = zonesOut.names[0];
