import * as pulumi from "@pulumi/pulumi";
import { TapStack } from "../lib/tap-stack";

const config = new pulumi.Config();
const environmentSuffix = config.get("environmentSuffix") || "local";

const stack = new TapStack("tap-stack", { environmentSuffix });

export const vpcId = stack.vpcId;
export const bucketName = stack.bucket.bucket;
