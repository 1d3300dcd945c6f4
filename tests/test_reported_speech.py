"""Spec tests for issue 3: reported and mixed speech, cue frames, continuation, non-speech.

Written from the issue text as independent verification; they use only the public
API (``quotetrack.extract``, ``Parser``, ``Config``, the fields of ``Quote``).

Conventions (fair to any sound implementation):

- INDIRECT quote text is the reported clause without a leading "that" and without
  the sentence's final full stop; compared after stripping spaces and ``.,;:`` at
  both ends (:func:`content`).
- MIXED quote text is the reported clause with its quoted fragment and the marks;
  compared after also stripping closing marks ``”"’'`` at both ends, so a full stop
  inside or outside the marks does not matter (:func:`mixed_content`).
- DIRECT quote text is the words inside the marks; a closing comma or full stop is
  stripped before comparing.
- The speaker mention is as written ("Kremlin spokesman Dmitry Peskov", "the
  minister", "he"); the cue is the reporting verb ("said", "told", "says") or
  "according to". An auxiliary in front of the verb ("has said") is tolerated.
- A quote is looked up by its expected text; no OTHER quote may overlap it.

Every assertion message lists all the quotes the library found in the text, so a
failing case shows the actual output.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack import Config, Document, Parser, Quote, QuoteKind

# --- helpers -----------------------------------------------------------------------------------

_CONTENT_STRIP = " \t\r\n.,;:"
_MIXED_STRIP = _CONTENT_STRIP + "”\"’'"
_AUXILIARIES = ("has", "have", "had", "is", "was", "were", "are", "will", "would")


def content(quote: Quote) -> str:
    """The quote's words without surrounding spaces and ``.,;:``."""
    return quote.text.strip(_CONTENT_STRIP)


def mixed_content(text: str) -> str:
    """Mixed-quote words without surrounding spaces, ``.,;:`` and closing marks."""
    return text.strip(_MIXED_STRIP)


def _normalised(text: str) -> str:
    # One normalisation for the lookup so a wrong kind shows as a kind failure, not a missing quote.
    return mixed_content(text)


def cue_text(doc: Document, quote: Quote) -> str | None:
    return None if quote.cue is None else doc.text[quote.cue.start : quote.cue.end]


def describe(doc: Document) -> str:
    """All quotes of ``doc``, one a line, for assertion messages."""
    lines = [f"text: {doc.text!r}", f"{len(doc.quotes)} quote(s):"]
    for q in doc.quotes:
        mention = q.speaker_mention
        mention_desc = None if mention is None else f"{mention.text!r} ({mention.kind.value})"
        lines.append(
            f"  {q.kind.value:8} {q.text!r} | mention={mention_desc} | cue={cue_text(doc, q)!r}"
            f" | speaker={q.speaker_name!r} | group={q.group} part={q.part} | conf={q.confidence:.2f}"
        )
    return "\n".join(lines)


def assert_offsets_slice(doc: Document, text: str) -> None:
    """Every quote, cue and mention slices the caller's text to what it claims."""
    assert doc.text == text
    for q in doc.quotes:
        assert 0 <= q.span.start <= q.span.end <= len(text), describe(doc)
        assert text[q.span.start : q.span.end] == q.text, describe(doc)
        assert 0.0 <= q.confidence <= 1.0, describe(doc)
        if q.cue is not None:
            assert 0 <= q.cue.start < q.cue.end <= len(text), describe(doc)
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.span.start : m.span.end] == m.text, describe(doc)


def parse(text: str, config: Config | None = None) -> Document:
    doc = quotetrack.extract(text, config=config)
    assert_offsets_slice(doc, text)
    return doc


def find_quote(doc: Document, expected: str) -> Quote:
    """The one quote whose normalised text is ``expected``; no other quote may overlap it."""
    wanted = _normalised(expected)
    matches = [q for q in doc.quotes if _normalised(q.text) == wanted]
    assert matches, f"no quote with text {wanted!r}\n{describe(doc)}"
    assert len(matches) == 1, f"the quote {wanted!r} was found {len(matches)} times\n{describe(doc)}"
    quote = matches[0]
    others = [q for q in doc.quotes if q is not quote and q.span.overlaps(quote.span)]
    assert not others, f"other quotes overlap {wanted!r}\n{describe(doc)}"
    return quote


