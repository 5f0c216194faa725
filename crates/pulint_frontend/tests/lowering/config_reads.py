import os
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
name = config.get("name") or "app"
owner = config.require("owner")
versioning = config.get_bool("versioning")
count = config.get_int("count") or 2
regions = config.get_object("regions") or ["us-east-1", "us-west-2"]
db_password = config.require_secret("dbPassword")
aws_region = pulumi.Config("aws").get("region")
sdk_region = aws.config.region
suffix = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
suffix2 = os.getenv("OTHER_SUFFIX") or "x"
stack = pulumi.get_stack()
project = pulumi.get_project()

bucket = aws.s3.Bucket(
    f"{name}-{suffix}-{stack}",
    tags={"Owner": owner, "Region": aws_region, "SdkRegion": sdk_region, "Project": project},
    versioning={"enabled": versioning},
)
aws.rds.Instance(
    "db",
    instance_class="db.t3.micro",
    allocated_storage=count * 10,
    engine="postgres",
    username="admin",
    password=db_password,
)
for r in regions:
    aws.s3.Bucket(f"replica-{r}-{suffix2}")
