import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Network, NetworkArgs } from "./network";

export interface TapStackArgs {
    environmentSuffix: string;
}

export class TapStack extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly bucket: aws.s3.Bucket;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:stack:TapStack", name, args, opts);
        const network = new Network(`net-${args.environmentSuffix}`, { cidr: "10.30.0.0/16" }, { parent: this });
        this.vpcId = network.vpc.id;
        this.bucket = new aws.s3.Bucket(`data-${args.environmentSuffix}`, {}, { parent: this });
        this.registerOutputs({ vpcId: this.vpcId });
    }
}
