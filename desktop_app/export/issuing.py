"""The elements of an issued document after the body, and the 印发通知 that may wrap the plan.

Positions follow GB/T 9704-2012 as the reference gives them
(``shared/reference/city-plan-conventions.md`` §3): 附件说明 one blank line
below the body, two characters in; the 署名 one blank line below, two
characters in from the right, the 成文日期 on the next line starting two
characters right of the 署名 (or two characters in from the right when it is
the longer, the 署名 moving left); 附注 two characters in on the line after.
A missing fact is printed as 【请补充】, never guessed.
"""

from __future__ import annotations

from ..drafting.model import Draft
from ..drafting.package import TO_SUPPLY, approving_bodies, cn_date, default_addressee
from . import gbt9704 as g
from .wml import el, run

CHAR_TWIPS = 320 + g.CHAR_CONDENSE  # one 3号 character as laid out on the grid (16 pt, condensed)
LINE_CHARS = g.CHARS_PER_LINE
DRAFT_NOTE = "（征求意见稿）"
PUBLIC_NOTE = "（此件公开发布）"


def width(text: str) -> float:
    """Width of *text* in characters: full-width 1, ASCII (the date's digits) ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def para(text: str = "", *, style: str = "", left: float | None = None, first: float | None = None,
         hanging: float | None = None, jc: str = "", highlight_missing: bool = True):
    """A paragraph; indents in characters (None: the style's), 【请补充】 highlighted where it appears."""
    p = el("w:p")
    ppr = el("w:pPr")
    p.append(ppr)
    if style:
        ppr.append(el("w:pStyle", val=style))
    if left is not None or first is not None or hanging is not None:
        attrs = {"left": str(round((left or 0) * CHAR_TWIPS)), "leftChars": str(round((left or 0) * 100))}
        if hanging is not None:
            attrs |= {"hanging": str(round(hanging * CHAR_TWIPS)), "hangingChars": str(round(hanging * 100))}
        else:
            first = first or 0
            attrs |= {"firstLine": str(round(first * CHAR_TWIPS)), "firstLineChars": str(round(first * 100))}
        ppr.append(el("w:ind", **attrs))
    if jc:
        ppr.append(el("w:jc", val=jc))
    for piece, missing in _split_missing(text):
        if piece:
            p.append(run(piece, highlight="yellow" if missing and highlight_missing else ""))
    return p


def _split_missing(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for i, piece in enumerate(text.split(TO_SUPPLY)):
        if i:
            out.append((TO_SUPPLY, True))
        out.append((piece, False))
    return out


def issued_title(title: str) -> str:
    """The plan's title as an issued notice cites it: without （征求意见稿）."""
    return title[: -len(DRAFT_NOTE)] if title.endswith(DRAFT_NOTE) else title


# ---- 署名, 成文日期, 附注 ----------------------------------------------------------------------
def signature_positions(issuers: list[str], day: str) -> tuple[float, float]:
    """Where the 署名 lines and the date start, in characters from the left edge of the text block."""
    sig = max((width(i) for i in issuers), default=0.0)
    sig_start = LINE_CHARS - 2 - sig
    date_start = sig_start + 2
    if date_start + width(day) > LINE_CHARS - 2:      # the date is the longer: it sets the position
        date_start = LINE_CHARS - 2 - width(day)
        sig_start = date_start - 2
    return max(sig_start, 0.0), max(date_start, 0.0)


def signature(draft: Draft, blank_before: bool = True) -> list:
    """One blank line, the issuer(s), the date and, if chosen, （此件公开发布）."""
    pkg = draft.package
    issuers = list(pkg.issuers) or [TO_SUPPLY]
    day = cn_date(pkg.date)
    sig_start, date_start = signature_positions(issuers, day)
    out = [para()] if blank_before else []
    out += [para(name, left=sig_start, first=0) for name in issuers]
    out.append(para(day, left=date_start, first=0))
    if pkg.public:
        out.append(para(PUBLIC_NOTE))
    return out


def annex_note(names: list[str]) -> list:
    """附件说明: "附件：name" (one annex) or "附件：1.name" with following names aligned under the first."""
    if not names:
        return []
    if len(names) == 1:
        return [para(), para(f"附件：{names[0]}", left=5, hanging=3)]
    out = [para(), para(f"附件：1.{names[0]}", left=6, hanging=4)]
    out += [para(f"{i}.{name}", left=6, hanging=1) for i, name in enumerate(names[1:], 2)]
    return out


# ---- the 印发通知 ---------------------------------------------------------------------------
def notice_title(draft: Draft) -> str:
    issuers = "　".join(draft.package.issuers) or TO_SUPPLY
    return f"{issuers}关于印发《{issued_title(draft.title)}》的通知"


def notice_text(draft: Draft) -> str:
    plan = f"《{issued_title(draft.title)}》"
    bodies = approving_bodies(draft.package.issuers)
    if bodies:
        return f"{plan}已经{bodies}同意，现印发给你们，请结合实际认真贯彻落实。"
    return f"现将{plan}印发给你们，请结合实际认真贯彻落实。"


def doc_number_line(draft: Draft) -> list:
    """The 发文字号 centred above the title, then a blank line (【请补充】 when not given)."""
    return [para(draft.package.doc_number or TO_SUPPLY, left=0, first=0, jc="center"), para()]


def notice(draft: Draft, title_paragraph) -> list:
    """The notice's paragraphs: 文号, title (built by the caller), 主送, text, 署名 and date."""
    addressee = draft.package.addressee or default_addressee(draft.package.issuers)
    return [*doc_number_line(draft), title_paragraph, para(), para(f"{addressee}：", left=0, first=0),
            para(notice_text(draft)), *signature(draft)]
