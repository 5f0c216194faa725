import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

class Stack extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("tap:stack:Stack", name, {}, opts);
        this.bucket = new aws.s3.Bucket(`${name}-b`, {}, { parent: this });
        const policy = `${this.bucket.arn}/*`;
        this.registerOutputs({ bucket: this.bucket.id });
    }
}

const east = new aws.Provider("east", { region: "us-east-1" });
const stack = new Stack("main", { provider: east });
export const bucket = stack.bucket.id;
