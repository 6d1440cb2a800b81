"""Loading refuses bad corpus files with a typed error naming the file and the problem."""

from __future__ import annotations

import shutil

import pytest

from desktop_app import paths
from desktop_app.core.corpus import Corpus
from desktop_app.core.errors import (
    CorpusError,
    DataFileError,
    DuplicateIdError,
    InvalidIdError,
    MalformedXMLError,
    MissingClauseError,
    SchemaError,
    UnknownDocumentError,
    UnsafeXMLError,
)
from desktop_app.core.xmlio import read_document

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<policyDocument eId="city" kind="city" version="1">
  <meta><title>测试文件</title></meta>
  <body>
    <part eId="part_1"><num>一、</num><heading>总体要求</heading>
      <paragraph eId="part_1__para_1"><num>（一）</num><heading end="。">{heading}</heading></paragraph>
      {extra}
    </part>
  </body>
</policyDocument>
"""


@pytest.fixture
def corpus_dir(tmp_path):
    """A copy of the shipped corpus that a test may spoil."""
    target = tmp_path / "texts"
    shutil.copytree(paths.policy_texts_dir(), target)
    return target


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    doc = read_document(write(tmp_path / "ok.xml", GOOD.format(heading="加强领导", extra="")))
    assert doc.clauses[0].heading == "加强领导"


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("<policyDocument eId='x'><meta>", MalformedXMLError, "XML 格式错误"),
        ("", MalformedXMLError, "XML 格式错误"),
        ("<other/>", SchemaError, "policyDocument"),
        (GOOD.format(heading="甲", extra="").replace('eId="part_1__para_1"', 'eId="1 bad"'), InvalidIdError, "1 bad"),
        (GOOD.format(heading="甲", extra='<paragraph eId="part_1__para_1"><num>（二）</num><heading/></paragraph>'),
         DuplicateIdError, "part_1__para_1"),
        (GOOD.format(heading="甲", extra="").replace('kind="city"', 'kind="county"'), SchemaError, "county"),
        (GOOD.format(heading="甲", extra="").replace("<meta><title>测试文件</title></meta>", "<meta/>"),
         SchemaError, "title"),
    ],
)
def test_bad_document_files(tmp_path, text, error, words):
    path = write(tmp_path / "bad.xml", text)
    with pytest.raises(error) as info:
        read_document(path)
    assert str(path) in str(info.value) and words in str(info.value)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<policyDocument eId="x" kind="city"><meta><title>&lol3;</title></meta><body/></policyDocument>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<policyDocument eId="x" kind="city"><meta><title>&xxe;</title></meta><body/></policyDocument>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_entities_are_refused(tmp_path, text):
    path = write(tmp_path / "evil.xml", text)
    with pytest.raises(UnsafeXMLError) as info:
        read_document(path)
    assert "evil.xml" in str(info.value) and "root:" not in str(info.value)


def test_link_to_missing_clause(corpus_dir):
    links = corpus_dir / "crosslinks.tsv"
    write(links, links.read_text(encoding="utf-8") + "liaoning:part_1__para_1\tcentral:part_2__para_99\trelated\t\n")
    with pytest.raises(MissingClauseError) as info:
        Corpus.load(corpus_dir)
    assert "crosslinks.tsv" in str(info.value) and "central:part_2__para_99" in str(info.value)


def test_link_to_unknown_document(corpus_dir):
    links = corpus_dir / "crosslinks.tsv"
    write(links, links.read_text(encoding="utf-8") + "jilin:part_1\tcentral:part_2\timplements\t\n")
    with pytest.raises(UnknownDocumentError, match="jilin"):
        Corpus.load(corpus_dir)


def test_bad_relation_in_links(corpus_dir):
    links = corpus_dir / "crosslinks.tsv"
    write(links, links.read_text(encoding="utf-8") + "liaoning:part_1\tcentral:part_2\tcopies\t\n")
    with pytest.raises(DataFileError, match="copies"):
        Corpus.load(corpus_dir)


def test_two_files_with_the_same_document_id(corpus_dir):
    shutil.copy(corpus_dir / "liaoning.xml", corpus_dir / "liaoning-copy.xml")
    with pytest.raises(DuplicateIdError) as info:
        Corpus.load(corpus_dir)
    assert "liaoning" in str(info.value)


def test_user_document_replaces_shipped_one_with_same_id(corpus_dir, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    text = (corpus_dir / "central.xml").read_text(encoding="utf-8").replace("强化法治保障", "强化法治保障（用户导入）")
    write(user / "central.xml", text)
    corpus = Corpus.load(corpus_dir, user)
    assert corpus.resolve("central", "十五").heading == "强化法治保障（用户导入）"


def test_every_corpus_error_names_its_file(corpus_dir):
    write(corpus_dir / "liaoning.xml", "<policyDocument")
    with pytest.raises(CorpusError) as info:
        Corpus.load(corpus_dir)
    assert info.value.path.endswith("liaoning.xml") and info.value.problem
