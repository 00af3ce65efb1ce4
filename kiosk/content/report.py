"""Problems found in a content folder, collected rather than raised.

Curators fix content in rounds: one run of `kiosk validate` must list every problem,
each pointing at a file, line and column their editor can jump to. So nothing in the
content pipeline raises for bad content; it adds a `Problem` to a `Report` and goes on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (error) or worth a look (warning) in the content folder.

    Field order is the sort order: by file, then line, then column.
    """

    file: str  #: posix path relative to the content folder ("exhibit.yaml", "media/x.png")
    line: int  #: 1-based; 0 when no line applies (a missing file, a file too large)
    column: int  #: 1-based; 0 when no line applies
    severity: Severity
    message: str

    def format(self) -> str:
        """The compiler-style line editors and CI logs understand: `file:line:col: error: ...`."""
        if self.line <= 0:
            return f"{self.file}: {self.severity}: {self.message}"
        return f"{self.file}:{self.line}:{max(self.column, 1)}: {self.severity}: {self.message}"


@dataclass
class Report:
    """A mutable collector of problems, shared by every step of loading one folder."""

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False, compare=False)

    def add(self, problem: Problem) -> None:
        """Keep each problem once: two checks may find the same thing."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def error(self, file: str, line: int, column: int, message: str) -> None:
        self.add(Problem(file, line, column, "error", message))

    def warning(self, file: str, line: int, column: int, message: str) -> None:
        self.add(Problem(file, line, column, "warning", message))

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the folder can be shown: warnings are allowed, errors are not."""
        return not self.errors

    def sorted(self) -> list[Problem]:
        """Problems by file, then line and column: the order of a curator's editor."""
        return sorted(self.problems)

    def to_json(self) -> list[dict[str, object]]:
        return [asdict(problem) for problem in self.sorted()]
