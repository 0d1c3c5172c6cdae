"""Word documents the Word benchmark makes for itself (used by ``bench/formats_docx.py``).

* The development set's Zotero documents rewritten as the other citation managers write the
  same citations: Mendeley Desktop (``ADDIN CSL_CITATION``), Mendeley Cite (content controls
  tagged ``MENDELEY_CITATION_v3_`` + base64), EndNote (``ADDIN EN.CITE`` with the record XML in
  base64 in a nested ``EN.CITE.DATA`` field's ``w:fldData``) and Zotero's bookmark storage
  (``ZOTERO_BREF_`` bookmarks, codes in ``docProps/custom.xml``). The shapes are those of
  ``tests/fixtures/fields/README.md``; the text, results and gold are the Zotero document's.
* A stale copy: some typed entries' years changed by hand (the fields unchanged).
* A long manuscript: ~200 pages of paragraphs with Zotero citation fields and a typed list of
  500 references.
"""

from __future__ import annotations

import base64
import io
import json
import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, unescape

ATTRS = {"&quot;": '"', "&apos;": "'"}
_FIELD = re.compile(
    r'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    r"((?:<w:r><w:instrText[^>]*>[^<]*</w:instrText></w:r>)+)"
    r'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    r"((?:(?!fldChar).)*?)"
    r'<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    re.DOTALL,
)
_INSTR = re.compile(r"<w:instrText[^>]*>([^<]*)</w:instrText>")
VARIANTS = ("mendeley", "mendeley-cite", "endnote", "zotero-bookmarks")
CUSTOM = "docProps/custom.xml"
_TYPED_YEAR = re.compile(r"\((\d{4})\)|\. (\d{4})[;.]")


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_parts(parts: dict[str, bytes], path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def rewrite(zotero: Path, variant: str, out: Path) -> Path:
    """The Zotero document ``zotero`` as ``variant`` writes the same citations."""
    parts = read_parts(zotero)
    xml = parts["word/document.xml"].decode("utf-8")
    props: dict[str, str] = {}
    counter = iter(range(1, 1_000_000))

    def one(m: re.Match[str]) -> str:
        code = unescape("".join(_INSTR.findall(m.group(1))), ATTRS).strip()
        result = m.group(2)
        if not code.startswith("ADDIN ZOTERO_ITEM"):
            return _field(_bibliography_code(variant) or code, result)
        citation = json.loads(code[code.index("{") :])
        k = next(counter)
        if variant == "mendeley":
            return _field(f" ADDIN CSL_CITATION {json.dumps(_mendeley(citation))} ", result)
        if variant == "mendeley-cite":
            payload = base64.b64encode(json.dumps(citation).encode()).decode()
            tag = f"MENDELEY_CITATION_v3_{payload}"
            control = f'<w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr>'
            return f"<w:sdt>{control}<w:sdtContent>{result}</w:sdtContent></w:sdt>"
        if variant == "endnote":
            return _endnote(citation, result)
        name = f"ZOTERO_BREF_{k:012d}"
        props[name] = code.removeprefix("ADDIN ")
        start = f'<w:bookmarkStart w:id="{9000 + k}" w:name="{name}"/>'
        return f'{start}{result}<w:bookmarkEnd w:id="{9000 + k}"/>'

    xml = _FIELD.sub(one, xml)
    parts["word/document.xml"] = xml.encode("utf-8")
    if props:
        parts[CUSTOM] = custom_properties(props).encode("utf-8")
    return write_parts(parts, out)


def _field(code: str, result: str, data: str = "") -> str:
    chunks = [code[i : i + 255] for i in range(0, len(code), 255)]
    begin = f"<w:fldData>{data}</w:fldData>" if data else ""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin">{begin}</w:fldChar></w:r>'
        + "".join(
            f'<w:r><w:instrText xml:space="preserve">{escape(c)}</w:instrText></w:r>'
            for c in chunks
        )
        + f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _bibliography_code(variant: str) -> str:
    return {
        "mendeley": " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY ",
        "endnote": " ADDIN EN.REFLIST ",
    }.get(variant, "")


def _mendeley(citation: dict) -> dict:
    items = []
    for k, item in enumerate(citation["citationItems"], 1):
        uuid = re.sub(r"\W", "", str(item.get("uris", [item["id"]])[0]))[-12:]
        items.append(
            {
                "id": f"ITEM-{k}",
                "itemData": {**item["itemData"], "id": f"ITEM-{k}"},
                "uris": [f"http://www.mendeley.com/documents/?uuid={uuid}"],
            }
        )
    text = citation["properties"]["plainCitation"]
    return {
        "citationItems": items,
        "mendeley": {"formattedCitation": text, "plainTextFormattedCitation": text},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }


def _endnote(citation: dict, result: str) -> str:
    cites = "".join(_cite(item) for item in citation["citationItems"])
    data = base64.b64encode(f"<EndNote>{cites}</EndNote>".encode()).decode()
    nested = _field(" ADDIN EN.CITE.DATA ", "", data)
    nested = nested.replace('<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "")
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE </w:instrText></w:r>'
        + nested
        + f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _cite(item: dict) -> str:
    d = item["itemData"]
    rec = abs(hash(str(item.get("uris", item["id"])))) % 100000
    authors = "".join(
        f"<author>{escape(a.get('family') or a.get('literal', ''))}"
        f"{', ' + escape(a['given']) if a.get('given') else ''}</author>"
        for a in d.get("author", [])
    )
    year = (d.get("issued", {}).get("date-parts") or [[""]])[0][0]
    fields = [
        f"<rec-number>{rec}</rec-number>",
        f'<foreign-keys><key app="EN" db-id="benchdb">{rec}</key></foreign-keys>',
        f"<contributors><authors>{authors}</authors></contributors>",
        f"<titles><title>{escape(d.get('title') or d.get('note') or '')}</title>"
        f"<secondary-title>{escape(d.get('container-title', ''))}</secondary-title></titles>",
        f"<dates><year>{year}</year></dates>",
        f"<electronic-resource-num>{escape(d.get('DOI', ''))}</electronic-resource-num>",
    ]
    return f"<Cite><RecNum>{rec}</RecNum><record>{''.join(fields)}</record></Cite>"


def custom_properties(codes: dict[str, str]) -> str:
    props, pid = [], 2
    for name, code in codes.items():
        for k in range(0, len(code), 255):
            props.append(
                f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
                f'name="{name}_{k // 255 + 1}">'
                f"<vt:lpwstr>{escape(code[k : k + 255])}</vt:lpwstr></property>"
            )
            pid += 1
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{''.join(props)}</Properties>"
    )


def stale_copy(zotero: Path, numbers: tuple[int, ...], out: Path) -> tuple[Path, tuple[int, ...]]:
    """A copy whose typed entries ``numbers`` have their year moved on by one, by hand;
    the entries actually edited (those with a year as PLOS ``(1998)`` or Vancouver
    ``. 1998;`` print it)."""
    parts = read_parts(zotero)
    xml = parts["word/document.xml"].decode("utf-8")
    edited = []
    for n in numbers:
        label = re.compile(rf"<w:t>(?:\[{n}\]|{n}\.)</w:t>").search(xml, xml.find("ZOTERO_BIBL"))
        if label is None:
            continue
        end = xml.find("</w:p>", label.end())
        year = _TYPED_YEAR.search(xml, label.end(), end)
        if year is None:
            continue
        digits = year.start(1) if year.group(1) else year.start(2)
        new = str(int(xml[digits : digits + 4]) + 1)
        xml = xml[:digits] + new + xml[digits + 4 :]
        edited.append(n)
    parts["word/document.xml"] = xml.encode("utf-8")
    return write_parts(parts, out), tuple(edited)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SYLLABLES = tuple(
    [
        "ba",
        "ce",
        "di",
        "fo",
        "gu",
        "ka",
        "le",
        "mi",
        "no",
        "pu",
        "ra",
        "se",
        "ti",
        "vo",
        "zu",
        "an",
        "el",
        "in",
        "on",
        "ur",
        "ost",
        "ine",
        "ase",
    ]
)


def _words(rng: random.Random, n: int) -> list[str]:
    """Pseudo-words of two to four syllables: a vocabulary as varied as a real paper's."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def _paragraph(rng: random.Random) -> str:
    """Four or five sentences of 12–25 words, some with a quantity (``42% of 310``)."""
    sentences = []
    for _ in range(rng.randint(4, 5)):
        words = _words(rng, rng.randint(12, 25))
        if rng.random() < 0.3:
            words.insert(
                rng.randrange(len(words)), f"{rng.randint(5, 95)}% of {rng.randint(20, 900)}"
            )
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def long_manuscript(out: Path, paragraphs: int = 1100, references: int = 500) -> Path:
    """~200 pages (about 90 words a paragraph, 500 words a page) citing ``references``
    works with Zotero fields (superscript results) in first-citation order, and their typed
    list."""
    rng = random.Random(13)
    body, cited = [], 0
    for k in range(paragraphs):
        words = _paragraph(rng)
        if k % 50 == 0:
            body.append(
                '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
                f"<w:r><w:t>Section {k // 50 + 1}</w:t></w:r></w:p>"
            )
        numbers = [cited + 1] if cited < references else [rng.randrange(1, references + 1)]
        cited = max(cited, numbers[0])
        items = [_item(n) for n in numbers]
        citation = {
            "citationID": f"c{k}",
            "properties": {"plainCitation": str(numbers[0]), "noteIndex": 0},
            "citationItems": items,
        }
        result = (
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{numbers[0]}</w:t></w:r>'
        )
        field = _field(f" ADDIN ZOTERO_ITEM CSL_CITATION {json.dumps(citation)} ", result)
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{words}</w:t></w:r>{field}</w:p>')
    body.append(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>References</w:t></w:r></w:p>'
    )
    for n in range(1, references + 1):
        body.append(f"<w:p><w:r><w:t>{n}. {_entry(n)}</w:t></w:r></w:p>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"{''.join(body)}</w:body></w:document>"
    )
    styles = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Heading1">'
        '<w:name w:val="heading 1"/></w:style></w:styles>'
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    parts = {
        "[Content_Types].xml": types.encode(),
        "word/document.xml": document.encode(),
        "word/styles.xml": styles.encode(),
    }
    return write_parts(parts, out)


def _item(n: int) -> dict:
    uri = f"http://zotero.org/users/local/bench/items/I{n:05d}"
    data = {
        "id": n,
        "type": "article-journal",
        "title": _title(n),
        "container-title": "J Bench",
        "author": [{"family": f"Author{n}", "given": "Anna B"}],
        "issued": {"date-parts": [[1990 + n % 30]]},
        "volume": str(n % 90 + 1),
        "page": f"{n}-{n + 9}",
        "DOI": f"10.5555/bench.{n}",
    }
    return {"id": n, "uris": [uri], "itemData": data}


def _title(n: int) -> str:
    return " ".join(_words(random.Random(n), 9)).capitalize()


def _entry(n: int) -> str:
    return f"Author{n} AB. {_title(n)}. J Bench. {1990 + n % 30};{n % 90 + 1}:{n}-{n + 9}."
