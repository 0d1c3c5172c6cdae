"""Parsing one reference string into fields (Vancouver/ICMJE/NLM, AMA, PLOS-NLM).

The parser works on a *plain* view of the entry (Markdown emphasis removed, line breaks
as spaces) and maps every field back to the raw text, so each field keeps its span. A field
that cannot be read is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from citecheck.bibliography import tails
from citecheck.bibliography.books import book_or_other, first_sentence_title, refine_type
from citecheck.bibliography.ids import find_ids, find_notes
from citecheck.bibliography.journals import ends_with_abbreviation
from citecheck.bibliography.names import parse_authors
from citecheck.bibliography.title import SENT_END as _SENT_END
from citecheck.bibliography.title import split_title_container as _split_title_container
from citecheck.bibliography.title import strip_span as _strip_span
from citecheck.model import Reference, RefType, Span
from citecheck.typography import DASHES

Put = Callable[[str, str, int, int], None]  # (field, value, start, end): record a field
_Bounds = tuple[int, int]
_Split = tuple[_Bounds | None, _Bounds | None, RefType]  # where title and container are, type

_STARS = re.compile(r"\*+")

_PAGE_PARTS = re.compile(r"([A-Za-z]*)(\d+)([A-Za-z]?)")
_PAGE_DASH = re.compile(rf"\s*[{re.escape(DASHES)}]\s*")
_HYPHEN_FOR_DASH = str.maketrans(dict.fromkeys(DASHES, "-"))

_NOT_A_JOURNAL_WORD = re.compile(r"(?:\b(?:p|pp|vol|volume|version|chapter|no|part)\s)$", re.I)
_LIST_NUMBER = re.compile(r"\s*(?:\[\d{1,3}\]|\d{1,3}(?:,\d{1,3})*[.)-])\s*(?=[^\W\d])")
_NAME_SEP = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
# A volume and pages inside what was read as the journal: the source printed twice.
_LOCATOR_INSIDE = re.compile(rf"\s+\d+\s*(?:\([^()]*\))?:\s*{tails.PAGES}\b")
_SUPPL_AFTER = re.compile(r"\s+(?:Suppl|Supplement)\.?$")
_VOLUME_BEFORE = re.compile(r"[A-Za-z.]\s+\d{1,5}[A-Za-z]?\s*$")
# Author-date (eLife): "Bender W, Hudson A. 2000. Title. Journal 127: 3981–3992."
_YEAR_AFTER_NAMES = re.compile(rf"(?P<year>{tails.YEAR})[a-z]?\.(?=\s|$)")
_TITLE_WORDS = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*\s+[a-z][\w'’-]*\s+[a-z][\w'’-]*")


class _Plain(NamedTuple):
    """A view of the raw entry with Markdown emphasis removed; ``pos[i]`` is the raw index.
    (A named tuple: built for every entry, and cheaper to build than a frozen dataclass.)"""

    text: str
    pos: Sequence[int]
    emphasis: tuple[tuple[int, int], ...]  # plain-text spans that were *emphasised*

    def span(self, start: int, end: int, offset: int = 0) -> Span:
        """Where plain ``[start, end)`` lies in the raw entry, shifted by ``offset``."""
        if end > start:
            return Span(self.pos[start] + offset, self.pos[end - 1] + 1 + offset)
        at = self.pos[start] if start < len(self.pos) else len(self.pos)
        return Span(at + offset, offset)  # an empty range (no field is recorded with one)


def _plain_view(raw: str) -> _Plain:
    if "*" not in raw:
        return _Plain(_spaces_for_breaks(raw), range(len(raw)), ())
    pieces: list[str] = []
    pos: list[int] = []
    emphasis: list[tuple[int, int]] = []
    open_at: int | None = None
    size = last = 0
    for m in _STARS.finditer(raw):
        pieces.append(raw[last : m.start()])
        pos.extend(range(last, m.start()))
        size += m.start() - last
        if open_at is None:
            open_at = size
        else:
            emphasis.append((open_at, size))
            open_at = None
        last = m.end()
    pieces.append(raw[last:])
    pos.extend(range(last, len(raw)))
    return _Plain(_spaces_for_breaks("".join(pieces)), tuple(pos), tuple(emphasis))


def _spaces_for_breaks(text: str) -> str:
    # a form feed: a page break in text converted from PDF; no-break and thin spaces (Word
    # writes "C.M.\u00a0Gullion", "Sci.\u00a031") are spaces to the parser too
    for ch in "\n\t\r\f\v\u00a0\u2007\u2009\u202f":
        if ch in text:
            text = text.replace(ch, " ")
    return text


def normalize_pages(pages: str) -> str:
    """ASCII hyphen, no spaces, abbreviated last pages expanded ("1589–97" → "1589-1597")."""
    p = pages.strip()
    if " " not in p and p.isprintable():  # no space of any kind: only the dashes change
        p = p.translate(_HYPHEN_FOR_DASH)
    else:
        p = _PAGE_DASH.sub("-", p)
    first, sep, last = p.partition("-")
    if not sep:
        return first
    mf = _PAGE_PARTS.fullmatch(first)
    ml = _PAGE_PARTS.fullmatch(last)
    if mf and ml and not ml.group(1) and len(ml.group(2)) < len(mf.group(2)):
        digits = mf.group(2)
        expanded = digits[: len(digits) - len(ml.group(2))] + ml.group(2)
        if int(expanded) >= int(digits):
            last = mf.group(1) + expanded + ml.group(3)
    return f"{first}-{last}"


_AVAILABLE = re.compile(r"[.,;]?\s*\[?\b(?:Available|Retrieved)\s+(?:at|from|online)\b:?", re.I)


def parse_reference(raw: str, *, number: int | None = None, offset: int = 0) -> Reference:
    """Parse one reference entry. ``offset`` is where ``raw`` starts in the document."""
    p = _plain_view(raw)
    text, pos = p.text, p.pos
    fields: dict[str, str] = {}
    spans: dict[str, Span] = {}

    def put(name: str, value: str | None, start: int, end: int) -> None:
        if value:
            fields[name] = value
            if start < end:  # where it lies in the raw entry, as p.span gives it
                spans[name] = Span(pos[start] + offset, pos[end - 1] + 1 + offset)
            else:
                spans[name] = p.span(start, end, offset)

    low = text.lower()
    ids, core_end = find_ids(text, low)
    for key, (value, s, e) in ids.items():
        put(key, value, s, e)
    notes, note_spans = find_notes(text, low)
    for s, _e in note_spans:
        if s < core_end and not text[:s].rstrip().endswith(";"):
            core_end = min(core_end, s) if s > len(text) // 3 else core_end
    available = _AVAILABLE.search(text, 0, core_end) if "vailable" in text else None
    if available:  # "… Available at: https://…": where the work is, not part of its title
        core_end = available.start()
    core = text[:core_end].rstrip()
    late_year = tails.YEAR_LAST.match(text, ids["doi"][2]) if "doi" in ids else None

    names_start = _skip_list_number(core)
    authors, et_al, authors_end = parse_authors(core[names_start:])
    authors_end += names_start
    rest_start = authors_end
    if authors:
        spans["authors"] = p.span(names_start, authors_end, offset)

    ref_type = RefType.OTHER
    container_span: tuple[int, int] | None = None
    title_span: tuple[int, int] | None = None

    paren = _plos_year(core, authors_end) or (
        _YEAR_AFTER_NAMES.match(core, authors_end) if authors else None
    )
    vanc = None if paren else _last_match(tails.VANCOUVER, core, rest_start)
    if paren:  # PLOS-NLM: Authors (2004) Title. Journal 12: 1–9. eLife: Authors. 2004. Title.
        put("year", paren.group("year"), paren.start("year"), paren.end("year"))
        body_start = paren.end()
        tail = _nlm_tail(core, body_start)
        if tail:
            _put_tail(put, tail)
            title_span, container_span = _split_title_container(
                core, body_start, tail.start(), p.emphasis
            )
            ref_type = RefType.ARTICLE
        elif apa := tails.APA_TAIL.search(core, _tail_window(core, body_start)):
            _put_tail(put, apa)
            title_span, container_span = _split_title_container(
                core, body_start, apa.start(), p.emphasis
            )
            ref_type = RefType.ARTICLE
        else:
            title_span, container_span, ref_type = first_sentence_title(core, body_start, put)
    elif vanc:  # the last match with a colon, a volume or an issue
        put("year", vanc.group("year"), vanc.start("year"), vanc.end("year"))
        _put_tail(put, vanc)
        rest_start = _author_block_end(core, names_start, authors_end, vanc.start())
        title_span, container_span = _split_title_container(
            core, rest_start, vanc.start(), p.emphasis
        )
        ref_type = RefType.ARTICLE
    elif comma := _comma_tail(core, _tail_window(core, rest_start), late_year is not None):
        if comma.group("year"):
            put("year", comma.group("year"), comma.start("year"), comma.end("year"))
        _put_tail(put, comma)
        title_span, container_span = _comma_title_container(
            core, rest_start, comma.start()
        ) or _split_title_container(core, rest_start, comma.start(), p.emphasis)
        ref_type = RefType.ARTICLE
        if not comma.group("year") and not late_year:
            _put_any_year(core, rest_start, put)
    else:
        title_span, container_span, ref_type = book_or_other(core, rest_start, put)

    if late_year and "year" not in fields:  # Copernicus: "…, doi:10.1109/…, 2005."
        put("year", late_year.group("year"), late_year.start("year"), late_year.end("year"))
    if title_span and title_span[0] < title_span[1]:
        put("title", core[title_span[0] : title_span[1]], *title_span)
    if (
        container_span
        and "uppl" in core[container_span[0] : container_span[1]]
        and (supp := _SUPPL_AFTER.search(core, *container_span))
    ):
        # "Am J Phys Anthropol Suppl 47 70–99": the supplement's number, not the journal's
        container_span = (container_span[0], supp.start())
        if "volume" in fields and "issue" not in fields:
            vol, _ = fields.pop("volume"), spans.pop("volume")
            vol_end = core.find(vol, supp.end()) + len(vol)
            put("issue", f"Suppl {vol}", supp.start() + 1, vol_end)
    if (
        container_span
        and ":" in core[container_span[0] : container_span[1]]
        and (again := _LOCATOR_INSIDE.search(core, *container_span))
    ):
        container_span = (container_span[0], again.start())  # "J 44: 1–9, Journal, 44, 1–9."
    if container_span and container_span[0] < container_span[1]:
        put("container", core[container_span[0] : container_span[1]], *container_span)
    if "pages" in fields:
        fields["pages"] = normalize_pages(fields["pages"])
    ref_type = refine_type(ref_type, low, fields, notes)
    # Parsed means something bibliographic was recognised: free text is kept raw (REF001)
    # rather than taken whole as a title.
    parsed = bool(
        authors or fields.get("year") or ids or (fields.get("title") and fields.get("container"))
    )
    return Reference(
        number=number,
        raw=raw,
        span=Span(offset, offset + len(raw)),
        authors=authors,
        et_al=et_al,
        title=fields.get("title"),
        container=fields.get("container"),
        year=fields.get("year"),
        volume=fields.get("volume"),
        issue=fields.get("issue"),
        pages=fields.get("pages"),
        doi=fields.get("doi"),
        pmid=fields.get("pmid"),
        pmcid=fields.get("pmcid"),
        url=fields.get("url"),
        publisher=fields.get("publisher"),
        type=ref_type,
        notes=tuple(dict.fromkeys(notes)) if notes else (),
        spans=spans,
        parsed=parsed,
    )


def _comma_title_container(
    core: str, start: int, end: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Elsevier and IEEE styles separate title and journal by a comma ("A title, Biochim.
    Biophys. Acta 1805 (2010) …"): the journal is the last comma-separated part when it
    reads like one (capitalised, no sentence inside) and no quotes mark the title."""
    pre = core[start:end]
    cut = pre.rstrip(" ,").rfind(", ")
    if cut <= 0 or any(q in pre for q in '"“”'):
        return None
    journal = pre[cut + 2 :].strip(" ,")
    if not journal[:1].isupper() or re.search(r"[.?!]\s+[a-z]", journal):
        return None
    for stop in _SENT_END.finditer(journal):
        if not ends_with_abbreviation(journal[max(0, stop.start() - 40) : stop.start() + 1]):
            return None  # "…, South Africa. AIDS 24": a sentence ends before the journal
    return _strip_span(core, start, start + cut), _strip_span(core, start + cut + 2, end)


