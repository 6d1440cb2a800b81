"""whoosh's W3 codec with posting blocks that Python decodes at C speed.

whoosh stores a block of postings as a pickled tuple of delta-encoded ids and of
weights, so reading a common word's 60,000 postings makes 120,000 Python objects
one by one (the larger part of a query's time at 100,000 clauses).  This codec
keeps whoosh's file layout, block statistics and compression, but a block's ids
and weights are the raw bytes of ``array('I')`` and ``array('f')`` (little-endian,
absolute ids): decoding is a copy.  whoosh's own matchers read them through the
overridden ``_read_ids`` / ``_read_weights``; :mod:`.scoring` reads
:func:`block_arrays` directly.

Its segments also open their compound file without copying it: whoosh maps the
file into memory and then copies each part it opens into a ``BytesIO`` (the whole
postings file, 100 MB at 100,000 clauses, three times over for an index opened,
checked and searched); :class:`ViewFile` reads the mapping in place.

The codec is pickled into the index's table of contents with the segments, so an
index is always read by the codec that wrote it.
"""

from __future__ import annotations

import sys
from array import array
from pickle import dumps

from whoosh import columns
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    W3Segment,
    W3TermInfo,
    _lenfield,
)
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _ENTRY_LENGTHS
from whoosh.filedb.structfile import BufferFile
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

# The layout of a posting block as this codec writes it, recorded in the index manifest: bump it whenever
# the block format changes, and every index written before is rebuilt instead of misread.
FORMAT_VERSION = 1
_SWAP = sys.byteorder != "little"  # files are little-endian on every machine
_BIG = sys.byteorder == "big"
BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
# A document's stored fields, pickled but not compressed: whoosh deflates each document's on its own
# (a zlib stream set up per document: a sixth of building the index, for a file a third smaller).
# Full posting blocks (the words in more than a block's worth of documents: the common ones, whose long
# lists make the slow queries) are stored uncompressed: inflating them was a sixth of the slowest query
# at 100,000 clauses.  Shorter blocks (most terms) stay compressed.
RAW_FULL_BLOCKS = True
RAW_STORED = columns.PickleColumn(columns.VarBytesColumn())


def _to_bytes(values: array) -> bytes:
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_bytes(typecode: str, raw: bytes) -> array:
    values = array(typecode)
    values.frombytes(raw)
    if _SWAP:
        values.byteswap()
    return values


class ArrayPostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        """whoosh's, without its per-posting type assertions (a tenth of building the index)."""
        if self._byteids:
            super().add_posting(id_, weight, vbytes, length)
            return
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:  # noqa: PLR1730 - cheaper than a call to max() per posting
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:  # noqa: PLR1730
                self._maxlength = length

    def finish_postings(self):
        """whoosh's, with its inlining made to work (it calls a ``set_inline`` that W3TermInfo lacks, so
        whoosh never inlines): a posting list shorter than ``inlinelimit`` goes in the term's entry of
        the terms table instead of a block of its own (a pickle, a zlib stream and a header each)."""
        if self._byteids or self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo, self._terminfo = self._terminfo, None
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values)
        return terminfo

    def add_arrays(self, ids: array, weights: array, values: list, lengths: list[int] | None) -> None:
        """A whole posting list at once (documents ascending), as :meth:`add_posting` one by one would
        leave it: full blocks written, the last one buffered for ``finish_postings``.  *values* are the
        postings' encoded values, or an ``array('I')`` of frequencies (whoosh's ``Frequency`` format).
        *lengths* are the field's length of every document of the segment (None: the field has none)."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if start:
                self._write_block()
            block = ids[start:start + limit]
            self._ids = block
            self._weights = weights[start:start + limit]
            block_values = values[start:start + limit]
            if isinstance(block_values, array):  # frequencies: whoosh's Frequency format packs them big-endian
                if not _BIG:
                    block_values.byteswap()
                self._values = [block_values.tobytes()]
            else:
                self._values = block_values if all(block_values) else [v for v in block_values if v]
            self._maxweight = max(0.0, max(self._weights))  # noqa: PLW3301 - max of an array at C speed
            if lengths:
                self._minlength, self._maxlength = _length_range(lengths, block)

    def inlined_entry(self, docnum: int, weight: float, value, length: int) -> bytes:
        """The terms table's entry of a term in one document only, as :meth:`add_arrays` of its posting and
        :meth:`finish_postings` would make it, then ``W3TermInfo.to_bytes`` (without the objects: most of a
        segment's terms are a unit's ``key``).  *weight* is a float32 (from an ``array("f")``); *value* the
        posting's frequency (an int: ``Frequency`` format) or its encoded value; *length* the field's
        length in the document (0: none)."""
        values = (pack_uint(value),) if isinstance(value, int) else (value,) if value else ()
        maxweight = weight if weight > 0.0 else 0  # as max(0, max(0.0, weight)) leaves it
        minlength = length_to_byte(length) if length else 0
        info = W3TermInfo._struct.pack(True, weight, 1, minlength, length_to_byte(length), maxweight, docnum, docnum)
        return info + dumps(((docnum,), (weight,), values), 2)

    def _write_block(self, last=False):
        """whoosh's, with a full block stored uncompressed (see :data:`RAW_FULL_BLOCKS`)."""
        compression = self._compression
        if RAW_FULL_BLOCKS and not self._byteids and len(self._ids) >= self._blocklimit:
            self._compression = 0  # whoosh records it in the block's header; its reader and ours honour it
        try:
            super()._write_block(last)
        finally:
            self._compression = compression

    def _mini_ids(self):
        if self._byteids:  # term vectors: ids are terms
            return super()._mini_ids()
        return _to_bytes(self._ids)

    def _mini_weights(self):
        if self._byteids:  # term vectors are read by whoosh's own matcher
            return super()._mini_weights()
        weights = self._weights
        first = weights[0]
        if first == first and first != 0.0:  # noqa: PLR0124 - neither NaN nor ±0: equal floats, equal bytes
            same = weights.tobytes() == weights[:1].tobytes() * len(weights)  # compared at C speed
        else:
            same = weights.count(first) == len(weights)
        if same:  # whoosh's shorthand: None for all 1.0, else the one value
            return None if first == 1.0 else first
        return _to_bytes(weights)


