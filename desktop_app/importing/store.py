"""The user's document store: imported documents and accepted links in the user data directory.

Layout (what :meth:`Corpus.load_default` reads)::

    <data dir>/documents/<id>.xml         one imported document each
    <data dir>/documents/crosslinks.tsv   accepted links, same format as policy_texts/crosslinks.tsv

Every write is atomic, and every change is checked first by loading the
corpus it would produce: a save either happens whole and leaves a corpus that
loads, or does not happen at all.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..core.corpus import LINKS_FILE, Corpus
from ..core.errors import CorpusError
from ..core.fileio import atomic_write_bytes, atomic_write_text
from ..core.model import Document, Link
from ..core.tables import dump_links, load_links
from ..core.xmlio import ID_RE, document_to_xml
from .errors import StoreError

LINKS_HEADER = "# PolicyDesk：导入文档时接受的交叉链接（由程序维护，格式同 policy_texts/crosslinks.tsv）\n"


@dataclass(frozen=True)
class RemoveResult:
    doc_id: str
    links_removed: int
    restored_builtin: bool


class UserStore:
    """Saves and removes user documents; never touches the shipped corpus."""

    def __init__(self, folder: str | Path | None = None, builtin_dir: str | Path | None = None) -> None:
        self._folder = Path(folder) if folder else None
        self._builtin = Path(builtin_dir) if builtin_dir else paths.policy_texts_dir()

    @property
    def folder(self) -> Path:
        return self._folder or paths.user_documents_dir(create=False)

    def builtin_ids(self) -> set[str]:
        return {p.stem for p in self._builtin.glob("*.xml")}

    def user_ids(self) -> set[str]:
        return {p.stem for p in self.folder.glob("*.xml")} if self.folder.is_dir() else set()

    def links(self) -> list[Link]:
        path = self.folder / LINKS_FILE
        return load_links(path) if path.exists() else []

    def save(self, doc: Document, links: list[Link], *, replace_existing: bool = False,
             replaces_builtin: bool = False) -> Path:
        """Store *doc* and its accepted *links* (links from *doc* already stored are replaced).

        Raises:
            StoreError: id taken or invalid, or the result would not load; nothing is written then.
        """
        target = self.folder / f"{doc.id}.xml"
        if not ID_RE.match(doc.id):
            raise StoreError(target, f"文档编号 {doc.id!r} 无效：须以英文字母开头，只含英文字母、数字、_ 和 -")
        if doc.id in self.builtin_ids() and not replaces_builtin:
            raise StoreError(target, f"编号 {doc.id} 是内置文档的编号，请另取编号（--id）")
        if doc.id in self.user_ids() and not (replace_existing or replaces_builtin):
            raise StoreError(target, f"已导入过编号为 {doc.id} 的文档；请另取编号（--id），"
                                     f"或先删除（policydesk remove {doc.id}）")
        kept = [lk for lk in self.links() if lk.source_doc != doc.id]
        all_links = kept + [lk for lk in links if lk.source_doc == doc.id] + [
            lk for lk in links if lk.source_doc != doc.id and lk not in kept]
        self._check_loads(target, {doc.id: doc}, all_links, removed=set())
        created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        old = target.read_bytes() if target.exists() else None
        try:
            atomic_write_bytes(target, document_to_xml(doc))
            self._write_links(all_links)
        except OSError:
            with contextlib.suppress(OSError):
                atomic_write_bytes(target, old) if old is not None else target.unlink(missing_ok=True)
                if created:
                    self.folder.rmdir()
            raise
        return target

    def remove(self, doc_id: str) -> RemoveResult:
        """Delete an imported document and every stored link to or from it.

        Removing an imported ``central`` full text brings back the shipped one.

        Raises:
            StoreError: *doc_id* is not an imported document.
        """
        target = self.folder / f"{doc_id}.xml"
        if doc_id not in self.user_ids():
            builtin = "是内置文档，不能删除" if doc_id in self.builtin_ids() else "不是导入的文档"
            raise StoreError(target, f"{doc_id} {builtin}；已导入：{'、'.join(sorted(self.user_ids())) or '（无）'}")
        links = self.links()
        kept = [lk for lk in links if doc_id not in (lk.source_doc, lk.target_doc)]
        if doc_id in self.builtin_ids():
            kept = [lk for lk in links if lk.source_doc != doc_id]  # links to shipped ids stay valid
        self._check_loads(target, {}, kept, removed={doc_id})
        self._write_links(kept)
        target.unlink()
        return RemoveResult(doc_id, len(links) - len(kept), doc_id in self.builtin_ids())

    def _write_links(self, links: list[Link]) -> None:
        path = self.folder / LINKS_FILE
        if links or path.exists():
            atomic_write_text(path, LINKS_HEADER + dump_links(links))

    def _check_loads(self, target: Path, new_docs: dict[str, Document], links: list[Link], removed: set[str]) -> None:
        """Build the corpus the change would produce; refuse the change if it would not load."""
        try:
            current = Corpus.load(self._builtin, self.folder)
            builtin = Corpus.load(self._builtin)
            docs = {d.id: d for d in current.documents if d.id not in removed}
            for doc_id in removed & {d.id for d in builtin.documents}:
                docs[doc_id] = builtin.document(doc_id)
            docs.update(new_docs)
            Corpus(list(docs.values()), list(builtin.links) + links, links_source=str(self.folder / LINKS_FILE))
        except CorpusError as exc:
            raise StoreError(target, f"保存后知识库将无法载入，已取消：{exc}") from None
