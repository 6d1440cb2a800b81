"""The index looks after itself: kept in step with the corpus, incremental, repaired when damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.search import SearchIndex, indexer

from .docs import city_document

LN, CE = "liaoning", "central"


def files_state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def forbid_rebuild(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(indexer, "rebuild", fail)


@pytest.fixture
def count_rebuilds(monkeypatch):
    calls = []
    real = indexer.rebuild

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(indexer, "rebuild", counting)
    return calls


def expected_units(docs) -> int:
    # every clause, every part with a heading or text, and each document's title and preamble
    return sum(len(d.clauses) + sum(1 for p in d.parts if p.heading or p.paragraphs) + bool(d.title)
               + bool(d.preamble) for d in docs)


def test_index_lives_in_the_user_data_dir(corpus, data_dir):
    with SearchIndex.open(corpus) as index:
        assert index.search("异地就医")
        assert index.doc_count() == expected_units(corpus.documents) == 48
    manifest = json.loads((data_dir / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["docs"]) == {LN, CE}


def test_reopening_an_unchanged_corpus_writes_nothing(corpus, data_dir):
    SearchIndex.open(corpus).close()
    before = files_state(data_dir / "index")
    with SearchIndex.open(corpus) as index:
        assert index.search("档案")
    assert files_state(data_dir / "index") == before


def test_an_added_document_is_indexed_incrementally(corpus, data_dir, monkeypatch):
    SearchIndex.open(corpus).close()
    forbid_rebuild(monkeypatch)
    docs = [*corpus.documents, city_document(corpus)]
    with SearchIndex.open_documents(docs) as index:
        assert index.doc_count() == expected_units(docs)
        hits = index.search("鞍山")
        assert {(h.doc, h.kind) for h in hits} == {("anshan", "city")}
        assert {h.num for h in hits if h.unit == "clause"} == {"（三）", "（四）", "（十三）"}
        assert {h.unit for h in hits if h.unit != "clause"} == {"title"}  # 鞍山市关于…的实施措施


def test_changed_and_removed_documents_are_brought_up_to_date(corpus, data_dir, monkeypatch):
    SearchIndex.open_documents([*corpus.documents, city_document(corpus)]).close()
    forbid_rebuild(monkeypatch)
    changed = city_document(corpus, city="抚顺")
    with SearchIndex.open_documents([corpus.document(CE), changed]) as index:
        assert index.search("鞍山") == []
        assert {h.doc for h in index.search("抚顺")} == {"anshan"}
        assert {h.doc for h in index.search("档案")} == {CE, "anshan"}


def test_update_and_remove_one_document(corpus, data_dir, monkeypatch):
    index = SearchIndex.open(corpus)
    forbid_rebuild(monkeypatch)
    index.update_document(city_document(corpus))
    assert {h.doc for h in index.search("鞍山")} == {"anshan"}
    index.update_document(city_document(corpus, city="抚顺"))
    assert index.search("鞍山") == []
    assert {h.doc for h in index.search("抚顺")} == {"anshan"}
    index.remove_document("anshan")
    assert index.search("抚顺") == []
    assert index.doc_count() == 48
    index.close()
    # A fresh process with the shipped corpus finds the index in step: no segment is written (the
    # manifest records the files' stamps once more), and the process after that writes nothing at all.
    before = files_state(data_dir / "index")
    SearchIndex.open(corpus).close()
    after = files_state(data_dir / "index")
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"}
    SearchIndex.open(corpus).close()
    assert files_state(data_dir / "index") == after


def test_a_changed_analysis_rebuilds_everything(corpus, data_dir, count_rebuilds):
    SearchIndex.open(corpus).close()
    path = data_dir / "index" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["analysis"] = "built-with-an-older-dictionary"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with SearchIndex.open(corpus) as index:
        assert index.search("三支一扶")
    assert len(count_rebuilds) == 2


def _segment_files(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.seg"))
    assert found, sorted(p.name for p in folder.iterdir())
    return found


def _damage_delete_segment(folder: Path) -> None:
    _segment_files(folder)[0].unlink()


def _damage_truncate_segment(folder: Path) -> None:
    seg = _segment_files(folder)[0]
    os.truncate(seg, seg.stat().st_size // 2)


def _damage_truncate_toc(folder: Path) -> None:
    toc = sorted(folder.glob("_MAIN_*.toc"))[-1]
    os.truncate(toc, 10)


def _damage_garble_segment(folder: Path) -> None:
    seg = _segment_files(folder)[0]
    data = bytearray(seg.read_bytes())
    data[: len(data) // 2] = b"\0" * (len(data) // 2)
    seg.write_bytes(bytes(data))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][seg.name] == len(data)  # same size: only whoosh can tell


def _damage_manifest(folder: Path) -> None:
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")


def _damage_delete_everything_but_manifest(folder: Path) -> None:
    for p in folder.iterdir():
        if p.name != "manifest.json":
            p.unlink()


@pytest.mark.parametrize("damage", [_damage_delete_segment, _damage_truncate_segment, _damage_truncate_toc,
                                    _damage_garble_segment, _damage_manifest, _damage_delete_everything_but_manifest])
def test_a_damaged_index_is_rebuilt_without_a_crash(corpus, data_dir, damage):
    with SearchIndex.open(corpus) as index:
        expected = [(h.doc, h.id) for h in index.search("档案")]
    damage(data_dir / "index")
    with SearchIndex.open(corpus) as index:
        assert [(h.doc, h.id) for h in index.search("档案")] == expected
        assert index.doc_count() == 48
    SearchIndex.open(corpus).close()  # and it stays repaired


def test_a_segment_lost_while_open_is_repaired_on_the_next_write(corpus, data_dir):
    index = SearchIndex.open(corpus)
    _damage_delete_everything_but_manifest(data_dir / "index")
    index.update_document(city_document(corpus))
    assert {h.doc for h in index.search("鞍山")} == {"anshan"}
    assert {h.doc for h in index.search("档案")} == {LN, CE, "anshan"}
    index.close()


def test_a_search_that_fails_inside_the_index_rebuilds_it_and_still_answers(corpus, data_dir, monkeypatch):
    index = SearchIndex.open(corpus)
    expected = [(h.doc, h.id) for h in index.search("档案")]
    searcher = index._current_searcher()

    def broken(*args, **kwargs):
        raise OSError("simulated read error in a segment")

    monkeypatch.setattr(searcher, "stored_fields", broken)
    assert [(h.doc, h.id) for h in index.search("档案")] == expected
    index.close()
