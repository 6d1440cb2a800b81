"""An imported document is searchable at once and gone from search once removed."""

from __future__ import annotations

from desktop_app import search
from desktop_app.cli import main
from desktop_app.core.corpus import Corpus


def _hits(query: str) -> set[str]:
    index = search.SearchIndex.open(Corpus.load_default())
    try:
        return {h.doc for h in index.search(query, limit=50)}
    finally:
        index.close()


def test_import_then_search_then_remove(files, data_dir, capsys):
    assert "liaoning" in _hits("档案")  # the index exists before the import
    path = files / "plan.txt"
    path.write_text("某市实施方案\n一、总体要求\n（一）建设智慧档案馆。推进档案数字化，建设智慧档案馆。\n",
                    encoding="utf-8")
    assert main(["import", str(path), "--as", "city", "--id", "plan", "--yes"]) == 0
    assert "plan" in _hits("智慧档案馆")
    assert main(["remove", "plan"]) == 0
    assert "plan" not in _hits("智慧档案馆")


def test_import_indexes_the_new_document_once_and_leaves_the_index_up_to_date(files, data_dir, monkeypatch):
    from desktop_app.search import indexer
    from desktop_app.search.bulk import BulkWriter

    assert "liaoning" in _hits("档案")  # the index exists before the import
    added: list[str] = []
    real_add = BulkWriter.add_document

    def counting_add(self, **fields):
        added.append(fields["doc"])
        return real_add(self, **fields)

    monkeypatch.setattr(BulkWriter, "add_document", counting_add)
    path = files / "plan.txt"
    path.write_text("某市实施方案\n一、总体要求\n（一）建设智慧档案馆。推进档案数字化。\n（二）档案转递。办理档案转递手续。\n",
                    encoding="utf-8")
    assert main(["import", str(path), "--as", "city", "--id", "plan", "--yes"]) == 0
    assert added == ["plan"] * 4  # the title, the part heading and two clauses, each written once
    manifest = indexer.read_manifest(indexer.index_dir(data_dir))
    assert manifest["docs"]["plan"]["units"] == 4
    added.clear()
    assert "plan" in _hits("智慧档案馆")  # the next open finds the index up to date: nothing written again
    assert added == []


def _age(folder, seconds: float = 3600) -> None:
    import os
    import time

    for path in folder.glob("*.xml"):
        os.utime(path, (time.time() - seconds, time.time() - seconds))


def test_a_change_another_process_made_is_still_found_after_an_import(files, data_dir):
    """The import indexes only its own document; a document file another process changed meanwhile (without
    updating the index) is still re-indexed by the next search, even one that trusts the files' stamps."""
    from desktop_app.workspace import Workspace

    assert "liaoning" in _hits("档案")
    first = files / "first.txt"
    first.write_text("某市实施方案\n一、总体要求\n（一）建设智慧档案馆。推进档案数字化。\n", encoding="utf-8")
    assert main(["import", str(first), "--as", "city", "--id", "first", "--yes"]) == 0
    documents = Workspace(data_dir).documents_dir
    saved = documents / "first.xml"
    saved.write_text(saved.read_text(encoding="utf-8").replace("智慧档案馆", "城市记忆馆"), encoding="utf-8")
    _age(documents)  # changed long ago, by another program: its stamp is trusted
    second = files / "second.txt"
    second.write_text("某县实施方案\n一、总体要求\n（一）建设数字方志馆。推进方志数字化。\n", encoding="utf-8")
    assert main(["import", str(second), "--as", "city", "--id", "second", "--yes"]) == 0
    _age(documents)  # the next day's search: every stamp trusted
    with search.SearchIndex.open_default() as index:
        assert {h.doc for h in index.search("城市记忆馆")} == {"first"}
        assert not index.search("智慧档案馆", doc="first")
        assert {h.doc for h in index.search("数字方志馆")} == {"second"}
