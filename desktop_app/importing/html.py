"""Saved web pages: the article's text only, parsed with lxml.

Government sites wrap the article in navigation, share buttons, related-link
lists and footers.  Scripts, styles, forms and elements whose class or id
names them as navigation are dropped; then the article is the smallest element
that still holds most of the page's non-link Chinese text.  The page's
``<h1>``, ``ArticleTitle`` meta tag or ``<title>`` gives a title hint, since
the title often sits outside the article's container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from .errors import ImportFailed
from .textfile import DecodedText, decode_text, read_limited, strip_controls

MAX_HTML_BYTES = 8 * 1024 * 1024
# libxml2 stops descending at 2048 levels even with huge_tree (at 256 without it, silently): a page that
# deep is refused rather than read in part.  Real pages stay far below (government sites: ~30).
MAX_DEPTH = 2000
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
              "button", "template", "svg")
_DROP_NAMES = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|related|comment|copyright|"
                         r"banner|toolbar|login|search|dh|bottom|foot", re.IGNORECASE)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
          "table", "ul", "ol", "blockquote", "center", "dd", "dt", "pre"}
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# A page's own furniture around the article: publication info, print/close buttons.
_PAGE_INFO = re.compile(r"^(发布时间|发布日期|发文日期|来源|信息来源|浏览次数|点击数|字号|【\s*(打印|关闭|大|中|小))")
# The article keeps this share of its parent's non-link Chinese text (found by descending from <body>).
KEEP_SHARE = 0.75


@dataclass(frozen=True)
class HtmlText:
    lines: list[str]
    title_hint: str
    encoding: str
    controls_removed: int = 0


def read_html(path: Path, encoding: str | None = None) -> HtmlText:
    data = read_limited(path, MAX_HTML_BYTES, "网页文件")
    decoded = _decode(data, path, encoding)
    text, removed = strip_controls(re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded.text))
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailed(path, f"无法解析网页：{exc}") from None
    _check_depth(root, path)
    title = _title_hint(root)
    _drop_noise(root)
    body = root.find("body") if root.find("body") is not None else root
    article = _article(body)
    return HtmlText(_lines(article), title, decoded.encoding, removed)


def _check_depth(root: etree._Element, path: Path) -> None:
    """Refuse a page nested as deep as the parser goes: beyond that depth it silently drops the text."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth >= MAX_DEPTH:
            raise ImportFailed(path, f"网页的标签嵌套超过 {MAX_DEPTH} 层，无法完整读取（更深处的文字会丢失），未导入；"
                                     "请在浏览器中打开，全选复制正文存为 .txt 后导入")
        stack.extend((child, depth + 1) for child in el)


def _decode(data: bytes, path: Path, encoding: str | None) -> DecodedText:
    if encoding is None and (m := _CHARSET.search(data[:8192])):
        declared = m.group(1).decode("ascii").lower()
        # GB2312 pages routinely contain GBK/GB18030 characters: read them with the superset.
        encoding = "gb18030" if declared in ("gb2312", "gbk", "gb18030", "x-gbk") else declared
    try:
        return decode_text(data, path, encoding)
    except ImportFailed:
        if encoding is None:
            raise
        return decode_text(data, path, None)


def _title_hint(root: etree._Element) -> str:
    for xpath in ('//meta[@name="ArticleTitle"]/@content', "//h1//text()", "//title//text()"):
        found = "".join(root.xpath(xpath)).strip()
        if found and _HANZI.search(found):
            return re.split(r"\s*[_|\-—]\s*(?=[^_|\-—]*(?:网|政府|门户)[^_|\-—]*$)", found)[0].strip()
    return ""


def _drop_noise(root: etree._Element) -> None:
    for el in list(root.iter(*_DROP_TAGS, etree.Comment)):
        _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if names.strip() and _DROP_NAMES.search(names) and not _looks_like_article(el):
            _remove(el)


def _looks_like_article(el: etree._Element) -> bool:
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return any(k in names for k in ("content", "article", "trs_editor", "zoom", "main", "text"))


def _remove(el: etree._Element) -> None:
    if el.getparent() is not None:
        el.drop_tree()  # keeps the element's tail text, which belongs to the parent


def _own_text(el: etree._Element) -> int:
    """Chinese characters of *el* outside links."""
    total = len(_HANZI.findall(el.text_content()))
    links = sum(len(_HANZI.findall(a.text_content())) for a in el.iter("a"))
    return total - links


def _article(body: etree._Element) -> etree._Element:
    current, amount = body, _own_text(body)
    while amount:
        best = max((c for c in current if isinstance(c.tag, str)), key=_own_text, default=None)
        if best is None or _own_text(best) < KEEP_SHARE * amount:
            break
        current, amount = best, _own_text(best)
    return current


def _division_tables_as_rows(article: etree._Element) -> None:
    """A 分工表 (a table naming 牵头单位 or 责任单位) becomes one line per row, its cells separated by tabs,
    so the importer reads it as a table; a rowspan repeats the cell in each row it covers."""
    for table in list(article.iter("table")):
        if not re.search(r"牵头|责任单位", table.text_content()) or table.find(".//table") is not None:
            continue
        carried: dict[int, tuple[str, int]] = {}   # column -> (text, rows still to cover)
        for tr in list(table.iter("tr")):
            row: list[str] = []
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for cell in cells:
                while len(row) in carried:
                    row.append(_carry(carried, len(row)))
                text = re.sub(r"\s+", "", cell.text_content().replace("\xa0", " "))
                for k in range(max(_span(cell, "colspan"), 1)):   # spanned columns after the first stay blank
                    if _span(cell, "rowspan") > 1:
                        carried[len(row)] = (text if k == 0 else "", _span(cell, "rowspan") - 1)
                    row.append(text if k == 0 else "")
            while len(row) in carried:
                row.append(_carry(carried, len(row)))
            for child in list(tr):
                tr.remove(child)
            tr.text = "\t".join(row)


def _carry(carried: dict[int, tuple[str, int]], col: int) -> str:
    text, left = carried[col]
    if left <= 1:
        del carried[col]
    else:
        carried[col] = (text, left - 1)
    return text


def _span(cell: etree._Element, name: str) -> int:
    try:
        return min(int(cell.get(name, "1")), 50)
    except ValueError:
        return 1


def _lines(article: etree._Element) -> list[str]:
    _division_tables_as_rows(article)
    for el in article.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = article.text_content().replace("\xa0", " ").replace("\u3000", " ")
    return [line.strip() for line in text.split("\n") if line.strip() and not _PAGE_INFO.match(line.strip())]
