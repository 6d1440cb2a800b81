"""Build the shipped corpus (``policy_texts/``) from its sources.

``policy_texts/sources/`` holds the texts exactly as received; this module turns
them into the XML documents and data tables the app loads, with the same
plain-text importer users run on their own files.  Run it after changing a
source::

    python -m desktop_app.core.seedbuild            # rewrite policy_texts/
    python -m desktop_app.core.seedbuild --check    # exit 1 if policy_texts/ is stale

A test runs ``--check`` so the committed data can never drift from its sources.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

from .. import paths
from .corpus import ADAPTATION_FILE, CITIES_FILE, LINKS_FILE, Corpus
from .errors import DataFileError
from .model import Clause, Completeness, Document, DocumentKind, Link, Part, Provenance, Relation
from .numerals import cn_to_int
from .tables import dump_links, read_rows
from .textimport import import_plain_text, parse_text
from .xmlio import document_to_xml

LIAONING_TITLE = "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施"
CENTRAL_TITLE = "关于促进劳动力和人才社会性流动体制机制改革的意见"

HEADING_ONLY_NOTE = (
    "本条正文尚未收录：知识库只有本条标题，取自央视网对新华社2019年12月25日全文发布稿的摘要。"
    "请导入官方全文（.txt 或 .docx）以补全。"
)
PARTIAL_NOTE = (
    "本条只收录了央视网摘要引用的句子，不是本条全文；句子之间和前后的原文缺失。请导入官方全文以补全。"
)
UNVERIFIED_NOTE = "第六部分及（十四）至（十六）的编号是按此类文件的通常结构推定的，摘要只在结尾段列出这三项，未经核实。"
QUOTE_POSITION_NOTE = "所引句子出自摘要的结尾段，在原文中的位置未经核实。"


def sources_dir(root: Path) -> Path:
    return root / "sources"


def build_liaoning(root: Path) -> Document:
    text = (sources_dir(root) / "liaoning-measures.txt").read_text(encoding="utf-8")
    return import_plain_text(
        text,
        doc_id="liaoning",
        title=LIAONING_TITLE,
        kind=DocumentKind.PROVINCIAL,
        date="2020-05-28",
        published_in="辽宁日报",
        source="sources/liaoning-measures.txt：辽宁日报2020年5月28日刊载的文本，按收到原样保存",
        notes=("来源文本中没有发文机关和文号，暂缺，未作补充。", "文本自称“实施措施”。"),
    )


def build_central(root: Path) -> Document:
    """Parse the reference copy: FULL lines verbatim, OUTLINE lines as headings and quotes."""
    lines = (sources_dir(root) / "central-doc56.txt").read_text(encoding="utf-8").splitlines()
    full, outline, quoted_in = _split_reference(lines)
    parsed = parse_text("\n".join(full + outline))
    parts = tuple(_mark_central_part(p, quoted_in) for p in parsed.parts)
    provenance = Provenance(
        "sources/central-doc56.txt：序言、第一部分至第（四）条为新华社2019年12月25日全文发布稿原文；"
        "其余部分和条款的标题及引用句取自央视网对同一发布稿的摘要",
        parsed.changes,
        ("第（五）至（十六）条正文未收录，已标为“仅标题”或“部分原文”；可导入官方全文补全。", UNVERIFIED_NOTE,
         *parsed.warnings),
    )
    return Document(
        "central", CENTRAL_TITLE, DocumentKind.CENTRAL, issuer="中共中央办公厅、国务院办公厅",
        doc_number="厅字〔2019〕56号", date="2019-12-25", published_in="新华社",
        preamble=parsed.preamble, parts=parts, provenance=provenance,
    )


def _split_reference(lines: list[str]) -> tuple[list[str], list[str], set[str]]:
    """FULL lines, OUTLINE lines (quotes folded in as paragraphs), and the clause numbers that have quotes."""
    section, full, outline, quoted = None, [], [], set()
    last_clause = ""
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        if line.strip() in ("FULL", "OUTLINE"):
            section = line.strip()
        elif section == "FULL":
            full.append(line)
        elif m := re.match(r"^\s+quoted[^:]*:\s*(.*)$", line):
            outline.append(m.group(1))
            quoted.add(last_clause)
        else:
            outline.append(line)
            if m := re.match(r"^（[^）]+）", line):
                last_clause = m.group(0)
    return full, outline, quoted


def _mark_central_part(part: Part, quoted: set[str]) -> Part:
    clauses = []
    for clause in part.clauses:
        if _clause_number(clause) <= 4:
            clauses.append(clause)
            continue
        if clause.num in quoted:
            note = PARTIAL_NOTE + (QUOTE_POSITION_NOTE if clause.num == "（十四）" else "")
            clauses.append(replace(clause, completeness=Completeness.PARTIAL, note=note))
        else:
            clauses.append(replace(clause, completeness=Completeness.HEADING_ONLY, note=HEADING_ONLY_NOTE))
        if part.num == "六、":
            clauses[-1] = replace(clauses[-1], note=clauses[-1].note + UNVERIFIED_NOTE)
    note = "本部分标题取自央视网摘要。" if part.num in ("四、", "五、", "六、") else ""
    if part.num == "六、":
        note += UNVERIFIED_NOTE
    return replace(part, clauses=tuple(clauses), note=note)


def _clause_number(clause: Clause) -> int:
    return cn_to_int(clause.num.strip("（）"))


def build_links(root: Path, corpus: Corpus) -> list[Link]:
    """The reference cross-links, each side resolved to a stable id."""
    links = []
    path = sources_dir(root) / "crosslinks.tsv"
    notes_zh = {
        (r["liaoning"], r["central"]): r["note_zh"]
        for _n, r in read_rows(sources_dir(root) / "crosslinks-notes-zh.tsv", ("liaoning", "central", "note_zh"))
    }
    for lineno, row in read_rows(path, ("liaoning", "central", "relation", "note"), commented_header=True):
        src = corpus.resolve("liaoning", _as_reference(row["liaoning"]))
        tgt = corpus.resolve("central", _as_reference(row["central"]))
        note = notes_zh.get((row["liaoning"], row["central"]))
        if note is None:
            raise DataFileError(path, f"第 {lineno} 行的说明没有中文译文（sources/crosslinks-notes-zh.tsv）")
        links.append(Link("liaoning", src.id, "central", tgt.id, Relation(row["relation"]), note))
    return links


def _as_reference(ref: str) -> str:
    return ref if ref.startswith("(") else ref + "、"


def build_adaptation(root: Path, corpus: Corpus) -> str:
    """The adaptation table with clause numbers replaced by stable ids (checked to exist)."""
    rows = read_rows(sources_dir(root) / "city-adaptation.tsv", ("clause", "pattern", "kind", "suggestion", "why"),
                     commented_header=True)
    why_zh = {
        (r["clause"], r["pattern"]): r["why_zh"]
        for _n, r in read_rows(sources_dir(root) / "city-adaptation-why-zh.tsv", ("clause", "pattern", "why_zh"))
    }
    out = ["clause\tpattern\tkind\tsuggestion\twhy"]
    for lineno, row in rows:
        why = why_zh.get((row["clause"], row["pattern"]))
        if why is None:
            raise DataFileError(sources_dir(root) / "city-adaptation.tsv", f"第 {lineno} 行的理由没有中文译文")
        clause = row["clause"]
        if clause == "序言":
            clause = "preamble"
        elif clause != "*":
            clause = corpus.resolve("liaoning", clause).id
        out.append("\t".join([clause, row["pattern"], row["kind"], row["suggestion"], why]))
    return "\n".join(out) + "\n"


def build_cities(root: Path) -> str:
    """The cities table, with its comment lines (the groupings' definitions) kept."""
    source = (sources_dir(root) / "liaoning-cities.tsv").read_text(encoding="utf-8")
    comments = [line for line in source.splitlines() if line.startswith("#") and "\t" not in line]
    rows = read_rows(sources_dir(root) / "liaoning-cities.tsv", ("city", "short", "groupings"), commented_header=True)
    body = ["\t".join((r["city"], r["short"], r["groupings"])) for _n, r in rows]
    return "\n".join([*comments, "city\tshort\tgroupings", *body]) + "\n"


def build_all(root: Path) -> dict[str, bytes]:
    """Every generated file of ``policy_texts/``, by path relative to it."""
    docs = [build_central(root), build_liaoning(root)]
    corpus = Corpus(docs, [])
    links = build_links(root, corpus)
    header = "# Generated by `python -m desktop_app.core.seedbuild` from sources/crosslinks.tsv: do not edit by hand.\n"
    files = {f"{d.id}.xml": document_to_xml(d) for d in docs}
    files[LINKS_FILE] = (header + dump_links(links)).encode("utf-8")
    files[CITIES_FILE] = build_cities(root).encode("utf-8")
    files[ADAPTATION_FILE] = (header.replace("crosslinks", "city-adaptation") + build_adaptation(root, corpus)).encode(
        "utf-8"
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build policy_texts/ from policy_texts/sources/.")
    parser.add_argument("--check", action="store_true", help="only check that policy_texts/ is up to date")
    args = parser.parse_args(argv)
    root = paths.policy_texts_dir()
    stale = []
    for name, data in build_all(root).items():
        target = root / name
        if target.exists() and target.read_bytes() == data:
            continue
        stale.append(name)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if args.check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("stale: " if args.check else "written: ") + (", ".join(stale) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
