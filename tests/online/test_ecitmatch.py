"""NCBI's batch citation matcher: the request, the plain-text answer, the lockfile."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from citecheck.registry.ecitmatch import (
    MAX_BDATA,
    CitationQuery,
    answers_from_text,
    bdata_lines,
    chunks,
    outcome_lookup,
)
from citecheck.registry.lockfile import LockedRegistry, RecordingRegistry
from citecheck.registry.protocol import Registries
from citecheck.registry.records import Lookup, LookupStatus

from .helpers import NCBI, FakeRegistry, body, live_registry

PNAS = CitationQuery("Proc Natl Acad Sci U S A", "1991", "88", "3248", "Mann BJ")
SCIENCE = CitationQuery("Science", "1987", "235", "182", "Palmenberg AC")
DOCUMENTED = body("ncbi/ecitmatch-documented-shape.txt")


def test_documented_answer_is_read_by_key() -> None:
    keys = ["Art1", "Art2", "Art3", "Art4", "Art5", "Art6"]
    queries = [
        PNAS,
        SCIENCE,
        CitationQuery("Bionformatics", "2015", "31", "3897"),
        CitationQuery("Bioinformatics", "2035", "31", "3897"),
        CitationQuery("Bioinformatics", "2015", "31", ""),
        CitationQuery("Nature", "2020", "", "", "Zhang F"),
    ]
    sent = [(f"{'|'.join(q.fields)}|{k}|", q) for q, k in zip(queries, keys, strict=True)]
    answers = answers_from_text(DOCUMENTED, sent)
    assert answers[PNAS] == Lookup.found("2014248")
    assert answers[SCIENCE] == Lookup.found("3026048")
    assert answers[queries[2]].status is LookupStatus.NOT_FOUND
    assert "journal unknown" in answers[queries[2]].reason
    assert answers[queries[3]].status is LookupStatus.NOT_FOUND
    for ambiguous in queries[4:]:
        assert answers[ambiguous].status is LookupStatus.NOT_FOUND
        assert "no single match" in answers[ambiguous].reason


def test_a_citation_the_answer_leaves_out_is_unavailable_not_missing() -> None:
    lines = bdata_lines([PNAS, SCIENCE])
    text = f"{lines[0][0]}2014248\n"  # the answer stopped after the first line
    answers = answers_from_text(text, lines)
    assert answers[PNAS].is_found
    assert answers[SCIENCE].is_unavailable


def test_a_miss_that_drops_the_author_field_is_still_found_by_key() -> None:
    lines = bdata_lines([PNAS])
    text = "proc natl acad sci u s a|1991|88|3248|c0|NOT_FOUND\n"
    assert answers_from_text(text, lines)[PNAS].status is LookupStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        pytest.param("123", LookupStatus.FOUND, id="pmid"),
        pytest.param("NOT_FOUND", LookupStatus.NOT_FOUND, id="not-found"),
        pytest.param("AMBIGUOUS (5 citations)", LookupStatus.NOT_FOUND, id="ambiguous"),
        pytest.param("<html>", LookupStatus.UNAVAILABLE, id="nonsense"),
        pytest.param("", LookupStatus.UNAVAILABLE, id="empty"),
    ],
)
def test_outcomes(outcome: str, status: LookupStatus) -> None:
    assert outcome_lookup(outcome).status is status


def test_lines_are_cleaned_deduplicated_and_chunked() -> None:
    odd = CitationQuery("J. Nucl. Med.|x\r\n", "2017", "58", "1234", "Müller A")
    lines = bdata_lines([odd, odd, PNAS])
    assert [line for line, _ in lines] == [
        "j nucl med x|2017|58|1234|muller a|c0|",
        "proc natl acad sci u s a|1991|88|3248|mann bj|c1|",
    ]
    many = [CitationQuery("Journal of Things", "2000", str(i), str(i), "Doe J") for i in range(300)]
    groups = chunks(bdata_lines(many))
    assert len(groups) > 2 and sum(len(g) for g in groups) == 300
    assert all(len("\r".join(line for line, _ in g)) < MAX_BDATA for g in groups)


def _echo(answers: dict[str, str]):  # type: ignore[no-untyped-def]
    """A responses callback answering each bdata line as NCBI does: the line, then its
    outcome (found by journal)."""

    def reply(request):  # type: ignore[no-untyped-def]
        query = parse_qs(urlsplit(request.url).query)
        assert query["db"] == ["pubmed"] and query["retmode"] == ["xml"]
        assert query["tool"] == ["citecheck"]
        rows = [
            line + answers.get(line.split("|")[0], "NOT_FOUND")
            for line in query["bdata"][0].split("\r")
        ]
        return 200, {"Content-Type": "text/plain; charset=UTF-8"}, "\n".join(rows) + "\n"

    return reply


def test_the_client_asks_many_citations_in_one_request(
    no_network: responses.RequestsMock,
) -> None:
    no_network.add_callback(
        responses.GET,
        f"{NCBI}/ecitmatch.cgi",
        callback=_echo({"proc natl acad sci u s a": "2014248", "science": "3026048"}),
    )
    registry, _ = live_registry()
    other = CitationQuery("Cell", "2005", "121", "335", "Orimo A")
    answers = registry.ecitmatch([PNAS, SCIENCE, other])
    assert answers[PNAS].value == "2014248" and answers[SCIENCE].value == "3026048"
    assert answers[other].status is LookupStatus.NOT_FOUND
    assert len(no_network.calls) == 1


@pytest.mark.parametrize(
    ("status", "content_type", "text"),
    [
        pytest.param(503, "text/plain", "busy", id="503"),
        pytest.param(200, "text/html", "<!DOCTYPE html><html>matcher page</html>", id="html"),
    ],
)
def test_a_failed_request_is_unavailable(
    no_network: responses.RequestsMock, status: int, content_type: str, text: str
) -> None:
    no_network.get(f"{NCBI}/ecitmatch.cgi", status=status, body=text, content_type=content_type)
    registry, _ = live_registry(attempts=1)
    assert registry.ecitmatch([PNAS])[PNAS].is_unavailable


class Matcher(FakeRegistry):
    def ecitmatch(self, queries):  # type: ignore[no-untyped-def]
        self.asked.append(f"ecitmatch {len(queries)}")
        return {
            q: Lookup.found("2014248") if q == PNAS else Lookup.not_found("no") for q in queries
        }


def test_the_lockfile_records_and_replays_the_matcher() -> None:
    recorder = RecordingRegistry(Matcher())
    recorder.ecitmatch([PNAS, SCIENCE])
    lock = recorder.lockfile()
    assert f"ecitmatch {PNAS.key}" in lock.entries
    replay = LockedRegistry(lock).ecitmatch([PNAS, SCIENCE, CitationQuery("A", "1", "2", "3")])
    assert replay[PNAS] == Lookup.found("2014248")
    assert replay[SCIENCE].status is LookupStatus.NOT_FOUND
    assert replay[CitationQuery("A", "1", "2", "3")].is_unavailable


def test_a_registry_without_a_matcher_answers_unavailable() -> None:
    answers = Registries(FakeRegistry(), FakeRegistry()).ecitmatch([PNAS])
    assert answers[PNAS].is_unavailable


def test_a_request_too_long_for_the_server_is_asked_in_halves(
    no_network: responses.RequestsMock,
) -> None:
    answer = _echo({"proc natl acad sci u s a": "2014248", "science": "3026048"})

    def reply(request):  # type: ignore[no-untyped-def]
        lines = parse_qs(urlsplit(request.url).query)["bdata"][0].split("\r")
        if len(lines) > 1:
            return 414, {"Content-Type": "text/plain"}, "Request-URI Too Long"
        return answer(request)

    no_network.add_callback(responses.GET, f"{NCBI}/ecitmatch.cgi", callback=reply)
    registry, _ = live_registry(attempts=1)
    answers = registry.ecitmatch([PNAS, SCIENCE])
    assert answers[PNAS].value == "2014248" and answers[SCIENCE].value == "3026048"
    assert len(no_network.calls) == 3
