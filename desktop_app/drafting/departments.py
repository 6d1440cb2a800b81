"""The department registry: each city's departments as named in task division, with their dates and sources.

Shipped as ``policy_texts/data/departments.tsv`` (a registry for a plan dated
2020, see its header); the drafter's edited copy lives at
``Workspace.departments_path`` and, once saved, is what every draft of that
workspace uses.  An entry the shipped data only infers (status ``I``) is shown
as 待核 until the drafter confirms it: an invented name is never presented as
verified.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .. import paths
from ..core.errors import DataFileError
from ..core.fileio import atomic_write_text
from ..core.tables import read_rows
from ..workspace import Workspace, WorkspaceError, os_reason

SHIPPED_FILE = "data/departments.tsv"
COLUMNS = ("city", "keys", "name", "short", "valid_from", "valid_to", "status", "source")
VERIFIED, INFERRED = "V", "I"
CONFIRMED_SOURCE = "起草人核实"
# The registry is shipped for plans of this date; a draft without a 成文日期 looks names up on it.
DEFAULT_PLAN_DATE = "2020-07-01"
HEADER = (
    "# PolicyDesk department registry (edited copy): city, duty keys (';'), full name, short form used in 分工,\n"
    "# valid_from/valid_to (ISO, empty = open), status V (verified, source named) or I (default, shown as 待核).\n"
)


@dataclass(frozen=True)
class Department:
    city: str
    keys: tuple[str, ...]
    name: str                 # full name (鞍山市人力资源和社会保障局)
    short: str                # as printed in 分工 (市人力资源社会保障局)
    valid_from: str = ""      # ISO date, empty: no known start
    valid_to: str = ""        # ISO date, empty: still valid
    status: str = INFERRED
    source: str = ""

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED

    def valid_on(self, day: str) -> bool:
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)


class Registry:
    """All cities' departments; queries take the city and the date of the plan."""

    def __init__(self, entries: tuple[Department, ...] | list[Department]) -> None:
        self.entries = tuple(entries)
        self._by_city: dict[str, list[Department]] = {}
        for d in self.entries:
            self._by_city.setdefault(d.city, []).append(d)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Registry) and other.entries == self.entries

    __hash__ = None  # type: ignore[assignment]

    def cities(self) -> tuple[str, ...]:
        return tuple(self._by_city)

    def of_city(self, city: str, day: str | None = None) -> tuple[Department, ...]:
        """The city's departments (valid on *day* when given), in registry order."""
        return tuple(d for d in self._by_city.get(city, ()) if day is None or d.valid_on(day))

    def for_duty(self, city: str, key: str, day: str) -> Department | None:
        """The department that held the duty *key* on *day* (扶贫 → 扶贫办, 乡村振兴局 or 农业农村局)."""
        return next((d for d in self._by_city.get(city, ()) if key in d.keys and d.valid_on(day)), None)

    def named(self, city: str, name: str, day: str | None = None) -> Department | None:
        """The entry printed as *name* (short or full form), preferring one valid on *day*."""
        hits = [d for d in self.of_city(city) if name in (d.short, d.name)]
        valid = [d for d in hits if day is None or d.valid_on(day)]
        return (valid or hits or [None])[0]

    def needs_check(self, city: str, name: str, day: str | None = None) -> bool:
        """Whether a printed unit name is one of the registry's unverified defaults (shown as 待核).

        A name the drafter typed that the registry does not hold is the drafter's own: nothing to mark.
        """
        entry = self.named(city, name, day)
        return entry is not None and not entry.verified

    def completions(self, city: str, day: str | None = None) -> tuple[str, ...]:
        """Short forms for completion in the editor, those valid on *day* first."""
        valid = [d.short for d in self.of_city(city, day)]
        rest = [d.short for d in self.of_city(city)]
        return tuple(dict.fromkeys(valid + rest))

    def replaced_city(self, city: str, entries: list[Department] | tuple[Department, ...]) -> Registry:
        """The registry with *city*'s entries replaced (the 部门名录 dialog edits one city at a time)."""
        others = [d for d in self.entries if d.city != city]
        return Registry(others + [replace(d, city=city) for d in entries])


