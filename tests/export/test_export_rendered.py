"""The exported files as LibreOffice lays them out: 22 lines of 28 characters, "— N —" page numbers, every
character of the body drawn, the annex in landscape and the 版记 on an even page.

One soffice run converts every file (soffice is slow); skipped where LibreOffice is not installed.  Blank pages
LibreOffice inserts before an even-page section are kept in the PDF, as a printer would print them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from desktop_app.drafting import build_draft
from desktop_app.drafting.package import DocumentPackage
from desktop_app.export import export_draft, export_table
from desktop_app.export.gbt9704 import CHARS_PER_LINE, LINES_PER_PAGE

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                       reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)"),
]
PAGE_NUMBER = re.compile(r"^— (\d+) —$")
KEEP_BLANK_PAGES = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
LINE_END_MARKS = "，。、；：？！）》”"


@pytest.fixture(scope="module")
def pdfs(edited_draft, corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rendered")
    export_draft(edited_draft, corpus, folder / "plan.docx")
    export_table(edited_draft, corpus, folder / "table.docx")
    package = DocumentPackage(issuers=("大连市人民政府办公室",), date="2020-07-15", division="inline", public=True)
    export_draft(replace(build_draft(corpus, "大连市"), package=package), corpus, folder / "dalian.docx")
    profile = folder / "lo-profile"  # a private profile: other soffice runs on the machine cannot interfere
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    KEEP_BLANK_PAGES, "--outdir", str(folder), str(folder / "plan.docx"), str(folder / "table.docx"),
                    str(folder / "dalian.docx")], check=True, capture_output=True, timeout=240)
    return folder / "plan.pdf", folder / "table.pdf", folder / "dalian.pdf"


def pages(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [[line for line in page.split("\n") if line.strip()] for page in text.split("\f")[:-1]]


def page_sizes(pdf):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def body_pages(pdf):
    """The portrait pages before the annex."""
    sizes = page_sizes(pdf)
    end = next((i for i, (w, h) in enumerate(sizes) if w > h), len(sizes))
    return pages(pdf)[:end]


def test_full_body_pages_have_22_lines_of_28_characters(pdfs):
    plan = body_pages(pdfs[0])
    assert len(plan) >= 4
    for page in plan[1:-1]:  # the title page and the last page are not full
        body = page[:-1]
        assert len(body) == LINES_PER_PAGE
    second = [line.strip().replace(" ", "") for line in plan[1][:-1]]
    # a line-end mark may hang past the 28th character (GB/T 9704 pages keep 28 characters a line)
    widths = [len(line) - (len(line) > CHARS_PER_LINE and line[-1] in LINE_END_MARKS) for line in second]
    assert max(widths) == CHARS_PER_LINE
    assert sum(w == CHARS_PER_LINE for w in widths) >= 12


def test_every_character_of_the_body_is_drawn_in_order(pdfs, tmp_path):
    body = open_docx(pdfs[2].with_suffix(".docx")).element.body
    docx_text = "".join(t.text or "" for t in body.iter(qn("w:t")))     # paragraphs and the 版记 table
    expected = re.sub(r"\s", "", docx_text)
    drawn = "".join(line for page in pages(pdfs[2]) for line in page if not PAGE_NUMBER.match(line.strip()))
    drawn = re.sub(r"\s", "", drawn)
    # the half-width digits of 2020年7月15日 come out of pdftotext as they went in; compare everything
    assert drawn == expected
    assert "发展战略，推进" in drawn           # a comma LibreOffice used to drop at a line end
    lines = [line.strip().replace(" ", "") for page in pages(pdfs[2]) for line in page]
    hung = [line for line in lines if len(line) == CHARS_PER_LINE + 1 and line[-1] in LINE_END_MARKS]
    assert len(hung) >= 3                      # marks that hang past the 28th character are drawn


def test_page_numbers_read_dash_n_dash_odd_right_even_left(pdfs):
    sizes = page_sizes(pdfs[0])
    plan = [page for page, (w, h) in zip(pages(pdfs[0]), sizes, strict=True)
            if page and w < h]                                # blank pages carry no number; landscape: below
    numbers = [page[-1] for page in plan]
    values = [int(PAGE_NUMBER.match(n.strip()).group(1)) for n in numbers]
    assert values[:3] == [1, 2, 3] and values == sorted(values)
    assert numbers[0].strip() == "— 1 —" and numbers[1].strip() == "— 2 —"
    assert len(numbers[0]) - len(numbers[0].lstrip()) > 20   # odd page: right
    assert numbers[1] == numbers[1].lstrip()                  # even page: left


def test_annex_is_landscape_and_the_colophon_falls_on_an_even_page(pdfs):
    plan, sizes = pages(pdfs[0]), page_sizes(pdfs[0])
    annex = next(i for i, page in enumerate(plan) if page and page[0].strip() == "附件")
    assert sizes[annex][0] > sizes[annex][1]                   # landscape
    assert plan[annex][1].strip() == "重点任务分工表"
    assert any("具体措施" in line and "牵头单位" in line for line in plan[annex])
    for number, (page, (w, h)) in enumerate(zip(plan, sizes, strict=True), 1):
        if w > h:   # turned back to portrait, the number is where it is on every page (a rotated text box)
            assert any(re.search(rf"—\s*{number}\s*—", line) for line in page)
    last = plan[-1]
    assert "印发" in last[-2] and len(plan) % 2 == 0          # the 版记 is on the back of a sheet
    assert sizes[-1][0] < sizes[-1][1]
    assert int(PAGE_NUMBER.match(last[-1].strip()).group(1)) == len(plan)
    assert any("附件：重点任务分工表" in line for page in plan[:annex] for line in page)


def test_title_page_and_table(pdfs):
    first = [line.strip() for line in pages(pdfs[0])[0]]
    assert first[:3] == ["沈阳市关于促进劳动力和人才", "社会性流动体制机制改革的实施方案", "（征求意见稿）"]
    width, height = page_sizes(pdfs[1])[0]
    assert width > height  # landscape
    table = pages(pdfs[1])[0]
    header = next(line for line in table if "修改说明" in line and "说明：" not in line)
    assert "中央意见" in header and "省实施措施" in header and "市实施方案（草稿）" in header
    assert PAGE_NUMBER.match(table[-1].strip())
