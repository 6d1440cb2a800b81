"""Exports shared by the export tests: rendered once per module, read back from disk."""

from __future__ import annotations

import pytest

from desktop_app.drafting import build_draft
from desktop_app.drafting import edit as ed


@pytest.fixture(scope="module")
def edited_draft(corpus, module_data_dir):
    """沈阳's draft after typical edits: a flag accepted, a clause excluded, one added, one rewritten."""
    draft = build_draft(corpus, "沈阳市")
    three = draft.clause("part_1__para_3")
    draft = ed.accept_flag(draft, three.id, next(i for i, f in enumerate(three.flags) if "高等院校设置" in f.pattern))
    draft = ed.set_included(draft, "part_1__para_2", False)
    draft, _ = ed.add_clause(draft, "part_2", 0, "加快建设沈阳现代化都市圈", "【本市内容待补充】")
    five = draft.clause("part_2__para_5")
    draft = ed.set_clause_text(draft, five.id, five.heading, five.body.replace("进一步贯彻落实", "认真贯彻落实"))
    return draft
