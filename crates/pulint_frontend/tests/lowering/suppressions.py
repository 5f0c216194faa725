# pulint: ignore-file[OUT]
import pulumi
import pulumi_aws as aws

# pulint: ignore[SEC001] public website bucket, reviewed
site = aws.s3.Bucket("site", acl="public-read")
aws.ec2.SecurityGroup("open", ingress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])  # pulint: ignore[NET001, NET002] - temporary
aws.s3.Bucket("plain")  # pulint: ignore
aws.s3.Bucket("not-a-suppression")  # pulint: ignored
pulumi.export("site", site.website_endpoint)
