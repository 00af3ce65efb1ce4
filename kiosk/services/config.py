"""`kiosk.yaml`: the installer's settings for one exhibition PC, read like content.

The file sits beside the executable (or is named with `--config PATH`). It is read with
the content's hardened YAML reader, so its problems come out the same way:
`kiosk.yaml:LINE:COL: error: message`, with "did you mean" for a misspelt key.

A broken kiosk.yaml never blanks the exhibit: each setting with a problem is left out
(its default applies) and the others are used; the problems are logged and listed on the
admin screen. A file that cannot be read at all gives every default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from datetime import time as dt_time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from kiosk.atomicio import write_with
from kiosk.content.report import Report
from kiosk.content.wording import explain_errors
from kiosk.content.yamlsafe import DataPath, Located, Position, load_yaml
from kiosk.paths import CONFIG_FILE as CONFIG_FILE
from kiosk.paths import find_config as find_config
from kiosk.paths import is_frozen as is_frozen
from kiosk.services import opening, schedule
from kiosk.services.accessibility import REACH_TOP_CM, SCREEN_BOTTOM_CM, SCREEN_HEIGHT_55_INCH_CM, ReachBand
from kiosk.services.admin import is_pin_hash
from kiosk.services.analytics import MAX_MB, RETENTION_DAYS, RecordSettings
from kiosk.services.idle import IdlePolicy
from kiosk.services.schedule import DateSpan, HoursError, Schedule, TimeRange
from kiosk.services.screencare import ScreenCare
from kiosk.services.trust import TrustedKey, TrustedKeys
from kiosk.supervision import daily


def _screen(value: Any) -> int | str:
    """A screen by its number (0 = the first) or its name as the system gives it."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"should be a screen number (0, 1...) or a screen name, not {value!r}")
    if isinstance(value, int) and value < 0:
        raise ValueError(f"a screen number starts at 0, not {value}")
    if isinstance(value, str) and not value.strip():
        raise ValueError("should not be empty: leave the line out to use the primary screen")
    return value


#: "06:30" -> 06:30, and YAML's 990 for an unquoted 16:30 (shared with the supervisor's reader).
_time_of_day = daily.time_of_day


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IdleOverride(_Settings):
    """Replaces the content's idle timings on this PC (exhibit.yaml's `idle` otherwise)."""

    timeout_seconds: int | None = Field(
        default=None,
        ge=10,
        le=3600,
        description="Seconds without a touch before the 'are you still there?' countdown.",
    )
    countdown_seconds: int | None = Field(
        default=None,
        ge=3,
        le=60,
        description="Length of that countdown before the kiosk returns to its attract screen.",
    )


class ScreenCareSettings(_Settings):
    """Burn-in care for the attract screen (OLED panels, some LCDs); 0 turns a part off."""

    shift_pixels: int = Field(
        default=ScreenCare.shift_pixels,
        ge=0,
        le=20,
        description="How far the attract screen's still parts (title, prompt, buttons) move from their place, "
        "in pixels at 1080p; 0: they never move.",
    )
    shift_minutes: float = Field(
        default=ScreenCare.shift_minutes,
        ge=0.5,
        le=60,
        description="How long they stay at each place before the next small move.",
    )
    dim_after_minutes: float = Field(
        default=ScreenCare.dim_after_minutes,
        ge=0,
        le=24 * 60,
        description="Minutes without a touch after which the attract screen dims; 0: it never dims.",
    )
    dim_to: float = Field(
        default=ScreenCare.dim_to,
        ge=0.1,
        le=1.0,
        description="The dimmed screen's brightness, from 0.1 (nearly black) to 1 (not dimmed).",
    )

    def policy(self) -> ScreenCare:
        return ScreenCare(self.shift_pixels, self.shift_minutes, self.dim_after_minutes, self.dim_to)


class AdminSettings(_Settings):
    """The admin screen, opened by six taps alternating between the two top corners."""

    pin_hash: str | None = Field(
        default=None,
        description="The admin PIN as a salted hash, written by `kiosk set-pin`. Without it the admin "
        "screen cannot be opened.",
    )

    @field_validator("pin_hash")
    @classmethod
    def _written_by_set_pin(cls, value: str | None) -> str | None:
        if value is not None and not is_pin_hash(value):
            raise ValueError("is not a PIN hash written by `kiosk set-pin`: run `kiosk set-pin` to set the PIN")
        return value


