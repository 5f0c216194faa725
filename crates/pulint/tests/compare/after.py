import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("logs")
aws.s3.BucketVersioning("logs-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
eip = aws.ec2.Eip("nat", domain="vpc")
sg = aws.ec2.SecurityGroup("ssh", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
aws.lambda_.Function("fn", runtime="python3.8", role="arn:aws:iam::123456789012:role/fn", handler="index.handler")
