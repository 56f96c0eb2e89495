"""OptOut bot: helps people limit what Meta does with their data for AI."""

__version__ = "0.1.0"
