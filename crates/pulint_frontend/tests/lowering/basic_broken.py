import pulumi_aws as aws
ok = aws.s3.Bucket("ok")
broken = aws.s3.Bucket("broken",
