import pulumi
import pulumi_aws as aws


def make_provider(region):
    return aws.Provider(f"aws-{region}", region=region)


def make_vpc(region, cidr="10.0.0.0/16", *, tags=None):
    provider = make_provider(region)
    vpc = aws.ec2.Vpc(f"vpc-{region}", cidr_block=cidr, tags=tags or {}, opts=pulumi.ResourceOptions(provider=provider))
    add_subnet(vpc, 1, provider)
    return vpc


def add_subnet(vpc, n, provider):
    return aws.ec2.Subnet(f"sub-{n}", vpc_id=vpc.id, cidr_block=f"10.0.{n}.0/24", opts=pulumi.ResourceOptions(provider=provider))


def never_called(name, size):
    return aws.ebs.Volume(name, availability_zone="us-east-1a", size=size)


def countdown(n):
    if n <= 0:
        return 0
    aws.sns.Topic(f"t-{n}")
    return countdown(n - 1)


def forever(x):
    return forever(x)


east = make_vpc("us-east-1")
west = make_vpc("us-west-2", cidr="10.1.0.0/16", tags={"team": "a"})
countdown(2)
forever(1)
pulumi.export("east_vpc", east.id)
