from typing import Optional

import pulumi
import pulumi_aws as aws

from .vpc import create_vpc
from lib.vpc import create_subnets


class TapStackArgs:
    def __init__(self, environment_suffix: Optional[str] = None):
        self.environment_suffix = environment_suffix or "dev"


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__("tap:stack:TapStack", name, None, opts)
        self.vpc = create_vpc(args.environment_suffix, self)
        self.subnets = create_subnets(self.vpc, ["us-west-2a", "us-west-2b"], self)
        self.logs = aws.s3.Bucket(f"logs-{args.environment_suffix}", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"vpc_id": self.vpc.id})
