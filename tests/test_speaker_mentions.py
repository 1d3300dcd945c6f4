"""Spec tests for issue 3: the words that name a speaker (stage 3 mentions).

Each case is a real reporting sentence; the test finds the quote by its text and
checks its ``speaker_mention``: the words as written and their
:class:`~quotetrack.MentionKind`. Only the public API is used.

- NAME: proper names of people, however written (particles van/de/bin/al-,
  hyphens, initials, Mc/O’), and a name with an appositive after it
  ("Dmitry Peskov, the Kremlin spokesman," → "Dmitry Peskov").
- TITLE_NAME: a title or role in front of a name ("German Chancellor Friedrich Merz").
- ROLE: a description ("his spokesman", "the company").
- PRONOUN: "he", "she", "they", "it" — never a pronoun inside the quote itself.
- ORGANISATION: "the White House", "the Kremlin", "Russia", "BT", "Microsoft".
- ALL-CAPS picture credits and bylines are never speakers.
"""

from __future__ import annotations

import pytest

import quotetrack
from quotetrack import Document, MentionKind, Quote, QuoteKind

# --- helpers -----------------------------------------------------------------------------------

_STRIP = " \t\r\n.,;:”\"’'"


def describe(doc: Document) -> str:
    """All quotes of ``doc``, one a line, for assertion messages."""
    lines = [f"text: {doc.text!r}", f"{len(doc.quotes)} quote(s):"]
    for q in doc.quotes:
        m = q.speaker_mention
        mention = None if m is None else f"{m.text!r} ({m.kind.value})"
        cue = None if q.cue is None else doc.text[q.cue.start : q.cue.end]
        lines.append(f"  {q.kind.value:8} {q.text!r} | mention={mention} | cue={cue!r} | speaker={q.speaker_name!r}")
    return "\n".join(lines)


def parse(text: str) -> Document:
    doc = quotetrack.extract(text)
    assert doc.text == text
    for q in doc.quotes:
        assert text[q.span.start : q.span.end] == q.text, describe(doc)
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.span.start : m.span.end] == m.text, describe(doc)
    return doc


def quote_with(doc: Document, words: str) -> Quote:
    """The one quote whose text (ends stripped of punctuation and marks) is ``words``."""
    wanted = words.strip(_STRIP)
    matches = [q for q in doc.quotes if q.text.strip(_STRIP) == wanted]
    assert len(matches) == 1, f"expected one quote {wanted!r}\n{describe(doc)}"
    return matches[0]


def assert_speaker_mention(text: str, quote_words: str, mention: str, kind: MentionKind) -> Quote:
    doc = parse(text)
    quote = quote_with(doc, quote_words)
    found = quote.speaker_mention
    assert found is not None, f"no speaker mention\n{describe(doc)}"
    assert found.text == mention, f"mention {found.text!r} != {mention!r}\n{describe(doc)}"
    assert found.kind == kind, f"kind {found.kind.value} != {kind.value} for {mention!r}\n{describe(doc)}"
    assert not quote.span.overlaps(found.span), f"the mention lies inside the quote\n{describe(doc)}"
    return quote


# (sentence, quote words, mention as written)
Row = tuple[str, str, str]


def _ids(rows: list[Row]) -> list[str]:
    return [row[2] for row in rows]


# --- NAME ----------------------------------------------------------------------------------------

NAMES: list[Row] = [
    ("“The talks were useful,” Dmitry Peskov said.", "The talks were useful", "Dmitry Peskov"),
    ("“He does not rule it out,” Peskov said.", "He does not rule it out", "Peskov"),
    (
        "“Europe must be able to defend itself,” Ursula von der Leyen said on Tuesday.",
        "Europe must be able to defend itself",
        "Ursula von der Leyen",
    ),
    (
        "“We never stopped believing,” Mark van Bommel told reporters after the final.",
        "We never stopped believing",
        "Mark van Bommel",
    ),
    (
        "“The reform will take years,” Rafael de la Cruz said in Madrid.",
        "The reform will take years",
        "Rafael de la Cruz",
    ),
    (
        "“Oil output will stay at current levels,” Abdulaziz bin Salman said.",
        "Oil output will stay at current levels",
        "Abdulaziz bin Salman",
    ),
    (
        "“The ceasefire is holding in the north,” Hassan al-Masri said.",
        "The ceasefire is holding in the north",
        "Hassan al-Masri",
    ),
    (
        "“This government has failed the young,” Jean-Luc Mélenchon said.",
        "This government has failed the young",
        "Jean-Luc Mélenchon",
    ),
    (
        "“The book took me ten years to write,” J.K. Rowling said.",
        "The book took me ten years to write",
        "J.K. Rowling",
    ),
    (
        "“We did what we had to do,” George W. Bush told the audience.",
        "We did what we had to do",
        "George W. Bush",
    ),
    ("“The greens were lightning fast,” Rory McIlroy said.", "The greens were lightning fast", "Rory McIlroy"),
    (
        "“Music saved my life,” Sinéad O’Connor said in an interview.",
        "Music saved my life",
        "Sinéad O’Connor",
    ),
    (
        "Siobhan O'Brien said that the hospital would hire 200 more nurses.",
        "the hospital would hire 200 more nurses",
        "Siobhan O'Brien",
    ),
    (
        "Ngozi Okonjo-Iweala said global trade would slow this year.",
        "global trade would slow this year",
        "Ngozi Okonjo-Iweala",
    ),
]


