"""The properties every manuscript must keep, checked on one input; the time budget of the
campaign; and the symptoms of the regressions still open.

:func:`check_text` (text in memory) and :func:`check_bytes` (a file, through the reader)
run :func:`citecheck.check_manuscript` offline with the default options and return a
:class:`Violation` or ``None``. A violation has a *symptom*, a short stable string such as
``crash IndexError at citecheck/citations/find.py:_groups`` or ``slow in
citecheck/claims/scope.py``, by which a regression file (``regressions/*.json``) names it.

Time: a case may take up to ``RATIO`` times as long as a plain manuscript of the same size
checked in the same process (the baseline), and never fails below ``FLOOR`` seconds. Both
are CPU time of this process, so a busy machine slows both alike. Rather than timing a case
and asserting afterwards, an interval timer interrupts a case at that limit, so a quadratic
finder costs the limit, not minutes.

A quadratic finder with a small constant stays under ``RATIO`` up to large inputs, so the
pathological shapes (one unit repeated) are also checked for growth (:func:`check_growth`):
``GROWTH_STEP`` times the run may take at most ``GROWTH`` times as long as the median of
``REPEATS`` runs of the smaller one (linear: 16x, quadratic: 256x), once it takes
``GROWTH_FLOOR``.

Timing is never trusted once: a case found slow is measured again (baselines included) and
fails only when it is slow twice, so a busy 2-core CI machine does not make a linear case
fail, while a quadratic one, far over its limit, fails both times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

import citecheck
from citecheck.errors import CitecheckError
from citecheck.inputs import document_from_text
from citecheck.model import Document, Span
from citecheck.options import CheckOptions
from citecheck.report.json import render_json
from citecheck.rules import RULES

T = TypeVar("T")
RATIO = 50.0
FLOOR = 2.0  # seconds
GROWTH_STEP = 16  # the whole run is compared with a run this many times shorter
GROWTH = 40.0  # ... and may take this many times as long (linear: 16, quadratic: 256)
GROWTH_FLOOR = 1.0  # seconds
REPEATS = 3  # runs of the shorter one; their median is the baseline
ATTEMPTS = 2  # a case is slow only when it is slow this many times in a row
OPTIONS = CheckOptions()  # offline; no claim file can be found for "m.md"


@dataclass(frozen=True)
class Violation:
    symptom: str  # stable: what broke and where, without the input's particulars
    detail: str  # the particulars: message, traceback, timing

    def __str__(self) -> str:
        return f"{self.symptom}\n{self.detail}"


class _TooSlow(BaseException):  # not an Exception: no handler in citecheck may swallow it
    pass


def _where(tb: Any) -> str:
    """The innermost frame of citecheck's own code in a traceback: ``citecheck/x.py:func``."""
    frames = [f for f in traceback.extract_tb(tb) if "/citecheck/" in f.filename.replace("\\", "/")]
    if not frames:
        return "outside citecheck"
    f = frames[-1]
    path = f.filename.replace("\\", "/")
    return f"{path[path.rindex('/citecheck/') + 1 :]}:{f.name}"


# --- time -------------------------------------------------------------------------------------

_PROSE = "the receptor binds its ligand and activates a pathway in many cells of both"
_baselines: dict[int, float] = {}


def plain_manuscript(size: int) -> str:
    """A manuscript of about ``size`` characters: prose with no numbers, and a short list."""
    rng = random.Random(size)
    words = _PROSE.split()
    refs = "\n\n## References\n\n" + "".join(
        f"{i}. Smith AB, Jones C. A study of things. J Biol. 2001;{i}:1-9.\n" for i in range(1, 11)
    )
    parts, length = ["# Title\n\n"], 9
    while length < size - len(refs):
        s = " ".join(rng.choice(words) for _ in range(12)).capitalize() + ". "
        s += "\n\n" if rng.random() < 0.1 else ""
        parts.append(s)
        length += len(s)
    return "".join(parts) + refs


def baseline_seconds(size: int) -> float:
    """The CPU time a plain manuscript of this size takes here: measured once for the power
    of two above it (the fastest of three runs, after a warm-up) and scaled down linearly."""
    size = max(size, 1)
    bucket = 1 << max(12, (size - 1).bit_length())
    if bucket not in _baselines:
        doc = document_from_text(plain_manuscript(bucket), "m.md")
        citecheck.check_manuscript(doc, OPTIONS)
        runs = []
        for _ in range(3):
            start = time.process_time()
            citecheck.check_manuscript(doc, OPTIONS)
            runs.append(time.process_time() - start)
        _baselines[bucket] = min(runs)
    return _baselines[bucket] * max(size, 4096) / bucket


def time_limit(size: int) -> float:
    return max(FLOOR, RATIO * baseline_seconds(size))


@contextmanager
def interrupted_after(seconds: float) -> Iterator[None]:
    """Raise :class:`_TooSlow` inside the block once it has used ``seconds`` of CPU time
    (user and system: other processes on the machine do not count). Main thread, POSIX;
    elsewhere the block runs to its end and is timed afterwards."""
    usable = hasattr(signal, "setitimer") and _main_thread()
    if not usable:
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGPROF, handler)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# --- the properties ---------------------------------------------------------------------------


