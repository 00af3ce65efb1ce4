"""`Property`, Qt's property decorator, as type checkers should see it.

At run time this is PySide6's own `Property`. For mypy, a property declared with
`@Property(str, notify=changed)` over `def title(self) -> str` reads as a `str`, as it does
at run time, rather than as a `Property` object: so Python code that reads a controller's
property (the commands, the tests, other controllers) is checked like any other attribute.
The kiosk's properties are read-only from QML; none has a setter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

_T = TypeVar("_T")

if TYPE_CHECKING:

    def Property(
        type: object,
        *,
        notify: object = None,
        constant: bool = False,
        final: bool = False,
    ) -> Callable[[Callable[[Any], _T]], _T]: ...

else:
    from PySide6.QtCore import Property

__all__ = ["Property"]
