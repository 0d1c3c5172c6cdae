"""Online verification on real reference lists: false alarms on clean lists, and single-field
errors found (issue #12's measurement).

A local registry (tests/online/registry_server.py, on 127.0.0.1) serves Crossref-shaped
records for every reference of the twelve development manuscripts (``../shared/data/
manuscripts/*/gold.json``), built from the gold fields with the variations Crossref's records
really show, chosen deterministically per reference:

* titles in Title Case (40 %), a subtitle split off at ": " (30 % of those with one),
  inline markup and entities (``<i>…</i>``, ``&amp;``; 20 %);
* journals as the full-stop abbreviation in ``short-container-title`` ("Ethol. Sociobiol.")
  beside the printed form (the gold has no full journal titles: see "Limits" below);
* pages missing (10 %); an online date a year before print, ``issued`` taking the earlier
  (15 %);
* authors' given names as initials with full stops ("J. L.").

References without a DOI in the gold get a made-up one (``10.5555/bench.<ms>.<n>``), so lists
whose DOIs were removed are checked by search. Books are ``book`` records titled with their
title, chapters ``book-chapter`` records whose container is the book and whose authors leave
out the editors the gold lists among them; references the gold gives no title at all (reports
and web pages PLOS left untagged) are not served, as Crossref mostly lacks them. Three runs
per manuscript:

* **clean**: the manuscript as published; every DOI/META/PMID/RET finding is a false alarm,
  and EXIST001 on a reference the registry holds is a miss (counted apart);
* **clean, Springer style**: the same list with every journal reference re-printed from its
  gold fields as "A. B. Smith, C. D. Lee, Title. J. Abbr. 12, 1–9 (2004)." (the journal with
  ISO 4 periods, no DOI, so every one is found by search), counted the same way;
* **injected**: one reference in three gets one error in its printed line, rotating through
  year (+2), volume (+1), first page (+10; not where the record has no pages), first author's
  name (two letters swapped), title cut to its first half, and DOI (last digit changed, where
  a DOI is printed); an error counts as found when a finding on that reference names the
  field (META001 ``field``; DOI002 or DOI001 for a DOI).

Limits: journal names are compared with their own abbreviations only (no full titles are
available offline), so abbreviation ↔ full-title matching is measured by the tests
(tests/online/test_fields.py), not here.

    python bench/online_accuracy.py [--write-docs] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import harness

harness.use_checkout_source()
sys.path.insert(0, str(harness.REPO_ROOT / "tests"))

from container_accuracy import printable, springer  # noqa: E402
from online.registry_server import LocalRegistry, RegistryData  # noqa: E402
from registry_records import held, work_for  # noqa: E402

import citecheck  # noqa: E402
from citecheck.inputs import document_from_text  # noqa: E402
from citecheck.options import CheckOptions, ClaimSettings  # noqa: E402
from citecheck.registry.settings import OnlineOptions, PoolLimits, RegistrySpec  # noqa: E402

ONLINE_FAMILIES = ("DOI", "META", "PMID", "RET")
KINDS = ("year", "volume", "pages", "author", "title", "doi")
FAST = PoolLimits(500.0, 500.0, 3)


@dataclass
class Injection:
    number: int
    kind: str
    printed: str  # what the manuscript now says


def _swap(word: str) -> str:
    return word[0] + word[2] + word[1] + word[3:] if len(word) >= 4 else word + "x"


def inject(line: str, ref: dict[str, Any], kind: str) -> str | None:
    """``line`` (a printed reference) with one error of ``kind``, or None when it cannot be
    made there."""
    if kind == "year" and ref.get("year") and str(ref["year"]).isdigit():
        year = str(ref["year"])
        new = re.sub(rf"\b{year}\b", str(int(year) + 2), line, count=1)
    elif kind == "volume" and str(ref.get("volume") or "").isdigit():
        vol = str(ref["volume"])
        new = re.sub(rf"(?<=[\s;(]){vol}(?=\s*[:(,])", str(int(vol) + 1), line, count=1)
    elif kind == "pages" and ref.get("pages"):
        first = re.split(r"[-–]", str(ref["pages"]))[0]
        if not first.isdigit():
            return None
        new = re.sub(rf"(?<=[:\s]){first}(?=[-–.\s])", str(int(first) + 10), line, count=1)
    elif kind == "author" and ref.get("authors"):
        family = ref["authors"][0].rpartition(" ")[0] or ref["authors"][0]
        if len(family) < 4 or family not in line:
            return None
        new = line.replace(family, _swap(family), 1)
    elif kind == "title" and ref.get("title"):
        title = ref["title"]
        words = title.split()
        if len(words) < 6 or title not in line:
            return None
        cut = " ".join(words[: len(words) // 2]).rstrip(",;:")
        new = line.replace(title, cut + (title[-1] if title[-1] in ".?!" else ""), 1)
    elif kind == "doi" and ref.get("doi") and ref["doi"] in line:
        doi = ref["doi"]
        last = doi[-1]
        repl = str((int(last) + 1) % 10) if last.isdigit() else ("a" if last != "a" else "b")
        new = line.replace(doi, doi[:-1] + repl, 1)
    else:
        return None
    return new if new != line else None


def reference_lines(text: str, refs: list[dict[str, Any]]) -> dict[int, tuple[int, int]]:
    """Where each gold reference's printed line is in the manuscript (by its title)."""
    heading = max(text.rfind("\n## References"), text.rfind("\nReferences\n"))
    out = {}
    after = heading  # in list order: two titles may start alike
    for ref in refs:
        title = (ref.get("title") or "")[:40]
        at = text.find(title, after) if title else -1
        if at < 0:
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        out[ref["n"]] = (start, len(text) if end < 0 else end)
        after = out[ref["n"]][1]
    return out


