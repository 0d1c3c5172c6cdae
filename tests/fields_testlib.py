"""Citation-manager fields as the managers write them into ``word/document.xml``, for tests.

The shapes (see tests/fixtures/fields/README.md for where each comes from):

* Zotero: a complex field ``begin`` / ``w:instrText`` runs of at most 255 characters joined
  into `` ADDIN ZOTERO_ITEM CSL_CITATION {json} `` / ``separate`` / result runs / ``end``;
  bookmark storage: ``ZOTERO_BREF_…`` bookmarks, codes in ``docProps/custom.xml``;
* Mendeley Desktop: `` ADDIN CSL_CITATION {json} `` with a ``mendeley`` object; Mendeley Cite:
  a content control tagged ``MENDELEY_CITATION_v3_<base64 json>``;
* EndNote: `` ADDIN EN.CITE <EndNote>…`` or `` ADDIN EN.CITE `` with a nested
  `` ADDIN EN.CITE.DATA `` field whose ``w:fldData`` is the XML in base64.
"""

from __future__ import annotations

import base64
import json
from xml.sax.saxutils import escape

from docx_testlib import p, run, sup


def csl_item(
    ident: int,
    title: str,
    family: str,
    given: str,
    year: int,
    *,
    doi: str | None = None,
    pmid: str | None = None,
    container: str = "J Test",
) -> dict[str, object]:
    """A Zotero ``citationItems`` entry with CSL-JSON ``itemData``."""
    data: dict[str, object] = {
        "id": ident,
        "type": "article-journal",
        "title": title,
        "container-title": container,
        "author": [{"family": family, "given": given}],
        "issued": {"date-parts": [[year]]},
    }
    if doi:
        data["DOI"] = doi
    if pmid:
        data["PMID"] = pmid
    uri = f"http://zotero.org/users/local/abcd1234/items/ITEM{ident:04d}"
    return {"id": ident, "uris": [uri], "uri": [uri], "itemData": data}


def zotero_code(items: list[dict[str, object]], plain: str) -> str:
    citation = {
        "citationID": "abc123",
        "properties": {"formattedCitation": plain, "plainCitation": plain, "noteIndex": 0},
        "citationItems": items,
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return f" ADDIN ZOTERO_ITEM CSL_CITATION {json.dumps(citation)} "


def mendeley_code(items: list[dict[str, object]], plain: str) -> str:
    for k, item in enumerate(items, 1):  # Mendeley Desktop numbers items within a citation
        item["id"] = f"ITEM-{k}"
        item["uris"] = [f"http://www.mendeley.com/documents/?uuid={k:08d}-aaaa"]
        item.pop("uri", None)
    citation = {
        "citationItems": items,
        "mendeley": {"formattedCitation": plain, "plainTextFormattedCitation": plain},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return f" ADDIN CSL_CITATION {json.dumps(citation)} "


def field(code: str, result: str, *, superscript: bool = False, data: str = "") -> str:
    """A complex field: its code split into ``w:instrText`` runs of 255 characters."""
    chunks = [code[i : i + 255] for i in range(0, len(code), 255)] or [""]
    fld_data = f"<w:fldData>{data}</w:fldData>" if data else ""
    shown = sup(result) if superscript else run(result)
    return (
        f'<w:r><w:fldChar w:fldCharType="begin">{fld_data}</w:fldChar></w:r>'
        + "".join(
            f'<w:r><w:instrText xml:space="preserve">{escape(c)}</w:instrText></w:r>'
            for c in chunks
        )
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + shown
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def mendeley_cite(items: list[dict[str, object]], result: str) -> str:
    """A Mendeley Cite citation: an inline content control whose tag carries the JSON."""
    citation = {
        "citationID": "MENDELEY_CITATION_0b0c",
        "properties": {"noteIndex": 0},
        "isEdited": False,
        "manualOverride": {"isManuallyOverridden": False, "citeprocText": result},
        "citationItems": items,
    }
    payload = base64.b64encode(json.dumps(citation).encode()).decode()
    return (
        f'<w:sdt><w:sdtPr><w:tag w:val="MENDELEY_CITATION_v3_{payload}"/></w:sdtPr>'
        f"<w:sdtContent>{run(result)}</w:sdtContent></w:sdt>"
    )


def endnote_record(
    rec: int, title: str, author: str, year: int, *, doi: str = "", pmid: str = ""
) -> str:
    """One ``<Cite>`` of EndNote's field XML (text wrapped in ``<style>`` as EndNote does)."""
    style = '<style face="normal" font="default" size="100%">'
    return (
        f"<Cite><Author>{author.split(',')[0]}</Author><Year>{year}</Year><RecNum>{rec}</RecNum>"
        f"<DisplayText>[{rec}]</DisplayText><record><rec-number>{rec}</rec-number>"
        f'<foreign-keys><key app="EN" db-id="f9xz0ddd">{rec}</key></foreign-keys>'
        '<ref-type name="Journal Article">17</ref-type>'
        f"<contributors><authors><author>{style}{author}</style></author></authors>"
        f"</contributors><titles><title>{style}{title}</style></title>"
        "<secondary-title>J Test</secondary-title></titles>"
        f"<dates><year>{year}</year></dates><accession-num>{pmid}</accession-num>"
        f"<electronic-resource-num>{doi}</electronic-resource-num></record></Cite>"
    )


def endnote_field(cites: list[str], result: str, *, in_data: bool = False) -> str:
    """An EN.CITE field: the XML in its code, or (``in_data``) base64 in a nested
    EN.CITE.DATA field's ``w:fldData``."""
    xml = f"<EndNote>{''.join(cites)}</EndNote>"
    if not in_data:
        return field(f" ADDIN EN.CITE {xml}", result)
    data = base64.b64encode(xml.encode()).decode()
    nested = (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data}'
        "</w:fldData></w:fldChar></w:r>"
        '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE.DATA </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE </w:instrText></w:r>'
        + nested
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run(result)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def zotero_bookmark(name: str, ident: int, result: str) -> str:
    """Zotero's bookmark storage: the result between ``ZOTERO_BREF_…`` bookmark ends."""
    return (
        f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/>{run(result)}'
        f'<w:bookmarkEnd w:id="{ident}"/>'
    )


def custom_properties(codes: dict[str, str]) -> str:
    """``docProps/custom.xml`` holding each bookmark's code as ``NAME_1``, ``NAME_2``, …"""
    props = []
    pid = 2
    for name, code in codes.items():
        for k in range(0, len(code), 255):
            props.append(
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
                f'pid="{pid}" name="{name}_{k // 255 + 1}"><vt:lpwstr>{escape(code[k : k + 255])}'
                "</vt:lpwstr></property>"
            )
            pid += 1
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{"".join(props)}</Properties>'
    )


def typed_list(*entries: str) -> str:
    """A References heading and typed ``N. entry`` paragraphs."""
    return p("References", style="Heading1") + "".join(
        p(f"{k}. {entry}") for k, entry in enumerate(entries, 1)
    )
