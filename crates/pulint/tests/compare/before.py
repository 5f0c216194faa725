import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs", versioning={"enabled": True})
eip = aws.ec2.Eip("nat", vpc=True)
sg = aws.ec2.SecurityGroup("ssh", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
