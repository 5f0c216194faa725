import pulumi_aws as aws

vpc = aws.ec2.Vpc(
    "vpc",
    args=aws.ec2.VpcArgs(
        cidr_block="10.0.0.0/16",
        enable_dns_hostnames=True,
        tags={"Name": "main", "cost_center": "eng", "owner_team": "infra"},
    ),
)

sg = aws.ec2.SecurityGroup(
    "web",
    vpc_id=vpc.id,
    description="web",
    ingress=[
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
        aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp",
            from_port=22,
            to_port=22,
            cidr_blocks=["10.0.0.0/8"],
        ),
    ],
    egress=[aws.ec2.SecurityGroupEgressArgs(protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"])],
)

bucket = aws.s3.BucketV2("data", force_destroy=False)
aws.s3.BucketServerSideEncryptionConfigurationV2(
    "data-sse",
    bucket=bucket.id,
    rules=[
        aws.s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
            apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm="aws:kms",
            ),
            bucket_key_enabled=True,
        )
    ],
)

aws.s3.Bucket("tagged", tags={"cost_center": "eng", "Owner_Team": "infra"})
