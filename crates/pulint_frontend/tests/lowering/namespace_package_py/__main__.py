# `modules` has no __init__.py: a namespace package whose submodules still import.
from modules import storage
import config

storage.make_bucket(config.bucket_name)
