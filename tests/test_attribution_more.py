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


def assert_mentions_do_not_overlap(doc: Document) -> None:
    spans = sorted({m.span for speaker in doc.speakers for m in speaker.mentions})
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), spans


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


# --- a second report whose subject is a bare plural ------------------------------------------------

BARE_PLURAL_SECOND_REPORTS = [
    (
        "The minister insisted that the dam was safe, and local farmers warned that the river would flood.",
        "the river would flood",
        "farmers",
    ),
    (
        "The chief executive said profits would recover next year, but analysts cautioned that demand was weak.",
        "demand was weak",
        "analysts",
    ),
    (
        "The coach argued that the referee had been unfair, while opposing players claimed the penalty was"
        " deserved.",
        "the penalty was deserved",
        "players",
    ),
]


@pytest.mark.parametrize("text, words, mention", BARE_PLURAL_SECOND_REPORTS,
                         ids=[r[2] for r in BARE_PLURAL_SECOND_REPORTS])
def test_a_bare_plural_after_a_comma_and_a_link_starts_its_own_report(text: str, words: str, mention: str) -> None:
    doc = quotetrack.extract(text)
    quote = quote_with(doc, words)
    assert quote.speaker_mention is not None and quote.speaker_mention.text.endswith(mention), describe(doc)


LISTS_NOT_REPORTS = [
    # A bare plural after "and" with no comma is part of a list: the report runs on.
    ("The senator said that coal states and industry groups are challenging the rules in court.",
     "coal states and industry groups are challenging the rules in court"),
    ("The report said that teachers and school nurses were promised higher pay.",
     "teachers and school nurses were promised higher pay"),
]


@pytest.mark.parametrize("text, words", LISTS_NOT_REPORTS, ids=[r[1][:30] for r in LISTS_NOT_REPORTS])
def test_a_bare_plural_in_a_list_does_not_end_the_report(text: str, words: str) -> None:
    doc = quotetrack.extract(text)
    quote_with(doc, words)


# --- a cue word that is also a noun, read as the noun -----------------------------------------------

NOUNS_NOT_CUES = [
    # followed by a verb of which it is the subject
    "Ohio state is cutting money for rural schools.",
    "Police reports have grown longer every year.",
    "Their claims were rejected by the court in March.",
    # after a number
    "The 2019 report on water quality runs to 300 pages.",
    "His 1995 state tax return showed a large loss.",
]


@pytest.mark.parametrize("text", NOUNS_NOT_CUES, ids=[t[:30] for t in NOUNS_NOT_CUES])
def test_a_cue_word_read_as_a_noun_reports_nothing(text: str) -> None:
    doc = quotetrack.extract(text)
    assert doc.quotes == (), describe(doc)


def test_a_report_after_a_noun_homograph_keeps_its_own_speaker() -> None:
    text = ("Citing the senator's 2015 state tax filing, the governor on Monday said he would release his own"
            " returns.")
    assert_said_by(text, "he would release his own returns", "the governor")


# --- a participle's speaker is its clause's subject ------------------------------------------------

PARTICIPLE_SUBJECTS = [
    ("The mayor answered her critics by insisting that the budget was balanced.",
     "the budget was balanced", "The mayor"),
    ("The striker ended the interview by saying the team would “fight to the end.”",
     "the team would “fight to the end.”", "The striker"),
    ("Senator Hale attacked the bill on Tuesday, calling it “a gift to polluters.”",
     "it “a gift to polluters.”", "Senator Hale"),
    ("The regulator blocked the merger, describing the deal as “bad for every customer.”",
     "the deal as “bad for every customer.”", "The regulator"),
]


