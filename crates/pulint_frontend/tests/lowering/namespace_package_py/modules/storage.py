import pulumi_aws as aws
from . import naming


def make_bucket(name):
    return aws.s3.Bucket(naming.logical(name), bucket=name)
