import pulumi
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
east = aws.Provider("east", region="us-east-1")

base = aws.ec2.Vpc("base", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(provider=west))
logs = aws.s3.Bucket(
    "logs",
    opts=pulumi.ResourceOptions(provider=west, depends_on=[base], protect=True),
)

common = pulumi.ResourceOptions(protect=True)
merged = pulumi.ResourceOptions.merge(common, pulumi.ResourceOptions(provider=east))
data = aws.s3.Bucket("data", opts=merged)

zones = aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(provider=west))
default_vpc = aws.ec2.get_vpc(default=True)
me = aws.get_caller_identity()
zones_out = aws.get_availability_zones_output(state="available")

aws.ec2.Subnet(
    "first",
    vpc_id=base.id,
    cidr_block="10.0.1.0/24",
    availability_zone=zones.names[0],
    opts=pulumi.ResourceOptions(provider=west),
)
aws.ec2.Subnet("in-default", vpc_id=default_vpc.id, cidr_block="172.31.200.0/24")
pulumi.export("account", me.account_id)
pulumi.export("zone_out", zones_out.names[0])