class ArrayLeafMatcher(W3LeafMatcher):
    def _read_ids(self):
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        self._ids = ids if self._byteids else _from_bytes("I", ids)

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        self._weights = block_weights(self._data[1], self._blocklength)


def block_weights(raw, count: int) -> array:
    """A block's weights from what the writer stored (None: all 1.0; a float: all that; else bytes)."""
    if raw is None or isinstance(raw, float):
        return array("f", [1.0 if raw is None else raw]) * count
    return _from_bytes("f", raw)


def block_arrays(matcher: ArrayLeafMatcher) -> tuple[array, array]:
    """(ids, weights) of the block *matcher* is on."""
    matcher._read_data()
    data = matcher._data
    return _from_bytes("I", data[0]), block_weights(data[1], matcher._blocklength)


def length_codes(perdoc, field: str) -> bytes | None:
    """Every document's length of *field* from a W3 per-document reader as whoosh keeps it, one byte per
    document (``length_to_byte``; :data:`BYTE_LENGTHS` decodes), read in one go; None if *perdoc* is not one."""
    try:
        column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        return bytes(column._dbfile.get(column._basepos, column._count))
    except Exception:  # another codec or reader: callers ask document by document
        return None


def length_table(perdoc, field: str) -> list[int] | None:
    """:func:`length_codes` decoded."""
    codes = length_codes(perdoc, field)
    return None if codes is None else [BYTE_LENGTHS[b] for b in codes]


def _length_range(lengths: list[int], ids: array) -> tuple[int | None, int]:
    """(shortest, longest) non-zero field length of the documents *ids* ((None, 0) if every one is 0), as
    whoosh's writer tracks them posting by posting."""
    block = list(map(lengths.__getitem__, ids))
    shortest = min(block)
    if not shortest:
        block = [n for n in block if n]
        if not block:
            return None, 0
        shortest = min(block)
    return shortest, max(block)


class _LengthTables:
    """``doc_field_length`` answered from :func:`length_table` (whoosh asks once per posting while
    writing postings, a file read each time: a fifth of building the index)."""

    def __init__(self, lengths):
        self._lengths = lengths
        self._perdoc = getattr(lengths, "_perdoc", lengths)
        self._tables: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if fieldname not in self._tables:
            self._tables[fieldname] = length_table(self._perdoc, fieldname)
        table = self._tables[fieldname]
        if table is None or docnum >= len(table):
            return self._lengths.doc_field_length(docnum, fieldname, default)
        return table[docnum] or default


class ArrayFieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        self._inlined: list[tuple[bytes, bytes]] = []

    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _LengthTables(lengths) if lengths else lengths, items)

    def add_term(self, btext: bytes, ids: array, weights: array, values, lengths: list[int] | None) -> None:
        """``start_term``, :meth:`ArrayPostingsWriter.add_arrays` and ``finish_term`` in one (terms in
        ascending order); a term in one document only goes to the terms table with the others that follow
        it (:meth:`ArrayPostingsWriter.inlined_entry`, :func:`add_entries`): most of a segment's terms are
        its units' keys."""
        postings: ArrayPostingsWriter = self._postwriter
        if len(ids) == 1 and postings._inlinelimit > 1:
            docnum = ids[0]
            entry = postings.inlined_entry(docnum, weights[0], values[0], lengths[docnum] if lengths else 0)
            self._inlined.append((pack_ushort(self._fieldid) + btext, entry))
            return
        self._write_inlined()
        self.start_term(btext)
        postings.add_arrays(ids, weights, values, lengths)
        self.finish_term()

    def finish_term(self):
        self._write_inlined()
        super().finish_term()

    def finish_field(self):
        self._write_inlined()
        super().finish_field()

    def _write_inlined(self) -> None:
        if self._inlined:
            add_entries(self._tindex, self._inlined)
            self._inlined = []


def add_entries(table: OrderedHashWriter, entries: list[tuple[bytes, bytes]]) -> None:
    """``table.add(key, value)`` for each of *entries* (keys ascending, after the table's last), with one
    write: the same file, positions and hash buckets."""
    dbfile, hashfn, buckets = table.dbfile, table.hashfn, table.buckets
    pos, last = dbfile.tell(), table.lastkey
    positions, parts = [], []
    for key, value in entries:
        if key <= last:
            raise ValueError(f"Keys must increase: {last!r}..{key!r}")
        last = key
        positions.append(pos)
        parts += (_ENTRY_LENGTHS.pack(len(key), len(value)), key, value)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        pos += _ENTRY_LENGTHS.size + len(key) + len(value)
    index = table.index
    try:
        index.array.extend(array(index.typecode, positions))  # whoosh's GrowableArray, a number at a time
    except OverflowError:  # positions past the array's type: whoosh's append changes it
        index.extend(positions)
    dbfile.write(b"".join(parts))
    table.lastkey = entries[-1][0]


class ViewFile:
    """A read-only file over a memoryview, read in place (``BytesIO(view)`` copies the view first)."""

    def __init__(self, view: memoryview):
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def peek(self, size: int = 0) -> bytes:
        """Bytes ahead without moving (pickle reads a block's header with one peek and one read, not
        a read per opcode)."""
        return bytes(self._view[self._pos:self._pos + max(size, 1)])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        line = bytearray()
        while size is None or size < 0 or len(line) < size:
            byte = self.read(1)
            line += byte
            if not byte or byte == b"\n":
                break
        return bytes(line)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


class _MappedFile(BufferFile):
    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = ViewFile(buf)


class MappedCompoundStorage(CompoundStorage):
    """whoosh's compound file, its parts read in place from the memory map."""

    def open_file(self, name, *args, **kwargs):
        if self._source is None or self.is_closed:
            return super().open_file(name, *args, **kwargs)
        offset, length = self.range(name)
        return _MappedFile(memoryview(self._source)[offset:offset + length], name=name)


class RawStoredWriter(W3PerDocWriter):
    def _create_column(self, fieldname, column):
        super()._create_column(fieldname, RAW_STORED if fieldname == "_stored" else column)


class RawStoredReader(W3PerDocReader):
    def stored_fields(self, docnum):
        return self._cached_reader("_stored", RAW_STORED)[docnum] or {}


class ArraySegment(W3Segment):
    def open_compound_file(self, storage):
        dbfile = storage.open_file(self.make_filename(self.COMPOUND_EXT))
        return MappedCompoundStorage(dbfile, use_mmap=storage.supports_mmap)


class ArrayCodec(W3Codec):
    """:class:`W3Codec` with :class:`ArrayPostingsWriter` blocks and :class:`ArraySegment` segments.

    A term found in one document only keeps its posting in the terms table (``inlinelimit`` 2).
    Stored fields are kept uncompressed (:data:`RAW_STORED`) by codecs made by this version; a codec
    unpickled from an older index lacks ``raw_stored`` and reads them compressed, as they were written.
    """

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = 2):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)
        self.raw_stored = True

    def per_document_writer(self, storage, segment):
        if getattr(self, "raw_stored", False):
            return RawStoredWriter(self, storage, segment)
        return super().per_document_writer(storage, segment)

    def per_document_reader(self, storage, segment):
        if getattr(self, "raw_stored", False):
            return RawStoredReader(storage, segment)
        return super().per_document_reader(storage, segment)

    def new_segment(self, storage, indexname):
        return ArraySegment(self, indexname)

    def field_writer(self, storage, segment):
        return ArrayFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                   compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
