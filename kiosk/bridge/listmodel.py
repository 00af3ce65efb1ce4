"""A small read-only list model over Python rows: each row is a dict of role values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt


class RowsModel(QAbstractListModel):
    """Rows of role -> value dicts, replaced as a whole or refreshed in place."""

    def __init__(self, roles: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = tuple(roles)
        self._roles = {Qt.ItemDataRole.UserRole + 1 + i: name for i, name in enumerate(self._names)}
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        return {role: QByteArray(name.encode()) for role, name in self._roles.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._roles.get(role)
        return None if name is None else self._rows[index.row()].get(name)

    def row(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def reset_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def refresh(self, rows: list[dict[str, Any]]) -> None:
        """Same number of rows, new values: views keep their delegates and positions."""
        if len(rows) != len(self._rows):
            self.reset_rows(rows)
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0), [])

    def slide(self, rows: list[dict[str, Any]], keys: list[Any], key: str) -> None:
        """Show a new window of a sorted list: rows leaving and entering at either end are
        removed and inserted, so the delegates that stay are kept (no reset, no flicker)."""
        old_keys = [existing[key] for existing in self._rows]
        if not old_keys or not keys or keys[0] > old_keys[-1] or keys[-1] < old_keys[0]:
            self.reset_rows(rows)
            return
        # Drop from the front and back what is no longer in the window.
        head = 0
        while head < len(old_keys) and old_keys[head] < keys[0]:
            head += 1
        if head:
            self.beginRemoveRows(QModelIndex(), 0, head - 1)
            del self._rows[:head]
            self.endRemoveRows()
        tail = len(self._rows)
        while tail > 0 and self._rows[tail - 1][key] > keys[-1]:
            tail -= 1
        if tail < len(self._rows):
            self.beginRemoveRows(QModelIndex(), tail, len(self._rows) - 1)
            del self._rows[tail:]
            self.endRemoveRows()
        # Add what enters at the front and back.
        first_kept = self._rows[0][key] if self._rows else None
        front = [r for r in rows if first_kept is not None and r[key] < first_kept]
        if front:
            self.beginInsertRows(QModelIndex(), 0, len(front) - 1)
            self._rows[0:0] = front
            self.endInsertRows()
        last_kept = self._rows[-1][key] if self._rows else None
        back = [r for r in rows if last_kept is None or r[key] > last_kept]
        if back:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(back) - 1)
            self._rows.extend(back)
            self.endInsertRows()