def _span_problem(span: Span | None, length: int) -> bool:
    return span is not None and not (0 <= span.start <= span.end <= length)


def check_document(
    read: Callable[[], Document],
    size: int,
    source_length: Callable[[], int],
    limit: float | None = None,
) -> Violation | None:
    """Read and check one manuscript within its time limit; the first property it breaks.
    A case that is slow is tried again, and is slow only when it is slow every time."""
    for _ in range(ATTEMPTS):
        violation = _check_timed(read, size, source_length, limit)[0]
        if not _is_slow(violation):
            return violation
    return violation


def _is_slow(violation: Violation | None) -> bool:
    return violation is not None and violation.symptom.startswith("slow")


def _check_timed(
    read: Callable[[], Document],
    size: int,
    source_length: Callable[[], int],
    limit: float | None = None,
) -> tuple[Violation | None, float]:
    """:func:`check_document`, and the CPU time the check took."""
    why = f"{RATIO:g}x the {baseline_seconds(size):.3f} s of a plain manuscript of {size} chars"
    if limit is None or limit > time_limit(size):
        limit = time_limit(size)
    else:
        why = "growth faster than linear"
    start = time.process_time()
    try:
        with interrupted_after(limit):
            document = read()
            result = citecheck.check_manuscript(document, OPTIONS)
            report = render_json([result])
    except CitecheckError:
        return None, time.process_time() - start  # the tool's own failure, in one line: allowed
    except _TooSlow as exc:
        return Violation(
            f"slow in {_where(exc.__traceback__).split(':')[0]}",
            f"interrupted after {limit:.2f} s of CPU ({why})\n{traceback.format_exc(limit=-6)}",
        ), limit
    except Exception as exc:
        return Violation(
            f"crash {type(exc).__name__} at {_where(exc.__traceback__)}", traceback.format_exc()
        ), 0.0
    elapsed = time.process_time() - start
    if elapsed > limit:  # only where no timer could interrupt
        return Violation("slow", f"{elapsed:.1f} s > {limit:.1f} s ({why})"), elapsed
    return _result_problem(result, report, source_length()), elapsed


def _result_problem(result: Any, report: str, source_length: int) -> Violation | None:
    a = result.analysis
    n = len(a.document.text)
    items: list[tuple[str, str, Span | None]] = [
        ("the section heading", "", a.section.heading_span),
        ("the section body", "", a.section.body),
    ]
    for r in a.references:
        items += [("a reference", str(r.key), r.span)]
        items += [(f"a reference's {k}", str(r.key), s) for k, s in r.spans.items()]
    items += [("a citation", repr(c.text), c.span) for c in a.citations]
    items += [(f"a finding {f.rule}", f.message, f.span) for f in result.findings]
    for what, which, span in items:
        if _span_problem(span, n):
            return Violation(f"span of {what} outside the text", f"{which}: {span}, text {n}")
    for c in a.citations:
        if a.document.text[c.span.start : c.span.end] != c.text:
            return Violation("citation text differs from its span", repr(c))
    for f in result.findings:
        if f.rule not in RULES:
            return Violation(f"rule {f.rule} not catalogued", f.message)
    try:
        data = json.loads(report)
    except ValueError as exc:
        return Violation("JSON report not valid JSON", str(exc))
    for path, value in _offsets(data):
        if not 0 <= value <= source_length:
            return Violation(
                f"JSON offset {path} outside the file", f"{value} not in 0..{source_length}"
            )
    return None


def _offsets(data: Any, path: str = "") -> Iterator[tuple[str, int]]:
    """Every ``start``/``end``/``offset`` in a JSON report (path without list indices)."""
    if isinstance(data, Mapping):
        for k, v in data.items():
            if k in ("start", "end", "offset") and isinstance(v, int):
                yield f"{path}.{k}", v
            else:
                yield from _offsets(v, f"{path}.{k}")
    elif isinstance(data, list):
        for v in data:
            yield from _offsets(v, path)


def check_text(text: str, limit: float | None = None) -> Violation | None:
    """The properties for text in memory, read as a Markdown file ``m.md`` (a slow case is
    tried again, as in :func:`check_document`)."""
    return check_document(
        lambda: document_from_text(text, "m.md"), len(text), lambda: len(text), limit
    )


def _check_text_timed(text: str, limit: float | None = None) -> tuple[Violation | None, float]:
    return _check_timed(
        lambda: document_from_text(text, "m.md"), len(text), lambda: len(text), limit
    )


