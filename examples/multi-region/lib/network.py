"""A VPC with one public subnet and a bastion security group."""
import pulumi
import pulumi_aws as aws


class Network(pulumi.ComponentResource):
    def __init__(self, name: str, cidr: str, opts: pulumi.ResourceOptions = None):
        super().__init__("example:network:Network", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.vpc = aws.ec2.Vpc(f"{name}-vpc", cidr_block=cidr, opts=child)
        self.subnet = aws.ec2.Subnet(
            f"{name}-public",
            vpc_id=self.vpc.id,
            cidr_block=cidr.replace("0.0/16", "1.0/24"),
            map_public_ip_on_launch=True,
            opts=child,
        )
        self.bastion = aws.ec2.SecurityGroup(
            f"{name}-bastion",
            vpc_id=self.vpc.id,
            ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}],
            opts=child,
        )
        self.register_outputs({"vpc_id": self.vpc.id})
