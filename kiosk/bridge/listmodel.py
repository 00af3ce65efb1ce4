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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in self._roles.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._roles.get(role)
        return None if name is None else self._rows[index.row()].get(name)

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

    def trim(self, front: int, back: int) -> None:
        """Remove `front` rows from the start and `back` rows from the end."""
        if front > 0:
            self.beginRemoveRows(QModelIndex(), 0, front - 1)
            del self._rows[:front]
            self.endRemoveRows()
        if back > 0:
            end = len(self._rows)
            self.beginRemoveRows(QModelIndex(), end - back, end - 1)
            del self._rows[end - back :]
            self.endRemoveRows()

    def extend(self, front: list[dict[str, Any]], back: list[dict[str, Any]]) -> None:
        """Add rows before the first and after the last: the rows already there keep their delegates."""
        if front:
            self.beginInsertRows(QModelIndex(), 0, len(front) - 1)
            self._rows[0:0] = front
            self.endInsertRows()
        if back:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(back) - 1)
            self._rows.extend(back)
            self.endInsertRows()

    def update_keyed(self, rows: list[dict[str, Any]], key: str) -> None:
        """Show exactly `rows` (in any order): rows that left are removed, new ones appended,
        and the rows that stay keep their delegates."""
        wanted = {row[key] for row in rows}
        for index in range(len(self._rows) - 1, -1, -1):
            if self._rows[index][key] not in wanted:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self._rows[index]
                self.endRemoveRows()
        present = {row[key] for row in self._rows}
        self.extend([], [row for row in rows if row[key] not in present])