def check_growth(head: str, unit: str, times: int, tail: str) -> Violation | None:
    """The properties for ``head + unit * times + tail``, and for a run ``GROWTH_STEP`` times
    shorter first; the whole may take at most ``GROWTH`` times the shorter one's CPU time
    (the median of ``REPEATS`` runs) once it takes more than ``GROWTH_FLOOR`` seconds. A whole
    run found slow is measured again, its baseline too, before the case fails."""
    short = head + unit * max(1, times // GROWTH_STEP) + tail
    whole = head + unit * times + tail
    violation: Violation | None = None
    for _ in range(ATTEMPTS):
        seconds = []
        for _ in range(REPEATS):
            violation, elapsed = _check_text_timed(short)
            if violation is not None and not _is_slow(violation):
                return violation
            seconds.append(elapsed)
        if _is_slow(violation) and sorted(seconds)[REPEATS // 2] >= time_limit(len(short)):
            continue  # the short run itself is slow: measured again
        limit = max(GROWTH_FLOOR, GROWTH * sorted(seconds)[REPEATS // 2])
        violation = _check_text_timed(whole, limit)[0]
        if not _is_slow(violation):
            return violation
    return violation


def decoded_length(data: bytes) -> int:
    """The length of the file as the reader decodes it (UTF-8, else cp1252)."""
    try:
        return len(data.decode("utf-8"))
    except UnicodeDecodeError:
        return len(data.decode("cp1252", errors="replace"))


def check_bytes(data: bytes) -> Violation | None:
    """The properties for a file holding ``data``, read by the reader its suffix names."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.md"
        path.write_bytes(data)

        def read() -> Document:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return citecheck.read_document(path)

        return check_document(read, len(data), lambda: decoded_length(data))


# --- the budget -------------------------------------------------------------------------------


def budget_seconds() -> float:
    """The whole campaign's budget: ``CITECHECK_FUZZ_SECONDS`` (default 60)."""
    return float(os.environ.get("CITECHECK_FUZZ_SECONDS") or 60)


def long_run() -> bool:
    """A run on request (10 minutes or more) also draws on the development manuscripts and
    makes bigger pathological shapes."""
    return budget_seconds() >= 600


def campaign_seed() -> int | None:
    """``CITECHECK_FUZZ_SEED``: a fixed seed makes a campaign repeatable (CI derives it from
    the commit, so a commit is fuzzed the same way every time it is checked); unset, every
    run explores new examples."""
    value = os.environ.get("CITECHECK_FUZZ_SEED", "").strip()
    return int(value) if value.isdigit() else None


class Budget:
    """One test's share of the campaign: ``share`` of the budget.

    :meth:`run` runs hypothesis in rounds until the share is spent: each round draws as many
    examples as the last round's pace says fit in a few seconds (or in what is left), so the
    time, not a guessed count, ends the campaign, and no round overruns by more than a few
    cases. A round that fails raises at once, with hypothesis's shrunk example.
    """

    ROUND_SECONDS = 5.0

    def __init__(self, name: str, share: float) -> None:
        self.name = name  # its examples database: .hypothesis/fuzz/NAME
        self.seconds = budget_seconds() * share

    def run(
        self,
        strategy: st.SearchStrategy[T],
        check: Callable[[T], None],
        *,
        shrink: bool = True,
    ) -> int:
        """Check examples of ``strategy`` until the time is up; how many were checked."""
        phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] * shrink)
        # no explain phase: it traces every line, and a traced case is a slow case
        started = time.monotonic()
        done, pace, rounds = 0, 0.1, 0  # seconds a case, until measured
        while (left := self.seconds - (time.monotonic() - started)) > 0:
            count = max(1, int(min(left, self.ROUND_SECONDS) / pace))
            round_start = time.monotonic()

            def case(value: T) -> None:
                check(value)

            test = given(strategy)(
                settings(
                    max_examples=count,
                    deadline=None,
                    phases=phases,
                    database=DirectoryBasedExampleDatabase(Path(".hypothesis/fuzz") / self.name),
                    suppress_health_check=list(HealthCheck),
                    print_blob=True,
                )(case)
            )
            fixed = campaign_seed()
            if fixed is not None:  # the same examples for the same seed, round by round
                test = seed(fixed + rounds)(test)
            test()
            rounds += 1
            done += count
            pace = max(0.001, (time.monotonic() - round_start) / count)
        return done


# --- the open regressions ---------------------------------------------------------------------

REGRESSIONS = Path(__file__).parent / "regressions"


def regression_cases() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(REGRESSIONS.glob("*.json"))
    ]


def case_input(case: Mapping[str, Any]) -> tuple[str, str | bytes]:
    """A regression's input: ``("text", str)`` or ``("bytes", bytes)``. ``text`` is literal;
    ``build`` is ``{"head", "unit", "times", "tail"}`` for a long repetitive input;
    ``latin1`` is a file's bytes, one character per byte."""
    if "latin1" in case:
        return "bytes", case["latin1"].encode("latin-1")
    if "build" in case:
        b = case["build"]
        return "text", b.get("head", "") + b["unit"] * b["times"] + b.get("tail", "")
    return "text", case["text"]


def open_symptoms() -> frozenset[str]:
    """The symptoms of regressions not fixed yet: the live campaign does not fail on them
    again (their regression test is there, marked xfail), only on new ones."""
    return frozenset(c["symptom"] for _, c in regression_cases() if c.get("open"))


def new_violation(v: Violation | None) -> Violation | None:
    if v is None or v.symptom in open_symptoms():
        return None
    return v
