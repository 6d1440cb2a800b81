"""The drafter's notes as a list to search and export, each with its clause and document.  No Qt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .corpus import Corpus
from .errors import LookupFailed
from .notes import Note


@dataclass(frozen=True)
class NoteEntry:
    """A note with where it is: the document's title, the clause's citation and label (gone: said so)."""

    note: Note
    document: str
    citation: str
    label: str

    @property
    def line(self) -> str:
        """``《…》第（五）条：note text`` (one line per note paragraph joined by ／)."""
        return f"{self.citation}：{' ／ '.join(self.note.text.splitlines())}"


def note_entries(notes: Iterable[Note], corpus: Corpus, *, with_bookmarks: bool = False) -> list[NoteEntry]:
    """Notes with text (and, if asked, bare bookmarks), in document then clause order."""
    order = {d.id: n for n, d in enumerate(corpus.documents)}
    out = []
    for note in notes:
        if not note.text.strip() and not with_bookmarks:
            continue
        try:
            ref = corpus.ref(note.doc, note.unit)
            out.append(NoteEntry(note, ref.doc.title, ref.citation, ref.label))
        except LookupFailed:
            out.append(NoteEntry(note, f"（知识库中已没有文档 {note.doc}）", f"{note.doc}:{note.unit}",
                                 "（条款已不在知识库中）"))
    positions = {key: n for n, key in enumerate(_unit_order(corpus))}
    return sorted(out, key=lambda e: (order.get(e.note.doc, len(order)), positions.get(e.note.key, 0), e.note.unit))


def _unit_order(corpus: Corpus) -> list[tuple[str, str]]:
    return [(d.id, u.id) for d in corpus.documents for p in d.parts for u in (p, *p.clauses)]


def search_notes(entries: Iterable[NoteEntry], query: str) -> list[NoteEntry]:
    """Entries whose note, clause label, citation or document holds every space-separated word of *query*."""
    words = [w.casefold() for w in query.split()]
    found = []
    for e in entries:
        haystack = " ".join((e.note.text, e.label, e.citation, e.document)).casefold()
        if all(w in haystack for w in words):
            found.append(e)
    return found


def notes_text(entries: Iterable[NoteEntry]) -> str:
    """Plain text for a file: each note under its document and clause."""
    blocks = []
    for e in entries:
        when = f"（{e.note.updated[:10]}）" if e.note.updated else ""
        blocks.append(f"{e.citation}　{e.label}{when}\n{e.note.text}")
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def entry_dict(e: NoteEntry) -> dict:
    return {"doc": e.note.doc, "id": e.note.unit, "document": e.document, "citation": e.citation,
            "label": e.label, "text": e.note.text, "bookmark": e.note.bookmark, "updated": e.note.updated}
