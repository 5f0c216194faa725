import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env = config.get("env") or "dev"

if env == "prod":
    aws.rds.Instance("db", instance_class="db.r6g.large", engine="postgres", allocated_storage=100, multi_az=True)
    size = "db.r6g.large"
else:
    aws.s3.Bucket("dev-scratch")
    size = "db.t3.micro"

aws.ssm.Parameter("size", type="String", value=size)

if True:
    aws.sns.Topic("always")

mode = "fast"
if mode == "slow":
    aws.sns.Topic("never")
elif mode == "fast":
    aws.sns.Topic("fast-topic")

retention = 30 if env == "prod" else 7
aws.cloudwatch.LogGroup("logs", retention_in_days=retention)

same = "x" if env == "prod" else "x"
aws.sns.Topic(f"same-{same}")

if not config.get_bool("skipQueue"):
    aws.sqs.Queue("maybe-queue")
