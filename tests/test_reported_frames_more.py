"""Reported-speech frames beyond the basic ones: a cue shared by two verbs of one subject, a cue
after "now"/"often", progressive and contracted cues, subjects behind long asides, a sentence
split by its cue after one or two words, and mixed quotes whose unquoted words stand before the
quote or between the quote and the cue.

Each case is a sentence of its own, written for these tests, with the expected clause, kind and
speaker mention.
"""

from __future__ import annotations

import pytest

import quotetrack
from quotetrack import Document, Quote, QuoteKind
from quotetrack.testing import assert_offsets_slice

_STRIP = " \t\r\n.,;:”\"’'"


def _parse(text: str) -> Document:
    doc = quotetrack.extract(text)
    assert_offsets_slice(doc, text)
    return doc


def _describe(doc: Document) -> str:
    return "\n".join(
        f"  {q.kind.value:8} {q.text!r} | mention={q.speaker_mention.text if q.speaker_mention else None!r}"
        f" | group={q.group} part={q.part}"
        for q in doc.quotes
    ) or "  (no quotes)"


def _quote(doc: Document, clause: str) -> Quote:
    matches = [q for q in doc.quotes if q.text.strip(_STRIP) == clause.strip(_STRIP)]
    assert len(matches) == 1, f"{clause!r} must be one quote in {doc.text!r}:\n{_describe(doc)}"
    return matches[0]


def _assert_report(text: str, clause: str, speaker: str, kind: QuoteKind = QuoteKind.INDIRECT) -> Quote:
    doc = _parse(text)
    quote = _quote(doc, clause)
    assert quote.kind is kind, _describe(doc)
    assert quote.speaker_mention is not None, _describe(doc)
    assert quote.speaker_mention.text == speaker, _describe(doc)
    return quote


# --- "S did X and said C": the cue's subject is the subject of the first verb --------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The club confirmed the signing of a new goalkeeper on Monday and said the deal would run until 2028.",
         "the deal would run until 2028", "The club"),
        ("The finance minister defended the budget in parliament and said spending cuts were unavoidable.",
         "spending cuts were unavoidable", "The finance minister"),
        ("Dr Amira Haddad presented the trial results in Geneva but said further trials were needed.",
         "further trials were needed", "Dr Amira Haddad"),
        ("The airline has raised its fares twice this year but has said it will freeze them in the spring.",
         "it will freeze them in the spring", "The airline"),
    ],
)
def test_a_cue_after_and_or_but_takes_the_subject_of_the_clause(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


def test_a_new_subject_after_and_is_the_speaker() -> None:
    _assert_report("Prices rose sharply and analysts said the central bank would act.",
                   "the central bank would act", "analysts")


# --- adverbs, progressive and contracted forms ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The chief executive now says she opposes the merger.", "she opposes the merger", "The chief executive"),
        ("The striker always says he plays for the fans.", "he plays for the fans", "The striker"),
        ("The union is demanding that the company restore the pension scheme.",
         "the company restore the pension scheme", "The union"),
        ("Astronomers were arguing that the comet had broken apart.", "the comet had broken apart", "Astronomers"),
        ("He’s claiming that the ballots were counted twice.", "the ballots were counted twice", "He"),
        ("They've argued the new tariff is unfair to farmers.", "the new tariff is unfair to farmers", "They"),
    ],
)
def test_adverbs_progressives_and_contractions_keep_the_cue(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


def test_a_possessive_before_a_cue_noun_is_still_not_a_report() -> None:
    assert _parse("The governor’s claims about the budget were false.").quotes == ()
    assert _parse("A Reuters report on the merger appeared on Monday.").quotes == ()


# --- subjects behind long or several asides --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Maria Gonzalez, a senior fellow at the Center for Budget and Policy Priorities in Washington who has "
         "studied the program for a decade, said the cuts would hurt families.",
         "the cuts would hurt families", "Maria Gonzalez"),
        ("Tom Berry, of Leeds, West Yorkshire, said he had waited four hours for a train.",
         "he had waited four hours for a train", "Tom Berry"),
        ("Even Norway, the largest producer in the region and a founding member, said it would cut output.",
         "it would cut output", "Norway"),
    ],
)
def test_the_subject_before_its_asides_is_the_speaker(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


# --- a sentence split by its cue after one or two words -------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second", "speaker"),
    [
        ("The museum, the mayor said, would open in the spring.", "The museum", "would open in the spring",
         "the mayor"),
        ("Too often, the coach said, young players are thrown in too early.", "Too often",
         "young players are thrown in too early", "the coach"),
        ("Wind farms, the report's author said, now supply a third of the grid.", "Wind farms",
         "now supply a third of the grid", "the report's author"),
    ],
)
def test_a_sentence_split_by_its_cue_is_one_report_in_two_parts(text: str, first: str, second: str,
                                                                 speaker: str) -> None:
    head = _assert_report(text, first, speaker)
    tail = _assert_report(text, second, speaker)
    assert head.group == tail.group and (head.part, tail.part) == (0, 1)