@pytest.mark.parametrize("text, words, mention", PARTICIPLE_SUBJECTS, ids=[r[2] for r in PARTICIPLE_SUBJECTS])
def test_the_speaker_of_a_participle_is_the_clause_subject(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


# --- dashes: a clause break before the speaker, or an aside set off by a pair of them ---------------

DASHES_BEFORE_THE_CUE = [
    ("When the rival noted that the club had not paid its bills ― as was true for years ― Ortega replied,"
     " “We paid every cent.”", "We paid every cent.", "Ortega"),
    ("After the vote failed -- the third defeat this year -- Lindqvist said, “We will try again in June.”",
     "We will try again in June.", "Lindqvist"),
    ("Ana Ruiz, the head of Solara Energy -- the firm that builds the plant, which opens in May -- told me,"
     " “The grid is ready.”", "The grid is ready.", "the head"),
]


@pytest.mark.parametrize("text, words, mention", DASHES_BEFORE_THE_CUE, ids=[r[2] for r in DASHES_BEFORE_THE_CUE])
def test_dashes_before_the_cue(text: str, words: str, mention: str) -> None:
    doc = quotetrack.extract(text)
    quote = quote_with(doc, words)
    assert quote.speaker_mention is not None and mention in quote.speaker_mention.text, describe(doc)


# --- "S issued a statement saying …": the issuer speaks, not the statement --------------------------

MESSAGES = [
    ("After a late meeting, the Security Council issued a statement calling the test \"a clear violation\""
     " of its resolutions.", "the test \"a clear violation\" of its resolutions", "the Security Council"),
    ("On Saturday, the senator issued a statement saying that the judge was \"a remarkable jurist.\"",
     "that the judge was \"a remarkable jurist.\"", "the senator"),
    ("At the time, Novak released a statement saying, \"The company has always treated workers well.\"",
     "The company has always treated workers well.", "Novak"),
    ("Greenpeace posted a video arguing that the spill was far larger than the firm admitted.",
     "the spill was far larger than the firm admitted", "Greenpeace"),
]


@pytest.mark.parametrize("text, words, mention", MESSAGES, ids=[r[2] for r in MESSAGES])
def test_the_issuer_of_a_message_is_the_speaker(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


def test_a_message_after_a_preposition_gives_no_speaker() -> None:
    # "in a video saying nothing new": the video is not issued by anyone in this clause.
    doc = quotetrack.extract("He appeared in a video saying the strike would go on.")
    assert all(q.speaker_mention is None or q.speaker_mention.text != "He" or q.cue is None
               or doc.text[q.cue.start:q.cue.end] != "saying" for q in doc.quotes), describe(doc)


# --- a subject with a participle phrase after it: the place is not the speaker ----------------------

PARTICIPLE_PHRASE_SUBJECTS = [
    ("Protesters marching through the streets chanted \"What curfew?\"", "\"What curfew?\"", "Protesters"),
    ("Fans waiting outside the stadium said the tickets had sold out in minutes.",
     "the tickets had sold out in minutes", "Fans"),
    ("Families living near the plant said the water had tasted of metal for months.",
     "the water had tasted of metal for months", "Families"),
]


@pytest.mark.parametrize("text, words, mention", PARTICIPLE_PHRASE_SUBJECTS,
                         ids=[r[2] for r in PARTICIPLE_PHRASE_SUBJECTS])
def test_the_object_of_a_preposition_is_not_the_speaker(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


# --- a second cue joined by "and" inside a reported clause goes with the first cue ------------------

COORDINATED_WITH_THE_OUTER_CUE = [
    ("The coach said on Friday that the striker was \"exhausted\" and urged fans to \"stay patient\" with him.",
     "fans to \"stay patient\" with him", "The coach"),
    ("The central bank warned that inflation would stay high and signalled that rates would rise again.",
     "rates would rise again", "The central bank"),
]


@pytest.mark.parametrize("text, words, mention", COORDINATED_WITH_THE_OUTER_CUE,
                         ids=[r[2] for r in COORDINATED_WITH_THE_OUTER_CUE])
def test_a_coordinated_cue_inside_a_report_has_the_outer_speaker(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


def test_a_coordinated_cue_outside_any_report_keeps_its_clause_subject() -> None:
    assert_said_by("The club announced the signing and said the fee was a record.", "the fee was a record",
                   "The club")


# --- a surname spelt like a month or a modal ---------------------------------------------------------

SURNAMES_LIKE_MONTHS = [
    ("British Prime Minister Theresa May said this week that talks would resume.", "talks would resume",
     "British Prime Minister Theresa May"),
    ("Brian May, the guitarist, said the tour would go on.", "the tour would go on", "Brian May"),
    ("Coach Julia March told reporters that the team was ready.", "the team was ready", "Coach Julia March"),
]


@pytest.mark.parametrize("text, words, mention", SURNAMES_LIKE_MONTHS, ids=[r[2] for r in SURNAMES_LIKE_MONTHS])
def test_a_surname_spelt_like_a_month_or_modal_stays_in_the_name(text: str, words: str, mention: str) -> None:
    assert_said_by(text, words, mention)


def test_a_month_after_a_preposition_is_no_name() -> None:
    assert_said_by("In May, the minister said prices would fall.", "prices would fall", "the minister")


# "“…,” said chief executive Jo Baker": after an inverted cue, lower-case role words that title
# the name after them belong to the speaker, also when an organisation spoke just before.
ROLE_TITLED_INVERTED_SPEAKERS = [
    ("Acme Corp said profits would fall this year. “Demand is weak,” said chief executive Jo Baker.",
     "Demand is weak,", "Jo Baker"),
    ("The ministry said prices would rise. “We have no choice,” said finance minister Ana Ruiz.",
     "We have no choice,", "Ana Ruiz"),
    ("“The data are clear,” said lead author Maria Chen of Leeds University.",
     "The data are clear,", "Maria Chen"),
    ("“We will appeal,” said former president Barack Obama, who spoke in Chicago.",
     "We will appeal,", "Barack Obama"),
    ("“The bridge is safe,” added city engineer Tom Price.",
     "The bridge is safe,", "Tom Price"),
    ("United lost again on Sunday. “We were not good enough,” said head coach Lars Berg.",
     "We were not good enough,", "Lars Berg"),
]


@pytest.mark.parametrize("text, words, speaker", ROLE_TITLED_INVERTED_SPEAKERS,
                         ids=[r[2] for r in ROLE_TITLED_INVERTED_SPEAKERS])
def test_role_words_before_an_inverted_name_are_part_of_the_speaker(text: str, words: str, speaker: str) -> None:
    doc = quotetrack.extract(text)
    quote = quote_with(doc, words)
    assert quote.speaker_name == speaker, describe(doc)
    assert quote.speaker_mention is not None and quote.speaker_mention.text.endswith(speaker), describe(doc)


@pytest.mark.parametrize("text", [
    "“We will appeal,” said senior officials in the capital.",  # no name after the role words
    "“It was a mistake,” said yesterday the minister’s aide.",  # an adverb, not a title
    "“It is over,” said tired home fans outside the Stadium.",  # too many words before the capital
])
def test_lower_case_words_without_a_name_close_after_them_give_no_inverted_speaker(text: str) -> None:
    doc = quotetrack.extract(text)
    quote = quote_with(doc, text.split("”")[0].lstrip("“"))
    assert quote.speaker_mention is None, describe(doc)


# A second report of the same subject ("…, has urged X but has said he…"): its speaker is the whole
# titled name ("Labour leader Keir Starmer"), not the party word before the role, and where two slots
# read the subject to different lengths the longer one wins, so the document's mentions never overlap.
SECOND_REPORTS_OF_A_TITLED_SUBJECT = [
    ("Labour leader Keir Starmer, like Brown, has urged the banks to lend more but has said he will keep "
     "the cap on bonuses.", "he will keep the cap on bonuses", "Keir Starmer"),
    ("Democratic candidate Hillary Clinton, like Obama, has encouraged European nations to spend more on "
     "defense but has said she will hold firm to U.S. commitments.",
     "she will hold firm to U.S. commitments", "Hillary Clinton"),
    ("Liberal Democrat leader Ed Davey, like Clegg, has attacked the plan but has said he will not block it.",
     "he will not block it", "Ed Davey"),
    ("Socialist candidate Marie Dubois, like Macron, has praised the treaty but has said she wants changes to it.",
     "she wants changes to it", "Marie Dubois"),
]


@pytest.mark.parametrize("text, words, speaker", SECOND_REPORTS_OF_A_TITLED_SUBJECT,
                         ids=[r[2] for r in SECOND_REPORTS_OF_A_TITLED_SUBJECT])
def test_a_second_report_of_a_titled_subject_keeps_the_whole_name(text: str, words: str, speaker: str) -> None:
    doc = quotetrack.extract(text)
    assert quote_with(doc, words).speaker_name == speaker, describe(doc)
    assert_mentions_do_not_overlap(doc)


# "X announced plans to sue, claiming he was fired": the participle's slot may read the subject
# shorter than the announcement's frame did ("a former Senate committee"); the longer reading wins.
SUBJECTS_READ_BY_TWO_SLOTS = [
    ("Last week, a former Senate committee staffer announced plans to sue the panel, claiming he was fired "
     "because he would not target Lee.", "a former Senate committee staffer"),
    ("On Monday, a former city council aide announced plans to run for mayor, claiming she was pushed out "
     "because she would not back Cole.", "a former city council aide"),
]


@pytest.mark.parametrize("text, speaker", SUBJECTS_READ_BY_TWO_SLOTS, ids=[r[1] for r in SUBJECTS_READ_BY_TWO_SLOTS])
def test_a_subject_read_by_two_slots_is_one_speaker_with_the_longer_reading(text: str, speaker: str) -> None:
    doc = quotetrack.extract(text)
    assert [q.speaker_name for q in doc.quotes] == [speaker, speaker], describe(doc)
    assert_mentions_do_not_overlap(doc)
