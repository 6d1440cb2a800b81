"""Chinese numerals as they appear in clause numbers (一 … 九十九, 一百 …)."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int:
    """``"十六"`` → 16, ``"二十"`` → 20, ``"一百零五"`` → 105.

    Raises:
        ValueError: when *text* is not a Chinese numeral.
    """
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """16 → ``"十六"``; 1 ≤ n ≤ 999."""
    if not 1 <= n <= 999:
        raise ValueError(f"out of range: {n}")
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out
