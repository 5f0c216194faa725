import pulumi
import pulumi_aws as aws

config = pulumi.Config()

for region in ["us-east-1", "eu-west-1"]:
    provider = aws.Provider(f"aws-{region}", region=region)
    aws.ec2.Vpc(f"vpc-{region}", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(provider=provider))

for i in range(2):
    aws.s3.Bucket(f"range-{i}")

for i, az in enumerate(["us-east-1a", "us-east-1b"]):
    aws.ec2.Subnet(f"enum-{i}", vpc_id="vpc-123", cidr_block=f"10.0.{i}.0/24", availability_zone=az)

queues = {"orders": 30, "events": 60}
for qname, timeout in queues.items():
    aws.sqs.Queue(qname, visibility_timeout_seconds=timeout)

subnets = [aws.ec2.Subnet(f"comp-{n}", vpc_id="vpc-123", cidr_block=f"10.1.{n}.0/24") for n in range(3)]

azs = config.require_object("azs")
for az in azs:
    aws.ec2.Subnet(f"dyn-{az}", vpc_id="vpc-123", cidr_block="10.2.0.0/24", availability_zone=az)

i = 0
while i < 2:
    aws.sns.Topic(f"while-{i}")
    i += 1

pulumi.export("first_subnet", subnets[0].id)
