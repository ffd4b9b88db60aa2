"""SES Decider: weigh the trade-offs of aiming for the Senior Executive Service."""

# The version comes from _version.py, not importlib.metadata: reading the installed metadata costs
# ~35 ms at every start, and the frozen app has none. A test keeps it equal to pyproject.toml's.
from ses_decider._version import VERSION

__version__ = VERSION
APP_NAME = "SES Decider"
APP_ID = "ses-decider"
