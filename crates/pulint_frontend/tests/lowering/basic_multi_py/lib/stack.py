import pulumi_aws as aws


def make(suffix):
    return aws.s3.Bucket(f"data-{suffix}")
