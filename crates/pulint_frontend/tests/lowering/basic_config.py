import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env = config.get("env") or "dev"
regions = config.get_object("regions") or ["us-east-1", "us-west-2"]
secret = config.require_secret("dbPassword")
for region in regions:
    p = aws.Provider(f"aws-{region}", region=region)
    aws.s3.Bucket(f"logs-{region}-{env}", opts=pulumi.ResourceOptions(provider=p))
if env == "prod":
    aws.ec2.Eip("nat", domain="vpc")
