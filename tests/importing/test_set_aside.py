"""A user document or link file that cannot be read never blocks the rest: it is set aside and named."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.core.corpus import Corpus
from desktop_app.workspace import Workspace
from tests.linking.test_suggest import MOCK_CITY_PLAN


@pytest.fixture
def imported(files, data_dir, capsys):
    """Two city plans imported with their links, as a user would have them."""
    for name in ("citya", "cityb"):
        path = files / f"{name}.txt"
        path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
        assert main(["import", str(path), "--as", "city", "--id", name, "--yes", "--allow-duplicate"]) == 0
    capsys.readouterr()
    return data_dir / "documents"


def _docs(capsys) -> tuple[int, list[str], str]:
    code = main(["docs", "--json"])
    captured = capsys.readouterr()
    return code, [d["id"] for d in json.loads(captured.out)], captured.err


def _set_aside(data_dir) -> list[str]:
    folder = data_dir / "set-aside"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("damage", ["truncated", "garbage", "too_big"])
def test_an_unreadable_document_is_set_aside_and_the_rest_loads(imported, data_dir, capsys, damage):
    target = imported / "citya.xml"
    data = target.read_bytes()
    target.write_bytes({"truncated": data[: len(data) // 2], "garbage": b"\x00\xff garbage \x01" * 50,
                        "too_big": data + b"<!--" + b"x" * (21 * 2**20) + b"-->"}[damage])
    code, ids, err = _docs(capsys)
    assert code == 0
    assert "cityb" in ids and "citya" not in ids and "liaoning" in ids
    assert str(target) in err and "已移到" in err and "docs/recovery.md" in err
    assert len(err.strip().splitlines()) == 2  # the document, and its links that now point nowhere
    moved = _set_aside(data_dir)
    assert [n for n in moved if n.endswith("citya.xml")] and [n for n in moved if n.endswith("citya.xml.原因.txt")]
    assert not target.exists()
    # the next command starts clean: the file is out of the way, its links are only skipped
    code, ids, err = _docs(capsys)
    assert code == 0 and "citya" not in ids
    assert "已移到" not in err


def test_remove_still_works_for_a_document_that_was_set_aside(imported, data_dir, capsys):
    (imported / "citya.xml").write_bytes(b"<policyDocument")
    Corpus.load_workspace(Workspace(data_dir))
    assert main(["remove", "citya"]) == 0
    out = capsys.readouterr().out
    assert "citya" in out and "链接" in out
    links = (imported / "crosslinks.tsv").read_text(encoding="utf-8")
    assert "citya:" not in links and "cityb:" in links
    code, _ids, err = _docs(capsys)
    assert code == 0 and err == ""


def test_a_damaged_links_file_is_set_aside_and_documents_still_load(imported, data_dir, capsys):
    links = imported / "crosslinks.tsv"
    links.write_bytes(b"\xff\xfe not a table")
    code, ids, err = _docs(capsys)
    assert code == 0 and {"citya", "cityb"} <= set(ids)
    assert str(links) in err and "链接文件无法读取" in err
    assert any(n.endswith("crosslinks.tsv") for n in _set_aside(data_dir))
    assert main(["remove", "citya"]) == 0


def test_an_unreadable_file_in_a_read_only_data_folder_is_left_out_each_time(imported, data_dir, monkeypatch):
    (imported / "citya.xml").write_bytes(b"garbage")

    def cannot_move(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop_app.workspace.os.replace", cannot_move)
    corpus = Corpus.load_workspace(Workspace(data_dir))
    assert "citya" not in {d.id for d in corpus.documents}
    assert [p.moved_to for p in corpus.problems if p.path.endswith("citya.xml")] == [""]
    assert (imported / "citya.xml").exists()


def test_recovery_puts_a_set_aside_document_back(imported, data_dir, capsys):
    good = (imported / "citya.xml").read_bytes()
    (imported / "citya.xml").write_bytes(b"garbage")
    _docs(capsys)
    # what docs/recovery.md tells the user: repair the file and move it back into documents/
    moved = next(p for p in (data_dir / "set-aside").iterdir() if p.name.endswith("citya.xml"))
    moved.write_bytes(good)
    moved.rename(imported / "citya.xml")
    code, ids, err = _docs(capsys)
    assert code == 0 and "citya" in ids and err == ""
