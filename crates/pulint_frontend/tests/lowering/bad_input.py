import pulumi
import pulumi_aws as aws

good = aws.s3.Bucket("before-error", force_destroy=True)
topic = aws.sns.Topic("topic")

def broken(:
    return 1

after = aws.sqs.Queue("after-error")
pulumi.export("bucket", good.id)
