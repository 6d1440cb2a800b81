"""Completing the shipped central document from a full text; the store's all-or-nothing saves."""

from __future__ import annotations

import pytest

from desktop_app.cli import main
from desktop_app.core import fileio
from desktop_app.core.corpus import Corpus
from desktop_app.core.model import Completeness
from desktop_app.importing import StoreError, UserStore, commit_import, prepare_import
from desktop_app.importing import store as store_module
from tests.importing.helpers import snapshot

# Test-only body text, marked as such: the official text of (五)–(十六) is not in the repository
# and must not be invented for the product.  The test checks where text goes, not what it says.
TEST_BODY = "【测试用正文，非官方原文】第{}条的正文。"


def _full_text_file(corpus, files, changed_clause: str = ""):
    """A 'full text' of the central Opinions: the shipped text, with test bodies for the heading-only clauses."""
    central = corpus.document("central")
    lines = ["关于促进劳动力和人才社会性流动体制机制改革的意见", "厅字〔2019〕56号", *central.preamble]
    for part in central.parts:
        lines.append(part.num + part.heading)
        for clause in part.clauses:
            if clause.is_complete:
                text = clause.full_text()
                lines.append(text.replace("。", "。【改动】", 1) if clause.num == changed_clause else text)
            else:
                lines.append(f"{clause.num}{clause.heading}。{TEST_BODY.format(clause.num)}")
    path = files / "doc56.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_full_text_fills_heading_only_clauses_and_keeps_provenance(corpus, files, capsys):
    path = _full_text_file(corpus, files)
    assert main(["import", str(path), "--as", "central", "--yes"]) == 0
    assert "将补全 12 条" in capsys.readouterr().out
    central = Corpus.load_default().document("central")
    assert central.is_complete
    fifth = next(c for c in central.clauses if c.num == "（五）")
    assert fifth.completeness is Completeness.FULL and fifth.id == "part_3__para_5"
    assert fifth.paragraphs == (TEST_BODY.format("（五）"),)
    assert "用户导入的官方全文" in fifth.note and "doc56.txt" in fifth.note
    assert any("已由用户导入的官方全文补全" in n for n in central.provenance.notes)
    shipped = corpus.document("central")
    assert [c.full_text() for c in central.clauses[:4]] == [c.full_text() for c in shipped.clauses[:4]]
    # links into central still resolve: ids unchanged
    assert Corpus.load_default().carried_out_by("central", "part_3__para_5")


def test_differing_full_clause_is_kept_unless_confirmed(corpus, files, capsys):
    path = _full_text_file(corpus, files, changed_clause="（二）")
    assert main(["import", str(path), "--as", "central", "--json"]) == 0
    assert '"num": "（二）"' in capsys.readouterr().out
    plan = prepare_import(corpus, path, kind=None)
    assert [c.num for c in plan.completion.conflicts] == ["（二）"]
    assert "【改动】" not in plan.document.clauses[1].full_text()
    confirmed = prepare_import(corpus, path, overwrite=True)
    assert "【改动】" in confirmed.document.clauses[1].full_text()


def test_full_text_that_completes_nothing_is_not_saved(corpus, files, data_dir, capsys):
    central = corpus.document("central")
    text = "\n".join(["关于促进劳动力和人才社会性流动体制机制改革的意见", "厅字〔2019〕56号",
                     *(f"{p.num}{p.heading}\n" + "\n".join(c.full_text() for c in p.clauses if c.is_complete)
                       for p in central.parts[:3])])
    path = files / "part.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["import", str(path), "--as", "central", "--yes"]) == 1
    assert "没有可补全" in capsys.readouterr().err
    assert not (data_dir / "documents").exists()


def test_removing_the_full_text_brings_back_the_shipped_central(corpus, files, capsys):
    assert main(["import", str(_full_text_file(corpus, files)), "--as", "central", "--yes"]) == 0
    assert main(["remove", "central"]) == 0
    assert "已恢复内置版本" in capsys.readouterr().out
    assert not Corpus.load_default().document("central").is_complete


def test_failed_link_write_leaves_nothing_behind(corpus, files, data_dir, monkeypatch):
    path = files / "plan.txt"
    path.write_text("一、总体要求\n（一）实施就业优先政策创造流动机会。稳定和扩大就业。\n", encoding="utf-8")
    plan = prepare_import(corpus, path, doc_id="plan")
    assert plan.default_links()
    before = snapshot(data_dir)

    def disk_full(target, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write_text", disk_full)
    with pytest.raises(StoreError, match="磁盘空间已满；未保存任何内容"):
        commit_import(plan)
    assert snapshot(data_dir) == before and not (data_dir / "documents").exists()
    monkeypatch.setattr(store_module, "atomic_write_text", fileio.atomic_write_text)
    commit_import(plan)
    assert Corpus.load_default().carries_out("plan", "part_1__para_1")


def test_links_to_unknown_clauses_are_refused_before_writing(corpus, files, data_dir):
    from desktop_app.core.model import Link, Relation

    path = files / "plan.txt"
    path.write_text("一、总体要求\n（一）加强领导。\n", encoding="utf-8")
    plan = prepare_import(corpus, path, doc_id="plan")
    bad = [Link("plan", "part_1__para_1", "central", "part_9__para_99", Relation.IMPLEMENTS)]
    with pytest.raises(StoreError, match="无法载入"):
        UserStore().save(plan.document, bad)
    assert not (data_dir / "documents" / "plan.xml").exists()
