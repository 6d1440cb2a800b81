"""Benchmark: precision and recall of mapping returned feedback to draft clauses (征求意见 round trip).

Run from the repository root:

    .venv/bin/python bench/feedback_bench.py [--cities 3] [--comments 40] [--seed 1] [--lo]

For each city's draft it makes returned files the way departments do and imports them:

* ``anchored``: the exported plan, commented in Word (python-docx) at random words of random clauses;
* ``anchored+LibreOffice``: the same after a round trip through LibreOffice (``--lo``, a few seconds);
* ``retyped N%``: the text pasted into a new document without numbers or anchors, N% of its characters
  changed at random (re-typing slips, local wording), commented at random paragraphs; a tenth of the
  comments sit on paragraphs of text that is not in the draft at all (a department's own notes), whose
  right answer is "not mapped".

Precision = items mapped to the right clause / items mapped; recall = items mapped to the right clause /
items that belong to a clause.  Same seed, same files.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILLER = "本单位将认真组织学习，结合工作实际抓好贯彻落实，并按时报送有关情况和工作进展。"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=3)
    parser.add_argument("--comments", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lo", action="store_true", help="also round-trip the anchored files through LibreOffice")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("POLICYDESK_DATA_DIR", str(Path(tmp) / "userdata"))
        return run(Path(tmp), args)


def run(folder: Path, args: argparse.Namespace) -> int:
    from desktop_app.core.corpus import Corpus

    corpus = Corpus.load()
    rng = random.Random(args.seed)
    totals: dict[str, list[int]] = {}
    for city in [c.name for c in corpus.cities][: args.cities]:
        for name, (expected, got) in cases(corpus, city, folder, rng, args).items():
            t = totals.setdefault(name, [0, 0, 0])   # right, mapped, belonging
            t[0] += sum(1 for e, g in zip(expected, got, strict=True) if g is not None and g == e)
            t[1] += sum(1 for g in got if g is not None)
            t[2] += sum(1 for e in expected if e is not None)
    print(f"{'case':<24}{'items':>7}{'precision':>11}{'recall':>9}")
    for name, (right, mapped, belonging) in totals.items():
        print(f"{name:<24}{belonging:>7}{right / max(mapped, 1):>11.3f}{right / max(belonging, 1):>9.3f}")
    return 0


def cases(corpus, city: str, folder: Path, rng: random.Random, args) -> dict[str, tuple[list, list]]:
    from desktop_app.drafting import build_draft
    from desktop_app.export import export_draft

    draft = build_draft(corpus, city)
    plan = export_draft(draft, corpus, folder / f"{city}.docx", overwrite=True)
    out = {"anchored": anchored(draft, plan, folder, rng, args.comments)}
    if args.lo:
        lo = folder / "lo"
        with subprocess.Popen(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(lo), str(plan)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
            proc.wait(timeout=300)
        out["anchored+LibreOffice"] = anchored(draft, lo / plan.name, folder, rng, args.comments)
    for rate in (0.0, 0.05, 0.10, 0.20):
        out[f"retyped {int(rate * 100)}%"] = retyped(draft, folder, rng, args.comments, rate)
    return out


def anchored(draft, plan: Path, folder: Path, rng: random.Random, count: int):
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from desktop_app.feedback.importer import import_returned

    doc = docx.Document(str(plan))
    paragraphs = [p for p in doc.element.body.iter(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t")))]
    truth, picked = {}, rng.sample(range(len(paragraphs)), min(count, len(paragraphs)))
    owner = _owners(doc)
    for n, i in enumerate(picked):
        para = Paragraph(paragraphs[i], doc)
        runs = [r for r in para.runs if r.text.strip()]
        if runs:
            doc.add_comment(rng.choice(runs), text=f"意见{n}", author="鞍山市公安局", initials="公")
            truth[f"意见{n}"] = owner.get(id(paragraphs[i]))
    target = folder / "anchored-returned.docx"
    doc.save(str(target))
    items = import_returned(draft, [(target, "")]).added
    got = {i.text: i.clause_id for i in items}
    return list(truth.values()), [got.get(k) for k in truth]


def _owners(doc) -> dict[int, str | None]:
    """Paragraph → the part/clause id of the bookmark it sits in (the ground truth of the export)."""
    from docx.oxml.ns import qn

    from desktop_app.export.anchors import unit_of

    out, current, open_ids, seen = {}, None, {}, False
    for el in doc.element.body.iter():
        if el.tag == qn("w:bookmarkStart") and unit_of(el.get(qn("w:name"), "")):
            open_ids[el.get(qn("w:id"))] = current = unit_of(el.get(qn("w:name")))
            seen = True
        elif el.tag == qn("w:bookmarkEnd") and el.get(qn("w:id")) in open_ids:
            open_ids.pop(el.get(qn("w:id")))
            current = list(open_ids.values())[-1] if open_ids else None
        elif el.tag == qn("w:p"):
            inner = [unit_of(b.get(qn("w:name"), "")) for b in el.iter(qn("w:bookmarkStart"))]
            inner = [u for u in inner if u]
            # before the first bookmark: the title (first paragraph), then the preamble
            out[id(el)] = inner[0] if inner else current if seen or inner else ("title" if not out else "preamble")
    return out


def perturb(text: str, rate: float, rng: random.Random) -> str:
    pool = "的地得和与及在对为了是有将要进一步加强推动"
    chars = list(text)
    for i in range(len(chars)):
        if rng.random() < rate:
            chars[i] = rng.choice(pool)
    return "".join(chars)


def retyped(draft, folder: Path, rng: random.Random, count: int, rate: float):
    import docx

    from desktop_app.drafting.model import closed
    from desktop_app.feedback.importer import import_returned

    doc = docx.Document()
    units: list[tuple[str | None, str]] = [("title", draft.title)] + [("preamble", p) for p in draft.preamble]
    for part in draft.parts:
        units.append((part.id, part.heading))
        for clause in part.clauses:
            paras = list(clause.paragraphs) or [""]
            paras[0] = closed(clause.heading) + paras[0]
            units.extend((clause.id, p) for p in paras)
    units += [(None, FILLER)] * max(1, len(units) // 10)
    paragraphs = [(unit, doc.add_paragraph(perturb(text, rate, rng))) for unit, text in units]
    truth = {}
    for n, (unit, para) in enumerate(rng.sample(paragraphs, min(count, len(paragraphs)))):
        doc.add_comment(para.runs[0], text=f"意见{n}", author="鞍山市公安局", initials="公")
        truth[f"意见{n}"] = unit
    target = folder / "retyped.docx"
    doc.save(str(target))
    got = {i.text: i.clause_id for i in import_returned(draft, [(target, "")]).added}
    return list(truth.values()), [got.get(k) for k in truth]


if __name__ == "__main__":
    sys.exit(main())
