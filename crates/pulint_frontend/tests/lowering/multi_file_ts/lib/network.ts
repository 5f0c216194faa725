import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface NetworkArgs {
    cidr: string;
}

export class Network extends pulumi.ComponentResource {
    public readonly vpc: aws.ec2.Vpc;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:network:Network", name, {}, opts);
        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidr }, { parent: this });
        ["a", "b"].forEach((suffix, i) => {
            new aws.ec2.Subnet(`${name}-subnet-${suffix}`, {
                vpcId: this.vpc.id,
                cidrBlock: `10.30.${i}.0/24`,
            }, { parent: this.vpc });
        });
        this.registerOutputs({});
    }
}
