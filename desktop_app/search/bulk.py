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
from collections import defaultdict, deque
from functools import partial
from itertools import repeat

from whoosh.analysis import IDTokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocWriter, _lenfield
from whoosh.formats import Existence, Frequency
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from .codec import length_table

_drain = deque(maxlen=0).extend  # runs an iterator to its end at C speed
_append = array.append


def _whole_value(field) -> bool:
    """Whether *field* indexes its value as one term without a value (whoosh's ``ID``)."""
    return type(field.analyzer) is IDTokenizer and type(field.format) is Existence


def _counts_frequencies(field) -> bool:
    """Whether *field* gives its terms' frequencies and weights directly (``PolicyText.counts``) and stores
    frequencies as its postings' values."""
    return type(field.format) is Frequency and hasattr(field, "counts")


class _Lists:
    """One field's posting lists: for each term, its documents (ascending), weights and encoded values
    (the field's terms are ``bytes``)."""

    def __init__(self):
        self.ids: defaultdict[bytes, array] = defaultdict(partial(array, "I"))
        self.weights: defaultdict[bytes, array] = defaultdict(partial(array, "f"))
        self.values: defaultdict[bytes, list] = defaultdict(list)

    def add(self, term: bytes, docnum: int, weight: float, value: bytes) -> None:
        self.ids[term].append(docnum)
        self.weights[term].append(weight)
        self.values[term].append(value)

    def terms(self) -> list[bytes]:
        return sorted(self.ids)

    def term_bytes(self, term: bytes) -> bytes:
        return term

    def arrays(self, term: bytes) -> tuple[array, array, list]:
        return self.ids[term], self.weights[term], self.values[term]


class _CountedLists(_Lists):
    """The posting lists of a field that gives its terms' frequencies (``PolicyText``): terms are ``str``
    (UTF-8 sorts as str does), values are the frequencies (an ``array("I")``, encoded a block at a time).

    A posting's weight is its frequency but for the few terms of a clause's heading, so weights are made
    from the frequencies when the list is written, and only those others are kept, with their postings'
    places in the list.  A document's postings are added with ``map`` at C speed: two dictionary look-ups
    and two appends per posting, no Python bytecode (:meth:`add_counts`)."""

    def __init__(self):
        super().__init__()
        self.values: defaultdict[str, array] = defaultdict(partial(array, "I"))  # type: ignore[assignment]
        # The weights that are not the frequency, and where they are in the term's list (4 bytes each, not
        # a tuple: a build of 100,000 clauses keeps some 600,000)
        self.weights: defaultdict[str, array] = defaultdict(partial(array, "f"))
        self.places: defaultdict[str, array] = defaultdict(partial(array, "I"))

    def add_counts(self, docnum: int, freqs: dict[str, int], weights: dict[str, float]) -> None:
        """Document *docnum*'s postings: *freqs* by term, and the *weights* that are not the frequency."""
        ids = self.ids
        _drain(map(_append, map(ids.__getitem__, freqs), repeat(docnum)))
        _drain(map(_append, map(self.values.__getitem__, freqs), freqs.values()))
        if weights:
            _drain(map(_append, map(self.places.__getitem__, weights), [len(ids[term]) - 1 for term in weights]))
            _drain(map(_append, map(self.weights.__getitem__, weights), weights.values()))

    def add(self, term: str, docnum: int, weight: float, value: int) -> None:
        ids = self.ids[term]
        ids.append(docnum)
        self.values[term].append(value)
        if weight != value:
            self.places[term].append(len(ids) - 1)
            self.weights[term].append(weight)

    def term_bytes(self, term: str) -> bytes:
        return term.encode("utf-8")

    def arrays(self, term: str) -> tuple[array, array, array]:
        freqs = self.values[term]
        weights = array("f")
        try:
            weights.frombytes(b"".join(map(_FLOAT32.__getitem__, freqs)))
        except IndexError:  # a frequency past the table's
            weights.extend(map(float, freqs))
        if term in self.places:
            for place, weight in zip(self.places[term], self.weights[term], strict=True):
                weights[place] = weight
        return self.ids[term], weights, freqs


# The bytes of each small whole number as a float32, as array("f") holds it: a list's weights from its
# frequencies at C speed (array("f").append converts each number through a format parser).
_FLOAT32 = [array("f", [n]).tobytes() for n in range(1024)]


