"""Base 11/19 exhibit kiosk: an offline touch-screen exhibit about Loos-en-Gohelle."""

__version__ = "0.1.0"
