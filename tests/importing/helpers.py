"""Helpers for import tests: build .docx files, snapshot the user data directory."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from desktop_app.workspace import KB_LOCK_FILE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""


def paragraph(text: str, num: tuple[int, int] | None = None) -> str:
    """A <w:p>; *num* = (numId, ilvl) gives it Word automatic numbering."""
    ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
           if num else "")
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def numbering(levels: list[tuple[str, str]], num_id: int = 1) -> str:
    """numbering.xml with one list whose levels are (numFmt, lvlText), e.g. ("chineseCounting", "%1、")."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def styles(style_id: str, num_id: int, ilvl: int = 0) -> str:
    """styles.xml with one paragraph style that carries list numbering (as Word's heading styles can)."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'
            f'</w:styles>')


def styled(text: str, style_id: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def write_docx(path: Path, paragraphs: list[str], numbering_xml: str | None = None,
               styles_xml: str | None = None) -> Path:
    """A minimal, valid .docx (Word and LibreOffice open it) with the given <w:p> elements."""
    body = "".join(paragraphs)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        if numbering_xml:
            zf.writestr("word/numbering.xml", numbering_xml)
        if styles_xml:
            zf.writestr("word/styles.xml", styles_xml)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* with a hash of its bytes, but jieba's model cache (``cache/``) and the
    knowledge-base lock file.

    The cache is written the first time anything segments text; it is not knowledge and
    rebuilds itself, so it may appear while nothing else may change.  The (empty) lock file appears
    the first time a writer takes the lock, even when the write is then refused.
    """
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "cache" and p.name != KB_LOCK_FILE}
