import pulumi
import pulumi_aws as aws


class Stack(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("tap:stack:Stack", name, None, opts)
        self.bucket = aws.s3.Bucket(f"{name}-b", opts=pulumi.ResourceOptions(parent=self))
        policy = f"{self.bucket.arn}/*"
        self.register_outputs({"bucket": self.bucket.id})


east = aws.Provider("east", region="us-east-1")
stack = Stack("main", opts=pulumi.ResourceOptions(provider=east))
pulumi.export("bucket", stack.bucket.id)