class AccessibilitySettings(_Settings):
    """Where the screen hangs, for reach mode: the page and its controls move into the part of
    the screen a seated visitor or a child reaches (below `reach_top_cm` from the floor)."""

    screen_bottom_cm: float = Field(
        default=SCREEN_BOTTOM_CM,
        ge=0,
        le=300,
        description="Height of the screen's lower edge (of the picture, not the frame) above the floor, in cm.",
    )
    screen_height_cm: float = Field(
        default=SCREEN_HEIGHT_55_INCH_CM,
        gt=5,
        le=300,
        description="Height of the picture, in cm, as mounted (a 55-inch 16:9 screen: 68.5 in landscape, "
        "121.8 on its side).",
    )
    reach_top_cm: float = Field(
        default=REACH_TOP_CM,
        ge=40,
        le=200,
        description="The highest point a seated visitor reaches, in cm above the floor (120: ADA and EN 301 549).",
    )

    def band(self) -> ReachBand:
        return ReachBand(self.screen_bottom_cm, self.screen_height_cm, self.reach_top_cm)


class AnalyticsSettings(_Settings):
    """The visitor record (kiosk/services/analytics.py): counts of what visitors do, never who
    they are; read with `kiosk stats`."""

    enabled: bool = Field(default=True, description="Keep the visitor record; false: nothing is recorded.")
    retention_days: int = Field(
        default=RETENTION_DAYS,
        ge=1,
        le=3660,
        description="Days the daily figures are kept (the detailed rows at most 31 days); older ones are removed.",
    )
    max_mb: float = Field(
        default=MAX_MB,
        ge=1,
        le=10_000,
        description="The record's largest size in MB; beyond it the oldest days are removed first.",
    )

    def record(self) -> RecordSettings:
        return RecordSettings(self.enabled, self.retention_days, self.max_mb)


Day = Annotated[tuple[TimeRange, ...], PlainValidator(schedule.parse_day)]


