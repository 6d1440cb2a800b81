"""An import from start to finish: read and structure a file, suggest links, then save what the user accepts.

``prepare_import`` does everything that can be shown before confirming and
writes nothing.  ``commit_import`` saves the document and the accepted links
to the user store, then brings the search index up to date.  The command line
and the import window both go through these two functions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .. import paths
from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Document, DocumentKind, Link
from ..linking import UnitSuggestions, accepted_links, suggest_links
from .build import ImportedFile, load_file
from .central import CompletionPlan, is_same_document, plan_completion
from .errors import ImportFailed
from .store import RemoveResult, UserStore

COMPLETABLE = "central"


@dataclass(frozen=True)
class ImportPlan:
    """What an import would save: the document (merged, when it completes a shipped one) and suggested links."""

    imported: ImportedFile
    document: Document
    suggestions: tuple[UnitSuggestions, ...]
    completion: CompletionPlan | None = None

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
        return ImportPlan(imported, completion.merged, (), completion)
    return ImportPlan(imported, doc, tuple(suggest_links(corpus, doc)))


def _completable(corpus: Corpus, doc: Document, explicit_id: str | None) -> Document | None:
    if doc.kind is not DocumentKind.CENTRAL or explicit_id not in (None, COMPLETABLE):
        return None
    try:
        shipped = corpus.document(COMPLETABLE)
    except LookupFailed:
        return None
    return shipped if is_same_document(doc, shipped) else None


def commit_import(plan: ImportPlan, links: list[Link] | None = None, *, store: UserStore | None = None,
                  replace_existing: bool = False, update_index: bool = True) -> Path:
    """Save *plan*'s document with *links* (default: :meth:`ImportPlan.default_links`).

    Args:
        update_index: bring the search index up to date here (the command line); the window
            passes False and updates its index on its own worker.
    """
    if plan.completion is not None and not plan.completion.changes_anything:
        raise ImportFailed(plan.imported.path, f"导入的文本没有可补全 {plan.document.id} 的条款"
                                               "（编号和标题相同、且内置文本缺正文的条款），未保存")
    store = store or UserStore()
    links = plan.default_links() if links is None else links
    saved = store.save(plan.document, links, replace_existing=replace_existing,
                       replaces_builtin=plan.completion is not None)
    if update_index:
        update_search_index()
    return saved


def remove_document(doc_id: str, *, store: UserStore | None = None) -> RemoveResult:
    """Remove an imported document and its links, and take it out of the search index."""
    result = (store or UserStore()).remove(doc_id)
    update_search_index()
    return result


def update_search_index() -> bool:
    """Bring the search index up to date after a document was imported or removed.

    Opening the index does it: it compares the index with the corpus and re-indexes exactly
    the documents that were added, changed or removed, once (an ``update_document`` after
    the open would index the new document a second time).  Returns False when no index has
    been built yet: the first ``SearchIndex.open`` builds it from the corpus, this document
    included (or not, once removed).
    """
    from ..search import SearchIndex  # whoosh and jieba: loaded only when an index is there to update

    if not (paths.data_dir(create=False) / "index").is_dir():
        return False
    SearchIndex.open(Corpus.load_default()).close()
    return True
