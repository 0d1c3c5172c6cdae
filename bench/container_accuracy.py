"""Journal (container) and author fields of every development list, as printed and re-printed
in the period-abbreviated styles (issue #12's measurement).

For each of the twelve development manuscripts (``../shared/data/manuscripts/*/``), the
reference list as citecheck reads it from ``manuscript.md`` is scored against ``gold.json``:
the container (journal; books' and chapters' sources included) as precision, recall and F1,
and the author list (the ordered "Family Initials" names, all of them right). Then every gold
journal reference is printed again, from its gold fields, in four styles that abbreviate
journal names with periods, and parsed alone:

* **Springer/Nature**: ``A. B. Smith, C. D. Lee, Title. J. Phys. Chem. B 112, 123–130 (2008).``
* **ACS**: ``Smith, A. B.; Lee, C. D. Title. J. Phys. Chem. B 2008, 112, 123–130.``
* **Elsevier numbered**: ``A.B. Smith, C.D. Lee, Title, J. Phys. Chem. B 112 (2008) 123–130.``
* **APS/AIP** (no title): ``A. B. Smith and C. D. Lee, J. Phys. Chem. B 112, 123 (2008).``

The journal is re-printed in its ISO 4 form: the gold's NLM abbreviation with a period after
each abbreviated word ("J Phys Chem B" → "J. Phys. Chem. B"; "Nature" and "Cell" stay).

    python bench/container_accuracy.py [--write-docs] [--show-failures N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

import harness

harness.use_checkout_source()

from parse_accuracy import Tally, normalise_field  # noqa: E402

from citecheck.bibliography.journals import ABBREVIATED_WORDS  # noqa: E402
from citecheck.bibliography.parse import parse_reference  # noqa: E402
from citecheck.inputs import document_from_text  # noqa: E402
from citecheck.pipeline import analyze  # noqa: E402

# Short capitalised journal words that are whole words, not abbreviations.
_WHOLE = (
    "cell gut bone gene lung skin life acta mind soil eye ear oral food work pain sex age gait",
    "bird fish cold nose são oncotarget",
)
WHOLE_WORDS = frozenset(" ".join(_WHOLE).split())


def iso4(container: str) -> str:
    """An NLM abbreviation written with ISO 4 periods ("J Phys Chem B" → "J. Phys. Chem. B")."""
    out = []
    words = container.split()
    for i, w in enumerate(words):
        low = w.lower()
        single = len(w) == 1 and w.isupper() and i < len(words) - 1
        dotted = low in ABBREVIATED_WORDS or (
            2 <= len(w) <= 4 and w[:1].isupper() and w[1:].islower() and low not in WHOLE_WORDS
        )
        out.append(w + "." if (single or dotted) and w[-1].isalpha() else w)
    return " ".join(out)


SUFFIXES = ("Jr", "Sr", "II", "III", "IV")


def _initials(name: str, joiner: str) -> tuple[str, str]:
    """("Family", "A. B.") from the gold's "Family AB" ("Family AB Jr": the suffix after the
    family); a group name stays whole."""
    words = name.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    initials = words[-1] if len(words) >= 2 else ""
    if not (initials[:1].isupper() and len(initials) <= 4 and initials.isalpha()):
        return name, ""
    family = " ".join(words[:-1]) + (f" {suffix}" if suffix else "")
    given = joiner.join(f"{c}." for c in initials if c.isalpha())
    return family, re.sub(r"\s*([a-z])\.", r"-\1.", given)  # "Cq" (from "C-q") → "C.-q."


def _given_first(authors: list[str], joiner: str = " ") -> list[str]:
    out = []
    for a in authors:
        family, given = _initials(a, joiner)
        out.append(f"{given} {family}".strip())
    return out


def springer(ref: dict[str, Any]) -> str:
    names = ", ".join(_given_first(ref["authors"]))
    pages = ref.get("pages") or ""
    return (
        f"{names}, {ref['title']}. {iso4(ref['container'])} {ref['volume']}, {pages}"
        f" ({ref['year']})."
    )


def acs(ref: dict[str, Any]) -> str:
    names = "; ".join(
        f"{f}, {g}".strip(", ") for f, g in (_initials(a, " ") for a in ref["authors"])
    )
    return (
        f"{names} {ref['title']}. {iso4(ref['container'])} {ref['year']}, {ref['volume']},"
        f" {ref.get('pages') or ''}."
    )


def elsevier(ref: dict[str, Any]) -> str:
    names = ", ".join(_given_first(ref["authors"], ""))
    return (
        f"{names}, {ref['title']}, {iso4(ref['container'])} {ref['volume']} ({ref['year']})"
        f" {ref.get('pages') or ''}."
    )


def aps(ref: dict[str, Any]) -> str:
    names = _given_first(ref["authors"])
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    first = (ref.get("pages") or "").split("–")[0].split("-")[0]
    return f"{joined}, {iso4(ref['container'])} {ref['volume']}, {first} ({ref['year']})."


STYLES: dict[str, Callable[[dict[str, Any]], str]] = {
    "Springer/Nature": springer,
    "ACS": acs,
    "Elsevier numbered": elsevier,
    "APS/AIP (no title)": aps,
}


def manuscripts() -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    root = harness.require_shared() / "data" / "manuscripts"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        yield (
            folder.name,
            (folder / "manuscript.md").read_text(encoding="utf-8"),
            gold["references"],
        )


def _score(tally: Tally, name: str, expected: object, got: object) -> bool:
    e, g = normalise_field(name, expected), normalise_field(name, got)
    tally.labelled += e is not None
    tally.predicted += g is not None
    right = e is not None and e == g
    tally.correct += right
    return right or (e is None and g is None)


def printable(ref: dict[str, Any]) -> bool:
    return bool(
        ref.get("type") == "journal"
        and ref.get("authors")
        and ref.get("title")
        and ref.get("container")
        and ref.get("volume")
        and ref.get("year")
        and ref.get("pages")
        and all(_initials(a, "")[1] for a in ref["authors"])  # no group authors
    )


OTHER_FIELDS = ("container", "title", "authors", "year", "volume", "pages")


def other_styles() -> list[list[object]]:
    """Field F1 on GROBID's labelled strings of other styles (CS, physics, mathematics,
    humanities, multilingual; ``style_hint`` not Vancouver)."""
    path = harness.require_shared() / "data" / "refparse" / "grobid_citation.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    tallies = {f: Tally() for f in OTHER_FIELDS}
    for rec in (r for r in records if r.get("style_hint") != "vancouver"):
        ref = parse_reference(rec["raw"])
        got = {f: getattr(ref, f, None) for f in OTHER_FIELDS}
        got["authors"] = [str(a) for a in ref.authors] or None
        for f in OTHER_FIELDS:
            _score(tallies[f], f, rec["fields"].get(f), got[f])
    return [[f, t.labelled, f"{t.f1:.3f}"] for f, t in tallies.items()]


def run(show: int) -> tuple[list[list[object]], list[list[object]], list[str]]:
    printed_rows: list[list[object]] = []
    styled: dict[str, tuple[Tally, Tally, Tally]] = {s: (Tally(), Tally(), Tally()) for s in STYLES}
    failures: list[str] = []
    total_c, total_a = Tally(), Tally()
    for name, text, refs in manuscripts():
        found = {r.number: r for r in analyze(document_from_text(text, f"{name}.md")).references}
        cont, auth = Tally(), Tally()
        for ref in (r for r in refs if r.get("type") == "journal"):
            got = found.get(ref["n"])
            if not _score(cont, "container", ref.get("container"), got and got.container):
                failures.append(f"{name} ref {ref['n']}: container {ref.get('container')!r}, got"
                                f" {got and got.container!r}")  # fmt: skip
            names = [str(a) for a in got.authors] if got else None
            _score(auth, "authors", ref.get("authors"), names)
        total_c.add(cont)
        total_a.add(auth)
        journals = sum(r.get("type") == "journal" for r in refs)
        printed_rows.append([name, journals, f"{cont.f1:.3f}", f"{auth.f1:.3f}"])
        for style, render in STYLES.items():
            tc, ta, tt = styled[style]
            for ref in filter(printable, refs):
                raw = render(ref)
                parsed = parse_reference(raw)
                want = iso4(ref["container"]).rstrip(".")
                if not _score(tc, "container", want, parsed.container):
                    failures.append(f"{style}: {raw} → container {parsed.container!r}")
                _score(ta, "authors", ref["authors"], [str(a) for a in parsed.authors])
                title = None if style.startswith("APS") else ref["title"]
                _score(tt, "title", title, parsed.title)
    printed_rows.append(["**all**", "", f"{total_c.f1:.3f}", f"{total_a.f1:.3f}"])
    style_rows: list[list[object]] = [
        [s, t[0].labelled, f"{t[0].f1:.3f}", f"{t[1].f1:.3f}", f"{t[2].f1:.3f}" if t[2].labelled
         else "–"]
        for s, t in styled.items()
    ]  # fmt: skip
    return printed_rows, style_rows, failures[:show]


def report(printed: list[list[object]], styled: list[list[object]], failures: list[str]) -> str:
    lines = ["## Journal and author fields of the development lists (issue #12)", ""]
    lines += harness.run_description()
    lines += [
        "",
        "As printed (the manuscripts' own lists, read by `citecheck`; journal articles, whose"
        " container is the journal):",
        "",
    ]
    lines.append(
        harness.table(["manuscript", "articles", "container F1", "authors F1"], printed, "lrrr")
    )
    lines += [
        "",
        "The same journal references re-printed in period-abbreviated styles, each parsed alone:",
        "",
    ]
    lines.append(
        harness.table(
            ["style", "references", "container F1", "authors F1", "title F1"], styled, "lrrrr"
        )
    )
    lines += [
        "",
        "GROBID's labelled strings of other styles (`grobid_citation.jsonl`, style_hint not"
        " Vancouver: CS, physics, mathematics, humanities; OCR noise kept), each parsed alone:",
        "",
        harness.table(["field", "labelled", "F1"], other_styles(), "lrr"),
    ]
    if failures:
        lines += ["", "Failures (first ones):", ""] + [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--show-failures", type=int, default=10)
    args = parser.parse_args()
    printed, styled, failures = run(args.show_failures)
    text = report(printed, styled, failures)
    print(text)
    if args.write_docs:
        print(f"wrote {harness.write_docs_section('container-accuracy', text)}")


if __name__ == "__main__":
    sys.exit(main())