@pytest.mark.parametrize("text, words, mention", NAMES, ids=_ids(NAMES))
def test_proper_names(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.NAME)


APPOSITIVES: list[Row] = [
    (
        "Dmitry Peskov, the Kremlin spokesman, said the talks had been useful.",
        "the talks had been useful",
        "Dmitry Peskov",
    ),
    (
        "“We are not for sale,” said Anna Keller, the company's chairwoman.",
        "We are not for sale",
        "Anna Keller",
    ),
    (
        "Peskov, the Kremlin spokesman, told reporters that no date had been set.",
        "no date had been set",
        "Peskov",
    ),
    (
        "“The data are clear,” Lena Hoffmann, an epidemiologist at the Charité hospital, said.",
        "The data are clear",
        "Lena Hoffmann",
    ),
]


@pytest.mark.parametrize("text, words, mention", APPOSITIVES, ids=_ids(APPOSITIVES))
def test_name_with_appositive_is_the_name(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.NAME)


# --- TITLE_NAME ----------------------------------------------------------------------------------

TITLE_NAMES: list[Row] = [
    (
        "Kremlin spokesman Dmitry Peskov said the talks had been useful.",
        "the talks had been useful",
        "Kremlin spokesman Dmitry Peskov",
    ),
    (
        "“Europe must spend more on defence,” German Chancellor Friedrich Merz said.",
        "Europe must spend more on defence",
        "German Chancellor Friedrich Merz",
    ),
    (
        "U.S. President Donald Trump said Russia must pay for the damage.",
        "Russia must pay for the damage",
        "U.S. President Donald Trump",
    ),
    (
        "“The operation will continue,” Russia’s President Vladimir Putin said.",
        "The operation will continue",
        "Russia’s President Vladimir Putin",
    ),
    (
        "Prime Minister Keir Starmer said the NHS would get more money.",
        "the NHS would get more money",
        "Prime Minister Keir Starmer",
    ),
    (
        "“The fans were magnificent,” head coach Pep Alvarez said.",
        "The fans were magnificent",
        "head coach Pep Alvarez",
    ),
]


@pytest.mark.parametrize("text, words, mention", TITLE_NAMES, ids=_ids(TITLE_NAMES))
def test_title_and_name(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.TITLE_NAME)


# --- ROLE ----------------------------------------------------------------------------------------

ROLES: list[Row] = [
    ("“The president is resting,” his spokesman said.", "The president is resting", "his spokesman"),
    (
        "“We will not give up an inch of land,” the Ukrainian leader said.",
        "We will not give up an inch of land",
        "the Ukrainian leader",
    ),
    (
        "A senior official said the sanctions would be lifted in stages.",
        "the sanctions would be lifted in stages",
        "A senior official",
    ),
    (
        "“Customers will see lower bills from April,” the company said.",
        "Customers will see lower bills from April",
        "the company",
    ),
    (
        "The broadband network will reach every village by 2030, the former monopoly said.",
        "The broadband network will reach every village by 2030",
        "the former monopoly",
    ),
    (
        "“The sample was contaminated,” the lead researcher told the journal.",
        "The sample was contaminated",
        "the lead researcher",
    ),
]


@pytest.mark.parametrize("text, words, mention", ROLES, ids=_ids(ROLES))
def test_role_descriptions(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.ROLE)


# --- PRONOUN -------------------------------------------------------------------------------------

