import pulumi
from lib.tap_stack import TapStack, TapStackArgs

config = pulumi.Config()
environment_suffix = config.get("environmentSuffix") or "local"

stack = TapStack(
    name=f"TapStack{environment_suffix}",
    args=TapStackArgs(environment_suffix=environment_suffix),
)

pulumi.export("vpc_id", stack.vpc.id)
pulumi.export("subnet_ids", [s.id for s in stack.subnets])
