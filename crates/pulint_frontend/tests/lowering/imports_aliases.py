import pulumi
import pulumi_aws as aws
from pulumi import ResourceOptions, Config
from pulumi_aws import ec2, lambda_
from pulumi_aws.ec2 import Vpc
from pulumi_aws.s3 import Bucket as S3Bucket

config = Config()

vpc_a = aws.ec2.Vpc("vpc-a", cidr_block="10.0.0.0/16")
vpc_b = ec2.Vpc("vpc-b", cidr_block="10.1.0.0/16")
vpc_c = Vpc("vpc-c", cidr_block="10.2.0.0/16", opts=ResourceOptions(depends_on=[vpc_a]))
bucket = S3Bucket("bucket")

role = aws.iam.Role("role", assume_role_policy="{}")
fn = lambda_.Function(
    "fn",
    role=role.arn,
    runtime="python3.12",
    handler="index.handler",
    code=pulumi.FileArchive("./app"),
)
