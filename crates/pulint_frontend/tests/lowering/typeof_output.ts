import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

// Duck-typing an Output: only the `apply` arm runs, so nothing stringifies the Output.
const lt = new aws.ec2.LaunchTemplate("lt", {});
const raw = lt.latestVersion;
let version;
if (typeof raw === "string") {
    version = pulumi.output(raw);
} else if (raw && typeof raw === "object" && "apply" in raw) {
    version = raw.apply((v) => v.toString());
} else {
    version = pulumi.output(String(raw));
}
const kind = typeof "x";
new aws.s3.Bucket(`kind-${kind}`);