class OpeningHours(_Settings):
    """When the centre is open; outside these hours the exhibit is closed: a black screen that a
    touch wakes for `wake_minutes` with a "closed, open again at ..." message.

    Each weekday lists its ranges, e.g. `["09:30-12:30", "13:30-18:00"]`; a day left out
    or `[]` is closed. A range stays within one day: `22:00-02:00` is refused (write
    `22:00-24:00` and `00:00-02:00` on the next day). Times are the PC's local time, summer
    time included, unless `timezone` names another zone.
    """

    timezone: str | None = Field(
        default=None,
        description="The time zone the hours are written in, as an IANA name such as Europe/Paris. "
        "Left out: the PC's own time zone.",
    )
    mon: Day = Field(default=(), description="Monday's opening times; [] or left out: closed.")
    tue: Day = Field(default=(), description="Tuesday's opening times.")
    wed: Day = Field(default=(), description="Wednesday's opening times.")
    thu: Day = Field(default=(), description="Thursday's opening times.")
    fri: Day = Field(default=(), description="Friday's opening times.")
    sat: Day = Field(default=(), description="Saturday's opening times.")
    sun: Day = Field(default=(), description="Sunday's opening times.")
    closed: Annotated[tuple[DateSpan, ...], PlainValidator(schedule.parse_closures)] = Field(
        default=(),
        description="Days the centre stays closed: dates (2026-12-25) or spans (2027-01-04 to 2027-01-29).",
    )
    exceptions: Annotated[dict[date, tuple[TimeRange, ...]], PlainValidator(schedule.parse_exceptions)] = Field(
        default_factory=dict,
        description="Dates with their own opening times (a late opening, a short day); they win over the "
        "weekday and over a closure. [] closes that day.",
    )

    wake_minutes: int = Field(
        default=opening.WAKE_MINUTES,
        ge=1,
        le=30,
        description="While closed, how many minutes a touch lights the screen with the 'closed' message "
        "before it goes black again.",
    )
    display_power: Literal["auto", "black"] = Field(
        default="auto",
        description="While closed: 'auto' switches the screen off where the system allows it (wlopm under "
        "Wayland, xset under X11, the monitor-power message on Windows), else shows black; 'black' only "
        "shows black.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        schedule.zone_named(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _some_day(cls, value: Any) -> Any:
        """A group without any weekday would close the kiosk for good: surely a mistake."""
        if isinstance(value, dict) and not any(day in value for day in schedule.WEEKDAYS):
            if any(schedule.weekday_hint(key) for key in value):
                return value  # a misspelt day: its own message says which
            raise HoursError(
                "no weekday is given, so the kiosk would never open: add the days the centre opens "
                '(mon: ["09:30-18:00"], ...), or leave opening_hours out to stay open around the clock',
                on_key=True,
            )
        return value

    def to_schedule(self) -> Schedule:
        """The hours as the pure policy the kiosk runs (kiosk/services/schedule.py)."""
        return Schedule(
            week=tuple(getattr(self, day) for day in schedule.WEEKDAYS),
            closed=self.closed,
            exceptions=dict(self.exceptions),
            zone=schedule.zone_named(self.timezone),
        )


class KioskConfig(_Settings):
    """Everything an installer may set in kiosk.yaml; every key may be left out."""

    content: Path | None = Field(
        default=None,
        description="The content folder. A relative path starts from kiosk.yaml's folder. "
        "Left out: the exhibit built into the executable.",
    )
    kiosk_mode: bool | None = Field(
        default=None,
        description="Lock the exhibit down: full screen, no frame, no cursor, exit keys ignored, kept in front. "
        "Left out: on for the installed executable, off when run from source.",
    )
    fullscreen: bool | None = Field(default=None, description="Fill the screen. Left out: the same as kiosk_mode.")
    screen: Annotated[int | str, PlainValidator(_screen)] | None = Field(
        default=None,
        description="Which screen shows the exhibit: a number (0 = the first) or its name. "
        "Left out, or not found: the primary screen.",
    )
    rotation: Literal[0, 90, 180, 270] = Field(
        default=0,
        description="Turns the picture clockwise for a screen mounted on its side; touches follow.",
    )
    idle: IdleOverride = Field(default_factory=IdleOverride, description="Idle timings for this PC.")
    admin: AdminSettings = Field(default_factory=AdminSettings, description="The admin screen.")
    screen_care: ScreenCareSettings = Field(
        default_factory=ScreenCareSettings, description="Burn-in care for the attract screen."
    )
    log_dir: Path | None = Field(
        default=None,
        description="Where kiosk.log is written. A relative path starts from kiosk.yaml's folder. "
        "Left out: the system's log folder for the user.",
    )
    opening_hours: OpeningHours | None = Field(
        default=None,
        description="When the centre is open. Left out: open around the clock.",
    )
    accessibility: AccessibilitySettings = Field(
        default_factory=AccessibilitySettings, description="Where the screen hangs, for reach mode."
    )
    analytics: AnalyticsSettings = Field(
        default_factory=AnalyticsSettings, description="The visitor record read by `kiosk stats`."
    )
    daily_restart: Annotated[dt_time, PlainValidator(_time_of_day)] | None = Field(
        default=None,
        description='A quiet time each day ("HH:MM", the PC\'s local time) when the supervisor ends the '
        "exhibit and starts it afresh, trying the configured content again. Left out: no daily restart.",
    )
    trusted_keys: TrustedKeys = Field(
        default=(),
        description="The public keys whose signed content bundles this kiosk takes in: a list of "
        "{name, key}, each line printed by `kiosk keys new`. Left out: none.",
    )

    @field_validator("idle", "admin", "screen_care", "accessibility", "analytics", mode="before")
    @classmethod
    def _empty_group(cls, value: Any) -> Any:
        """`admin:` with only comments under it (as in the sample) is an empty group, not an error."""
        return {} if value is None else value


def load_config(path: Path) -> tuple[KioskConfig | None, Report]:
    """(the settings, their problems); None only when the file cannot be read at all.

    A config with problems is still returned, each broken setting left at its default,
    so the exhibit starts. `report.ok` says whether the file was clean. Relative paths
    (content, log_dir) come back resolved against the file's folder.
    """
    report = Report()
    located = load_yaml(path, path.name, report)
    if located is None:
        return None, report
    data = located.data
    if data is None:
        return KioskConfig(), report  # an empty file, or comments only
    if not isinstance(data, dict):
        report.error(located.file, *located.position(()), "kiosk.yaml should hold lines like 'key: value'")
        return KioskConfig(), report
    config = _validate_each(data, located, report)
    base = path.resolve().parent
    updates: dict[str, Any] = {}
    for name in ("content", "log_dir"):
        value = getattr(config, name)
        if value is not None:
            updates[name] = base / value.expanduser()
    if "content" in updates and not updates["content"].is_dir():
        why = "is not a folder" if updates["content"].exists() else "not found"
        report.error(
            located.file,
            *located.position(("content",)),
            f"content folder {why}: {updates['content']} (the built-in exhibit is shown instead)",
        )
        updates["content"] = None
    _check_reach(config, located, report)
    return config.model_copy(update=updates), report


def _check_reach(config: KioskConfig, located: Located, report: Report) -> None:
    """A reach band off the screen: said at the `accessibility` block (reach mode then uses
    the lower 40 % of the screen: see RunSettings.reach_share)."""
    _share, problem = config.accessibility.band().share_or_fallback()
    if problem is not None:
        report.error(located.file, *located.position(("accessibility",)), f"accessibility: {problem}")


def _validate_each(data: dict[str, Any], located: Located, report: Report) -> KioskConfig:
    """The settings without the broken ones, every problem reported once."""
    try:
        return KioskConfig.model_validate(data)
    except ValidationError as exc:
        for (line, column), message in _explain(exc.errors(), located):
            report.error(located.file, line, column, message)
        broken = {error["loc"][0] for error in exc.errors() if error["loc"]}
    kept = {key: value for key, value in data.items() if key not in broken}
    try:
        return KioskConfig.model_validate(kept)
    except ValidationError:  # pragma: no cover - every broken key was dropped
        return KioskConfig()


def _explain(errors: list[ErrorDetails], located: Located) -> list[tuple[Position, str]]:
    """The content's wording, with the opening hours' problems placed on the very range or date."""
    placed: list[tuple[Position, str]] = []
    others: list[ErrorDetails] = []
    for error in errors:
        loc = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, HoursError):
            where = loc + cause.at
            position = located.key_position(where) if cause.on_key else located.position(where)
            shown = where[:-1] if cause.on_key and cause.at else where  # a wrong date key: named by its group
            placed.append((position, f"'{_display(shown)}': {cause}"))
        elif error["type"] == "extra_forbidden" and loc[:1] == ("opening_hours",) and len(loc) == 2:
            hint = schedule.weekday_hint(str(loc[1]))
            if hint is None:
                others.append(error)
                continue
            placed.append(
                (
                    located.key_position(loc),
                    f"unknown key '{loc[1]}' (did you mean '{hint}'? "
                    f"the days are written {', '.join(schedule.WEEKDAYS)})",
                )
            )
        else:
            others.append(error)
    return placed + explain_errors(others, KioskConfig, located, None)


