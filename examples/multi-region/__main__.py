"""Entry point: one network stack per region."""
import pulumi
import pulumi_aws as aws

from lib.network import Network

config = pulumi.Config()
suffix = config.get("environmentSuffix") or "dev"
db_password = config.get("dbPassword") or "Admin123!"

regions = {"us-east-1": "10.0.0.0/16", "us-west-2": "10.1.0.0/16"}
networks = {}
for region, cidr in regions.items():
    provider = aws.Provider(f"aws-{region}", region=region)
    networks[region] = Network(f"net-{region}-{suffix}", cidr, opts=pulumi.ResourceOptions(provider=provider))

bucket = aws.s3.Bucket(f"artifacts-{suffix}")
policy = aws.iam.Policy(
    f"read-artifacts-{suffix}",
    policy=f'{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "{bucket.arn}/*"}}]}}',
)

pulumi.export("vpc_ids", {r: n.vpc.id for r, n in networks.items()})
