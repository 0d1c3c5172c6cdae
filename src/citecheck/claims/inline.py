"""Inline claim tags: HTML comments placed in the sentence they tag (invisible when rendered).

Syntax (``docs/claims.md``)::

    <!-- claim: median PFS 54 d, OS 223 d -->
    <!-- claim pfs-os: median PFS 54 d, OS 223 d -->            (with an id)
    <!-- claim: median PFS 54 d, OS 223 d; cites: 88 -->       (pin the reference)

The tag belongs to the sentence it stands in, or to the sentence it directly follows on the
same line ("... respectively (88). <!-- claim: ... -->"). Without ``cites:``, the claim cites
what that sentence's citation cites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.claims.model import Claim, Sentence
from citecheck.claims.sentences import sentence_at
from citecheck.model import Citation, RefKey, Span

TAG_RX = re.compile(
    r"<!--\s*claim(?:\s+(?P<id>[\w.\-]+))?\s*:\s*(?P<body>.*?)\s*-->",
    re.DOTALL | re.IGNORECASE,
)
_CITES_RX = re.compile(r";\s*cites?\s*:\s*(?P<cites>[0-9,\s–\-]+)\s*$", re.IGNORECASE)


def inline_tag_spans(text: str) -> tuple[Span, ...]:
    """Where inline claim tags stand (to keep them in their sentence and out of numbers)."""
    return tuple(Span(m.start(), m.end()) for m in TAG_RX.finditer(text))


def find_inline_claims(
    text: str,
    sentences: Sequence[Sentence],
    citations: Sequence[Citation],
) -> tuple[Claim, ...]:
    """The claims tagged inline in ``text``, each bound to its sentence's citations."""
    claims = []
    for n, m in enumerate(TAG_RX.finditer(text), start=1):
        body = m.group("body")
        pinned = _CITES_RX.search(body)
        if pinned:
            body = body[: pinned.start()].strip()
        sentence = sentence_at(sentences, m.start())
        if pinned:
            cites: tuple[RefKey, ...] = _numbers(pinned.group("cites"))
        elif sentence is not None:
            cites = _cited_in(sentence.span, citations)
        else:
            cites = ()
        claims.append(
            Claim(
                id=m.group("id") or f"inline-{n}",
                text=" ".join(body.split()),
                cites=cites,
                note=None,
                source="inline",
                span=Span(m.start(), m.end()),
            )
        )
    return tuple(claims)


def _cited_in(span: Span, citations: Sequence[Citation]) -> tuple[RefKey, ...]:
    seen: dict[RefKey, None] = {}
    for citation in citations:
        if span.start <= citation.span.start < span.end:
            for ref in citation.refs:
                seen.setdefault(ref, None)
    return tuple(seen)


def _numbers(written: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", written.strip()):
        bounds = re.split(r"\s*[–\-]\s*", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds):
            low, high = int(bounds[0]), int(bounds[1])
            numbers.extend(range(low, high + 1) if 0 < high - low < 1000 else (low, high))
        elif part.isdigit():
            numbers.append(int(part))
    return tuple(dict.fromkeys(numbers))
