"""A draft of 鞍山市's plan, saved and exported once per module, and departments' returned copies of it."""

from __future__ import annotations

import pytest

from desktop_app.drafting import build_draft, save_draft
from desktop_app.drafting.edit import with_full_width_punctuation
from desktop_app.export import export_draft


@pytest.fixture(scope="module")
def base_draft(corpus, module_data_dir):
    return build_draft(corpus, "鞍山市")


@pytest.fixture(scope="module")
def sent(base_draft, corpus, tmp_path_factory):
    """The exported plan as sent out (plain, with basis comments and anchors)."""
    folder = tmp_path_factory.mktemp("sent")
    return export_draft(base_draft, corpus, folder / "plan.docx")


@pytest.fixture
def draft_file(base_draft, tmp_path):
    path = tmp_path / "鞍山方案.json"
    save_draft(base_draft, path)
    return path


def unique_phrase(draft, clause_id: str, length: int = 8, skip: int = 4) -> str:
    """Words of the clause's body (as exported) that occur nowhere else in the draft."""
    printed = with_full_width_punctuation(draft)
    everything = "\n".join([printed.title, *printed.preamble, *(p.heading for p in printed.parts),
                            *(c.heading + "\n" + c.body for c in printed.clauses)])
    body = printed.clause(clause_id).body.split("\n")[0]
    for start in range(skip, len(body) - length):
        phrase = body[start:start + length]
        if everything.count(phrase) == 1 and "，" not in phrase:
            return phrase
    raise AssertionError(f"no unique phrase in {clause_id}")