def _display(loc: DataPath) -> str:
    """`opening_hours.mon.2`: list entries counted from 1, as in the content's messages."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


@dataclass(frozen=True)
class RunSettings:
    """What `kiosk run` does, once the command line, kiosk.yaml and the defaults are merged."""

    content: Path | None  #: None: the built-in exhibit
    kiosk_mode: bool
    fullscreen: bool
    screen: int | str | None
    rotation: int
    idle: IdleOverride
    log_dir: Path | None
    pin_hash: str | None
    #: None: open around the clock (no opening_hours in kiosk.yaml, or a broken one).
    opening_hours: Schedule | None = None
    #: While closed, a touch shows the "closed" message this long (opening_hours.wake_minutes).
    wake_minutes: int = opening.WAKE_MINUTES
    #: While closed, the screen is switched off where the system allows ("auto") or only black.
    display_power: str = "auto"
    #: Burn-in care for the attract screen (kiosk.yaml's screen_care).
    screen_care: ScreenCare = field(default_factory=ScreenCare)
    #: Reach mode: the lower share of the screen a seated visitor reaches (kiosk.yaml's accessibility).
    reach_share: float = field(default_factory=lambda: ReachBand().share())
    #: The visitor record (kiosk.yaml's analytics).
    analytics: RecordSettings = field(default_factory=RecordSettings)
    #: Whose signed bundles a USB stick may bring in without staff (kiosk.yaml's trusted_keys).
    trusted_keys: tuple[TrustedKey, ...] = ()

    def idle_policy(self, timeout_seconds: float, countdown_seconds: float) -> IdlePolicy:
        """The content's idle timings, each replaced by kiosk.yaml's when it sets one."""
        return IdlePolicy(
            self.idle.timeout_seconds or timeout_seconds,
            self.idle.countdown_seconds or countdown_seconds,
        )


def run_settings(
    config: KioskConfig | None,
    *,
    content: Path | None = None,
    fullscreen: bool | None = None,
    kiosk_mode: bool | None = None,
    frozen: bool | None = None,
) -> RunSettings:
    """The command line wins over kiosk.yaml, which wins over the defaults."""
    config = config or KioskConfig()
    frozen = is_frozen() if frozen is None else frozen
    locked = next(value for value in (kiosk_mode, config.kiosk_mode, frozen) if value is not None)
    full = next(value for value in (fullscreen, config.fullscreen, locked) if value is not None)
    return RunSettings(
        content=content or config.content,
        kiosk_mode=locked,
        fullscreen=full,
        screen=config.screen,
        rotation=config.rotation,
        idle=config.idle,
        log_dir=config.log_dir,
        pin_hash=config.admin.pin_hash,
        opening_hours=config.opening_hours.to_schedule() if config.opening_hours else None,
        wake_minutes=config.opening_hours.wake_minutes if config.opening_hours else opening.WAKE_MINUTES,
        display_power=config.opening_hours.display_power if config.opening_hours else "auto",
        screen_care=config.screen_care.policy(),
        reach_share=config.accessibility.band().share_or_fallback()[0],
        analytics=config.analytics.record(),
        trusted_keys=config.trusted_keys,
    )


# -- `kiosk set-pin`: one line of kiosk.yaml changed, everything else kept -------------------------


class ConfigEditError(Exception):
    """kiosk.yaml could not be changed safely; the message says what to do instead."""


_ADMIN_LINE = re.compile(r"^admin[ \t]*:[ \t]*(?P<value>null|~|\{[ \t]*\})?[ \t]*(?P<comment>#.*)?$")
_ADMIN_ANY = re.compile(r"^admin[ \t]*:")
_PIN_LINE = re.compile(r"""^(?P<head>[ \t]+pin_hash[ \t]*:[ \t]*)(?P<value>"[^"]*"|'[^']*'|[^ \t#]*)(?P<tail>.*)$""")


