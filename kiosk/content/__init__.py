"""Content loading and validation. Plain Python: this package never imports Qt."""
