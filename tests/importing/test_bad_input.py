"""Bad files: a clear message naming the file and the problem, and the knowledge base exactly as before."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.cli import main
from desktop_app.core.corpus import Corpus
from tests.importing.helpers import paragraph, snapshot, write_docx

GOOD = "某市实施方案\n一、总体要求\n（一）加强领导。建立机制，推进人事档案服务改革。\n"


@pytest.fixture
def knowledge_base(files, data_dir, capsys):
    """A data directory that already holds one imported document and its links."""
    good = files / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(good), "--as", "city", "--id", "first", "--yes"]) == 0
    capsys.readouterr()
    return data_dir


def _empty(path):
    path.write_bytes(b"")


def _blank(path):
    path.write_bytes(b"\r\n  \n\xef\xbb\xbf")


def _binary(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def _good_docx_bytes(files) -> bytes:
    return write_docx(files / "src.docx", [paragraph("一、总体要求"), paragraph("（一）加强领导。")]).read_bytes()


def _truncated_docx(path):
    data = _good_docx_bytes(path.parent)
    path.write_bytes(data[: len(data) // 2])


def _corrupt_docx(path):
    path.write_bytes(b"PK\x03\x04" + b"\x13\x37" * 500)


def _bomb_docx(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (40 * 2**20))
    path.write_bytes(buf.getvalue())


def _entity_expansion(path):
    path.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                    '<policyDocument eId="x" kind="city"><meta><title>&lol2;</title></meta><body/></policyDocument>',
                    encoding="utf-8")


def _external_entity(path):
    path.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    '<policyDocument eId="x" kind="city"><meta><title>&xxe;</title></meta><body/></policyDocument>',
                    encoding="utf-8")


def _huge_text(path):
    line = "（一）加强领导。建立机制。\n".encode() * 4096
    with path.open("wb") as fh:
        for _ in range(50 * 2**20 // len(line) + 1):
            fh.write(line)


def _no_structure(path):
    path.write_text("这是一段没有编号的文字。\n这是第二段，也没有编号。\n", encoding="utf-8")


def _wrong_format(path):
    path.write_bytes(b"%PDF-1.4\n")


CASES = [
    ("empty.txt", _empty, "空"),
    ("blank.txt", _blank, "空"),
    ("photo.txt", _binary, "不是文本文件"),
    ("cut.docx", _truncated_docx, "截断或已损坏"),
    ("junk.docx", _corrupt_docx, "截断或已损坏"),
    ("bomb.docx", _bomb_docx, "拒绝解压"),
    ("lol.xml", _entity_expansion, "实体"),
    ("xxe.xml", _external_entity, "实体"),
    ("huge.txt", _huge_text, "上限 8 MB"),
    ("prose.txt", _no_structure, "--paragraphs"),
    ("scan.pdf", _wrong_format, "不支持的文件类型"),
    ("old.doc", _wrong_format, "另存为”.docx"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_and_nothing_changes(knowledge_base, files, capsys, case):
    name, make, problem = case
    path = files / name
    make(path)
    before = snapshot(knowledge_base)
    for extra in ([], ["--yes"], ["--yes", "--json"]):
        assert main(["import", str(path), "--as", "city", *extra]) == 1
        err = capsys.readouterr().err
        assert err.startswith("policydesk: ") and str(path) in err and problem in err, err
        assert "Traceback" not in err
        assert snapshot(knowledge_base) == before
    assert [d.id for d in Corpus.load_default().documents if d.kind.value == "city"] == ["first"]


def test_zip_bomb_is_refused_before_anything_is_decompressed(files, monkeypatch):
    from desktop_app.importing import FileTooLargeError, load_file

    path = files / "bomb.docx"
    _bomb_docx(path)

    def no_reading(*args, **kwargs):
        raise AssertionError("a part was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(FileTooLargeError):
        load_file(path)


def test_no_structure_can_be_imported_one_clause_per_paragraph(files, capsys):
    path = files / "prose.txt"
    _no_structure(path)
    assert main(["import", str(path), "--as", "other", "--id", "prose", "--paragraphs", "--yes"]) == 0
    doc = Corpus.load_default().document("prose")
    assert [(c.num, c.heading) for c in doc.clauses] == [("第1段", "这是一段没有编号的文字"),
                                                         ("第2段", "这是第二段，也没有编号")]
    assert any("按段落导入" in n for n in doc.provenance.notes)


@settings(max_examples=120, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([".txt", ".docx", ".html", ".xml"]))
def test_arbitrary_bytes_in_any_format_give_a_typed_refusal(data, suffix):
    import tempfile
    from pathlib import Path

    from desktop_app.importing import ImportFailed, load_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            load_file(path, by_paragraph=True)
        except ImportFailed as exc:
            assert exc.path == str(path) and exc.problem


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=4000))
def test_damaged_docx_gives_a_typed_refusal(junk, at):
    import tempfile
    from pathlib import Path

    from desktop_app.importing import ImportFailed, load_file

    with tempfile.TemporaryDirectory() as folder:
        good = write_docx(Path(folder) / "src.docx", [paragraph("一、总体要求"), paragraph("（一）加强领导。")])
        data = good.read_bytes()
        at = at % len(data)
        path = Path(folder) / "damaged.docx"
        path.write_bytes(data[:at] + junk + data[at + len(junk):])
        try:
            load_file(path)
        except ImportFailed as exc:
            assert exc.path == str(path) and exc.problem
