"""Author-date linking (issue #21) on real articles: eLife JATS (CC BY) whose ``<xref>`` tags
are the gold.

Each ``../shared/data/authordate/*.xml`` is read by citecheck's JATS reader for its text,
its reference ids and its tagged citations (the gold). The same text is then analysed as
plain text, as if the XML had never been seen: the reference list read from the text, the
citation system detected, citations found by the author-date finder and linked by name and
year. A (tagged citation, reference id) pair of the gold is found when a citation the text
finder reports overlaps that tag and links the entry printed where the gold reference is.
Precision, recall and F1 over those pairs; the citation system detected; the audit facts
(CIT001/CIT006 missing or year mismatch, CIT002 uncited) beside the gold's (xref ids with
no ref, refs with no xref).

    python bench/authordate.py [--write-docs]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import harness
from authordate_data import FIRST
from authordate_peer import PeerScore, count_score, score_touchneedle, touchneedle_version

harness.use_checkout_source()

from citecheck.citations.adlink import fold  # noqa: E402
from citecheck.inputs import read_document  # noqa: E402
from citecheck.model import Document, Span  # noqa: E402
from citecheck.pipeline import Analysis, analyze  # noqa: E402


@dataclass(frozen=True)
class Score:
    name: str
    system: str
    gold: int
    found: int
    correct: int
    facts: Counter[str]
    gold_uncited: int
    slips: int
    untagged: int
    misses: tuple[str, ...]
    counted: PeerScore  # citecheck scored by counts per entry, as the peer is
    peer: PeerScore | None  # touchneedle, or None when not run
    cpu: float  # citecheck's CPU seconds on the plain text
    peer_cpu: float  # touchneedle's (child process user + system)
    jats_untagged: int  # read as JATS: citations found outside the tags (JATS003)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _names(text: str, family: str | None) -> bool:
    if not family:
        return True
    return fold(family.split()[-1]) in fold(text)


def _untagged(text: str, gid: str, refs: dict, near: list[int], marks: list) -> bool:
    """No tag overlapping the citation names the entry, and the citation prints the
    entry's first author and year: a citation the publisher left untagged."""
    ref = refs.get(gid)
    if ref is None or not ref.authors or not ref.year or any(gid in marks[i].keys for i in near):
        return False
    return _names(text, ref.authors[0].family) and ref.year in text


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def score(path: Path, peer: bool = True) -> Score:
    jats = read_document(str(path))
    assert jats.references is not None and jats.marks is not None
    gold_refs = {r.citekey: r.span for r in jats.references if r.citekey}
    family = {r.citekey: r.authors[0].family for r in jats.references if r.citekey and r.authors}
    marks = [m for m in jats.marks if any(k in gold_refs for k in m.keys)]
    tagged = {(i, k) for i, m in enumerate(marks) for k in m.keys if k in gold_refs}
    # A tag whose text does not name its entry's first author is the publisher's slip
    # ("(Ross, 2012)" tagged as Mirabet 2012): left out of the gold, and counted.
    gold = {(i, k) for i, k in tagged if _names(marks[i].text, family.get(k))}
    cpu = time.process_time()
    plain = analyze(Document(path.stem + ".txt", jats.text))
    cpu = time.process_time() - cpu
    gold_id_of: dict[object, str] = {}
    for r in plain.references:
        ids = [g for g, span in gold_refs.items() if _overlaps(span, r.span)]
        if ids:
            gold_id_of[r.key] = ids[0]
    starts = sorted(range(len(marks)), key=lambda i: marks[i].span.start)
    found: set[tuple[int, str]] = set()
    wrong = untagged = 0
    jats_refs = {r.citekey: r for r in jats.references if r.citekey}
    misses: list[str] = []
    for c in plain.citations:
        near = [i for i in starts if _overlaps(marks[i].span, c.span)]
        for key in c.refs:
            gid = gold_id_of.get(key)
            hit = next((i for i in near if gid is not None and gid in marks[i].keys), None)
            if hit is not None and (hit, gid) not in gold:
                continue  # the publisher's slip: neither right nor wrong
            if hit is None and gid is not None and _untagged(c.text, gid, jats_refs, near, marks):
                untagged += 1  # the article prints this citation but did not tag it
                continue
            if hit is None:
                wrong += 1
                misses.append(f"false: {c.text!r} → {key}")
            else:
                found.add((hit, gid))  # type: ignore[arg-type]
    for i, k in sorted(gold - found):
        misses.append(f"missed: {marks[i].text!r} → {k}")
    cited = {str(k) for m in jats.marks for k in m.keys}
    facts = Counter(f.rule for f in plain.findings if f.rule in ("CIT001", "CIT002", "CIT006"))
    gold_by_ref = Counter(k for _, k in gold)
    counted = _count_citecheck(plain, gold_id_of, gold_by_ref, cited)
    peer_cpu = _child_cpu()
    spans = {k: (s.start, s.end) for k, s in gold_refs.items()}
    tn = score_touchneedle(jats.text, path.stem, spans, gold_by_ref, cited) if peer else None
    peer_cpu = _child_cpu() - peer_cpu
    return Score(
        path.stem,
        plain.system,
        len(gold),
        len(found) + wrong,
        len(found),
        facts,
        sum(1 for k in gold_refs if k not in cited),
        len(tagged) - len(gold),
        untagged,
        tuple(misses),
        counted,
        tn,
        cpu,
        peer_cpu,
        sum(1 for f in analyze(jats).findings if f.rule == "JATS003"),
    )


