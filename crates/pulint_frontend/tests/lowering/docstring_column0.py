import pulumi
import pulumi_aws as aws


class StoreArgs:
"""Settings of a Store."""

    def __init__(self, prefix: str = "app"):
        self.prefix = prefix


class Store(pulumi.ComponentResource):
"""
A bucket and its queue.
    The continuation lines of this docstring are not the body's indentation.
"""

    def __init__(self, name: str, args: StoreArgs, opts=None):
        super().__init__("demo:index:Store", name, None, opts)
        self.bucket = aws.s3.Bucket(f"{args.prefix}-bucket", opts=pulumi.ResourceOptions(parent=self))
        self.queue = aws.sqs.Queue(f"{args.prefix}-queue", opts=pulumi.ResourceOptions(parent=self))
        pulumi.export("bucket", f"s3://{self.bucket.bucket}")


def describe(store):
"""Column-0 docstrings in functions are recovered too."""
    return store.bucket.id


store = Store("store", StoreArgs("shop"))
pulumi.export("id", describe(store))
