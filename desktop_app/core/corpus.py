"""The corpus: every document PolicyDesk holds, their cross-links, and the questions drafters ask of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from .errors import DuplicateIdError, LookupFailed, MissingClauseError, UnknownDocumentError
from .model import Clause, Document, DocumentKind, Link, Part, Relation
from .numerals import CN_NUMERAL_CHARS, cn_to_int
from .stamps import SourceStamps, document_names, source_stamps
from .tables import AdaptationRule, City, load_adaptation, load_cities, load_links
from .userfiles import LoadProblem, keep_resolvable, read_user_documents, read_user_links, still_unreadable

if TYPE_CHECKING:
    from ..workspace import Workspace

Unit = Part | Clause

LINKS_FILE = "crosslinks.tsv"
CITIES_FILE = "data/liaoning-cities.tsv"
# HOOK(search-scale): the parsed documents, kept under the data directory's cache folder (see doccache.py)
DOCUMENT_CACHE = "documents.pickle"
ADAPTATION_FILE = "data/city-adaptation.tsv"


@dataclass(frozen=True)
class UnitRef:
    """A part or clause together with the document it belongs to."""

    doc: Document
    unit: Unit

    @property
    def is_clause(self) -> bool:
        return isinstance(self.unit, Clause)

    @property
    def label(self) -> str:
        """``（五）以户籍制度…`` for a clause, ``一、总体要求`` for a part."""
        return self.unit.num + self.unit.heading

    @property
    def citation(self) -> str:
        """How a drafter cites it: 《…》第（五）条 / 《…》第一部分."""
        num = self.unit.num.rstrip("、")
        where = f"第{num}条" if self.is_clause else f"第{num}部分"
        return f"《{self.doc.short_title}》{where}"


@dataclass(frozen=True)
class LinkView:
    """A link seen from one end: the clause at the other end and how they relate."""

    link: Link
    other: UnitRef

    @property
    def relation(self) -> Relation:
        return self.link.relation


@dataclass(frozen=True)
class CoverageRow:
    """One central clause (or clause-less part) and who carries it out."""

    target: UnitRef
    implemented_by: tuple[UnitRef, ...]
    related: tuple[UnitRef, ...]

    @property
    def is_gap(self) -> bool:
        return not self.implemented_by


class Corpus:
    """Documents and links, validated on load.  Plain Python: no Qt."""

    def __init__(self, documents: list[Document], links: list[Link], *, links_source: str = "",
                 cities: list[City] | None = None, adaptation: list[AdaptationRule] | None = None,
                 sources: SourceStamps | None = None) -> None:
        # What the documents were read from (see source_stamps), or None when that is not known.
        self.sources = sources
        # User files left out because they could not be read (see Corpus.load); shown by the CLI and the window.
        self.problems: tuple[LoadProblem, ...] = ()
        self._docs: dict[str, Document] = {}
        for doc in documents:
            self._docs[doc.id] = doc
        self._units: dict[tuple[str, str], Unit] = {}
        for doc in self._docs.values():
            for part in doc.parts:
                self._units[(doc.id, part.id)] = part
                for clause in part.clauses:
                    self._units[(doc.id, clause.id)] = clause
        self.links: tuple[Link, ...] = tuple(self._validate_links(links, links_source))
        # Each end's links, in file order: the tree, reader and coverage ask for them unit by unit.
        self._from: dict[tuple[str, str], list[Link]] = {}
        self._to: dict[tuple[str, str], list[Link]] = {}
        for link in self.links:
            self._from.setdefault((link.source_doc, link.source_id), []).append(link)
            self._to.setdefault((link.target_doc, link.target_id), []).append(link)
        self.cities: tuple[City, ...] = tuple(cities or ())
        self.adaptation: tuple[AdaptationRule, ...] = tuple(adaptation or ())

    # ---- loading -------------------------------------------------------
    @classmethod
    def load(cls, builtin_dir: str | Path | None = None, user_dir: str | Path | None = None, *,
             cache: Path | None = None) -> Corpus:
        """Load the shipped corpus and, if given, the user's imported documents and links.

        A user document with the id of a shipped one (e.g. an imported full text of
        ``central``) takes its place.  A user file that cannot be read is left out and named in
        :attr:`problems` (the shipped files are read strictly: a broken install raises).  *cache*: a file
        keeping the parsed documents (:mod:`.doccache`), used while the document files are unchanged.
        """
        builtin = Path(builtin_dir) if builtin_dir else paths.policy_texts_dir()
        sources = source_stamps(builtin, user_dir)  # before reading: a file changed meanwhile shows as changed
        user = Path(user_dir) if user_dir is not None and Path(user_dir).is_dir() else None
        problems: list[LoadProblem] = []
        docs = {d.id: d for d in _read_documents(builtin, user, cache if sources is not None else None, sources,
                                                 problems)}
        links = load_links(builtin / LINKS_FILE)
        if user is not None:
            units = {(d.id, u.id) for d in docs.values() for p in d.parts for u in (p, *p.clauses)}
            user_links = read_user_links(user / LINKS_FILE, problems)
            links += keep_resolvable(user_links, units, user / LINKS_FILE, problems)
        cities = load_cities(builtin / CITIES_FILE) if (builtin / CITIES_FILE).exists() else []
        rules = load_adaptation(builtin / ADAPTATION_FILE) if (builtin / ADAPTATION_FILE).exists() else []
        corpus = cls(list(docs.values()), links, links_source=str(builtin / LINKS_FILE), cities=cities,
                     adaptation=rules, sources=sources)
        corpus.problems = tuple(problems)
        return corpus

    @classmethod
    def load_workspace(cls, workspace: Workspace, *, set_aside: bool = True) -> Corpus:
        """The shipped corpus plus what the user imported into *workspace*.

        With *set_aside*, each unreadable user file is moved to ``workspace.set_aside_dir`` (under the
        knowledge-base lock) and its :class:`LoadProblem` says where; a file that cannot be moved
        stays where it is and is simply left out again next time.
        """
        # the parsed-document cache lives in the data folder: never create the folder just for it
        cache = workspace.cache_dir / DOCUMENT_CACHE if workspace.data_dir.is_dir() else None
        corpus = cls.load(user_dir=workspace.documents_dir, cache=cache)
        if set_aside and any(p.unreadable for p in corpus.problems):
            corpus.problems = _set_aside(workspace, corpus.problems)
        return corpus

    @classmethod
    def load_default(cls, workspace: Workspace | None = None) -> Corpus:
        """The shipped corpus plus what the user imported (see :meth:`load_workspace`)."""
        if workspace is None:
            from ..workspace import Workspace  # the deprecated path: entry points pass their workspace

            workspace = Workspace.from_environment()
        return cls.load_workspace(workspace)

    @staticmethod
    def default_sources(workspace: Workspace | None = None) -> SourceStamps | None:
        """:func:`source_stamps` of what :meth:`load_default` would read, without reading it."""
        if workspace is None:
            from ..workspace import Workspace

            workspace = Workspace.from_environment()
        return source_stamps(paths.policy_texts_dir(), workspace.documents_dir)

    def _validate_links(self, links: list[Link], source: str) -> list[Link]:
        for link in links:
            for doc, unit in ((link.source_doc, link.source_id), (link.target_doc, link.target_id)):
                if doc not in self._docs:
                    raise UnknownDocumentError(source, f"链接指向未知文档 {doc!r}（{doc}:{unit}）")
                if (doc, unit) not in self._units:
                    raise MissingClauseError(source, f"链接指向不存在的条款 {doc}:{unit}")
        return links

    # ---- documents and units ------------------------------------------
    @property
    def documents(self) -> tuple[Document, ...]:
        order = {DocumentKind.CENTRAL: 0, DocumentKind.PROVINCIAL: 1, DocumentKind.CITY: 2, DocumentKind.OTHER: 3}
        return tuple(sorted(self._docs.values(), key=lambda d: (order[d.kind], d.id)))

    def document(self, doc_id: str) -> Document:
        try:
            return self._docs[doc_id]
        except KeyError:
            known = "、".join(self._docs)
            raise LookupFailed(f"没有文档 {doc_id!r}；现有文档：{known}") from None

    def parts(self, doc_id: str) -> tuple[Part, ...]:
        return self.document(doc_id).parts

    def clauses(self, doc_id: str) -> tuple[Clause, ...]:
        return self.document(doc_id).clauses

    def unit(self, doc_id: str, unit_id: str) -> Unit:
        self.document(doc_id)
        try:
            return self._units[(doc_id, unit_id)]
        except KeyError:
            raise LookupFailed(f"文档 {doc_id} 中没有编号为 {unit_id!r} 的部分或条款") from None

    def ref(self, doc_id: str, unit_id: str) -> UnitRef:
        return UnitRef(self.document(doc_id), self.unit(doc_id, unit_id))

    def resolve(self, doc_id: str, reference: str) -> Unit:
        """Find a clause by ``（五）``, ``(五)``, ``五``, ``5`` or its id; a part by ``一、`` or ``part_1``."""
        doc = self.document(doc_id)
        ref = reference.strip()
        if (doc_id, ref) in self._units:
            return self._units[(doc_id, ref)]
        found = _match_reference(doc, ref)
        if found is None:
            raise LookupFailed(f"文档 {doc_id} 中找不到条款 {reference!r}（可写作 （五）、(五)、5 或条款编号）")
        return found

    # ---- links ---------------------------------------------------------
    def links_from(self, doc_id: str, unit_id: str) -> tuple[LinkView, ...]:
        links = self._from.get((doc_id, unit_id), ())
        return tuple(LinkView(lk, self.ref(lk.target_doc, lk.target_id)) for lk in links)

    def links_to(self, doc_id: str, unit_id: str) -> tuple[LinkView, ...]:
        links = self._to.get((doc_id, unit_id), ())
        return tuple(LinkView(lk, self.ref(lk.source_doc, lk.source_id)) for lk in links)

    def links_of(self, doc_id: str, unit_id: str) -> tuple[LinkView, ...]:
        """Both directions: what this unit carries out and what carries it out."""
        return self.links_from(doc_id, unit_id) + self.links_to(doc_id, unit_id)

    def carries_out(self, doc_id: str, unit_id: str) -> tuple[UnitRef, ...]:
        """The clauses (of higher documents) that this clause carries out."""
        return tuple(v.other for v in self.links_from(doc_id, unit_id) if v.relation is Relation.IMPLEMENTS)

    def carried_out_by(self, doc_id: str, unit_id: str) -> tuple[UnitRef, ...]:
        """The clauses that carry this clause out."""
        return tuple(v.other for v in self.links_to(doc_id, unit_id) if v.relation is Relation.IMPLEMENTS)

    def counterparts(self, doc_id: str, unit_id: str) -> tuple[tuple[UnitRef, ...], tuple[UnitRef, ...]]:
        """What to compare a clause with: (the clauses it carries out, the clauses that carry it out).

        ``implements`` links are preferred; when a side has none, its ``related`` links stand in, so
        a clause that only relates to a central clause (Liaoning （八） → central （四）) can still be compared.
        """
        def pick(views: tuple[LinkView, ...]) -> tuple[UnitRef, ...]:
            strong = tuple(v.other for v in views if v.relation is Relation.IMPLEMENTS)
            return strong or tuple(v.other for v in views)

        return pick(self.links_from(doc_id, unit_id)), pick(self.links_to(doc_id, unit_id))

    # ---- coverage ------------------------------------------------------
    def coverage(self, target_doc: str = "central", by_kind: DocumentKind | None = None) -> tuple[CoverageRow, ...]:
        """Each clause of *target_doc* (and each part with no clauses) with what carries it out.

        Args:
            target_doc: the document whose clauses should be carried out.
            by_kind: count only implementers in documents of this kind (all kinds when None).
        """
        doc = self.document(target_doc)
        rows = []
        for part in doc.parts:
            units: tuple[Unit, ...] = part.clauses or ((part,) if part.num else ())
            for unit in units:
                views = self.links_to(doc.id, unit.id)
                keep = [v for v in views if by_kind is None or v.other.doc.kind is by_kind]
                rows.append(CoverageRow(
                    UnitRef(doc, unit),
                    tuple(v.other for v in keep if v.relation is Relation.IMPLEMENTS),
                    tuple(v.other for v in keep if v.relation is Relation.RELATED),
                ))
        return tuple(rows)

    def city(self, name: str) -> City:
        for city in self.cities:
            if name in (city.name, city.short):
                return city
        raise LookupFailed(f"没有城市 {name!r}；可选：{'、'.join(c.name for c in self.cities)}")


_CLAUSE_REF = re.compile(rf"^[（(]\s*([{CN_NUMERAL_CHARS}]+|\d+)\s*[）)]$|^第?([{CN_NUMERAL_CHARS}]+|\d+)条?$")
_PART_REF = re.compile(rf"^第?([{CN_NUMERAL_CHARS}]+)[、.．]$|^第([{CN_NUMERAL_CHARS}]+)部分$")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def _match_reference(doc: Document, ref: str) -> Unit | None:
    if m := _PART_REF.match(ref):
        value = cn_to_int(m.group(1) or m.group(2))
        return next((p for p in doc.parts if p.num and cn_to_int(p.num.rstrip("、")) == value), None)
    if m := _CLAUSE_REF.match(ref):
        value = _number(m.group(1) or m.group(2))
        return next((c for c in doc.clauses if _clause_value(c.num) == value), None)
    return None


def _clause_value(num: str) -> int | None:
    m = re.search(rf"[{CN_NUMERAL_CHARS}]+|\d+", num)
    try:
        return _number(m.group(0)) if m else None
    except ValueError:
        return None


def _document_files(folder: Path) -> list[Path]:
    return [folder / name for name in document_names(folder)]


def _set_aside(workspace: Workspace, problems: tuple[LoadProblem, ...]) -> tuple[LoadProblem, ...]:
    from ..workspace import WorkspaceError

    out = []
    for problem in problems:
        reported = problem
        try:
            with workspace.lock():  # checked again under the lock: another program may have just fixed it
                if problem.unreadable and still_unreadable(problem):
                    reported = problem.moved(workspace.set_aside(Path(problem.path), problem.problem))
        except WorkspaceError:
            pass  # a read-only data folder: the file is left out again next time, nothing is lost
        out.append(reported)
    return tuple(out)


def _read_documents(builtin: Path, user: Path | None, cache: Path | None, sources,
                    problems: list[LoadProblem]) -> list[Document]:
    """The shipped documents, then the user's readable ones (if *user*; each unreadable one adds to
    *problems*), from *cache* when it holds them for *sources*.  Only a load without problems is cached."""
    from . import doccache

    if cache is not None:
        cached = doccache.read(cache, sources)
        if cached is not None:
            return cached
    docs = _read_dir(builtin) + (read_user_documents(_document_files(user), problems) if user is not None else [])
    if cache is not None and not problems:
        doccache.write(cache, sources, docs)
    return docs


def read_document(path: Path) -> Document:
    """:func:`.xmlio.read_document`.

    HOOK(search-scale): lxml (≈ 6 MiB, 13 ms) is imported only when a document is read; a search from
    the command line answers from the index by the files' stamps alone and never needs it.
    """
    from .xmlio import read_document as read

    return read(path)


def _read_dir(folder: Path) -> list[Document]:
    docs: dict[str, Document] = {}
    for path in _document_files(folder):
        doc = read_document(path)
        if doc.id in docs:
            raise DuplicateIdError(path, f"文档编号 {doc.id} 与同一目录中的另一文件重复")
        docs[doc.id] = doc
    return list(docs.values())
