import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16", tags={"cost_center": "a"}, opts=pulumi.ResourceOptions(provider=west))
for i, az in enumerate(["us-west-2a", "us-west-2b"]):
    aws.ec2.Subnet(f"sub-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24", availability_zone=az, opts=pulumi.ResourceOptions(provider=west))
pulumi.export("vpc_id", vpc.id)
