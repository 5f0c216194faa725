"""Fixture for the language server tests: a two-file program with known findings."""
import pulumi
import pulumi_aws as aws

from network import bastion_group

bucket = aws.s3.Bucket("données")
index = aws.s3.BucketObject("index", bucket=bucket.id, content=f"arn: {bucket.arn}")
group = bastion_group("bastion")
