import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface TapStackArgs {
    environmentSuffix?: string;
    tags?: { [key: string]: string };
}

export class TapStack extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly vpc: aws.ec2.Vpc;

    constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:stack:TapStack", name, args, opts);
        const suffix = args.environmentSuffix || "dev";
        this.vpc = new aws.ec2.Vpc(`vpc-${suffix}`, { cidrBlock: "10.0.0.0/16", tags: args.tags }, { parent: this });
        this.bucket = new aws.s3.Bucket(`bucket-${suffix}`, {}, { parent: this });
        const orphan = new aws.s3.Bucket(`orphan-${suffix}`);
        this.registerOutputs({ vpcId: this.vpc.id, bucketName: this.bucket.bucket });
    }
}

const west = new aws.Provider("west", { region: "us-west-2" });
const stack = new TapStack("tap", { environmentSuffix: "pr42", tags: { cost_center: "x" } });
const westStack = new TapStack("tap-west", {}, { provider: west });

new aws.ec2.InternetGateway("igw", { vpcId: stack.vpc.id });
export const vpcId = stack.vpc.id;
export const westBucket = westStack.bucket.bucket;
