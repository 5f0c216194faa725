import pulumi
from lib.stack import make

make(pulumi.Config().get("suffix") or "x")