class BulkWriter(SegmentWriter):
    """A :class:`SegmentWriter` for schemas without term vectors or spelling fields (ours)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        unsupported = [name for name, field in self.schema.items() if field.vector or field.separate_spelling()]
        if unsupported:
            self.cancel()
            raise ValueError(f"BulkWriter does not write vectors or spelling fields: {unsupported}")
        self._postings: dict[str, _Lists] = {}
        self._plans: dict[tuple[str, ...], list | None] = {}

    def _lists(self, name: str) -> _Lists:
        lists = self._postings.get(name)
        if lists is None:
            lists = self._postings[name] = _CountedLists() if _counts_frequencies(self.schema[name]) else _Lists()
        return lists

    def add_document(self, **fields):
        self._check_state()
        key = tuple(fields)
        plan = self._plans[key] if key in self._plans else self._plan(fields)
        if plan is None:
            self._add_document(fields)
        else:
            self._add_plain(plan, fields)
        self._added = True
        self.docnum += 1

    def _plan(self, fields: dict) -> list | None:
        """How documents with *fields* (names in this order) are added: for each field in whoosh's order,
        (name, how it is indexed, whether it is stored); None when whoosh's general way is needed (boosts,
        ``_stored_`` values, sortable columns, another codec's writer).  Documents come with the same fields
        in the same order, so this is worked out once."""
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, names)
        fields_of = [self.schema[name] for name in names]
        plain = (len(names) == len(fields) and isinstance(self.perdocwriter, W3PerDocWriter)
                 and not any(field.column_type for field in fields_of))
        plan = [(name, field, self._indexer(field), field.stored) for name, field in zip(names, fields_of, strict=True)]
        self._plans[tuple(fields)] = plan if plain else None
        return self._plans[tuple(fields)]

    def _indexer(self, field):
        if not field.indexed:
            return None
        if _counts_frequencies(field):
            return self._index_counts
        return self._index_whole if _whole_value(field) else self._index_any

    def _add_plain(self, plan: list, fields: dict) -> None:
        """A document without boosts or separate stored values: its postings into the term lists, its
        stored fields and field lengths straight to the per-document writer's columns."""
        perdoc, docnum = self.perdocwriter, self.docnum
        perdoc.start_doc(docnum)
        stored = perdoc._storedfields
        for name, field, index, store in plan:
            value = fields[name]
            if value is None:
                continue
            if store:
                stored[name] = value
            if index is not None:
                length = index(name, field, value, docnum)
                if length and field.scorable:
                    self._add_length(perdoc, name, length)
        perdoc.finish_doc()

    @staticmethod
    def _add_length(perdoc, name: str, length: int) -> None:
        """What whoosh's ``W3PerDocWriter.add_field`` does with a field's length."""
        lenfield = _lenfield(name)
        column = perdoc._colwriters.get(lenfield)
        if column is None:
            perdoc.add_column_value(lenfield, LENGTHS_COLUMN, length_to_byte(length))
        else:
            column.add(perdoc._docnum, length_to_byte(length))
        perdoc._fieldlengths[name] += length

    def _add_document(self, fields: dict) -> None:
        """whoosh's ``SegmentWriter.add_document``, with the postings going to the term lists."""
        perdoc, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, name, docboost)
                index = self._index_counts if _counts_frequencies(field) else self._index_any
                length = index(name, field, value, docnum, boost)
            stored = fields.get("_stored_" + name, value)
            perdoc.add_field(name, field, stored if field.stored else None, length if field.scorable else 0)
            if field.column_type and stored is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        perdoc.finish_doc()

    def _index_counts(self, name: str, field, value, docnum: int, boost: float = 1.0) -> int:
        """The fast way (``PolicyText``): terms as str (UTF-8 sorts as str does), frequencies encoded a
        block at a time.  Returns the field's length in the document."""
        freqs, weights = field.counts(value)
        if boost != 1.0:
            weights = {term: weights.get(term, freq) * boost for term, freq in freqs.items()}
        self._lists(name).add_counts(docnum, freqs, weights)
        return sum(freqs.values())

    def _index_whole(self, name: str, field, value, docnum: int, boost: float = 1.0) -> int:
        """An ID: one term, the value itself."""
        if not isinstance(value, str) or boost != 1.0:
            return self._index_any(name, field, value, docnum, boost)
        self._lists(name).add(value.encode("utf-8"), docnum, field.format.field_boost, b"")
        return 0

    def _index_any(self, name: str, field, value, docnum: int, boost: float = 1.0) -> int:
        """Any other field, through whoosh's ``field.index``."""
        lists = self._lists(name)
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            lists.add(tbytes, docnum, weight * boost, vbytes or b"")
            length += freq
        return length

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
            lists = self._lists(name)
            if isinstance(lists, _CountedLists):
                lists.add(tbytes.decode("utf-8"), docnum, weight, self.schema[name].format.decode_frequency(vbytes))
            else:
                lists.add(tbytes, docnum, weight, vbytes or b"")

    def _write_postings(self, perdoc) -> None:
        writer = self.fieldwriter
        for name in sorted(self._postings):
            lists = self._postings[name]
            lengths = length_table(perdoc, name) if self.schema[name].scorable else None
            writer.start_field(name, self.schema[name])
            add_term = writer.add_term
            for term in lists.terms():
                add_term(lists.term_bytes(term), *lists.arrays(term), lengths)
            writer.finish_field()
        self._postings = {}