def injected_manuscript(
    name: str, text: str, refs: list[dict[str, Any]]
) -> tuple[str, list[Injection]]:
    """One reference in three with one error; not a page error where the record has no pages
    (no registry could reveal it)."""
    lines = reference_lines(text, refs)
    edits: list[tuple[int, int, str]] = []
    injections = []
    kinds = iter(KINDS * len(refs))
    for ref in refs[::3]:
        span = lines.get(ref["n"])
        if span is None:
            continue
        for _ in KINDS:
            kind = next(kinds)
            if kind == "pages" and "page" not in work_for(name, ref):
                continue
            new = inject(text[span[0] : span[1]], ref, kind)
            if new is not None:
                edits.append((span[0], span[1], new))
                injections.append(Injection(ref["n"], kind, new))
                break
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, injections


def _found(kind: str, findings: list[Any], number: int) -> bool:
    mine = [f for f in findings if number in f.refs]
    if kind == "doi":
        return any(f.rule in ("DOI001", "DOI002") for f in mine)
    wanted = {"pages": ("pages",), "author": ("author", "authors"), "title": ("title",)}.get(
        kind, (kind,)
    )
    return any(
        f.rule in ("META001", "PMID002")
        and str(f.evidence.get("field", "")).split(" ")[0] in wanted
        for f in mine
    )


@dataclass
class Tally:
    references: int = 0
    unmatched: int = 0  # EXIST001 on a reference the registry holds
    false_alarms: Counter[str] = field(default_factory=Counter)
    alarms: list[str] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    suggested: Counter[str] = field(default_factory=Counter)


def manuscripts(only: str | None) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    root = harness.require_shared() / "data" / "manuscripts"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if only and only not in folder.name:
            continue
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        text = (folder / "manuscript.md").read_text(encoding="utf-8")
        yield folder.name, text, gold["references"]


def _options(srv: LocalRegistry) -> CheckOptions:
    online = OnlineOptions(
        registry=RegistrySpec.http(srv.url, srv.url, f"{srv.url}/europepmc"),
        email="bench@example.org",
        cache=False,
        limits=FAST,
        ncbi_rate=500.0,
    )
    return CheckOptions(claims=ClaimSettings(enabled=False), online=online)


def _audit_clean(
    name: str, text: str, refs: list[dict[str, Any]], options: CheckOptions, tally: Tally
) -> None:
    """Check a clean manuscript; count its false alarms, misses and DOI suggestions."""
    clean = citecheck.check_manuscript(document_from_text(text, "clean.md"), options)
    record_doi = {r["n"]: work_for(name.split()[0], r)["DOI"].lower() for r in refs}
    held_numbers = {r["n"] for r in refs if held(r)}
    for f in clean.findings:
        number = f.refs[0] if f.refs else None
        if f.rule == "DOI003":  # a DOI suggested: right or wrong?
            right = f.evidence.get("doi", "").lower() == record_doi.get(number)
            tally.suggested["right" if right else "wrong"] += 1
            if not right:
                tally.alarms.append(f"{name}: wrong DOI003 {f.message[:140]}")
        elif f.rule == "EXIST001":  # not matched: a miss when the registry has it
            if number in held_numbers:
                tally.unmatched += 1
                tally.alarms.append(f"{name}: {f.rule} {f.message[:140]}")
        elif f.rule.startswith(ONLINE_FAMILIES):
            tally.false_alarms[f.rule] += 1
            tally.alarms.append(f"{name}: {f.rule} {f.message[:140]}")


_LIST_MARK = re.compile(r"\s*(?:[-*+]\s+|\[?\d+[.)\]]\s*)")


