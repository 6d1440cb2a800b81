"""The exported files as LibreOffice lays them out: 22 lines of 28 characters, "— N —" page numbers.

One soffice run converts both files (soffice is slow); skipped where LibreOffice is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from desktop_app.export import export_draft, export_table
from desktop_app.export.gbt9704 import CHARS_PER_LINE, LINES_PER_PAGE

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                       reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)"),
]
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


@pytest.fixture(scope="module")
def pdfs(edited_draft, corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rendered")
    export_draft(edited_draft, corpus, folder / "plan.docx")
    export_table(edited_draft, corpus, folder / "table.docx")
    profile = folder / "lo-profile"  # a private profile: other soffice runs on the machine cannot interfere
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(folder / "plan.docx"), str(folder / "table.docx")],
                   check=True, capture_output=True, timeout=240)
    return folder / "plan.pdf", folder / "table.pdf"


def pages(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [[line for line in page.split("\n") if line.strip()] for page in text.split("\f") if page.strip()]


def test_full_body_pages_have_22_lines_of_28_characters(pdfs):
    plan = pages(pdfs[0])
    assert len(plan) >= 4
    for page in plan[1:-1]:  # the title page and the last page are not full
        body = page[:-1]
        assert len(body) == LINES_PER_PAGE
    second = [line.strip().replace(" ", "") for line in plan[1][:-1]]
    assert max(len(line) for line in second) == CHARS_PER_LINE
    assert sum(len(line) == CHARS_PER_LINE for line in second) >= 12


def test_page_numbers_read_dash_n_dash_odd_right_even_left(pdfs):
    plan = pages(pdfs[0])
    numbers = [page[-1] for page in plan]
    assert [PAGE_NUMBER.match(n.strip()).group(1) for n in numbers] == [str(i) for i in range(1, len(plan) + 1)]
    assert numbers[0].strip() == "— 1 —" and numbers[1].strip() == "— 2 —"
    assert len(numbers[0]) - len(numbers[0].lstrip()) > 20   # odd page: right
    assert numbers[1] == numbers[1].lstrip()                  # even page: left


def test_title_page_and_table(pdfs):
    first = [line.strip() for line in pages(pdfs[0])[0]]
    assert first[:3] == ["沈阳市关于促进劳动力和人才", "社会性流动体制机制改革的实施方案", "（征求意见稿）"]
    info = subprocess.run(["pdfinfo", str(pdfs[1])], check=True, capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # landscape
    table = pages(pdfs[1])[0]
    header = next(line for line in table if "中央意见" in line)
    assert "省实施措施" in header and "市实施方案（草稿）" in header
