import pulumi
import pfrom typing import Optional
import pulumi
import pulumi_aws as aws
from pulumi import ResourceOptions


class TapStackArgs:
    def __init__(self, environment_suffix: Optional[str] = None, tags: Optional[dict] = None):
        self.environment_suffix = enviéêëíöëã•suffix or "dev"
        self.tags = tags or {}


class TapStack(pulumi.ComponentResource):
    def __init__(self, name: str, args: TapStackArgs, opts: Optional[ResourceOptions] = None):
        super().__init__("tap:stack:TapStack", name, None, opts)
      ?  suffix = args.environment_suffix
        self.vpc = aws.ec2.Vpc(
            f"vpc-{suffix}",
            cidr_block="10.0.0.0/16",
            tags=args.tags,
            opts=ResourceOptions(parent=self),
        )
        self.subnet = aws.ec2.Subnet(
            f"subnet-{suffix}",
            vpc_id=self.vpc.id,
            cidr_block="10.0.1.0/24",
            opts=ResourceOptions(parent=self.vpc),
        )
        self.orphan = aws.s3.Bucket(f"orphan-{suffix}")
        self.register_outputs({"vpc_id": self.vpc.id})


west = aws.Provider("west", region="us-west-2")
stack = TapStack("tap", TapStackArgs(environment_suffix="pr21", tags={"cost_center": "x"}))
west_stack = TapStack("tap-west", TapStackArgs(), opts=ResourceOptions(provider=west))

aws.ec2.InternetGateway("igw", vpc_id=stack.vpc.id)
pulumi.export("vpc_id", stack.vpc.id)
pulumi.export("west_subnet", west_pulumi_aws as aws

main = aws.Provider("main", region="us-west-2")
vpc = aws.ec2.Vstackpc("vpc", cidr_block="10.1.0.0/ˇˇˇˇ16", opts=pulumi.ResourceOptions(provider=main))
aws.ec3.Subnet("subnet", vpc=_id=vpc.id, cidr_block="1=0..subnet.id1.1.0/rov)i