def restyled(text: str, refs: list[dict[str, Any]]) -> tuple[str, int]:
    """The manuscript with its journal references re-printed in Springer/Nature style
    ("A. B. Smith, C. D. Lee, Title. J. Phys. Chem. B 112, 123–130 (2008).", no DOI), and
    how many were re-printed."""
    edits = []
    for number, (start, end) in reference_lines(text, refs).items():
        ref = next(r for r in refs if r["n"] == number)
        if printable(ref):
            mark = _LIST_MARK.match(text, start)
            edits.append((mark.end() if mark else start, end, springer(ref)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, len(edits)


def run(only: str | None) -> tuple[Tally, dict[str, Tally], dict[str, Tally]]:
    total, per, per_styled = Tally(), {}, {}
    for name, text, refs in manuscripts(only):
        tally = per.setdefault(name, Tally())
        data = RegistryData([work_for(name, r) for r in refs if held(r)])
        with LocalRegistry(data).running() as srv:
            options = _options(srv)
            tally.references = len(refs)
            _audit_clean(name, text, refs, options, tally)
            styled = per_styled.setdefault(name, Tally())
            springer_text, styled.references = restyled(text, refs)
            _audit_clean(f"{name} (Springer style)", springer_text, refs, options, styled)
            bad, injections = injected_manuscript(name, text, refs)
            result = citecheck.check_manuscript(document_from_text(bad, f"{name}.md"), options)
            findings = list(result.findings)
            status = {v.key: v.status for v in result.online.verdicts} if result.online else {}
            for inj in injections:
                tally.injected[inj.kind] += 1
                if _found(inj.kind, findings, inj.number):
                    tally.found[inj.kind] += 1
                else:
                    said = sorted({f.rule for f in findings if inj.number in f.refs})
                    tally.missed.append(
                        f"{name} ref {inj.number}: {inj.kind} (verdict {status.get(inj.number)},"
                        f" findings {', '.join(said) or 'none'}): {inj.printed[:110]}"
                    )
        for attr in ("false_alarms", "injected", "found", "suggested"):
            getattr(total, attr).update(getattr(tally, attr))
        total.references += tally.references
        total.unmatched += tally.unmatched
        total.alarms += tally.alarms
        total.missed += tally.missed
    return total, per, per_styled


def _clean_table(per: dict[str, Tally]) -> list[str]:
    """One row per manuscript: false alarms by rule, misses, DOI suggestions right/wrong."""
    rows: list[list[object]] = []
    alarms = unmatched = references = right = wrong = 0
    for name, t in per.items():
        a = sum(t.false_alarms.values())
        rows.append([name, t.references, a, ", ".join(f"{r}×{n}" for r, n in
                     sorted(t.false_alarms.items())), t.unmatched])  # fmt: skip
        alarms, unmatched, references = (
            alarms + a,
            unmatched + t.unmatched,
            references + t.references,
        )
        right, wrong = right + t.suggested["right"], wrong + t.suggested["wrong"]
    rows.append(["**all**", references, alarms, "", unmatched])
    head = ["manuscript", "references", "false alarms", "by rule", "held but unmatched"]
    precision = f" (precision {right / (right + wrong):.4f})" if right + wrong else ""
    return [
        harness.table(head, rows, "lrrlr"),
        "",
        f"DOI suggestions (DOI003): {right + wrong}, of which {wrong} wrong{precision}",
    ]


def report(total: Tally, per: dict[str, Tally], per_styled: dict[str, Tally]) -> str:
    lines = ["## Online verification on real reference lists (issue #12)", ""]
    lines += harness.run_description()
    lines += [
        "",
        "Clean lists: every DOI/META/PMID/RET finding is a false alarm; EXIST001 on a reference"
        " the registry holds is a miss (references the gold gives no title are not served, and"
        " EXIST001 is right for them):",
        "",
        *_clean_table(per),
        "",
        "The same lists with their journal references re-printed in Springer/Nature style"
        ' ("A. B. Smith, C. D. Lee, Title. J. Abbr. 12, 1–9 (2004).", ISO 4 periods, no DOI:'
        " every one found by search; the references column counts those re-printed):",
        "",
        *_clean_table(per_styled),
    ]
    lines += [
        "",
        "Injected single-field errors (found = a finding on that reference names the field):",
        "",
    ]
    rows = [
        [
            k,
            total.injected[k],
            total.found[k],
            f"{total.found[k] / total.injected[k]:.3f}" if total.injected[k] else "–",
        ]
        for k in KINDS
    ]
    inj, fnd = sum(total.injected.values()), sum(total.found.values())
    rows.append(["**all**", inj, fnd, f"{fnd / inj:.3f}" if inj else "–"])
    lines.append(harness.table(["error", "injected", "found", "recall"], rows, "lrrr"))
    alarms = total.alarms + [a for t in per_styled.values() for a in t.alarms]
    if alarms:
        lines += ["", "False alarms, misses and wrong suggestions (first 15):", ""] + [
            f"- {a}" for a in alarms[:15]
        ]
    if total.missed:
        lines += ["", "Missed (first 15):", ""] + [f"- {m}" for m in total.missed[:15]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--only", default=None, help="only manuscripts whose name has this")
    args = parser.parse_args()
    total, per, per_styled = run(args.only)
    text = report(total, per, per_styled)
    print(text)
    if args.write_docs:
        print(f"wrote {harness.write_docs_section('online-accuracy', text)}")


if __name__ == "__main__":
    main()
