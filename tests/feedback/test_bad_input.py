"""Returned files that cannot be read: a clear message naming the file; nothing already recorded is lost."""

from __future__ import annotations

import zipfile

import docx

from desktop_app.cli import main
from desktop_app.drafting import load_draft
from desktop_app.feedback import docxread
from desktop_app.feedback.importer import import_returned

from . import helpers as h
from .conftest import unique_phrase


def run(capsys, *args):
    code = main(["feedback", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_not_a_docx_damaged_password_and_enormous_files_are_named_with_their_problem(base_draft, tmp_path,
                                                                                     monkeypatch):
    (tmp_path / "意见.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "加密.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "大.docx").write_bytes(b"PK" + b"\0" * 2048)
    monkeypatch.setattr(docxread, "MAX_DOCX_BYTES", 1024)
    files = ["意见.doc", "加密.docx", "坏.docx", "大.docx"]
    result = import_returned(base_draft, [(tmp_path / f, "") for f in files])
    errors = {r.path.name: r.error for r in result.files}
    assert "不是 .docx" in errors["意见.doc"]
    assert "密码" in errors["加密.docx"]
    assert "损坏" in errors["坏.docx"] or "截断" in errors["坏.docx"]
    assert "过大" in errors["大.docx"]
    assert result.added == []


def test_a_bad_file_among_good_ones_keeps_the_good_ones_and_exits_1(capsys, base_draft, sent, tmp_path, draft_file):
    good = tmp_path / "好.docx"
    doc = docx.Document(str(sent))
    h.comment(doc, unique_phrase(base_draft, "part_1__para_4"), "意见", author="鞍山市公安局")
    doc.save(str(good))
    (tmp_path / "坏.docx").write_bytes(b"not a zip at all")
    code, out, err = run(capsys, "import", good, tmp_path / "坏.docx", "--draft", draft_file)
    assert code == 1
    assert "好.docx：新增 1 条意见" in out
    assert "坏.docx" in err and "损坏" in err and "Traceback" not in err
    assert len(load_draft(draft_file).feedback) == 1


def test_a_partly_readable_file_reports_what_it_could_not_read(base_draft, sent, tmp_path):
    doc = docx.Document(str(sent))
    h.insert_after(doc, unique_phrase(base_draft, "part_1__para_4"), "等", author="鞍山市公安局")
    doc.save(str(tmp_path / "ok.docx"))
    with zipfile.ZipFile(tmp_path / "ok.docx") as src, zipfile.ZipFile(tmp_path / "half.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"<w:comments broken" if info.filename == "word/comments.xml" else data)
    result = import_returned(base_draft, [(tmp_path / "half.docx", "")])
    assert [i.quote for i in result.added] == ["等"]        # the tracked change is still read
    assert any("批注" in p for p in result.files[0].problems)