def _count_citecheck(
    plain: Analysis, gold_id_of: dict[object, str], gold_by_ref: Counter[str], cited: set[str]
) -> PeerScore:
    """citecheck's links counted per entry, as touchneedle's are."""
    known = {r.key for r in plain.references}
    found: Counter[str] = Counter()
    unmapped = missing = 0
    for c in plain.citations:
        for key in c.refs:
            if key not in known:
                missing += 1
            elif (gid := gold_id_of.get(key)) is None:
                unmapped += 1
            else:
                found[gid] += 1
    uncited = sum(
        1
        for f in plain.findings
        if f.rule == "CIT002" and any(gold_id_of.get(k) in cited for k in f.refs)
    )
    return count_score(gold_by_ref, found, unmapped, missing, uncited)


def _total(label: str, scores: list[Score]) -> list[object]:
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    correct = sum(s.correct for s in scores)
    p, r = correct / found, correct / gold
    f1 = 2 * p * r / (p + r)
    return [
        label,
        "",
        gold,
        found,
        correct,
        f"{p:.3f}",
        f"{r:.3f}",
        f"**{f1:.4f}**",
        "",
        sum(s.gold_uncited for s in scores),
        sum(s.slips for s in scores),
        sum(s.untagged for s in scores),
        sum(s.jats_untagged for s in scores),
    ]


def _peer_row(tool: str, label: str, counted: list[PeerScore], cpu: float) -> list[object]:
    gold = sum(c.gold for c in counted)
    found = sum(c.found for c in counted)
    correct = sum(c.correct for c in counted)
    p = correct / found if found else 1.0
    r = correct / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    missing = sum(c.missing_alarms for c in counted)
    uncited = sum(c.uncited_alarms for c in counted)
    return [tool, label, gold, found, correct, f"{p:.3f}", f"{r:.3f}", f"**{f1:.4f}**",
            missing, uncited, f"{cpu:.1f}"]  # fmt: skip


def _peer_section(parts: list[tuple[str, list[Score]]]) -> list[str]:
    """The peer comparison: both tools scored by counts per entry, with their false alarms."""
    rows = []
    for label, part in parts:
        rows.append(
            _peer_row("citecheck", label, [s.counted for s in part], sum(s.cpu for s in part))
        )
        peers = [s.peer for s in part if s.peer is not None]
        if len(peers) == len(part):
            rows.append(_peer_row("touchneedle", label, peers, sum(s.peer_cpu for s in part)))
    if not any(r[0] == "touchneedle" for r in rows):
        return ["", "touchneedle not run (`--no-peer`, or not installed)."]
    headers = ["tool", "articles", "gold links", "found", "correct", "precision", "recall",
               "F1", "'no entry' alarms", "'never cited' alarms", "CPU s"]  # fmt: skip
    return [
        "",
        f"### Peer comparison: touchneedle {touchneedle_version()} on the same articles",
        "",
        "Both tools read each article's text as a Markdown file (touchneedle: `touchneedle "
        "check DOC --offline --json FILE`, installed in the venv for the bench only) and are "
        "scored by counts per entry, as touchneedle reports no offsets: for each gold "
        "reference, the smaller of its tagged citations and the citations the tool attached "
        "to it. *'no entry' alarms*: citations the tool says have no entry (every tagged "
        "citation of the gold has one); *'never cited' alarms*: entries it says are never "
        "cited that the gold cites. CPU: citecheck in process, touchneedle as a child "
        "process (with its interpreter's start-up).",
        "",
        harness.table(headers, rows),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--no-peer", action="store_true", help="do not run touchneedle")
    args = parser.parse_args(argv)
    folder = harness.require_shared() / "data" / "authordate"
    scores = [score(p, not args.no_peer) for p in sorted(folder.glob("*.xml"))]
    rows = []
    for s in scores:
        p = s.correct / s.found if s.found else 1.0
        r = s.correct / s.gold if s.gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        facts = ", ".join(f"{k}×{v}" for k, v in sorted(s.facts.items())) or "none"
        rows.append(
            [
                s.name,
                s.system,
                s.gold,
                s.found,
                s.correct,
                f"{p:.3f}",
                f"{r:.3f}",
                f"{f1:.3f}",
                facts,
                s.gold_uncited,
                s.slips,
                s.untagged,
                s.jats_untagged,
            ]
        )
        if args.show_misses:
            for m in s.misses:
                print(f"{s.name}: {m}", file=sys.stderr)
    parts = [
        (f"first {sum(s.name in FIRST for s in scores)}", [s for s in scores if s.name in FIRST]),
        (
            f"added {sum(s.name not in FIRST for s in scores)}",
            [s for s in scores if s.name not in FIRST],
        ),
        ("**all**", scores),
    ]
    rows += [_total(label, part) for label, part in parts if part]
    headers = [
        "article",
        "system",
        "gold links",
        "found",
        "correct",
        "precision",
        "recall",
        "F1",
        "audit (CIT001/002/006)",
        "gold uncited",
        "tag slips",
        "untagged",
        "JATS003",
    ]
    markdown = "\n".join(
        [
            "## Author-date linking (eLife JATS, gold from `<xref>`)",
            "",
            *harness.run_description(),
            f"- data: {len(scores)} eLife articles of `../shared/data/authordate/` (CC BY; "
            "provenance in its README), read as plain text",
            "- bar: linking F1 ≥ 0.99. *tag slips*: tags whose text does not name their "
            "entry's first author (left out of the gold); *untagged*: links the text finder made "
            "to an entry whose first author and year the citation prints, where the XML has no "
            "tag (counted neither right nor wrong); *JATS003*: the same article read as JATS "
            "(keyed by its ids), printed citations the author-date finder found outside its "
            "tags",
            "",
            harness.table(headers, rows),
            *_peer_section(parts),
        ]
    )
    print(markdown)
    if args.write_docs:
        harness.write_docs_section("authordate", markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