def assert_cue(doc: Document, quote: Quote, expected: str) -> None:
    found = cue_text(doc, quote)
    assert found is not None, f"no cue for {quote.text!r}\n{describe(doc)}"
    words = found.split()
    if len(words) > 1 and words[0].casefold() in _AUXILIARIES:
        found = " ".join(words[1:])
    assert found.casefold() == expected.casefold(), f"cue {found!r} != {expected!r}\n{describe(doc)}"


def assert_mention(doc: Document, quote: Quote, expected: str) -> None:
    mention = quote.speaker_mention
    assert mention is not None, f"no speaker mention for {quote.text!r}\n{describe(doc)}"
    assert mention.text == expected, f"mention {mention.text!r} != {expected!r}\n{describe(doc)}"


@dataclass(frozen=True)
class Case:
    """One reporting sentence: the quote's text, kind, speaker mention and cue."""

    text: str
    quote: str
    kind: QuoteKind
    mention: str
    cue: str

    def __str__(self) -> str:  # readable pytest ids
        return self.text[:60]


def check(case: Case) -> tuple[Document, Quote]:
    doc = parse(case.text)
    quote = find_quote(doc, case.quote)
    assert quote.kind == case.kind, f"kind {quote.kind.value} != {case.kind.value}\n{describe(doc)}"
    assert_mention(doc, quote, case.mention)
    assert_cue(doc, quote, case.cue)
    return doc, quote


D, IND, M = QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED


def _ids(cases: list[Case]) -> list[str]:
    return [str(c) for c in cases]


# --- quote first: “Q,” S said. ------------------------------------------------------------------

QUOTE_FIRST = [
    # “Q,” S said.
    Case("“The ceasefire must hold,” Peskov said.", "The ceasefire must hold", D, "Peskov", "said"),
    Case(
        "“Our margins will recover in the second half,” the chief executive said.",
        "Our margins will recover in the second half",
        D,
        "the chief executive",
        "said",
    ),
    Case("“We deserved at least a draw,” she said after the match.", "We deserved at least a draw", D, "she", "said"),
    Case(
        "“The vaccine cut hospital admissions by half,” Amara Okafor said on Wednesday.",
        "The vaccine cut hospital admissions by half",
        D,
        "Amara Okafor",
        "said",
    ),
    # “Q,” said S.
    Case("“We are not for sale,” said Anna Keller.", "We are not for sale", D, "Anna Keller", "said"),
    Case(
        "“The orchestra has never sounded better,” said the conductor.",
        "The orchestra has never sounded better",
        D,
        "the conductor",
        "said",
    ),
    Case(
        "“Nobody is above the law,” said Marco Rossi, a prosecutor in Milan.",
        "Nobody is above the law",
        D,
        "Marco Rossi",
        "said",
    ),
    # “Q,” S, the minister, said.
    Case(
        "“We will not devalue the currency,” Ruth Okonjo, the finance minister, said.",
        "We will not devalue the currency",
        D,
        "Ruth Okonjo",
        "said",
    ),
    Case(
        "“The team is in a good place,” Pep Alvarez, the club's manager, said on Sunday.",
        "The team is in a good place",
        D,
        "Pep Alvarez",
        "said",
    ),
    Case(
        "“The evidence was never disclosed,” Sarah Whitfield, the defence barrister, told the court.",
        "The evidence was never disclosed",
        D,
        "Sarah Whitfield",
        "told",
    ),
    # “Q,” S told reporters on Friday.
    Case(
        "“The talks were constructive,” Peskov told reporters on Friday.",
        "The talks were constructive",
        D,
        "Peskov",
        "told",
    ),
    Case(
        "“We expect the merger to close by June,” the finance director told analysts on a call.",
        "We expect the merger to close by June",
        D,
        "the finance director",
        "told",
    ),
    Case(
        "“The injury is not as bad as we feared,” the coach told reporters after the game.",
        "The injury is not as bad as we feared",
        D,
        "the coach",
        "told",
    ),
]


@pytest.mark.parametrize("case", QUOTE_FIRST, ids=_ids(QUOTE_FIRST))
def test_quote_first_direct(case: Case) -> None:
    check(case)


# --- speaker first ---------------------------------------------------------------------------------

