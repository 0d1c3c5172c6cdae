"""Small Word documents made in the tests: a zip of the minimal parts, body XML given."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="My section"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="Sup"><w:name w:val="Cite sup"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    "</w:styles>"
)
NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="10"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)


def document_xml(body: str) -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{head}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def p(*runs: str, style: str = "", ppr: str = "") -> str:
    """A paragraph of runs (plain strings become plain runs)."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    inner = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p><w:pPr>{props}{ppr}</w:pPr>{inner}</w:p>"


def run(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def sup(text: str) -> str:
    return run(text, '<w:vertAlign w:val="superscript"/>')


def numbered(text: str, num_id: int = 1, ilvl: int = 0) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def package(parts: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(body: str, extra: dict[str, str | bytes] | None = None) -> bytes:
    """A .docx whose body is ``body``, with the parts above and ``extra`` (by part name)."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": document_xml(body),
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
    }
    parts.update(extra or {})
    return package(parts)


def write_docx(path: Path, body: str, extra: dict[str, str | bytes] | None = None) -> Path:
    path.write_bytes(docx_bytes(body, extra))
    return path
