"""Writing a segment with whoosh's file layout, without whoosh's per-posting work.

whoosh's :class:`~whoosh.writing.SegmentWriter` puts every posting of every
document in a sorting pool as a 5-tuple (with a size estimate and two type
assertions each), sorts them all when committing (spilling sorted runs to disk
beyond ``limitmb`` and merging them back), then hands them one by one to the
field writer, which asks the document's length and type-checks each posting
again.  At 100,000 clauses that is some 12 million postings through five Python
calls each: most of the build.

:class:`BulkWriter` is that writer with the pool replaced by the posting lists
themselves: while documents are added, each term's document numbers, weights and
values go straight into arrays (document numbers are ascending by construction);
at commit the terms are sorted once, and each list is written a block at a time
(:meth:`ArrayPostingsWriter.add_arrays`).  A search sees exactly what whoosh's own
writer would give it for the same documents — every term's postings and weights,
field lengths, stored fields (``tests/search/test_bulk.py``); the table of contents,
deletions, locking and the merge policy are whoosh's own; postings of segments the
merge policy folds in are appended after ours.
"""

from __future__ import annotations

from array import array

from whoosh.analysis import IDTokenizer
from whoosh.formats import Existence, Frequency
from whoosh.writing import SegmentWriter

from .codec import ArrayPostingsWriter, length_table

# (document numbers, weights, values) of one term: values are frequencies (array "I") for fields that
# count them (:func:`_counts_frequencies`), else each posting's encoded value
_Postings = tuple[array, array, "array | list[bytes]"]


def _whole_value(field) -> bool:
    """Whether *field* indexes its value as one term without a value (whoosh's ``ID``)."""
    return type(field.analyzer) is IDTokenizer and type(field.format) is Existence


def _counts_frequencies(field) -> bool:
    """Whether *field* gives its terms' frequencies and weights directly (``PolicyText.frequencies``) and
    stores frequencies as its postings' values."""
    return type(field.format) is Frequency and hasattr(field, "frequencies")


class BulkWriter(SegmentWriter):
    """A :class:`SegmentWriter` for schemas without term vectors or spelling fields (ours)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        unsupported = [name for name, field in self.schema.items() if field.vector or field.separate_spelling()]
        if unsupported:
            self.cancel()
            raise ValueError(f"BulkWriter does not write vectors or spelling fields: {unsupported}")
        self._postings: dict[str, dict[bytes, _Postings]] = {}
        self._names: dict[tuple[str, ...], list[str]] = {}

    def add_document(self, **fields):
        self._check_state()
        perdoc, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        names = self._names.get(tuple(fields))
        if names is None:  # documents come with the same fields, in the same order: checked once
            names = sorted(name for name in fields if not name.startswith("_"))
            self._check_fields(schema, names)
            self._names[tuple(fields)] = names
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                length = self._index_field(name, field, value, docnum, self._field_boost(fields, name, docboost))
            stored = fields.get("_stored_" + name, value)
            perdoc.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(self, name: str, field, value, docnum: int, boost: float) -> int:
        """Add *value*'s postings to the term lists; returns the field's length in the document."""
        terms = self._postings.get(name)
        if terms is None:
            terms = self._postings[name] = {}
        get = terms.get
        if boost == 1.0 and _counts_frequencies(field):
            # The fast way: terms as str (UTF-8 sorts as str does), frequencies encoded a block at a time.
            freqs, weights = field.frequencies(value)
            for (term, weight), freq in zip(weights.items(), freqs.values(), strict=True):  # same order
                entry = get(term)
                if entry is None:
                    entry = terms[term] = (array("I"), array("f"), array("I"))
                entry[0].append(docnum)
                entry[1].append(weight)
                entry[2].append(freq)
            return sum(freqs.values())
        if isinstance(value, str) and _whole_value(field):  # an ID: one term, the value itself
            entry = get(value.encode("utf-8"))
            if entry is None:
                entry = terms[value.encode("utf-8")] = (array("I"), array("f"), [])
            entry[0].append(docnum)
            entry[1].append(field.format.field_boost * boost)
            entry[2].append(b"")
            return 0
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            entry = get(tbytes)
            if entry is None:
                entry = terms[tbytes] = (array("I"), array("f"), [])
            entry[0].append(docnum)
            entry[1].append(weight * boost)
            entry[2].append(vbytes or b"")
            length += freq
        return length if field.scorable else 0

    def _flush_segment(self):
        self.perdocwriter.close()
        perdoc = self.per_document_reader()
        try:
            self._write_postings(perdoc)
        finally:
            perdoc.close()
        self.fieldwriter.close()

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """The postings of a segment the merge policy folds in join ours (whoosh's pool would assert on
        the empty values whoosh itself reads back for ID fields); their document numbers follow ours,
        so each list stays ascending."""
        for name, tbytes, docnum, weight, vbytes in self._process_posts(reader.iter_postings(), startdoc, docmap):
            field = self.schema[name]
            terms = self._postings.setdefault(name, {})
            if _counts_frequencies(field):
                entry = terms.setdefault(tbytes.decode("utf-8"), (array("I"), array("f"), array("I")))
                entry[2].append(field.format.decode_frequency(vbytes))
            else:
                entry = terms.setdefault(tbytes, (array("I"), array("f"), []))
                entry[2].append(vbytes or b"")
            entry[0].append(docnum)
            entry[1].append(weight)

    def _write_postings(self, perdoc) -> None:
        writer = self.fieldwriter
        for name in sorted(self._postings):
            terms = self._postings[name]
            lengths = length_table(perdoc, name) if self.schema[name].scorable else None
            writer.start_field(name, self.schema[name])
            postings: ArrayPostingsWriter = writer._postwriter
            for term in sorted(terms):
                writer.start_term(term.encode("utf-8") if isinstance(term, str) else term)
                postings.add_arrays(*terms[term], lengths)
                writer.finish_term()
            writer.finish_field()
        self._postings = {}