def test_a_place_after_the_cue_is_not_a_second_clause() -> None:
    doc = _parse("Crime has fallen, the sheriff said in Tulsa, Okla., yesterday.")
    assert [q.text for q in doc.quotes] == ["Crime has fallen"], _describe(doc)


def test_an_appositive_after_an_inverted_speaker_is_not_content() -> None:
    doc = _parse("“The reform is overdue,” said Ann Lee, a professor of history at Yale.")
    assert [q.kind for q in doc.quotes] == [QuoteKind.DIRECT], _describe(doc)
    assert doc.quotes[0].speaker_mention is not None and doc.quotes[0].speaker_mention.text == "Ann Lee"


def test_an_object_after_an_inverted_cue_is_not_a_speaker() -> None:
    doc = _parse("Ivana Novak, the mayor's chief of staff, noted the rule in an interview last week.")
    assert doc.quotes == (), _describe(doc)


# --- mixed quotes whose unquoted words stand next to the quote --------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("However tempting the shortcut, cutting the research budget ''is a false economy,'' said Mr. Hale.",
         "However tempting the shortcut, cutting the research budget ''is a false economy,''", "Mr. Hale"),
        ("Despite the rain, the final “was the best match of the season,” the referee said.",
         "Despite the rain, the final “was the best match of the season,”", "the referee"),
        ("The new telescope “will change what we know about planets,” the director said on Tuesday.",
         "The new telescope “will change what we know about planets,”", "the director"),
    ],
)
def test_words_before_a_quote_make_it_mixed(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker, QuoteKind.MIXED)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“The evidence was never disclosed,” Sarah Whitfield, the defence barrister, told the court.",
         "The evidence was never disclosed,", "Sarah Whitfield"),
        ("“We will appeal,” Omar Reyes, the club's lawyer, said on Friday.", "We will appeal,", "Omar Reyes"),
    ],
)
def test_a_speaker_with_an_aside_after_a_quote_keeps_it_direct(text: str, quote: str, speaker: str) -> None:
    doc = _parse(text)
    assert [(q.kind, q.text) for q in doc.quotes] == [(QuoteKind.DIRECT, quote)], _describe(doc)
    assert doc.quotes[0].speaker_mention is not None and doc.quotes[0].speaker_mention.text == speaker


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The World Health Organization said the outbreak showed “a worrying pattern of spread.”",
         "the outbreak showed “a worrying pattern of spread.”", "The World Health Organization"),
        ("The coach said his players had been \"outstanding.\"", "his players had been \"outstanding.\"",
         "The coach"),
    ],
)
def test_a_report_ending_inside_a_quote_takes_the_closing_mark(text: str, clause: str, speaker: str) -> None:
    doc = _parse(text)
    quote = _assert_report(text, clause, speaker, QuoteKind.MIXED)
    assert quote.text.endswith(("”", '"')), _describe(doc)
    assert len(doc.quotes) == 1, _describe(doc)