SPEAKER_FIRST = [
    # S said: “Q” (direct)
    Case(
        "The prime minister said: “We will not be blackmailed.”",
        "We will not be blackmailed",
        D,
        "The prime minister",
        "said",
    ),
    Case(
        "Maria Fernandes said: “The results surprised all of us.”",
        "The results surprised all of us",
        D,
        "Maria Fernandes",
        "said",
    ),
    Case(
        "In a statement, the club said: “We are deeply saddened by the news.”",
        "We are deeply saddened by the news",
        D,
        "the club",
        "said",
    ),
    # S said that C
    Case(
        "Kremlin spokesman Dmitry Peskov said that the talks had been useful.",
        "the talks had been useful",
        IND,
        "Kremlin spokesman Dmitry Peskov",
        "said",
    ),
    Case(
        "The central bank said that inflation would return to target by next spring.",
        "inflation would return to target by next spring",
        IND,
        "The central bank",
        "said",
    ),
    Case(
        "The researchers said that the new drug reduced symptoms in most patients.",
        "the new drug reduced symptoms in most patients",
        IND,
        "The researchers",
        "said",
    ),
    # S said C (no "that")
    Case(
        "The minister said the budget would be balanced by 2027.",
        "the budget would be balanced by 2027",
        IND,
        "The minister",
        "said",
    ),
    Case(
        "Volkswagen said its profits fell by a fifth in the third quarter.",
        "its profits fell by a fifth in the third quarter",
        IND,
        "Volkswagen",
        "said",
    ),
    Case(
        "The referee said he had not seen the incident.",
        "he had not seen the incident",
        IND,
        "The referee",
        "said",
    ),
    # S has said C
    Case(
        "The government has said it will not raise fuel duty this year.",
        "it will not raise fuel duty this year",
        IND,
        "The government",
        "said",
    ),
    Case(
        "Pfizer has said the trial results will be published next month.",
        "the trial results will be published next month",
        IND,
        "Pfizer",
        "said",
    ),
    Case(
        "The author has said the novel is based on her grandmother's life.",
        "the novel is based on her grandmother's life",
        IND,
        "The author",
        "said",
    ),
    # S says C
    Case(
        "The coach says the team is ready for the final.",
        "the team is ready for the final",
        IND,
        "The coach",
        "says",
    ),
    Case(
        "Amnesty International says hundreds of protesters have been detained.",
        "hundreds of protesters have been detained",
        IND,
        "Amnesty International",
        "says",
    ),
    Case(
        "Lena Hoffmann says the virus is spreading faster among children.",
        "the virus is spreading faster among children",
        IND,
        "Lena Hoffmann",
        "says",
    ),
    # S told reporters (on Friday) that C
    Case(
        "Peskov told reporters on Friday that no date had been set for the summit.",
        "no date had been set for the summit",
        IND,
        "Peskov",
        "told",
    ),
    Case(
        "The defence lawyer told reporters that her client would appeal the verdict.",
        "her client would appeal the verdict",
        IND,
        "The defence lawyer",
        "told",
    ),
    Case(
        "The club's chairman told reporters on Monday that the stadium would be expanded.",
        "the stadium would be expanded",
        IND,
        "The club's chairman",
        "told",
    ),
]


@pytest.mark.parametrize("case", SPEAKER_FIRST, ids=_ids(SPEAKER_FIRST))
def test_speaker_first(case: Case) -> None:
    check(case)


# --- content first --------------------------------------------------------------------------------

CONTENT_FIRST = [
    # C, S said.
    Case(
        "Prices will rise again next year, the chief executive said.",
        "Prices will rise again next year",
        IND,
        "the chief executive",
        "said",
    ),
    Case(
        "The bridge will reopen in March, officials said.", "The bridge will reopen in March", IND, "officials", "said"
    ),
    Case(
        "The team had trained well all week, Müller said on Thursday.",
        "The team had trained well all week",
        IND,
        "Müller",
        "said",
    ),
    # C, according to S.
    Case(
        "The suspect fled on foot, according to the police.",
        "The suspect fled on foot",
        IND,
        "the police",
        "according to",
    ),
    Case(
        "Unemployment fell to a ten-year low in May, according to the statistics office.",
        "Unemployment fell to a ten-year low in May",
        IND,
        "the statistics office",
        "according to",
    ),
    Case(
        "The festival sold out in two hours, according to its organisers.",
        "The festival sold out in two hours",
        IND,
        "its organisers",
        "according to",
    ),
    # According to S, C.
    Case(
        "According to the police, the suspect fled on foot.",
        "the suspect fled on foot",
        IND,
        "the police",
        "according to",
    ),
    Case(
        "According to Eurostat, inflation in the euro area slowed to 2.1 per cent in June.",
        "inflation in the euro area slowed to 2.1 per cent in June",
        IND,
        "Eurostat",
        "according to",
    ),
    Case(
        "According to the coach, the striker will be fit for Saturday's match.",
        "the striker will be fit for Saturday's match",
        IND,
        "the coach",
        "according to",
    ),
]