def _comma_tail(core: str, window: int, year_later: bool = False) -> re.Match[str] | None:
    """Journal, year, volume and pages separated by commas (ACS, Nature, Elsevier, IEEE,
    Copernicus). Each pattern is tried only when the window holds what it cannot match
    without. ``year_later``: the year follows the DOI, so the tail may have none."""
    if m := tails.ACS_TAIL.search(core, window):
        return m
    if core.find("(", window) >= 0:  # the year in parentheses: Nature's last, Elsevier's
        closes = core.rstrip().rstrip(".").rstrip().endswith(")")
        if closes and (m := tails.NATURE_TAIL.search(core, window)):
            return m
        if m := tails.ELSEVIER_TAIL.search(core, window):
            return m
    if core.find("vol", window) >= 0 and (m := tails.IEEE_TAIL.search(core, window)):
        return m
    m = tails.COPERNICUS_TAIL.search(core, window)
    return m if m and (year_later or m.group("year")) else None


def _tail_window(core: str, start: int) -> int:
    """Where to search for a pattern anchored at the end: its last 100 characters at most
    (a date, volume, issue and pages never take more), so long entries stay cheap."""
    return max(start, len(core) - 100)


def _put_any_year(core: str, start: int, put: Put) -> None:
    """The last year-like number in the entry, for styles that print it anywhere."""
    year = None
    for m in tails.ANY_YEAR.finditer(core, start):
        year = m
    if year:
        put("year", year.group("year"), year.start("year"), year.end("year"))


