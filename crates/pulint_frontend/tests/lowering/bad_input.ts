import * as aws from "@pulumi/aws";

const good = new aws.s3.Bucket("before-error");
const bad = new aws.sqs.Queue("q", { visibilityTimeoutSeconds: 30 ;
const after = new aws.sns.Topic("after-error");
