"""The data tables the corpus ships beside its documents.

All are UTF-8 TSV files with a header row; lines starting with ``#`` are
comments.

``crosslinks.tsv``
    ``source  target  relation  note``: ``source`` and ``target`` are
    ``DOC:ID`` (``liaoning:part_1__para_4``); relation is ``implements`` or
    ``related``.
``liaoning-cities.tsv``
    ``city  short  groupings``: groupings separated by ``;``.
``city-adaptation.tsv``
    ``clause  pattern  kind  suggestion  why``: ``clause`` is a clause id of
    the provincial measures, ``preamble`` or ``*`` (every clause); kind is
    ``replace`` or ``flag``; ``{city}`` and ``{short}`` in a suggestion stand
    for the chosen city's full and short name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError, os_reason
from .model import Link, Relation


@dataclass(frozen=True)
class City:
    name: str
    short: str
    groupings: tuple[str, ...]


@dataclass(frozen=True)
class AdaptationRule:
    clause: str
    pattern: str
    kind: str
    suggestion: str
    why: str

    def applies_to(self, clause_id: str) -> bool:
        return self.clause in ("*", clause_id)

    def suggestion_for(self, city: City) -> str:
        return self.suggestion.replace("{city}", city.name).replace("{short}", city.short)


def read_rows(
    path: str | Path, columns: tuple[str, ...], commented_header: bool = False
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as (line number, {column: value}); checks the header and widths.

    With *commented_header*, the header may be a comment line (``# a<TAB>b``), as in
    the reference tables the corpus is built from.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataFileError(path, f"无法读取：{os_reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起）") from None
    header_line = "\t".join(columns)
    lines = [
        (n, line[2:] if commented_header and line.startswith("# ") and line[2:].strip() == header_line else line)
        for n, line in enumerate(text.splitlines(), 1)
    ]
    lines = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataFileError(path, "文件为空，缺少表头")
    header_no, header = lines[0]
    got = tuple(h.strip() for h in header.split("\t"))
    if got[: len(columns)] != columns:
        raise DataFileError(path, f"第 {header_no} 行表头应为 {'、'.join(columns)}，实为 {'、'.join(got)}")
    rows = []
    for lineno, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) < len(columns) - 1 or len(values) > len(columns):
            raise DataFileError(path, f"第 {lineno} 行应有 {len(columns)} 列，实有 {len(values)} 列")
        values += [""] * (len(columns) - len(values))
        rows.append((lineno, dict(zip(columns, (v.strip() for v in values), strict=True))))
    return rows


def load_links(path: str | Path) -> list[Link]:
    links = []
    for lineno, row in read_rows(path, ("source", "target", "relation", "note")):
        src_doc, src_id = _split_ref(path, lineno, row["source"])
        tgt_doc, tgt_id = _split_ref(path, lineno, row["target"])
        try:
            relation = Relation(row["relation"])
        except ValueError:
            problem = f"第 {lineno} 行关系 {row['relation']!r} 无效，应为 implements 或 related"
            raise DataFileError(path, problem) from None
        links.append(Link(src_doc, src_id, tgt_doc, tgt_id, relation, row["note"]))
    return links


def dump_links(links: list[Link]) -> str:
    lines = ["source\ttarget\trelation\tnote"]
    for link in links:
        lines.append(
            f"{link.source_doc}:{link.source_id}\t{link.target_doc}:{link.target_id}\t{link.relation.value}\t{link.note}"
        )
    return "\n".join(lines) + "\n"


def _split_ref(path: str | Path, lineno: int, ref: str) -> tuple[str, str]:
    doc, sep, unit = ref.partition(":")
    if not sep or not doc or not unit:
        raise DataFileError(path, f"第 {lineno} 行引用 {ref!r} 应为“文档:编号”形式，如 liaoning:part_1__para_1")
    return doc, unit


def load_cities(path: str | Path) -> list[City]:
    cities = []
    for lineno, row in read_rows(path, ("city", "short", "groupings")):
        if not row["city"].endswith("市") or not row["short"]:
            raise DataFileError(path, f"第 {lineno} 行城市名 {row['city']!r} 或简称 {row['short']!r} 无效")
        groupings = tuple(g for g in row["groupings"].split(";") if g)
        cities.append(City(row["city"], row["short"], groupings))
    return cities


def load_adaptation(path: str | Path) -> list[AdaptationRule]:
    rules = []
    for lineno, row in read_rows(path, ("clause", "pattern", "kind", "suggestion", "why")):
        if row["kind"] not in ("replace", "flag"):
            raise DataFileError(path, f"第 {lineno} 行类型 {row['kind']!r} 无效，应为 replace 或 flag")
        if not row["pattern"]:
            raise DataFileError(path, f"第 {lineno} 行缺少匹配文字")
        rules.append(AdaptationRule(row["clause"], row["pattern"], row["kind"], row["suggestion"], row["why"]))
    return rules