def _skip_list_number(core: str) -> int:
    """Past a list number left at the start of the entry ("17.Creed PA", "7-Taghipour M")."""
    m = _LIST_NUMBER.match(core)
    return m.end() if m else 0


def _author_block_end(core: str, names_start: int, authors_end: int, limit: int) -> int:
    """Where the title starts in Vancouver: after the names the reader could not read
    ("Xu C-j, Yuan J.", "SchÃ¤ffer AA, …", "周兵, 周杰.") when the text up to the first
    sentence end is still a list of short comma-separated names."""
    if authors_end > names_start and core[:authors_end].rstrip()[-1:] in (".", ":"):
        return authors_end  # the list was read to its closing period
    stop = _SENT_END.search(core, authors_end, limit)
    if not stop or stop.start() == authors_end or stop.start() - authors_end > 400:
        return authors_end
    names = [n.split() for n in _NAME_SEP.split(core[authors_end : stop.start()])]
    enough = len(names) >= (1 if authors_end > names_start else 2)
    if enough and all(0 < len(n) <= 4 for n in names):
        return stop.end()
    return authors_end


def _plos_year(core: str, authors_end: int) -> re.Match[str] | None:
    """The "(2004)" that follows the author list in PLOS-NLM, also after names the list
    reader could not read ("Manolio Ta, …", "Le Roch, …"): text without a run of three
    lowercase words (which marks a title) may stand between."""
    start = _skip_space(core, authors_end)
    m = tails.PAREN_YEAR.search(core, start, start + 300)
    if not m or _TITLE_WORDS.search(core, start, m.start()):
        return None
    if _VOLUME_BEFORE.search(core, start, m.start()):
        return None  # "… Electrochim. Acta 56 (2011) 1000–1005.": Elsevier's volume (year)
    if len(core[m.end() :].strip(" .")) < 8:
        return None  # "… Nature 421, 123–127 (2003).": the year closes the entry
    return m


def _nlm_tail(core: str, start: int) -> re.Match[str] | None:
    """Volume, issue and pages at the end of a PLOS-NLM reference, or the volume alone."""
    tail = tails.NLM_TAIL.search(core, start)
    if tail:
        return tail
    tail = tails.NLM_VOLUME_ONLY.search(core, start)
    if tail and not _NOT_A_JOURNAL_WORD.search(core, max(start, tail.start() - 9), tail.start()):
        return tail
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " .,":
        i += 1
    return i


def _last_match(rx: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    last = None
    for m in rx.finditer(text, start):
        if m.group("colon") or m.group("volume") or m.group("issue"):
            last = m
    return last


def _put_tail(put: Put, m: re.Match[str]) -> None:
    found = m.groupdict()
    for name in ("volume", "issue", "supp", "pages"):
        if found.get(name):
            put(name.replace("supp", "issue"), found[name].strip(), m.start(name), m.end(name))


__all__ = ["normalize_pages", "parse_reference"]