# --- speech acts reported by their topic or their to-infinitive ------------------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker", "cue"),
    [
        ("The senator called for an end to the filibuster.", "an end to the filibuster", "The senator", "called for"),
        ("The regulator warned of a sharp rise in energy bills this winter.",
         "a sharp rise in energy bills this winter", "The regulator", "warned of"),
        ("The coach has commented on the referee's decision.", "the referee's decision", "The coach",
         "commented on"),
        ("Passengers complained about delays at the new terminal.", "delays at the new terminal", "Passengers",
         "complained about"),
    ],
)
def test_a_speech_act_is_reported_by_its_topic(text: str, clause: str, speaker: str, cue: str) -> None:
    quote = _assert_report(text, clause, speaker)
    assert quote.cue is not None and quote.cue.slice(text) == cue


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The Security Council pledged to impose further sanctions on the regime.",
         "to impose further sanctions on the regime", "The Security Council"),
        ("The nurses' union threatened to strike if the offer was not improved.",
         "to strike if the offer was not improved", "The nurses' union"),
        ("The striker has agreed to join the club next season.", "to join the club next season", "The striker"),
        ("The minister resigned on Friday, promising to clear her name.", "to clear her name", "The minister"),
    ],
)
def test_a_commitment_is_reported_with_its_infinitive(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Both sides agreed to a ceasefire.",
        "The donor pledged to the hospital fund.",
        "The mayor spoke to reporters outside the court.",
    ],
)
def test_an_object_after_to_is_not_an_infinitive_report(text: str) -> None:
    assert _parse(text).quotes == ()


# --- say takes a clause; a determiner and a modifier make a cue word a noun -------------------------


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Lynch said the constant demands of public office sometimes erase old barriers.",
         "the constant demands of public office sometimes erase old barriers", "Lynch"),
        ("The farmers say the new rules on water use hurt small growers most.",
         "the new rules on water use hurt small growers most", "The farmers"),
    ],
)
def test_a_clause_after_say_needs_no_known_verb(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "There was a reasonable doubt about the verdict.",
        "The Tulsa protest remained peaceful all night.",
        "A formal complaint about the referee was filed on Monday.",
    ],
)
def test_a_cue_word_after_a_determiner_and_a_modifier_is_a_noun(text: str) -> None:
    assert _parse(text).quotes == ()


def test_a_clause_going_on_after_a_cue_without_an_addressee_is_not_a_report() -> None:
    assert _parse("Beyond a reasonable doubt, the jury found him guilty of fraud.").quotes == ()


def test_a_verb_after_a_plural_subject_is_still_a_cue() -> None:
    _assert_report("The analysts report that sales fell in March.", "sales fell in March", "The analysts")


# --- a second report joined to the first, and the subject behind an opening phrase --------------------


@pytest.mark.parametrize(
    ("text", "first", "first_speaker", "second", "second_speaker"),
    [
        ("Mr. Fowler said the race would be close, and he noted that turnout was falling.",
         "the race would be close", "Mr. Fowler", "turnout was falling", "he"),
        ("The minister said talks had stalled, but she said a deal was still possible.",
         "talks had stalled", "The minister", "a deal was still possible", "she"),
        ("The mayor has promised to fix the roads, and Councillor Joan Price is promising to cut fares.",
         "to fix the roads", "The mayor", "to cut fares", "Councillor Joan Price"),
        ("Republicans said the inquiry was over and Democrats accused the panel of hiding evidence.",
         "the inquiry was over", "Republicans", "the panel of hiding evidence", "Democrats"),
    ],
)
def test_a_second_subject_and_cue_start_a_second_report(text: str, first: str, first_speaker: str,
                                                        second: str, second_speaker: str) -> None:
    _assert_report(text, first, first_speaker)
    _assert_report(text, second, second_speaker)


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Chastened by the reviews, as well as complaints over costs, the studio recut the film, promising "
         "to restore the original ending.", "to restore the original ending", "the studio"),
        ("Back from injury, Nadal won in four sets, saying he felt stronger than ever.",
         "he felt stronger than ever", "Nadal"),
        ("Dr Kim, the lead author, presented the data, saying the drug halved relapses.",
         "the drug halved relapses", "Dr Kim"),
    ],
)
def test_a_participle_takes_the_subject_of_the_main_clause(text: str, clause: str, speaker: str) -> None:
    _assert_report(text, clause, speaker)


