import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
pulumi.export("vpc_id", vpc.id)
pulumi.export("cidr", "10.0.0.0/16")


def export_bucket(name):
    bucket = aws.s3.Bucket(name)
    pulumi.export(f"{name}_arn", bucket.arn)
    return bucket


export_bucket("logs")
pulumi.export("outputs", {"vpc": vpc.id, "arn": vpc.arn})
