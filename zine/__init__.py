"""zine: campaign articles and comment threads, typeset and imposed for the photocopier."""

__version__ = "0.1.0"
