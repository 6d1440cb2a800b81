"""Browser-like back/forward history of the places the user read."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ENTRIES = 200


@dataclass(frozen=True)
class Location:
    doc: str
    unit: str = ""                 # "" means the whole document
    terms: tuple[str, ...] = ()    # words to highlight (from a search hit)


class History:
    def __init__(self) -> None:
        self._entries: list[Location] = []
        self._pos = -1

    @property
    def current(self) -> Location | None:
        return self._entries[self._pos] if self._pos >= 0 else None

    def visit(self, location: Location) -> None:
        """Record a new place; forward entries are dropped, as in a browser."""
        if self.current == location:
            return
        del self._entries[self._pos + 1 :]
        self._entries.append(location)
        if len(self._entries) > MAX_ENTRIES:
            del self._entries[0]
        self._pos = len(self._entries) - 1

    def can_go_back(self) -> bool:
        return self._pos > 0

    def can_go_forward(self) -> bool:
        return self._pos < len(self._entries) - 1

    def back(self) -> Location | None:
        if not self.can_go_back():
            return None
        self._pos -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_go_forward():
            return None
        self._pos += 1
        return self.current
