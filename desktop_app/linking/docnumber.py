"""Document numbers (文号): 厅字〔2019〕56号, 国发[2019]3号, 沈政发(2020)1号, 昆办通﹝2021﹞40号."""

from __future__ import annotations

import re

DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔﹝\[［(（]\s*(\d{4})\s*[〕﹞\]］)）]\s*(\d{1,4})\s*号")


def normalise_doc_number(text: str) -> str:
    """``辽政办发[2020]12号`` → ``辽政办发〔2020〕12号``; the input unchanged when it is not a 文号."""
    m = DOC_NUMBER_RE.search(text)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else text
