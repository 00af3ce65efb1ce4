"""Kiosk policies (idle, attract). Plain Python: this package never imports Qt."""
