// Fixture for the language server tests: known findings, one after non-ASCII text.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("données");
const index = new aws.s3.BucketObject("index", { bucket: bucket.id, content: `arn: ${bucket.arn}` });
const group = new aws.ec2.SecurityGroup("bastion", { ingress: [{ description: "accès 🚀", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