def shipped_path() -> Path:
    return paths.policy_texts_dir() / SHIPPED_FILE


_CACHE: dict[tuple[str, int, int], Registry] = {}


def read_registry(path: str | Path) -> Registry:
    """Read a registry TSV (parsed once per version of the file: a Registry is never changed in place).

    Raises:
        DataFileError: unreadable, a bad header, a bad date or status (the message names file and line).
    """
    try:
        stat = Path(path).stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key in _CACHE:
        return _CACHE[key]
    registry = _parse(path)
    if key is not None:
        _CACHE.clear()   # keep only the latest file read
        _CACHE[key] = registry
    return registry


def _parse(path: str | Path) -> Registry:
    entries = []
    for lineno, row in read_rows(path, COLUMNS):
        if not row["city"] or not row["short"] or not row["name"]:
            raise DataFileError(path, f"第 {lineno} 行缺少城市、名称或简称")
        for column in ("valid_from", "valid_to"):
            _check_date(path, lineno, row[column])
        if row["status"] not in (VERIFIED, INFERRED):
            raise DataFileError(path, f"第 {lineno} 行状态 {row['status']!r} 无效，应为 V（已核实）或 I（默认，待核）")
        keys = tuple(k.strip() for k in row["keys"].split(";") if k.strip())
        entries.append(Department(row["city"], keys, row["name"], row["short"], row["valid_from"],
                                  row["valid_to"], row["status"], row["source"]))
    return Registry(entries)


def _check_date(path: str | Path, lineno: int, text: str) -> None:
    if not text:
        return
    try:
        date.fromisoformat(text)
    except ValueError:
        raise DataFileError(path, f"第 {lineno} 行日期 {text!r} 无效，应写作 2020-07-01") from None


def load_registry(workspace: Workspace | None = None) -> Registry:
    """The drafter's edited registry when the workspace has one, else the shipped one."""
    if workspace is not None and workspace.departments_path.exists():
        return read_registry(workspace.departments_path)
    return read_registry(shipped_path())


class RegistrySource:
    """The workspace's registry, read again only when the drafter's copy changed (for the editor's panes).

    A drafter's copy that cannot be read never stops the editor: the shipped registry is used and
    ``problem`` holds the message naming the file.
    """

    def __init__(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.problem = ""
        self._stamp: tuple[float, int] | None = None
        self._registry: Registry | None = None

    def __call__(self) -> Registry:
        path = self.workspace.departments_path if self.workspace else None
        try:
            stat = path.stat() if path else None
            stamp = (stat.st_mtime, stat.st_size) if stat else None
        except OSError:
            stamp = None
        if self._registry is None or stamp != self._stamp:
            try:
                self._registry, self.problem = load_registry(self.workspace), ""
            except DataFileError as exc:
                self._registry, self.problem = read_registry(shipped_path()), f"{exc}；暂用默认部门名录"
            self._stamp = stamp
        return self._registry


def dump_registry(registry: Registry) -> str:
    lines = [HEADER.rstrip("\n"), "\t".join(COLUMNS)]
    for d in registry.entries:
        fields = (d.city, ";".join(d.keys), d.name, d.short, d.valid_from, d.valid_to, d.status, d.source)
        lines.append("\t".join(_clean(f) for f in fields))
    return "\n".join(lines) + "\n"


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def save_registry(workspace: Workspace, registry: Registry) -> Path:
    """Save the drafter's registry atomically under the knowledge-base lock.

    Raises:
        WorkspaceError: the data directory or the file cannot be written (the message names it).
    """
    target = workspace.departments_path
    with workspace.lock():
        try:
            atomic_write_text(target, dump_registry(registry))
        except OSError as exc:
            raise WorkspaceError(target, f"无法保存部门名录：{os_reason(exc)}") from None
    return target


def reset_registry(workspace: Workspace) -> None:
    """Forget the drafter's edits: the shipped registry applies again."""
    with workspace.lock():
        try:
            workspace.departments_path.unlink(missing_ok=True)
        except OSError as exc:
            raise WorkspaceError(workspace.departments_path, f"无法删除：{os_reason(exc)}") from None