# --- direct quotes after a participle or an inverted cue that opens the sentence ---------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Trump attacked Clinton on Iraq, saying, \"She's trigger-happy and very unstable.\"",
         "She's trigger-happy and very unstable.", "Trump"),
        ("During a visit to the plant on Monday, Ms. Okafor praised the workers, adding, “This is where the "
         "recovery starts.”", "This is where the recovery starts.", "Ms. Okafor"),
        ("He then defended the transfer, saying, “The price was fair for a player of his age.”",
         "The price was fair for a player of his age.", "He"),
        ("Said Ellis: “I don’t get the sense she’s interested in reform.”",
         "I don’t get the sense she’s interested in reform.", "Ellis"),
        ("Added the coach: “We were simply better in the second half.”",
         "We were simply better in the second half.", "the coach"),
    ],
)
def test_a_direct_quote_after_a_participle_or_an_opening_cue(text: str, quote: str, speaker: str) -> None:
    doc = _parse(text)
    found = _quote(doc, quote)
    assert found.kind is QuoteKind.DIRECT, _describe(doc)
    assert found.speaker_mention is not None and found.speaker_mention.text == speaker, _describe(doc)


# --- where a report ends: the next speaker's cue, the main clause after a quoted fragment ------------


def test_a_name_and_cue_after_a_comma_start_their_own_quote() -> None:
    text = 'So when the firm signalled that it would sell the mine, Mr. Barrett said, "we were floored."'
    doc = _parse(text)
    _assert_report(text, "it would sell the mine", "the firm")
    direct = _quote(doc, "we were floored.")
    assert direct.kind is QuoteKind.DIRECT
    assert direct.speaker_mention is not None and direct.speaker_mention.text == "Mr. Barrett"


def test_a_second_speaker_after_a_semicolon_is_a_second_report() -> None:
    text = "The ministry warned that prices would rise; the central bank said they would not."
    _assert_report(text, "prices would rise", "The ministry")
    _assert_report(text, "they would not", "the central bank")


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Though she called the bank's conduct “outrageous,” Clinton restricted her comments to the hearing.",
         "the bank's conduct “outrageous,”", "she"),
        ("While he called the ruling “a travesty,” Mr. Ortiz paid the fine.", "the ruling “a travesty,”", "he"),
    ],
)
def test_a_main_clause_after_a_quoted_fragment_is_not_part_of_the_report(text: str, clause: str,
                                                                         speaker: str) -> None:
    _assert_report(text, clause, speaker, QuoteKind.MIXED)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("On Tuesday, Sanders made the following comment: “For young people, the jobless rate is 33 percent.”",
         "For young people, the jobless rate is 33 percent.", "Sanders"),
        ("The White House released a statement: “The president has full confidence in the director.”",
         "The president has full confidence in the director.", "The White House"),
        ("After the match, Serena Williams had a short message for her fans: “We go again next year.”",
         "We go again next year.", "Serena Williams"),
    ],
)
def test_a_lead_sentence_with_a_colon_gives_the_quote_to_its_subject(text: str, quote: str, speaker: str) -> None:
    doc = _parse(text)
    found = _quote(doc, quote)
    assert found.speaker_mention is not None and found.speaker_mention.text == speaker, _describe(doc)
    assert found.confidence <= 0.8, "a lead without a reporting verb is not a sure attribution"


@pytest.mark.parametrize(
    "text",
    [
        "The results were clear: “Nobody wins a trade war.”",
        "Her response was blunt: “We will not resign.”",
    ],
)
def test_a_lead_sentence_without_a_named_subject_gives_no_speaker(text: str) -> None:
    doc = _parse(text)
    assert [q.speaker_mention for q in doc.quotes] == [None], _describe(doc)
