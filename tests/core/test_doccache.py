"""The corpus keeps its parsed documents while their files are unchanged, and reads them again once they change."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from desktop_app.core import corpus as corpus_module
from desktop_app.core.corpus import Corpus
from desktop_app.core.xmlio import document_to_xml


def save(data_dir, doc, age_s: float = 3600) -> None:
    folder = data_dir / "documents"
    folder.mkdir(exist_ok=True)
    path = folder / f"{doc.id}.xml"
    path.write_bytes(document_to_xml(doc))
    then = time.time() - age_s
    os.utime(path, (then, then))


@pytest.fixture
def plan(corpus):
    return replace(corpus.document("liaoning"), id="plan", title="某市实施方案")


def test_a_second_load_comes_from_the_cache_with_the_same_documents(data_dir, plan, monkeypatch):
    save(data_dir, plan)
    first = Corpus.load_default()
    assert (data_dir / "cache" / corpus_module.DOCUMENT_CACHE).is_file()
    monkeypatch.setattr("desktop_app.core.xmlio.read_document", lambda path: pytest.fail(f"read {path}"))
    second = Corpus.load_default()
    assert second.documents == first.documents
    assert second.document("plan").clauses[3].body == plan.clauses[3].body


def test_a_changed_file_is_read_again(data_dir, plan):
    save(data_dir, plan)
    Corpus.load_default()
    changed = replace(plan, title="某市实施方案（修订）")
    save(data_dir, changed, age_s=1800)
    assert Corpus.load_default().document("plan").title == "某市实施方案（修订）"


def test_a_removed_file_is_gone(data_dir, plan):
    save(data_dir, plan)
    Corpus.load_default()
    (data_dir / "documents" / "plan.xml").unlink()
    assert "plan" not in {d.id for d in Corpus.load_default().documents}


def test_a_file_written_just_now_is_always_read(data_dir, plan, monkeypatch):
    save(data_dir, plan, age_s=0)
    Corpus.load_default()
    calls = []
    real = corpus_module._read_dir
    monkeypatch.setattr(corpus_module, "_read_dir", lambda folder: calls.append(folder) or real(folder))
    Corpus.load_default()
    assert calls  # its stamp cannot be trusted yet


def test_a_damaged_cache_is_ignored_and_replaced(data_dir, plan):
    save(data_dir, plan)
    Corpus.load_default()
    cache = data_dir / "cache" / corpus_module.DOCUMENT_CACHE
    cache.write_bytes(b"not a pickle")
    assert Corpus.load_default().document("plan").title == "某市实施方案"
    assert cache.read_bytes() != b"not a pickle"