def with_pin_hash(text: str, pin_hash: str) -> str:
    """kiosk.yaml's text with `admin: pin_hash:` set: that one line is replaced, or the line
    (or the `admin:` group) added; every other line, comment and blank line is kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    value = f'"{pin_hash}"'
    start = next((i for i, line in enumerate(lines) if _ADMIN_ANY.match(line)), None)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines += ["admin:", f"  pin_hash: {value}"]
        return newline.join(lines) + newline
    header = _ADMIN_LINE.match(lines[start])
    if header is None:
        raise ConfigEditError(
            f"line {start + 1}: 'admin:' is written on one line; write it as a group "
            "('admin:' then '  pin_hash: ...' on the next line) and run set-pin again"
        )
    if header.group("value"):
        comment = header.group("comment")
        lines[start] = "admin:" + (f"  {comment}" if comment else "")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
        end += 1
    for index in range(start + 1, end):
        found = _PIN_LINE.match(lines[index])
        if found:
            lines[index] = found.group("head") + value + found.group("tail")
            return newline.join(lines) + newline
    children = [line for line in lines[start + 1 : end] if line.strip() and not line.lstrip().startswith("#")]
    indent = children[0][: len(children[0]) - len(children[0].lstrip())] if children else "  "
    # After the group's last indented line (its comments included), so the comments that
    # explain the setting stay above it.
    last = max((i for i in range(start + 1, end) if lines[i][:1] in (" ", "\t") and lines[i].strip()), default=start)
    lines.insert(last + 1, f"{indent}pin_hash: {value}")
    return newline.join(lines) + newline


def save_pin_hash(path: Path, pin_hash: str) -> None:
    """Write the hash into kiosk.yaml (created if missing) atomically, and check the result.

    The new text goes to a temporary file in the same folder, is flushed to the disk, read
    back with the kiosk's own reader, and only then replaces kiosk.yaml: a power cut or a
    bad edit leaves the old file whole.
    """
    if not is_pin_hash(pin_hash):
        raise ValueError("not a PIN hash")
    before: Any = None
    text = ""
    if path.exists():
        report = Report()
        located = load_yaml(path, path.name, report)
        if located is None:
            problems = "\n".join(problem.format() for problem in report.sorted())
            raise ConfigEditError(f"{path} cannot be read, so it is left as it is:\n{problems}")
        before = located.data
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        bom = raw.startswith(b"\xef\xbb\xbf")
    else:
        bom = False
    new_text = with_pin_hash(text, pin_hash)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")
    write_with(
        path, lambda stream: stream.write(data), before_replace=lambda written: _check_edit(written, before, pin_hash)
    )


def _check_edit(written: Path, before: Any, pin_hash: str) -> None:
    report = Report()
    located = load_yaml(written, written.name, report)
    after = located.data if located is not None else None
    admin = after.get("admin") if isinstance(after, dict) else None
    if not isinstance(admin, dict) or admin.get("pin_hash") != pin_hash:
        raise ConfigEditError("the PIN could not be written into kiosk.yaml's layout; add it by hand")
    if _without_pin(before) != _without_pin(after):
        raise ConfigEditError("writing the PIN would change other settings of kiosk.yaml; add it by hand")


def _without_pin(data: Any) -> Any:
    if not isinstance(data, dict):
        return data if data is not None else {}
    copy = dict(data)
    admin = copy.get("admin")
    if isinstance(admin, dict):
        admin = {key: value for key, value in admin.items() if key != "pin_hash"}
    if admin:
        copy["admin"] = admin
    else:
        copy.pop("admin", None)
    return copy
