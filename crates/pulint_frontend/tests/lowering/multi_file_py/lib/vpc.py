import pulumi
import pulumi_aws as aws

BASE_CIDR = "10.20.0.0/16"


def create_vpc(suffix, parent):
    return aws.ec2.Vpc(
        f"vpc-{suffix}",
        cidr_block=BASE_CIDR,
        enable_dns_support=True,
        opts=pulumi.ResourceOptions(parent=parent),
    )


def create_subnets(vpc, azs, parent):
    subnets = []
    for i, az in enumerate(azs):
        subnets.append(
            aws.ec2.Subnet(
                f"subnet-{i}",
                vpc_id=vpc.id,
                cidr_block=f"10.20.{i}.0/24",
                availability_zone=az,
                opts=pulumi.ResourceOptions(parent=parent),
            )
        )
    return subnets
