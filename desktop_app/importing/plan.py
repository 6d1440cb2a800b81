"""An import from start to finish: read and structure a file, suggest links, then save what the user accepts.

``prepare_import`` does everything that can be shown before confirming and
writes nothing.  ``commit_import`` saves the document and the accepted links
to the user store, then brings the search index up to date.  The command line
and the import window both go through these two functions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Document, DocumentKind, Link
from ..linking import UnitSuggestions, accepted_links, suggest_links
from ..workspace import Workspace
from .build import ImportedFile, load_file
from .central import CompletionPlan, is_same_document, plan_completion
from .errors import FileTooLargeError, ImportFailed, StoreError
from .store import RemoveResult, UserStore, same_content, storable_bytes

COMPLETABLE = "central"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would save: the document (merged, when it completes a shipped one) and suggested links."""

    imported: ImportedFile
    document: Document
    suggestions: tuple[UnitSuggestions, ...]
    completion: CompletionPlan | None = None
    # The id of a document already in the knowledge base with the same text: saving needs allow_duplicate.
    duplicate_of: str | None = None

    def default_links(self) -> list[Link]:
        """The links saved without asking: references and suggestions at or above the threshold."""
        return accepted_links(self.document, list(self.suggestions))


def prepare_import(corpus: Corpus, path: str | Path, *, kind: DocumentKind | None = None, doc_id: str | None = None,
                   encoding: str | None = None, by_paragraph: bool = False, overwrite: bool = False) -> ImportPlan:
    """Read, structure and link *path* against *corpus*; nothing is written.

    An import as ``central`` that is the shipped central document's full text
    (same 文号 or title, or most headings found) completes that document
    instead of becoming a new one.
    """
    taken = {d.id for d in corpus.documents}
    imported = load_file(path, kind=kind, doc_id=doc_id, encoding=encoding, by_paragraph=by_paragraph, taken=taken)
    return plan_for(corpus, imported, overwrite=overwrite, explicit_id=doc_id)


def plan_for(corpus: Corpus, imported: ImportedFile, *, overwrite: bool = False,
             explicit_id: str | None = None) -> ImportPlan:
    """The plan for an already structured file (the import window calls this again after corrections)."""
    doc = imported.document
    shipped = _completable(corpus, doc, explicit_id)
    if shipped is not None:
        completion = plan_completion(shipped, replace(doc, id=shipped.id), overwrite=overwrite)
        _storable(imported.path, completion.merged)
        return ImportPlan(imported, completion.merged, (), completion)
    _storable(imported.path, doc)
    twin = same_content(corpus, doc)
    return ImportPlan(imported, doc, tuple(suggest_links(corpus, doc)), duplicate_of=twin.id if twin else None)


def _storable(path: Path, doc: Document) -> None:
    """Refuse in the preview what saving would refuse (the loader's limits), so no Save can fail later."""
    try:
        storable_bytes(doc, path)
    except StoreError as exc:
        raise FileTooLargeError(path, exc.problem) from None


def _completable(corpus: Corpus, doc: Document, explicit_id: str | None) -> Document | None:
    if doc.kind is not DocumentKind.CENTRAL or explicit_id not in (None, COMPLETABLE):
        return None
    try:
        shipped = corpus.document(COMPLETABLE)
    except LookupFailed:
        return None
    return shipped if is_same_document(doc, shipped) else None


def commit_import(plan: ImportPlan, links: list[Link] | None = None, *, store: UserStore | None = None,
                  replace_existing: bool = False, update_index: bool = True, allow_duplicate: bool = False,
                  workspace: Workspace | None = None) -> Path:
    """Save *plan*'s document with *links* (default: :meth:`ImportPlan.default_links`).

    Args:
        update_index: bring the search index up to date here; the window passes False and updates
            its index on its own worker.  A failed index update does not undo the save: the index
            notices the changed documents the next time it is opened.
        allow_duplicate: save even when a document with the same text is already there.

    Raises:
        DuplicateContentError: same text already imported (``exc.existing_id``) and not *allow_duplicate*.
        StoreError: the save was refused or the disk failed; nothing was saved then.
    """
    if plan.completion is not None and not plan.completion.changes_anything:
        raise ImportFailed(plan.imported.path, f"导入的文本没有可补全 {plan.document.id} 的条款"
                                               "（编号和标题相同、且内置文本缺正文的条款），未保存")
    store = store or UserStore(workspace=workspace)
    links = plan.default_links() if links is None else links
    saved = store.save(plan.document, links, replace_existing=replace_existing,
                       replaces_builtin=plan.completion is not None, allow_duplicate=allow_duplicate)
    if update_index:
        update_search_index(workspace=store.workspace, saved=plan.document)
    return saved


def remove_document(doc_id: str, *, store: UserStore | None = None, workspace: Workspace | None = None,
                    update_index: bool = True) -> RemoveResult:
    """Remove an imported document and its links, and take it out of the search index."""
    store = store or UserStore(workspace=workspace)
    result = store.remove(doc_id)
    if update_index and result.file_removed:
        update_search_index(workspace=store.workspace)
    return result


def update_search_index(*, workspace: Workspace | None = None, saved: Document | None = None) -> bool:
    """Bring the search index up to date after a document was imported or removed.

    Opening the index does it: it compares the index with the corpus and re-indexes exactly
    the documents that were added, changed or removed, once (an ``update_document`` after
    the open would index the new document a second time).  Returns False when no index has
    been built yet: the first ``SearchIndex.open`` builds it from the corpus, this document
    included (or not, once removed).

    *saved*: the document just saved, as the importer holds it.  Only it is indexed then, without
    reading every document file again (its own file, written just now, is too recent for the
    parsed-document cache to trust).  The index records no file stamps after that, so the next
    open compares it with every document as read from disk: a change another process made
    meanwhile, or a saved file that reads back differently, is still found and re-indexed there.
    """
    from ..search import SearchIndex  # whoosh and jieba: loaded only when an index is there to update

    workspace = workspace or Workspace.from_environment()
    if not (workspace.index_parent / "index").is_dir():
        return False
    if saved is not None and _index_saved(workspace, saved):
        return True
    SearchIndex.open(Corpus.load_workspace(workspace), workspace.index_parent).close()
    return True


def _index_saved(workspace: Workspace, saved: Document) -> bool:
    """Add or replace *saved* alone in the index; False when the index on disk is damaged (the caller
    then opens it with the whole corpus, which repairs it)."""
    from ..search import indexer

    try:
        return indexer.update_documents(workspace.index_parent, [saved]) is not None
    except indexer.SearchIndexError:
        raise
    except Exception:  # a damaged segment shows up only when written to
        log.warning("incremental index update failed; opening the index with every document", exc_info=True)
        return False
