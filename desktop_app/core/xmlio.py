"""Read and write documents as structured XML (an Akoma Ntoso-like shape), with lxml.

The format, by example::

    <policyDocument eId="liaoning" kind="provincial" version="1">
      <meta>
        <title>辽宁省关于…的实施措施</title>
        <issuer/> <docNumber/> <date>2020-05-28</date> <publishedIn>辽宁日报</publishedIn>
        <provenance source="…">
          <normalisation rule="comma" count="110"/>
          <note>…</note>
        </provenance>
        <notice>                      (only for an imported plan that came in a 印发通知)
          <title>…关于印发《…》的通知</title><addressees>…</addressees><p>…</p>
        </notice>
      </meta>
      <preamble completeness="full"><p>…</p></preamble>
      <body>
        <part eId="part_1" completeness="full">
          <num>一、</num><heading>…</heading>
          <p>text of the part itself, if any</p>
          <paragraph eId="part_1__para_1" completeness="full">
            <num>（一）</num><heading end="。">…</heading>
            <content><p>…</p><item eId="…"><num>1.</num><p>…</p></item></content>
            <note>…</note>
            <division>                (only when an imported plan assigns the clause)
              <lead>市公安局</lead><partner>市民政局</partner><deadline>2021年12月底前</deadline>
            </division>
          </paragraph>
        </part>
      </body>
    </policyDocument>

Reading never resolves entities, never loads a DTD and never touches the
network; a file with a DOCTYPE is refused outright.  ``<notice>`` and
``<division>`` are optional: files written before them still load, and a
document without them is written exactly as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .errors import DuplicateIdError, InvalidIdError, MalformedXMLError, SchemaError, UnsafeXMLError, os_reason
from .model import Clause, Completeness, Document, DocumentKind, Item, Notice, Part, Provenance, TaskDivision

FORMAT_VERSION = "1"
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
MAX_XML_BYTES = 20 * 1024 * 1024


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_xml_bytes(data: bytes, path: str | Path) -> etree._Element:
    """Parse untrusted XML; refuse DTDs and entities.  Raises a typed CorpusError."""
    if len(data) > MAX_XML_BYTES:
        size, limit = len(data) // 2**20, MAX_XML_BYTES // 2**20
        raise MalformedXMLError(path, f"文件过大（{size} MB），上限 {limit} MB")
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:65536], re.IGNORECASE):
        raise UnsafeXMLError(path, "XML 含 DOCTYPE 或实体声明（可能进行实体扩展或引用外部实体），已拒绝读取")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedXMLError(path, f"XML 格式错误：{exc}") from None
    if root.getroottree().docinfo.doctype or any(isinstance(n, etree._Entity) for n in root.iter()):
        raise UnsafeXMLError(path, "XML 含实体引用，已拒绝读取")
    return root


def read_document(path: str | Path) -> Document:
    """Load one document file, validating its shape and ids."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_XML_BYTES:  # refused before reading: a damaged file may be gigabytes of garbage
            raise MalformedXMLError(path, f"文件过大（{size // 2**20} MB），上限 {MAX_XML_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise MalformedXMLError(path, f"无法读取文件：{os_reason(exc)}") from None
    return document_from_xml(parse_xml_bytes(data, path), path)


def document_from_xml(root: etree._Element, path: str | Path) -> Document:
    if root.tag != "policyDocument":
        raise SchemaError(path, f"根元素应为 <policyDocument>，实为 <{root.tag}>")
    reader = _Reader(path)
    return reader.document(root)


class _Reader:
    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.seen: set[str] = set()

    def document(self, root: etree._Element) -> Document:
        doc_id = self.id_of(root)
        meta = self.child(root, "meta")
        preamble = root.find("preamble")
        body = self.child(root, "body")
        return Document(
            id=doc_id,
            title=self.text(meta, "title", required=True),
            kind=self.enum(DocumentKind, root.get("kind", "other"), "kind"),
            issuer=self.text(meta, "issuer"),
            doc_number=self.text(meta, "docNumber"),
            date=self.text(meta, "date"),
            published_in=self.text(meta, "publishedIn"),
            preamble=self.paragraphs(preamble) if preamble is not None else (),
            preamble_completeness=self.completeness(preamble),
            parts=tuple(self.part(p) for p in self.children(body, "part")),
            provenance=self.provenance(meta.find("provenance")),
            notice=self.notice(meta.find("notice")),
        )

    def part(self, el: etree._Element) -> Part:
        part_id = self.id_of(el)
        return Part(
            id=part_id,
            num=self.text(el, "num"),
            heading=self.text(el, "heading"),
            paragraphs=self.paragraphs(el),
            clauses=tuple(self.clause(c, part_id) for c in self.children(el, "paragraph")),
            completeness=self.completeness(el),
            note=self.text(el, "note"),
        )

    def clause(self, el: etree._Element, part_id: str) -> Clause:
        heading = self.child(el, "heading")
        content = el.find("content")
        return Clause(
            id=self.id_of(el),
            num=self.text(el, "num", required=True),
            heading=heading.text or "",
            heading_end=heading.get("end", ""),
            paragraphs=self.paragraphs(content) if content is not None else (),
            items=tuple(self.item(i) for i in self.children(content, "item")) if content is not None else (),
            completeness=self.completeness(el),
            note=self.text(el, "note"),
            part_id=part_id,
            division=self.division(el.find("division")),
        )

    def item(self, el: etree._Element) -> Item:
        return Item(
            id=self.id_of(el),
            num=self.text(el, "num", required=True),
            text="\n".join(self.paragraphs(el)),
            items=tuple(self.item(i) for i in self.children(el, "item")),
        )

    def provenance(self, el: etree._Element | None) -> Provenance:
        if el is None:
            return Provenance()
        counts = {}
        for n in self.children(el, "normalisation"):
            try:
                counts[n.get("rule", "")] = int(n.get("count", "0"))
            except ValueError:
                raise SchemaError(self.path, f"第 {n.sourceline} 行 <normalisation> 的 count 不是整数") from None
        notes = tuple((n.text or "") for n in self.children(el, "note"))
        return Provenance(el.get("source", ""), counts, notes)

    def notice(self, el: etree._Element | None) -> Notice | None:
        if el is None:
            return None
        return Notice(self.text(el, "title"), self.text(el, "addressees"), self.paragraphs(el))

    def division(self, el: etree._Element | None) -> TaskDivision | None:
        if el is None:
            return None
        partners = tuple((p.text or "") for p in self.children(el, "partner"))
        return TaskDivision(self.text(el, "lead"), partners, self.text(el, "deadline"))

    def id_of(self, el: etree._Element) -> str:
        value = el.get("eId")
        if not value or not ID_RE.match(value):
            raise InvalidIdError(self.path, f"第 {el.sourceline} 行 <{el.tag}> 的 eId 缺失或无效：{value!r}")
        if value in self.seen:
            raise DuplicateIdError(self.path, f"第 {el.sourceline} 行：编号 {value} 重复")
        self.seen.add(value)
        return value

    def child(self, el: etree._Element, tag: str) -> etree._Element:
        found = el.find(tag)
        if found is None:
            raise SchemaError(self.path, f"第 {el.sourceline} 行 <{el.tag}> 缺少 <{tag}>")
        return found

    def children(self, el: etree._Element, tag: str) -> list[etree._Element]:
        return [c for c in el if c.tag == tag]

    def text(self, el: etree._Element, tag: str, required: bool = False) -> str:
        found = el.find(tag)
        if found is None and required:
            raise SchemaError(self.path, f"第 {el.sourceline} 行 <{el.tag}> 缺少 <{tag}>")
        return (found.text or "") if found is not None else ""

    def paragraphs(self, el: etree._Element) -> tuple[str, ...]:
        return tuple((p.text or "") for p in self.children(el, "p"))

    def completeness(self, el: etree._Element | None) -> Completeness:
        return self.enum(Completeness, el.get("completeness", "full") if el is not None else "full", "completeness")

    def enum(self, cls, value: str, attr: str):
        try:
            return cls(value)
        except ValueError:
            allowed = "、".join(m.value for m in cls)
            raise SchemaError(self.path, f"{attr}={value!r} 无效，应为 {allowed} 之一") from None


def document_to_xml(doc: Document) -> bytes:
    """Serialise *doc*; the result reads back to an equal Document."""
    root = etree.Element("policyDocument", eId=doc.id, kind=doc.kind.value, version=FORMAT_VERSION)
    meta = etree.SubElement(root, "meta")
    for tag, value in (("title", doc.title), ("issuer", doc.issuer), ("docNumber", doc.doc_number),
                       ("date", doc.date), ("publishedIn", doc.published_in)):
        etree.SubElement(meta, tag).text = value
    prov = etree.SubElement(meta, "provenance", source=doc.provenance.source)
    for rule, count in doc.provenance.normalisation.items():
        etree.SubElement(prov, "normalisation", rule=rule, count=str(count))
    for note in doc.provenance.notes:
        etree.SubElement(prov, "note").text = note
    if doc.notice is not None:
        notice = etree.SubElement(meta, "notice")
        etree.SubElement(notice, "title").text = doc.notice.title
        etree.SubElement(notice, "addressees").text = doc.notice.addressees
        _paragraphs(notice, doc.notice.paragraphs)
    if doc.preamble:
        pre = etree.SubElement(root, "preamble", completeness=doc.preamble_completeness.value)
        _paragraphs(pre, doc.preamble)
    body = etree.SubElement(root, "body")
    for part in doc.parts:
        _write_part(body, part)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_part(body: etree._Element, part: Part) -> None:
    el = etree.SubElement(body, "part", eId=part.id, completeness=part.completeness.value)
    etree.SubElement(el, "num").text = part.num
    etree.SubElement(el, "heading").text = part.heading
    _paragraphs(el, part.paragraphs)
    if part.note:
        etree.SubElement(el, "note").text = part.note
    for clause in part.clauses:
        _write_clause(el, clause)


def _write_clause(parent: etree._Element, clause: Clause) -> None:
    el = etree.SubElement(parent, "paragraph", eId=clause.id, completeness=clause.completeness.value)
    etree.SubElement(el, "num").text = clause.num
    etree.SubElement(el, "heading", end=clause.heading_end).text = clause.heading
    if clause.paragraphs or clause.items:
        content = etree.SubElement(el, "content")
        _paragraphs(content, clause.paragraphs)
        for item in clause.items:
            _write_item(content, item)
    if clause.note:
        etree.SubElement(el, "note").text = clause.note
    if clause.division is not None:
        _write_division(el, clause.division)


def _write_division(parent: etree._Element, division: TaskDivision) -> None:
    el = etree.SubElement(parent, "division")
    etree.SubElement(el, "lead").text = division.lead
    for name in division.partners:
        etree.SubElement(el, "partner").text = name
    etree.SubElement(el, "deadline").text = division.deadline


def _write_item(parent: etree._Element, item: Item) -> None:
    el = etree.SubElement(parent, "item", eId=item.id)
    etree.SubElement(el, "num").text = item.num
    _paragraphs(el, tuple(item.text.split("\n")))
    for sub in item.items:
        _write_item(el, sub)


def _paragraphs(parent: etree._Element, paragraphs: tuple[str, ...]) -> None:
    for text in paragraphs:
        etree.SubElement(parent, "p").text = text
