"""SES Decider: weigh the trade-offs of aiming for the Senior Executive Service."""

APP_NAME = "SES Decider"
APP_ID = "ses-decider"

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("ses-decider")
except PackageNotFoundError:  # frozen app or bare checkout: fall back to the bundled value
    from ses_decider._version import VERSION

    __version__ = VERSION
