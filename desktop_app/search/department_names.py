"""Department names for the search dictionary, taken from the department registry (one data source).

The registry (:mod:`desktop_app.drafting.departments`: the shipped one, or the drafter's
edited copy at ``Workspace.departments_path``) holds each city's departments with the
full name and the short form printed in 分工.  Each entry gives the dictionary only
forms that follow from its own data, never a guessed abbreviation:

- full name ↔ short form (鞍山市人力资源和社会保障局 ↔ 市人力资源社会保障局), and the
  short form without 市 (below);
- when the full name starts with the city and the short form with 市, the forms without
  the level: the short one (人力资源社会保障局), the full one (人力资源和社会保障局) and the
  city's full name with 市 for the city (市人力资源和社会保障局).

Abbreviations the registry does not print (人社局, 发改委), national bodies and renamings
(国土资源局 → 自然资源局) stay in ``resources/dict/equivalents.tsv``.
"""

from __future__ import annotations

from pathlib import Path

from .synonyms import Entry, key

CATEGORY = "部门"
LEVEL = "市"


def registry_entries(registry_path: Path | None = None) -> tuple[list[Entry], list[str]]:
    """(entries, problems) for the registry at *registry_path* (the shipped one when None or absent).

    A drafter's registry that cannot be read is left out for the shipped one (its problem is returned):
    a search never fails over it.
    """
    from ..core.errors import DataFileError
    from ..drafting import departments

    problems: list[str] = []
    registry = None
    if registry_path is not None and registry_path.exists():
        try:
            registry = departments.read_registry(registry_path)
        except DataFileError as exc:
            problems.append(f"{exc}；检索暂用默认部门名录")
    if registry is None:
        registry = departments.read_registry(departments.shipped_path())
    return entries_of(registry.entries), problems


def entries_of(departments) -> list[Entry]:
    """Dictionary entries for registry departments: the level-free pairs first, then full ↔ short."""
    generic: dict[str, Entry] = {}
    named: dict[tuple[str, str], Entry] = {}
    for d in departments:
        forms = _level_free(d.city, d.name, d.short)
        if forms:
            _add(generic, d.short, forms, f"部门名录：{d.short}，不带“市”的写法")
            _add(generic, forms[0], forms[1:2], f"部门名录：{d.short}即{d.name}，不带“市”的写法")
        if (d.name, d.short) not in named and key(d.name) != key(d.short):
            # the short form without 市 too: 由市医保局负责 is cut 由市/医保局
            named[(d.name, d.short)] = Entry(d.name, (d.short, *forms[:1]), CATEGORY,
                                             f"部门名录（{d.city}）：全称与分工中的简称")
    return [*generic.values(), *named.values()]


def _add(found: dict[str, Entry], term: str, forms: tuple[str, ...], reason: str) -> None:
    head = key(term)
    new = tuple(f for f in forms if key(f) and key(f) != head)
    old = found.get(term)
    if old is not None:
        new = tuple(dict.fromkeys((*old.equivalents, *new)))
    if new:
        found[term] = Entry(term, _distinct(new), CATEGORY, old.reason if old else reason)


def _distinct(forms: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for form in forms:
        seen.setdefault(key(form), form)
    return tuple(seen.values())


def _level_free(city: str, name: str, short: str) -> tuple[str, ...]:
    """(short without 市, full without the city, full with 市 for the city), or () when they do not follow."""
    if not (city and name.startswith(city) and short.startswith(LEVEL) and len(short) > len(LEVEL) + 1):
        return ()
    rest = name[len(city):]
    if not rest or rest.startswith("委"):
        return ()
    return short[len(LEVEL):], rest, LEVEL + rest

