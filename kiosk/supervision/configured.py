"""What the supervisor needs from kiosk.yaml, read before it starts the exhibit: the content
folder (what it may fall back from), the log folder and the daily restart.

kiosk/services/config.py reads the whole file with pydantic, some 300 ms of imports and model
building on the exhibition PC: the supervisor paid them before its first child, which then
read the file again. This reader takes the same data from the same hardened YAML reader
(kiosk/content/yamlsafe.py, libyaml underneath) and these three settings exactly as the full
reader leaves them:

- a file that cannot be read or is refused (an anchor, a pasted space, not UTF-8...), or that
  holds no `key: value` lines, gives none of them;
- a value of the wrong type is left out, as pydantic leaves one setting with a problem out:
  a folder is a text, the daily restart a time of day ("06:30", or YAML's 990 for an unquoted
  16:30); the other settings are not looked at, so their problems change nothing here;
- a relative folder starts from kiosk.yaml's folder, `~` is the user's home, and a content
  folder that is not there is none (the built-in exhibit is shown).

Nothing is reported here: the exhibit reads the file in full and reports every problem with
its line (its log and the admin screen), as `kiosk validate-config` does. A test holds this
reader to the full one on good and broken files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

from kiosk.content.report import Report
from kiosk.content.yamlsafe import load_yaml
from kiosk.supervision.daily import time_of_day


@dataclass(frozen=True)
class Configured:
    """kiosk.yaml's settings for the supervisor; None: not set (or set wrong)."""

    content: Path | None = None
    log_dir: Path | None = None
    daily_restart: time | None = None


def read_configured(path: Path) -> Configured:
    """The supervisor's settings in kiosk.yaml at `path` (see the module's docstring)."""
    located = load_yaml(path, path.name, Report())
    data = located.data if located is not None else None
    if not isinstance(data, dict):
        return Configured()
    base = path.resolve().parent
    content = _folder(data.get("content"), base)
    if content is not None and not content.is_dir():
        content = None
    return Configured(content=content, log_dir=_folder(data.get("log_dir"), base), daily_restart=_time(data))


def _folder(value: object, base: Path) -> Path | None:
    """A folder as KioskConfig takes it (pydantic's Path takes any text), resolved against `base`."""
    return base / Path(value).expanduser() if isinstance(value, str) else None


def _time(data: dict[str, object]) -> time | None:
    value = data.get("daily_restart")
    if value is None:
        return None
    try:
        return time_of_day(value)
    except ValueError:
        return None