@pytest.mark.parametrize("case", CONTENT_FIRST, ids=_ids(CONTENT_FIRST))
def test_content_first(case: Case) -> None:
    check(case)


# --- mixed quotes ---------------------------------------------------------------------------------

MIXED_SAID = [
    Case(
        "The prime minister said the deal was “a historic step” for both countries.",
        "the deal was “a historic step” for both countries",
        M,
        "The prime minister",
        "said",
    ),
    Case(
        "The chief executive said the results were “nothing short of remarkable”.",
        "the results were “nothing short of remarkable”",
        M,
        "The chief executive",
        "said",
    ),
    Case(
        "The judge said the defendant had shown “no remorse whatsoever.”",
        "the defendant had shown “no remorse whatsoever.”",
        M,
        "The judge",
        "said",
    ),
    Case(
        "Scientists said the discovery was “a once-in-a-generation find” that could rewrite textbooks.",
        "the discovery was “a once-in-a-generation find” that could rewrite textbooks",
        M,
        "Scientists",
        "said",
    ),
]


@pytest.mark.parametrize("case", MIXED_SAID, ids=_ids(MIXED_SAID))
def test_mixed_said(case: Case) -> None:
    doc, _ = check(case)
    direct = [q for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert not direct, f"the quoted fragment is part of the mixed quote, not a direct quote\n{describe(doc)}"


@dataclass(frozen=True)
class CalledCase:
    text: str
    fragment: str  # with its marks
    said_clause: str
    mention: str


MIXED_CALLED = [
    CalledCase(
        "Peskov called the strike “barbaric” and said Moscow would respond.",
        "“barbaric”",
        "Moscow would respond",
        "Peskov",
    ),
    CalledCase(
        "The minister called the strike “irresponsible” and said talks would resume on Monday.",
        "“irresponsible”",
        "talks would resume on Monday",
        "The minister",
    ),
    CalledCase(
        "The manager called the referee's decision “a disgrace” and said the club would appeal.",
        "“a disgrace”",
        "the club would appeal",
        "The manager",
    ),
]


@pytest.mark.parametrize("case", MIXED_CALLED, ids=[c.text[:60] for c in MIXED_CALLED])
def test_mixed_called_and_said(case: CalledCase) -> None:
    """One MIXED quote holds the fragment with its marks; the said-clause is the same speaker's."""
    doc = parse(case.text)
    start = case.text.index(case.fragment)
    fragment = quotetrack.Span(start, start + len(case.fragment))
    holders = [q for q in doc.quotes if q.span.contains(fragment)]
    assert len(holders) == 1, f"one quote must hold {case.fragment}\n{describe(doc)}"
    mixed = holders[0]
    assert mixed.kind == QuoteKind.MIXED, describe(doc)
    assert_mention(doc, mixed, case.mention)
    assert not [q for q in doc.quotes if q.kind == QuoteKind.DIRECT], describe(doc)
    clause_start = case.text.index(case.said_clause)
    clause = quotetrack.Span(clause_start, clause_start + len(case.said_clause))
    covering = [q for q in doc.quotes if q.span.contains(clause)]
    assert len(covering) == 1, f"{case.said_clause!r} must be reported once\n{describe(doc)}"
    assert_mention(doc, covering[0], case.mention)


# --- parenthetical cues: C, S said, but C2. ---------------------------------------------------------


@dataclass(frozen=True)
class ParentheticalCase:
    text: str
    first: str
    second: str
    mention: str


PARENTHETICAL = [
    ParentheticalCase(
        "The tax cut is unaffordable, the economist said, but the rise in spending is worse.",
        "The tax cut is unaffordable",
        "the rise in spending is worse",
        "the economist",
    ),
    ParentheticalCase(
        "The first half was poor, the coach said, but his players had responded well after the break.",
        "The first half was poor",
        "his players had responded well after the break",
        "the coach",
    ),
    ParentheticalCase(
        "The drug is safe, the regulator said, but it should not be given to pregnant women.",
        "The drug is safe",
        "it should not be given to pregnant women",
        "the regulator",
    ),
]


@pytest.mark.parametrize("case", PARENTHETICAL, ids=[c.text[:60] for c in PARENTHETICAL])
def test_parenthetical_cue_reports_both_clauses(case: ParentheticalCase) -> None:
    doc = parse(case.text)
    holders = []
    for clause in (case.first, case.second):
        start = case.text.index(clause)
        span = quotetrack.Span(start, start + len(clause))
        covering = [q for q in doc.quotes if q.span.contains(span)]
        assert len(covering) == 1, f"{clause!r} must be covered by one quote\n{describe(doc)}"
        assert covering[0].kind != QuoteKind.DIRECT, describe(doc)
        assert_mention(doc, covering[0], case.mention)
        holders.append(covering[0])
    first, second = holders
    if first is not second:
        assert first.group == second.group, f"the two clauses are parts of one quote\n{describe(doc)}"


# --- participial and relative cues ------------------------------------------------------------------

PARTICIPIAL_AND_RELATIVE = [
    # …, saying C (speaker = subject of the main clause)
    Case(
        "The minister defended the budget on Tuesday, saying it would protect the poorest families.",
        "it would protect the poorest families",
        IND,
        "The minister",
        "saying",
    ),
    Case(
        "Tesla cut its prices in China, saying demand had weakened.",
        "demand had weakened",
        IND,
        "Tesla",
        "saying",
    ),
    Case(
        "The striker apologised to fans, saying he had let the team down.",
        "he had let the team down",
        IND,
        "The striker",
        "saying",
    ),
    # which S said C
    Case(
        "The company unveiled a new battery, which it said would double the range of its cars.",
        "would double the range of its cars",
        IND,
        "it",
        "said",
    ),
    Case(
        "The club opened a training centre, which the chairman said would be the best in Europe.",
        "would be the best in Europe",
        IND,
        "the chairman",
        "said",
    ),
    Case(
        "Firefighters found the remains of a camp stove, which investigators said had started the blaze.",
        "had started the blaze",
        IND,
        "investigators",
        "said",
    ),
    # noun + S said + C (reduced relative)
    Case(
        "Russia launched drone attacks it said had killed dozens of soldiers.",
        "had killed dozens of soldiers",
        IND,
        "it",
        "said",
    ),
    Case(
        "The army released photographs it said showed the destroyed bridge.",
        "showed the destroyed bridge",
        IND,
        "it",
        "said",
    ),
    Case(
        "Police seized documents they said proved the fraud had lasted a decade.",
        "proved the fraud had lasted a decade",
        IND,
        "they",
        "said",
    ),
]


@pytest.mark.parametrize("case", PARTICIPIAL_AND_RELATIVE, ids=_ids(PARTICIPIAL_AND_RELATIVE))
def test_participial_and_relative_cues(case: Case) -> None:
    check(case)


# --- speaker with an aside ----------------------------------------------------------------------------

SPEAKER_WITH_ASIDE = [
    Case(
        "Sir Vince Cable, who replaced Tim Farron as leader in July, said the party would fight on.",
        "the party would fight on",
        IND,
        "Sir Vince Cable",
        "said",
    ),
    Case(
        "Angela Brandt, who took over from Klaus Weber as chief executive last year, said the company "
        "would return to profit in 2025.",
        "the company would return to profit in 2025",
        IND,
        "Angela Brandt",
        "said",
    ),
    Case(
        "John Hale, whose team worked with Anne Chu on the study, said the findings were robust.",
        "the findings were robust",
        IND,
        "John Hale",
        "said",
    ),
    Case(
        "Maria Lopez, who played alongside Sofia Ruiz at the 2011 World Cup, said the squad was the best "
        "she had coached.",
        "the squad was the best she had coached",
        IND,
        "Maria Lopez",
        "said",
    ),
]


@pytest.mark.parametrize("case", SPEAKER_WITH_ASIDE, ids=_ids(SPEAKER_WITH_ASIDE))
def test_speaker_with_aside_is_the_subject(case: Case) -> None:
    check(case)


# --- continuation ---------------------------------------------------------------------------------


def same_speaker(first: Quote, second: Quote) -> bool:
    if first.speaker_mention is not None and second.speaker_mention is not None:
        if first.speaker_mention.text == second.speaker_mention.text:
            return True
    return second.speaker_name is not None and second.speaker_name == first.speaker_name


@dataclass(frozen=True)
class ContinuationCase:
    text: str
    attributed: str
    continued: str
    mention: str


CONTINUATION = [
    ContinuationCase(
        "“We will not give up,” Peskov told reporters.\n\nHe continued: “The talks will go on.”",
        "We will not give up",
        "The talks will go on",
        "Peskov",
    ),
    ContinuationCase(
        "“The budget is fair,” Ruth Okonjo said on Monday.\n\n“Every family will be better off by next April.”",
        "The budget is fair",
        "Every family will be better off by next April",
        "Ruth Okonjo",
    ),
    ContinuationCase(
        "“We were the better side,” the coach said. “The players gave everything tonight.”",
        "We were the better side",
        "The players gave everything tonight",
        "the coach",
    ),
    ContinuationCase(
        "Hannah Berg, the lead author, said: “The ice is melting faster than any model predicted.\n\n"
        "“We need far more measurements from the deep ocean.”",
        "The ice is melting faster than any model predicted",
        "We need far more measurements from the deep ocean",
        "Hannah Berg",
    ),
]


def quote_covering(doc: Document, words: str) -> Quote:
    """The one quote whose span holds the first occurrence of ``words``."""
    start = doc.text.index(words)
    wanted = quotetrack.Span(start, start + len(words))
    covering = [q for q in doc.quotes if q.span.contains(wanted)]
    assert len(covering) == 1, f"one quote must hold {words!r}\n{describe(doc)}"
    return covering[0]


@pytest.mark.parametrize("case", CONTINUATION, ids=[c.text[:60] for c in CONTINUATION])
def test_continuation_takes_the_previous_speaker(case: ContinuationCase) -> None:
    doc = parse(case.text)
    first = quote_covering(doc, case.attributed)
    assert first.kind == QuoteKind.DIRECT, describe(doc)
    assert_mention(doc, first, case.mention)
    second = quote_covering(doc, case.continued)
    if second is first:
        return  # a multi-paragraph quote may come out as one quote holding both paragraphs
    assert second.kind == QuoteKind.DIRECT, describe(doc)
    assert second.speaker_mention is not None or second.speaker is not None, describe(doc)
    assert same_speaker(first, second), f"{case.continued!r} is {case.mention}'s\n{describe(doc)}"


CONVERSATIONS = [
    (
        "“Will you resign?” the reporter asked. “Never,” the minister replied. “I have done nothing wrong.”",
        "the minister",
    ),
    (
        "“The bid is too low,” the union said. “It is our final offer,” the company replied. “We will not raise it.”",
        "the company",
    ),
    (
        "“Was it a penalty?” the interviewer asked. “It was a clear foul,” Alvarez replied. “Everyone saw it.”",
        "Alvarez",
    ),
]


@pytest.mark.parametrize("text, second_speaker", CONVERSATIONS, ids=[t[:60] for t, _ in CONVERSATIONS])
def test_conversation_unattributed_quote_is_the_last_speakers(text: str, second_speaker: str) -> None:
    doc = parse(text)
    direct = [q for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert len(direct) == 3, describe(doc)
    _, answer, follow_up = direct
    assert_mention(doc, answer, second_speaker)
    assert same_speaker(answer, follow_up), f"the last quote is {second_speaker}'s\n{describe(doc)}"


# --- passive and agentless reports ----------------------------------------------------------------------

AGENTLESS = [
    ("It was claimed that the minister had misled parliament.", "the minister had misled parliament"),
    (
        "It is understood that the club has made a second offer for the striker.",
        "the club has made a second offer for the striker",
    ),
    ("It has been reported that the company will close three factories.", "the company will close three factories"),
    ("It is believed that the painting was stolen in the 1970s.", "the painting was stolen in the 1970s"),
]


@pytest.mark.parametrize("text, clause", AGENTLESS, ids=[t[:60] for t, _ in AGENTLESS])
def test_agentless_report_has_no_speaker(text: str, clause: str) -> None:
    doc = parse(text)
    quote = find_quote(doc, clause)
    assert quote.kind == QuoteKind.INDIRECT, describe(doc)
    assert quote.speaker_mention is None, f"no speaker may be made up\n{describe(doc)}"
    assert quote.speaker is None, f"no speaker may be made up\n{describe(doc)}"


# --- not speech ----------------------------------------------------------------------------------------

NOT_SPEECH = [
    "Newsweek has contacted the White House for comment.",
    "Newsweek has reached out to the Kremlin for comment via email.",
    "The company did not immediately respond to a request for comment.",
    "Kremlin spokesman Dmitry Peskov attends a meeting in Moscow on March 3, 2025. "
    "VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images",
    "VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images",
    "Photo: Jane Doe/Reuters",
    "Trump Says Russia Must Pay",
    "Trump Says Russia Must Pay\n\nThe president spoke at a rally in Ohio on Saturday.",
    "WASHINGTON (Reuters) - The Senate passed the spending bill on Tuesday.",
    "By JOHN SMITH\n\nThe Senate passed the spending bill on Tuesday.",
    "The state agency Sputnik published the footage on Monday.",
    "A claim of responsibility appeared online hours after the attack.",
    "In a note to clients, the bank raised its forecast for oil prices.",
    "The statement was posted on the ministry's website at midnight.",
    # A capitalised cue word inside a sentence is part of a name, not a verb.
    "In Paris, the United States led talks among 195 countries that ended in an agreement.",
    "RT America is the United States version of Russia Today, a network financed by Moscow.",
    "The Washington Post Reports desk published the figures on its website on Sunday.",
]


@pytest.mark.parametrize("text", NOT_SPEECH, ids=[t[:60] for t in NOT_SPEECH])
def test_not_speech_gives_no_quote(text: str) -> None:
    doc = parse(text)
    assert not doc.quotes, describe(doc)
    assert not doc.speakers, f"speakers: {[s.name for s in doc.speakers]}\n{describe(doc)}"


ACCORDING_TO_A_SOURCE_OF_FACT = [
    (
        "Smoke rose over the port after the strike, according to a clip shared by state news agency RIA.",
        "a clip shared by state news agency RIA",
    ),
    (
        "The ship changed course twice, according to tracking data compiled by Lloyd's List.",
        "tracking data compiled by Lloyd's List",
    ),
]


@pytest.mark.parametrize(
    "text, phrase", ACCORDING_TO_A_SOURCE_OF_FACT, ids=[t[:60] for t, _ in ACCORDING_TO_A_SOURCE_OF_FACT]
)
def test_according_to_source_phrase_is_never_quote_content(text: str, phrase: str) -> None:
    doc = parse(text)
    start = text.index(phrase)
    source = quotetrack.Span(start, start + len(phrase))
    assert not [q for q in doc.quotes if q.span.overlaps(source)], describe(doc)


def test_headline_line_gives_no_quote_above_a_real_one() -> None:
    text = "Trump Says Russia Must Pay\n\nThe president said Russia would pay for the damage."
    doc = parse(text)
    headline = quotetrack.Span(0, len("Trump Says Russia Must Pay"))
    assert not [q for q in doc.quotes if q.span.overlaps(headline)], describe(doc)
    quote = find_quote(doc, "Russia would pay for the damage")
    assert_mention(doc, quote, "The president")


# --- config extension ---------------------------------------------------------------------------------

OPINE = "The critic opined that the film was too long."


def test_extra_cue_verb_is_found_with_config() -> None:
    doc = Parser(Config(extra_cue_verbs=("opine",))).parse(OPINE)
    assert_offsets_slice(doc, OPINE)
    quote = find_quote(doc, "the film was too long")
    assert quote.kind == QuoteKind.INDIRECT, describe(doc)
    assert_mention(doc, quote, "The critic")
    assert_cue(doc, quote, "opined")


def test_unknown_cue_verb_is_not_found_by_default() -> None:
    doc = parse(OPINE)
    assert not doc.quotes, describe(doc)


# --- confidence --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [c.text for c in QUOTE_FIRST + SPEAKER_FIRST + CONTENT_FIRST] + [t for t, _ in AGENTLESS],
)
def test_confidence_is_a_probability(text: str) -> None:
    doc = parse(text)
    assert doc.quotes, describe(doc)
    assert all(0.0 <= q.confidence <= 1.0 for q in doc.quotes), describe(doc)


@pytest.mark.parametrize(
    "text",
    [
        "“The ceasefire must hold,” Peskov said.",
        "“We will appeal the ruling,” Sarah Whitfield said.",
        "“Sales doubled in the spring,” Anna Keller said.",
    ],
)
def test_clear_named_direct_quote_is_confident(text: str) -> None:
    doc = parse(text)
    assert len(doc.quotes) == 1, describe(doc)
    assert doc.quotes[0].confidence > 0.8, describe(doc)


@pytest.mark.parametrize(
    "agentless, named",
    [
        (
            "It was claimed that the minister had misled parliament.",
            "The opposition leader claimed that the minister had misled parliament.",
        ),
        (
            "It is understood that the club has made a second offer for the striker.",
            "The club's chairman said that the club has made a second offer for the striker.",
        ),
        (
            "It has been reported that the company will close three factories.",
            "The union said that the company will close three factories.",
        ),
    ],
)
def test_agentless_report_is_less_confident_than_named(agentless: str, named: str) -> None:
    clause = agentless.split(" that ", 1)[1]
    unnamed_doc, named_doc = parse(agentless), parse(named)
    unnamed_quote, named_quote = find_quote(unnamed_doc, clause), find_quote(named_doc, clause)
    assert unnamed_quote.confidence < named_quote.confidence, describe(unnamed_doc) + "\n" + describe(named_doc)


# --- hypothesis: generated {Name} {cue} that {clause}. ------------------------------------------------

NAMES = [
    "Dmitry Peskov",
    "Ursula von der Leyen",
    "Angela Brandt",
    "The finance minister",
    "Kremlin spokesman Dmitry Peskov",
    "The chief executive",
    "Amnesty International",
    "She",
    "The coach",
    "Jean-Luc Mélenchon",
]
# (as written in the sentence, the verb word the cue must be)
CUES = [
    ("said", "said"),
    ("told reporters", "told"),
    ("warned", "warned"),
    ("insisted", "insisted"),
    ("argued", "argued"),
    ("claimed", "claimed"),
    ("added", "added"),
    ("noted", "noted"),
    ("announced", "announced"),
    ("explained", "explained"),
]
CLAUSES = [
    "the talks had been useful",
    "prices would rise next year",
    "the team was ready for the final",
    "the vaccine was safe for children",
    "the museum would reopen in May",
    "the verdict would be appealed",
    "the company had broken no rules",
    "the river had burst its banks overnight",
]
# Sentences without speech that may stand before the generated one.
LEADS = [
    "",
    "The summit opened in Geneva on Monday. ",
    "Shares fell by 3 per cent.\n\n",
    "The match ended 2-2. ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(LEADS),
    st.sampled_from(NAMES),
    st.sampled_from(CUES),
    st.sampled_from(CLAUSES),
)
def test_generated_that_clause_is_an_indirect_quote(lead: str, name: str, cue: tuple[str, str], clause: str) -> None:
    written, verb = cue
    text = f"{lead}{name} {written} that {clause}."
    doc = parse(text)
    quote = find_quote(doc, clause)
    assert quote.kind == QuoteKind.INDIRECT, describe(doc)
    assert_mention(doc, quote, name)
    assert_cue(doc, quote, verb)
    assert quote.span.start >= len(lead), describe(doc)


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Wells Fargo just this month announced it would scrap its sales targets.",
         "it would scrap its sales targets", "Wells Fargo"),
        ("The health minister on Friday said the vaccine rollout would start in May.",
         "the vaccine rollout would start in May", "The health minister"),
        ("Coach Ana Ruiz last week insisted that the team was not tired.",
         "the team was not tired", "Coach Ana Ruiz"),
    ],
)
def test_a_time_phrase_between_speaker_and_cue_is_not_the_speaker(text: str, clause: str, speaker: str) -> None:
    quote = find_quote(quotetrack.extract(text), clause)
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.speaker_mention is not None and quote.speaker_mention.text == speaker


@pytest.mark.parametrize(
    ("text", "clause", "speaker", "cue"),
    [
        ("The opposition accused the government of hiding the figures.",
         "the government of hiding the figures", "The opposition", "accused"),
        ("The head coach urged his players to stay calm before the final.",
         "his players to stay calm before the final", "The head coach", "urged"),
        ("Dr Lena Berg blamed the cold winter for the rise in flu cases.",
         "the cold winter for the rise in flu cases", "Dr Lena Berg", "blamed"),
    ],
)
def test_a_speech_act_reports_through_its_object(text: str, clause: str, speaker: str, cue: str) -> None:
    doc = quotetrack.extract(text)
    quote = find_quote(doc, clause)
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.speaker_mention is not None and quote.speaker_mention.text == speaker
    assert quote.cue is not None and quote.cue.slice(text) == cue


def test_a_speech_act_with_a_lower_case_object_and_no_link_is_not_a_report() -> None:
    assert quotetrack.extract("Fans attacked the referee after the match.").quotes == ()
