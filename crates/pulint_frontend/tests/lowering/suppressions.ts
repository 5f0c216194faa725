// pulint: ignore-file[OUT]
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

// pulint: ignore[SEC001] public website bucket, reviewed
const site = new aws.s3.Bucket("site", { acl: "public-read" });
new aws.ec2.SecurityGroup("open", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }); // pulint: ignore[NET001, NET002] - temporary
new aws.s3.Bucket("plain"); /* pulint: ignore */
new aws.s3.Bucket("not-a-suppression"); // pulint: ignored
export const siteEndpoint = site.websiteEndpoint;