PRONOUNS: list[Row] = [
    ("“I will not resign,” he said.", "I will not resign", "he"),
    ("She said the museum would reopen in May.", "the museum would reopen in May", "She"),
    ("“We were robbed,” they told reporters.", "We were robbed", "they"),
    ("It said profits would fall in the second half.", "profits would fall in the second half", "It"),
    ("They said the strike would go ahead on Monday.", "the strike would go ahead on Monday", "They"),
]


@pytest.mark.parametrize("text, words, mention", PRONOUNS, ids=[r[0][:50] for r in PRONOUNS])
def test_pronouns(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.PRONOUN)


PRONOUN_INSIDE_QUOTE: list[Row] = [
    ("“He does not rule it out,” Peskov said.", "He does not rule it out", "Peskov"),
    ("“She has our full support,” the chairman said.", "She has our full support", "the chairman"),
    ("“They played like champions,” Alvarez told reporters.", "They played like champions", "Alvarez"),
    ("“It is a great day for science,” Hannah Berg said.", "It is a great day for science", "Hannah Berg"),
]


@pytest.mark.parametrize("text, words, mention", PRONOUN_INSIDE_QUOTE, ids=_ids(PRONOUN_INSIDE_QUOTE))
def test_pronoun_inside_the_quote_is_never_the_speaker(text: str, words: str, mention: str) -> None:
    doc = parse(text)
    quote = quote_with(doc, words)
    assert quote.speaker_mention is not None, describe(doc)
    assert quote.speaker_mention.text == mention, describe(doc)
    assert quote.speaker_mention.kind != MentionKind.PRONOUN, describe(doc)


# --- ORGANISATION --------------------------------------------------------------------------------

ORGANISATIONS: list[Row] = [
    (
        "The White House said the president would sign the bill on Friday.",
        "the president would sign the bill on Friday",
        "The White House",
    ),
    ("“The talks were useful,” the Kremlin said.", "The talks were useful", "the Kremlin"),
    (
        "Russia said it had shot down 40 drones overnight.",
        "it had shot down 40 drones overnight",
        "Russia",
    ),
    ("BT said it would cut 40,000 jobs by 2030.", "it would cut 40,000 jobs by 2030", "BT"),
    (
        "“Our cloud business grew strongly,” Microsoft said in a statement.",
        "Our cloud business grew strongly",
        "Microsoft",
    ),
]


@pytest.mark.parametrize("text, words, mention", ORGANISATIONS, ids=_ids(ORGANISATIONS))
def test_organisations(text: str, words: str, mention: str) -> None:
    assert_speaker_mention(text, words, mention, MentionKind.ORGANISATION)


# --- credits and bylines are not speakers ----------------------------------------------------------

CREDITS_AND_BYLINES = [
    (
        "By JOHN SMITH\n\n“We will appeal the ruling,” the company said.",
        "We will appeal the ruling",
        "the company",
        "JOHN SMITH",
    ),
    (
        "Dmitry Peskov at a briefing in Moscow. VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images\n\n"
        "“The talks were useful,” Peskov said.",
        "The talks were useful",
        "Peskov",
        "PROKOFYEV",
    ),
    (
        "Photo: JANE DOE/REUTERS\n\n“Sales will recover in the autumn,” the retailer said.",
        "Sales will recover in the autumn",
        "the retailer",
        "DOE",
    ),
]


@pytest.mark.parametrize("text, words, mention, credit", CREDITS_AND_BYLINES, ids=[r[3] for r in CREDITS_AND_BYLINES])
def test_credits_and_bylines_are_not_speakers(text: str, words: str, mention: str, credit: str) -> None:
    doc = parse(text)
    quote = quote_with(doc, words)
    assert quote.speaker_mention is not None, describe(doc)
    assert quote.speaker_mention.text == mention, describe(doc)
    credited = [s.name for s in doc.speakers if credit.casefold() in s.name.casefold()]
    assert not credited, f"speakers from a credit or byline: {credited}\n{describe(doc)}"
    for q in doc.quotes:
        assert q.speaker_name is None or credit.casefold() not in q.speaker_name.casefold(), describe(doc)


def test_every_quote_kind_can_carry_a_mention() -> None:
    """The same speaker mention is read for a direct, an indirect and a mixed quote."""
    text = (
        "“The strike was barbaric,” Peskov said. Peskov said Moscow would respond. "
        "Peskov said the talks were “going nowhere”."
    )
    doc = parse(text)
    kinds = {q.kind for q in doc.quotes if q.speaker_mention is not None and q.speaker_mention.text == "Peskov"}
    assert kinds == {QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED}, describe(doc)
