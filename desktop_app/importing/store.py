"""The user's document store: imported documents and accepted links in the user data directory.

Layout (what :meth:`Corpus.load_workspace` reads)::

    <data dir>/documents/<id>.xml         one imported document each
    <data dir>/documents/crosslinks.tsv   accepted links, same format as policy_texts/crosslinks.tsv

Every change holds the knowledge-base lock (:meth:`Workspace.lock`) from reading the current state to
the last write, so two imports at once both keep their links.  Every write is atomic, the exact bytes
of a document are read back with the loader's own limits before anything is written, and a change is
checked by building the corpus it would produce: a save happens whole and leaves a knowledge base
that loads, or does not happen at all.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..core.corpus import LINKS_FILE, Corpus
from ..core.errors import CorpusError
from ..core.fileio import atomic_write_bytes, atomic_write_text
from ..core.model import Document, Link
from ..core.tables import dump_links, load_links
from ..core.userfiles import keep_resolvable
from ..core.xmlio import ID_RE, document_from_xml, document_to_xml, parse_xml_bytes
from ..workspace import Workspace, os_reason
from .errors import DuplicateContentError, StoreError

LINKS_HEADER = "# PolicyDesk：导入文档时接受的交叉链接（由程序维护，格式同 policy_texts/crosslinks.tsv）\n"


@dataclass(frozen=True)
class RemoveResult:
    doc_id: str
    links_removed: int
    restored_builtin: bool
    file_removed: bool = True


def storable_bytes(doc: Document, path: str | Path) -> bytes:
    """The exact bytes that saving *doc* writes, after reading them back as the loader will.

    Raises:
        StoreError: the document cannot be written, or the loader would refuse what is written
            (too large, a paragraph past the parser's limit); nothing is written then.
    """
    try:
        data = document_to_xml(doc)
    except ValueError as exc:  # lxml refuses characters XML cannot hold
        raise StoreError(path, f"文本中含有无法保存的字符（{exc}），未保存") from None
    try:
        document_from_xml(parse_xml_bytes(data, path), path)
    except CorpusError as exc:
        raise StoreError(path, f"保存后的文件将无法被本程序读取（{exc.problem}），未保存；"
                               "文件可能过大或某一段过长，请拆分后分别导入") from None
    return data


def content_key(doc: Document) -> str:
    """A fingerprint of a document's text (numbers, headings, paragraphs), blind to its id and metadata."""
    h = hashlib.sha256()
    for part in doc.parts:
        for unit in (part, *part.clauses):
            h.update(unit.full_text().encode("utf-8"))
            h.update(b"\x00")
    return h.hexdigest()


def same_content(corpus: Corpus, doc: Document) -> Document | None:
    """A document of *corpus* (other than *doc*'s own id) with the same text, if any."""
    key = content_key(doc)
    return next((d for d in corpus.documents if d.id != doc.id and content_key(d) == key), None)


class UserStore:
    """Saves and removes user documents; never touches the shipped corpus."""

    def __init__(self, folder: str | Path | None = None, builtin_dir: str | Path | None = None, *,
                 workspace: Workspace | None = None) -> None:
        if workspace is None:
            workspace = Workspace(Path(folder).parent) if folder else Workspace.from_environment()
        self.workspace = workspace
        self._folder = Path(folder) if folder else workspace.documents_dir
        self._builtin = Path(builtin_dir) if builtin_dir else paths.policy_texts_dir()

    @property
    def folder(self) -> Path:
        return self._folder

    def builtin_ids(self) -> set[str]:
        return {p.stem for p in self._builtin.glob("*.xml")}

    def user_ids(self) -> set[str]:
        return {p.stem for p in self.folder.glob("*.xml")} if self.folder.is_dir() else set()

    def links(self) -> list[Link]:
        path = self.folder / LINKS_FILE
        return load_links(path) if path.exists() else []

    def save(self, doc: Document, links: list[Link], *, replace_existing: bool = False,
             replaces_builtin: bool = False, allow_duplicate: bool = False) -> Path:
        """Store *doc* and its accepted *links* (links from *doc* already stored are replaced).

        Raises:
            StoreError: id taken or invalid, the result would not load, or the disk refused the
                write; nothing is written then (a write cut short is rolled back).
            DuplicateContentError: a document with the same text is already in the knowledge base
                and *allow_duplicate* is false.
        """
        target = self.folder / f"{doc.id}.xml"
        if not ID_RE.match(doc.id):
            raise StoreError(target, f"文档编号 {doc.id!r} 无效：须以英文字母开头，只含英文字母、数字、_ 和 -")
        data = storable_bytes(doc, target)
        with self.workspace.lock():
            self._check_id(doc.id, target, replace_existing or replaces_builtin)
            kept = [lk for lk in self._stored_links(target) if lk.source_doc != doc.id]
            new = [lk for lk in links if lk.source_doc == doc.id] + [
                lk for lk in links if lk.source_doc != doc.id and lk not in kept]
            current = self._check_loads(target, {doc.id: doc}, kept, new, removed=set())
            if not (allow_duplicate or replaces_builtin) and (twin := same_content(current, doc)) is not None:
                raise DuplicateContentError(target, twin.id, f"与知识库中已有的 {twin.id}《{twin.title}》内容相同，"
                                                             "未重复导入（确需另存一份时加 --allow-duplicate）")
            self._write(target, data, kept + new)
        return target

    def _check_id(self, doc_id: str, target: Path, may_replace: bool) -> None:
        if doc_id in self.builtin_ids() and not may_replace:
            raise StoreError(target, f"编号 {doc_id} 是内置文档的编号，请另取编号（--id）")
        if doc_id in self.user_ids() and not may_replace:
            raise StoreError(target, f"已导入过编号为 {doc_id} 的文档；请另取编号（--id），"
                                     f"或先删除（policydesk remove {doc_id}）")

    def _write(self, target: Path, data: bytes, links: list[Link]) -> None:
        created = not self.folder.exists()
        old = None
        try:
            self.workspace.folder(self.folder)
            old = target.read_bytes() if target.exists() else None
            atomic_write_bytes(target, data)
            self._write_links(links)
        except OSError as exc:
            undone = self._roll_back(target, old, created)
            state = "未保存任何内容" if undone else f"文档可能已部分保存，请检查 {target}"
            raise StoreError(exc.filename or target, f"无法保存：{os_reason(exc)}；{state}") from None

    def _roll_back(self, target: Path, old: bytes | None, created: bool) -> bool:
        try:
            if old is not None:
                if target.read_bytes() != old:
                    atomic_write_bytes(target, old)
            else:
                target.unlink(missing_ok=True)
        except OSError:
            return False
        if created:
            with contextlib.suppress(OSError):
                self.folder.rmdir()
        return True

    def remove(self, doc_id: str) -> RemoveResult:
        """Delete an imported document and every stored link to or from it.

        Removing an imported ``central`` full text brings back the shipped one.  A document that was
        set aside (unreadable) has only its links left here: they are removed.

        Raises:
            StoreError: *doc_id* is not an imported document and no stored link names it.
        """
        target = self.folder / f"{doc_id}.xml"
        with self.workspace.lock():
            links = self._stored_links(target)
            if doc_id not in self.user_ids():
                return self._remove_links_only(target, doc_id, links)
            kept = [lk for lk in links if doc_id not in (lk.source_doc, lk.target_doc)]
            if doc_id in self.builtin_ids():
                kept = [lk for lk in links if lk.source_doc != doc_id]  # links to shipped ids stay valid
            self._check_loads(target, {}, kept, [], removed={doc_id})
            try:
                self._write_links(kept)
                target.unlink()
            except OSError as exc:
                raise StoreError(exc.filename or target, f"无法删除：{os_reason(exc)}") from None
        return RemoveResult(doc_id, len(links) - len(kept), doc_id in self.builtin_ids())

    def _remove_links_only(self, target: Path, doc_id: str, links: list[Link]) -> RemoveResult:
        kept = [lk for lk in links if doc_id not in (lk.source_doc, lk.target_doc)]
        if len(kept) == len(links) or doc_id in self.builtin_ids():
            builtin = "是内置文档，不能删除" if doc_id in self.builtin_ids() else "不是导入的文档"
            raise StoreError(target, f"{doc_id} {builtin}；已导入：{'、'.join(sorted(self.user_ids())) or '（无）'}")
        try:
            self._write_links(kept)
        except OSError as exc:
            raise StoreError(exc.filename or target, f"无法删除链接：{os_reason(exc)}") from None
        return RemoveResult(doc_id, len(links) - len(kept), False, file_removed=False)

    def _stored_links(self, target: Path) -> list[Link]:
        """The links file as it is now (read under the lock); unreadable, it must be set aside first."""
        try:
            return self.links()
        except CorpusError as exc:
            raise StoreError(target, f"链接文件无法读取，未作任何改动：{exc}") from None

    def _write_links(self, links: list[Link]) -> None:
        path = self.folder / LINKS_FILE
        if links or path.exists():
            atomic_write_text(path, LINKS_HEADER + dump_links(links))

    def _check_loads(self, target: Path, new_docs: dict[str, Document], kept: list[Link], new: list[Link],
                     removed: set[str]) -> Corpus:
        """Build the corpus the change would produce; refuse the change if it would not load.

        Stored links whose ends are gone (a document set aside) stay in the file and are skipped, as
        the loader skips them; the links of this change must all resolve.
        """
        try:
            current = Corpus.load(self._builtin, self.folder)
            builtin = Corpus.load(self._builtin)
            docs = {d.id: d for d in current.documents if d.id not in removed}
            for doc_id in removed & {d.id for d in builtin.documents}:
                docs[doc_id] = builtin.document(doc_id)
            docs.update(new_docs)
            units = {(d.id, u.id) for d in docs.values() for p in d.parts for u in (p, *p.clauses)}
            old = keep_resolvable(kept, units, self.folder / LINKS_FILE, [])
            return Corpus(list(docs.values()), list(builtin.links) + old + new,
                          links_source=str(self.folder / LINKS_FILE))
        except CorpusError as exc:
            raise StoreError(target, f"保存后知识库将无法载入，已取消：{exc}") from None
