"""Content loading and validation. Plain Python: this package never imports Qt."""

import os

# pydantic looks for plugins (every installed package's entry points, a few milliseconds of
# the start-up) the first time it builds a validator, which importing kiosk.content.schema
# does (its RootModel). The kiosk uses none: no plugin may watch or change how content is
# validated. Set before any module of this package imports pydantic's RootModel; a value
# set outside the kiosk wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
