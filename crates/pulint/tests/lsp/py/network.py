"""A helper module: its finding is published although only __main__.py is opened."""
import pulumi_aws as aws


def bastion_group(name):
    return aws.ec2.SecurityGroup(name, ingress=[{"description": "accès 🚀", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
