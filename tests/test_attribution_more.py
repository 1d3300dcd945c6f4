"""Who said it, in sentence shapes that news writing uses and that earlier rules missed.

Each case is a short text written for the purpose: the quote (found by its words)
and the words of its expected speaker mention. Negative cases check that a
rule does not reach past what it is for.
"""

from __future__ import annotations

import pytest

import quotetrack
from quotetrack import Document, Quote

_STRIP = " \t\r\n.,;:”“\"’‘'"


def describe(doc: Document) -> str:
    lines = [f"text: {doc.text!r}"]
    for q in doc.quotes:
        mention = None if q.speaker_mention is None else q.speaker_mention.text
        lines.append(f"  {q.kind.value:8} {q.text!r} | mention={mention!r} | speaker={q.speaker_name!r}")
    return "\n".join(lines)


def quote_with(doc: Document, words: str) -> Quote:
    wanted = words.strip(_STRIP)
    matches = [q for q in doc.quotes if q.text.strip(_STRIP) == wanted]
    assert len(matches) == 1, f"expected one quote {wanted!r}\n{describe(doc)}"
    return matches[0]


def assert_said_by(text: str, words: str, mention: str | None) -> None:
    doc = quotetrack.extract(text)
    quote = quote_with(doc, words)
    assert text[quote.span.start : quote.span.end] == quote.text
    found = None if quote.speaker_mention is None else quote.speaker_mention.text
    assert found == mention, describe(doc)


# --- a name with long appositives between the quote and its cue ------------------------------------

LONG_APPOSITIVES = [
    (
        "“The budget does not add up,” Maria Olsen, a senior economist at the Nordic Policy Institute and"
        " a former adviser to the finance ministry, said on Monday.",
        "The budget does not add up,",
        "Maria Olsen",
    ),
    (
        "“We were outplayed in midfield,” Tomas Berg, the club's assistant coach, a former international"
        " with 40 caps for his country, said after the match.",
        "We were outplayed in midfield,",
        "Tomas Berg",
    ),
    (
        "''The trial data are encouraging,'' Dr. Ruth A. Keane, director of clinical research at the"
        " university hospital in Leeds, said of the new vaccine.",
        "The trial data are encouraging,",
        "Dr. Ruth A. Keane",
    ),
    (
        '"Nobody saw the flood coming," Jim Alvarez, the mayor of a small river town in southern Texas'
        ' that lost 300 homes, told reporters.',
        "Nobody saw the flood coming,",
        "Jim Alvarez",
    ),
]


@pytest.mark.parametrize("text, words, mention", LONG_APPOSITIVES, ids=[r[2] for r in LONG_APPOSITIVES])
def test_name_with_long_appositives_after_the_quote(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


def test_a_long_clause_after_the_quote_is_not_a_frame() -> None:
    # No comma after a name opens an appositive: a new clause, whose cue is far away, says nothing of the quote.
    text = ("“It is over,” the crowd chanted as the last bus left the square on a cold night in late"
            " November while police watched and the mayor said nothing.")
    doc = quotetrack.extract(text)
    quote = quote_with(doc, "It is over,")
    assert quote.speaker_mention is None or quote.speaker_mention.text != "the mayor", describe(doc)
