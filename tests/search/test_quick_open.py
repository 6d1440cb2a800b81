"""A search from the command line opens an up-to-date index without reading any document.

The index records the stamps (path, size, modification time) of the document files it
was built from; equal stamps let it skip reading them, any difference sends it back to
reading the documents and bringing itself up to date.
"""

from __future__ import annotations

import os
import time

import pytest

from desktop_app.core import corpus as corpus_module
from desktop_app.core.corpus import Corpus
from desktop_app.core.xmlio import document_to_xml
from desktop_app.paths import user_documents_dir
from desktop_app.search import SearchIndex

from .docs import city_document

LONG_AGO = time.time() - 3600


def save_user_document(doc, age: float = LONG_AGO):
    path = user_documents_dir() / f"{doc.id}.xml"
    path.write_bytes(document_to_xml(doc))
    os.utime(path, (age, age))
    return path


def forbid_reading(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("a document was read")

    monkeypatch.setattr(corpus_module, "read_document", fail)


def test_an_unchanged_corpus_opens_without_reading_a_document(corpus, data_dir, monkeypatch):
    save_user_document(city_document(corpus))
    SearchIndex.open_default().close()  # builds, reading every document
    forbid_reading(monkeypatch)
    with SearchIndex.open_default() as index:
        assert index.has_document("anshan") and index.has_document("liaoning")
        assert not index.has_document("shenyang")
        hits = index.search("异地就医")
    first = hits[0]
    assert (first.doc, first.num) == ("liaoning", "（八）")
    assert first.title == "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施"
    assert first.completeness == "full"


def test_what_the_index_holds_says_which_clauses_are_incomplete(corpus, data_dir, monkeypatch):
    SearchIndex.open_default().close()
    forbid_reading(monkeypatch)
    with SearchIndex.open_default() as index:
        hits = index.search("艰苦边远地区", doc="central") + index.search("组织领导", doc="central")
    assert [(h.num, h.completeness) for h in hits] == [("（五）", "partial"), ("（十四）", "partial")]


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_changed_document_file_is_read_and_indexed(corpus, data_dir, change):
    path = save_user_document(city_document(corpus))
    SearchIndex.open_default().close()
    if change == "edit":
        save_user_document(city_document(corpus, city="抚顺"), age=LONG_AGO + 60)
    elif change == "add":
        save_user_document(city_document(corpus, doc_id="fushun", city="抚顺"))
    else:
        path.unlink()
    with SearchIndex.open_default() as index:
        anshan = {h.doc for h in index.search("鞍山")}
        fushun = {h.doc for h in index.search("抚顺")}
    assert (anshan, fushun) == {"edit": (set(), {"anshan"}), "add": ({"anshan"}, {"fushun"}),
                                "remove": (set(), set())}[change]


def test_a_file_written_just_now_is_always_read(corpus, data_dir, monkeypatch):
    # Within its clock's resolution a file can change again without its stamp changing:
    # so soon after a write the stamps are not trusted.
    save_user_document(city_document(corpus), age=time.time())
    assert Corpus.default_sources() is None
    SearchIndex.open_default().close()
    reads = []
    real = corpus_module.read_document
    monkeypatch.setattr(corpus_module, "read_document", lambda p: reads.append(p) or real(p))
    with SearchIndex.open_default() as index:
        assert {h.doc for h in index.search("鞍山")} == {"anshan"}
    assert reads, "the documents should have been read again"


def test_an_import_makes_the_next_open_read_the_documents(corpus, data_dir, monkeypatch):
    SearchIndex.open_default().close()
    doc = city_document(corpus)
    save_user_document(doc)
    with SearchIndex.open_default() as index:
        index.update_document(doc)  # what an import does
    reads = []
    real = corpus_module._read_documents  # from the files or from the document cache (unchanged files)
    monkeypatch.setattr(corpus_module, "_read_documents", lambda *args: reads.append(args) or real(*args))
    with SearchIndex.open_default() as index:
        assert {h.doc for h in index.search("鞍山")} == {"anshan"}
    assert reads
