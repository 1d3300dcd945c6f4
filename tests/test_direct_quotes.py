"""Spec tests for DIRECT quote extraction (stage 2), written from the issue text.

Each table holds real-looking news sentences from different fields (politics,
business, sport, science, culture) with the exact content every direct quote
must have: the words inside the marks, marks excluded, a closing comma or full
stop inside the marks kept. Every test also checks that each offset slices the
original text (``assert_offsets_slice``).
"""

from __future__ import annotations

import pytest

import quotetrack
from quotetrack import Config, Document, Quote, QuoteKind

# --- helpers -----------------------------------------------------------------------------------

QUOTE_MARKS = '"“”„‟«»‹›‘’‚‛'


def assert_offsets_slice(doc: Document) -> None:
    """Every quote, cue and speaker mention slices the caller's text to what it claims."""
    for quote in doc.quotes:
        assert 0 <= quote.span.start <= quote.span.end <= len(doc.text), quote
        assert doc.text[quote.span.start : quote.span.end] == quote.text, quote
        if quote.cue is not None:
            assert 0 <= quote.cue.start <= quote.cue.end <= len(doc.text), quote
        if quote.speaker_mention is not None:
            mention = quote.speaker_mention
            assert doc.text[mention.span.start : mention.span.end] == mention.text, mention


def direct_quotes(text: str, config: Config | None = None) -> list[Quote]:
    """The DIRECT quotes of ``text`` in reading order, after checking every offset."""
    doc = quotetrack.extract(text, config=config)
    assert doc.text == text
    assert_offsets_slice(doc)
    return [q for q in doc.quotes if q.kind == QuoteKind.DIRECT]


def assert_direct(text: str, expected: list[str], *, strip: bool = False) -> list[Quote]:
    """``text`` has exactly the direct quotes ``expected`` (contents, in order)."""
    quotes = direct_quotes(text)
    found = [q.text.strip() if strip else q.text for q in quotes]
    assert found == expected, f"in {text!r}"
    return quotes


def cue_text(doc_text: str, quote: Quote) -> str | None:
    return None if quote.cue is None else doc_text[quote.cue.start : quote.cue.end]


# --- glyph styles --------------------------------------------------------------------------------

CURLY_DOUBLE = [
    ("“I will go,” he said.", ["I will go,"]),
    (
        "“The talks were useful and we will continue them,” the spokesman told reporters.",
        ["The talks were useful and we will continue them,"],
    ),
    (
        "The chief executive said: “Our sales grew by 12 per cent this quarter.”",
        ["Our sales grew by 12 per cent this quarter."],
    ),
    (
        "“We were second best for most of the match,” the coach admitted. Later the "
        "captain said: “We have to be braver.”",
        ["We were second best for most of the match,", "We have to be braver."],
    ),
    (
        "“The samples show water was present for millions of years,” the lead scientist said on Tuesday.",
        ["The samples show water was present for millions of years,"],
    ),
]

STRAIGHT_DOUBLE = [
    ('"We will not raise taxes," the prime minister said.', ["We will not raise taxes,"]),
    (
        'The bank\'s governor said: "Inflation will fall back to target next year."',
        ["Inflation will fall back to target next year."],
    ),
    (
        '"I am proud of every player in that dressing room," the manager said after the final whistle.',
        ["I am proud of every player in that dressing room,"],
    ),
    (
        '"The telescope is working better than we hoped," the engineer said. "It is a '
        'relief for the whole team," she added.',
        ["The telescope is working better than we hoped,", "It is a relief for the whole team,"],
    ),
    (
        '"It is the best thing I have ever written," the novelist said of her new book.',
        ["It is the best thing I have ever written,"],
    ),
]

# British style: single quotes as the main quotation marks of the text.
SINGLE_MAIN_STYLE = [
    ("'We will not back down,' the minister said.", ["We will not back down,"]),
    (
        "'The results are very encouraging,' said the professor who led the study.",
        ["The results are very encouraging,"],
    ),
    ("The club's manager said: 'We did not deserve to lose today.'", ["We did not deserve to lose today."]),
    ("‘Inflation has peaked,’ the governor of the central bank said.", ["Inflation has peaked,"]),
    (
        "‘We are going to fight this decision in the courts,’ the union leader "
        "said. ‘Our members expect nothing less.’",
        ["We are going to fight this decision in the courts,", "Our members expect nothing less."],
    ),
    ("The director said: ‘This is the film I always wanted to make.’", ["This is the film I always wanted to make."]),
]

# Single quotes inside double quotes are part of the outer quote: one quote, not two.
NESTED_SINGLE_IN_DOUBLE = [
    (
        "“He told me ‘never again’ and I believed him,” the witness said.",
        ["He told me ‘never again’ and I believed him,"],
    ),
    (
        "\"My father always said 'never give up' and I never have,\" the champion said.",
        ["My father always said 'never give up' and I never have,"],
    ),
    (
        "“The board called it a ‘temporary setback’ but nobody in the room believed that,” one investor said.",
        ["The board called it a ‘temporary setback’ but nobody in the room believed that,"],
    ),
    (
        "The curator said: “Visitors keep asking ‘where is the famous painting?’ and "
        "we have to tell them it is on loan.”",
        ["Visitors keep asking ‘where is the famous painting?’ and we have to tell them it is on loan."],
    ),
]

# Double quotes nested in a single-quote text: still one quote.
NESTED_DOUBLE_IN_SINGLE = [
    (
        "'He told us \"we are finished\" and then hung up,' the official said.",
        ['He told us "we are finished" and then hung up,'],
    ),
    (
        "‘The coach kept shouting “run, run, run” at us all afternoon,’ the young striker said.",
        ["The coach kept shouting “run, run, run” at us all afternoon,"],
    ),
    (
        "‘Every email ended with “see you in court” and we took it seriously,’ the lawyer said.",
        ["Every email ended with “see you in court” and we took it seriously,"],
    ),
]

# « » and ‹ › with inner spaces (French) or without (Swiss, Russian). Compared after .strip().
GUILLEMETS = [
    ("« Nous ne céderons pas », a déclaré le ministre.", ["Nous ne céderons pas"]),
    (
        "« Les résultats du trimestre sont excellents », a indiqué la directrice financière.",
        ["Les résultats du trimestre sont excellents"],
    ),
    (
        "L’entraîneur a déclaré : « Nous avons joué avec beaucoup de courage. »",
        ["Nous avons joué avec beaucoup de courage."],
    ),
    ("«Wir sind zu Gesprächen bereit», sagte der Aussenminister in Bern.", ["Wir sind zu Gesprächen bereit"]),
    ("«Die Forschung braucht mehr Geld», sagte die Präsidentin der Akademie.", ["Die Forschung braucht mehr Geld"]),
    (
        "“We are ready,” he said in English, adding in French: «Nous sommes prêts.»",
        ["We are ready,", "Nous sommes prêts."],
    ),
]

RUSSIAN_GUILLEMETS = [
    ("«Мы готовы к переговорам», — сказал Песков журналистам.", ["Мы готовы к переговорам"]),
    ("«Команда сыграла очень хорошо», — заявил тренер после матча.", ["Команда сыграла очень хорошо"]),
    ("Министр заявил: «Цены на бензин не вырастут в этом году».", ["Цены на бензин не вырастут в этом году"]),
    (
        "«Это открытие меняет наше понимание климата», — сказал учёный. «Нужны новые измерения», — добавил он.",
        ["Это открытие меняет наше понимание климата", "Нужны новые измерения"],
    ),
]

SINGLE_GUILLEMETS = [
    ("‹ Nous ne lâcherons rien ›, a dit l’entraîneur.", ["Nous ne lâcherons rien"]),
    ("‹Wir verhandeln weiter›, sagte die Gewerkschaftschefin.", ["Wir verhandeln weiter"]),
    ("« Il m’a dit ‹ jamais › et il est parti », raconte le témoin.", ["Il m’a dit ‹ jamais › et il est parti"]),
    ("‹ Le musée rouvrira au printemps ›, a annoncé la conservatrice.", ["Le musée rouvrira au printemps"]),
]

# German „…“ (the “ closes here!), and „…” as used in Polish, Romanian, Hungarian, Dutch.
LOW_HIGH_DOUBLE = [
    ("„Wir werden nicht nachgeben“, sagte der Minister in Berlin.", ["Wir werden nicht nachgeben"]),
    (
        "„Der Umsatz ist im dritten Quartal deutlich gestiegen“, sagte der Vorstandschef.",
        ["Der Umsatz ist im dritten Quartal deutlich gestiegen"],
    ),
    ("Der Trainer sagte: „Wir haben verdient gewonnen.“", ["Wir haben verdient gewonnen."]),
    ("„Nie ustąpimy”, powiedział minister finansów.", ["Nie ustąpimy"]),
    (
        "„Rezultatele studiului sunt încurajatoare”, a declarat cercetătoarea.",
        ["Rezultatele studiului sunt încurajatoare"],
    ),
    ("„We will win this election,” the candidate said.", ["We will win this election,"]),
]

# ‚…‘ nested inside „…“ and used on its own.
LOW_HIGH_SINGLE = [
    ("„Er sagte ‚niemals‘ und ging einfach“, berichtete die Zeugin.", ["Er sagte ‚niemals‘ und ging einfach"]),
    ("„Das Wort ‚Krise‘ hört hier niemand gern“, sagte der Bankier.", ["Das Wort ‚Krise‘ hört hier niemand gern"]),
    ("‚Wir sind bereit für das Finale‘, sagte die Kapitänin.", ["Wir sind bereit für das Finale"]),
    ("Die Forscherin sagte: ‚Die Daten sind eindeutig.‘", ["Die Daten sind eindeutig."]),
]

# The ASCII double-apostrophe convention of some news archives.
DOUBLE_APOSTROPHE = [
    ("''We are ready,'' Mr. Smith said.", ["We are ready,"]),
    (
        "''The market has priced in two rate cuts,'' an analyst at the bank said.",
        ["The market has priced in two rate cuts,"],
    ),
    ("The coach said: ''We will play our best team on Saturday.''", ["We will play our best team on Saturday."]),
    (
        "''This vaccine could save millions of lives,'' the researcher said. ''But we need more trials,'' she added.",
        ["This vaccine could save millions of lives,", "But we need more trials,"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CURLY_DOUBLE)
def test_curly_double_quotes(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize(("text", "expected"), STRAIGHT_DOUBLE)
def test_straight_double_quotes(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize(("text", "expected"), SINGLE_MAIN_STYLE)
def test_single_quotes_as_main_style(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize(("text", "expected"), NESTED_SINGLE_IN_DOUBLE + NESTED_DOUBLE_IN_SINGLE)
def test_nested_quotes_stay_inside_their_outer_quote(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize(("text", "expected"), GUILLEMETS + RUSSIAN_GUILLEMETS + SINGLE_GUILLEMETS)
def test_guillemets_with_or_without_inner_spaces(text: str, expected: list[str]) -> None:
    quotes = assert_direct(text, expected, strip=True)
    for quote in quotes:
        assert not quote.text.startswith(("«", "‹")) and not quote.text.endswith(("»", "›")), quote


@pytest.mark.parametrize(("text", "expected"), LOW_HIGH_DOUBLE + LOW_HIGH_SINGLE)
def test_low_high_quotes(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize(("text", "expected"), DOUBLE_APOSTROPHE)
def test_double_apostrophe_convention(text: str, expected: list[str]) -> None:
    quotes = assert_direct(text, expected)
    for quote in quotes:
        assert not quote.text.startswith("'") and not quote.text.endswith("'"), quote


# --- apostrophes are never quote marks ----------------------------------------------------------

APOSTROPHES_IN_SINGLE_QUOTE_TEXT = [
    (
        "'Putin's offer isn't serious and we won't accept it,' the minister said.",
        ["Putin's offer isn't serious and we won't accept it,"],
    ),
    (
        "‘Putin’s offer isn’t serious and we won’t accept it,’ the minister said.",
        ["Putin’s offer isn’t serious and we won’t accept it,"],
    ),
    (
        "‘Let’s be clear: the ’90s are not coming back,’ the chancellor said.",
        ["Let’s be clear: the ’90s are not coming back,"],
    ),
    (
        "'It's rock 'n' roll, not jazz, and we're proud of it,' the guitarist said.",
        ["It's rock 'n' roll, not jazz, and we're proud of it,"],
    ),
    ("‘They grew up on rock ’n’ roll,’ the festival director said.", ["They grew up on rock ’n’ roll,"]),
    ("‘The students’ demands are reasonable,’ the dean said.", ["The students’ demands are reasonable,"]),
    ("'The players' union won't sign this deal,' its chairman said.", ["The players' union won't sign this deal,"]),
    ("‘We’ll appeal against the ruling,’ O’Brien said.", ["We’ll appeal against the ruling,"]),
    ("'We'll appeal against the ruling,' O'Brien said.", ["We'll appeal against the ruling,"]),
    ("'We'll beat 'em next time,' the coach said.", ["We'll beat 'em next time,"]),
    (
        "'We're in the '20s now and the rules haven't changed,' the regulator said.",
        ["We're in the '20s now and the rules haven't changed,"],
    ),
    (
        "O’Brien’s lawyer said: ‘My client doesn’t accept the jury’s verdict.’",
        ["My client doesn’t accept the jury’s verdict."],
    ),
    (
        "'Don't write us off,' the captain said. 'We've beaten better sides than this.'",
        ["Don't write us off,", "We've beaten better sides than this."],
    ),
]

ONLY_APOSTROPHES = [
    "Putin’s aides say they don’t expect a deal, and O’Brien’s team agrees.",
    "Let's be honest: the students' union hasn't had a good year since the '90s.",
    "Rock ’n’ roll isn’t dead, the festival’s organisers insist.",
    "The players' union and the owners' group didn't meet, and the league's chief wasn't surprised.",
    "It’s the company’s best quarter since the ’90s, and investors’ confidence hasn’t been higher.",
    "Scientists' early results weren't conclusive, O'Neill's team said on Monday.",
]


@pytest.mark.parametrize(("text", "expected"), APOSTROPHES_IN_SINGLE_QUOTE_TEXT)
def test_apostrophes_inside_single_quote_text_do_not_break_quotes(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


@pytest.mark.parametrize("text", ONLY_APOSTROPHES)
def test_text_with_only_apostrophes_has_no_direct_quote(text: str) -> None:
    assert_direct(text, [])


def test_apostrophes_in_a_longer_british_article() -> None:
    text = (
        "Britain's biggest union said on Monday it wouldn't accept the government's offer.\n"
        "'This isn't a pay rise, it's a pay cut,' the union's general secretary said.\n"
        "Ministers' advisers didn't comment, but O'Neill's office said: 'The offer is fair and final.'\n"
        "The dispute has lasted since the '90s-style strikes of last winter."
    )
    assert_direct(text, ["This isn't a pay rise, it's a pay cut,", "The offer is fair and final."])


# --- single-quote mode in Config -----------------------------------------------------------------

BRITISH = [
    ("'We will not back down,' the minister said.", "We will not back down,"),
    ("'Our profits will recover next year,' the chief executive said.", "Our profits will recover next year,"),
    ("‘We are ready for the final,’ the captain said.", "We are ready for the final,"),
]


@pytest.mark.parametrize(("text", "content"), BRITISH)
def test_single_quotes_never_mode_ignores_single_quotes(text: str, content: str) -> None:
    assert direct_quotes(text, Config(single_quotes="never")) == []


@pytest.mark.parametrize(("text", "content"), BRITISH)
def test_single_quotes_always_mode_reads_single_quotes(text: str, content: str) -> None:
    assert [q.text for q in direct_quotes(text, Config(single_quotes="always"))] == [content]


def test_nested_single_quotes_are_read_even_in_never_mode() -> None:
    text = "“He told me ‘never again’ and I believed him,” the witness said."
    quotes = direct_quotes(text, Config(single_quotes="never"))
    assert [q.text for q in quotes] == ["He told me ‘never again’ and I believed him,"]


# --- multi-paragraph quotes ----------------------------------------------------------------------

MULTI_PARAGRAPH = [
    (
        "“We have rebuilt this squad from the ground up. Nobody should expect miracles in the first month.\n"
        "“But by the spring we will be competing for the title,” the manager said.",
        "We have rebuilt this squad from the ground up. Nobody should expect miracles in the first month.\n"
        "“But by the spring we will be competing for the title,",
    ),
    (
        "“The economy grew faster than any forecaster expected.\n\n"
        "“Wages are rising and unemployment is at a record low.\n\n"
        "“We will not waste this opportunity,” the finance minister said.",
        "The economy grew faster than any forecaster expected.\n\n"
        "“Wages are rising and unemployment is at a record low.\n\n"
        "“We will not waste this opportunity,",
    ),
    (
        '"The probe has sent back its first images of the surface.\r\n'
        '"They are sharper than anything we have seen before," the mission scientist said.',
        "The probe has sent back its first images of the surface.\r\n"
        '"They are sharper than anything we have seen before,',
    ),
    (
        "'This exhibition took five years to put together.\n"
        "'Every painting has been restored by our own team,' the curator said.",
        "This exhibition took five years to put together.\n'Every painting has been restored by our own team,",
    ),
    (
        "The senator said: “This bill will cut energy bills for every family.\n"
        "“It is the most important vote of my career.”",
        "This bill will cut energy bills for every family.\n“It is the most important vote of my career.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI_PARAGRAPH)
def test_multi_paragraph_quote_is_one_quote(text: str, expected: str) -> None:
    quotes = assert_direct(text, [expected])
    assert text[quotes[0].span.start] not in QUOTE_MARKS
    assert text[quotes[0].span.end - 1] not in QUOTE_MARKS


def test_multi_paragraph_quote_followed_by_other_quotes() -> None:
    text = (
        "“Our orders have doubled since January.\n"
        "“We are hiring 300 people this year,” the founder said.\n"
        "Analysts were cautious. “The market is still fragile,” one broker said."
    )
    assert_direct(
        text,
        [
            "Our orders have doubled since January.\n“We are hiring 300 people this year,",
            "The market is still fragile,",
        ],
    )


# --- quotes split around their cue ----------------------------------------------------------------

SPLIT_AFTER_SENTENCE = [
    (
        "“The economy is recovering,” Maria Lopez said. “But inflation remains too high.”",
        ["The economy is recovering,", "But inflation remains too high."],
    ),
    (
        "“We played well in the first half,” Peskov said. “After the break we lost our heads.”",
        ["We played well in the first half,", "After the break we lost our heads."],
    ),
    (
        '"The vaccine is safe," the researcher said. "We have tested it on 40,000 volunteers."',
        ["The vaccine is safe,", "We have tested it on 40,000 volunteers."],
    ),
    (
        "'The gallery will reopen in May,' the director said. 'Tickets go on sale next week.'",
        ["The gallery will reopen in May,", "Tickets go on sale next week."],
    ),
]

SPLIT_MID_SENTENCE = [
    ("“We played well,” said the coach, “and we deserved the win.”", ["We played well,", "and we deserved the win."]),
    (
        "“Prices will rise,” said Angela Brandt, “but only for a few months.”",
        ["Prices will rise,", "but only for a few months."],
    ),
    (
        '"The data are clear," said the climatologist, "and they point in one direction."',
        ["The data are clear,", "and they point in one direction."],
    ),
    (
        "'We are not there yet,' said the minister, 'but the talks are moving.'",
        ["We are not there yet,", "but the talks are moving."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_AFTER_SENTENCE + SPLIT_MID_SENTENCE)
def test_quote_split_around_its_cue_is_two_parts_of_one_group(text: str, expected: list[str]) -> None:
    first, second = assert_direct(text, expected)
    assert first.group == second.group
    assert (first.part, second.part) == (0, 1)


@pytest.mark.parametrize(("text", "expected"), SPLIT_AFTER_SENTENCE + SPLIT_MID_SENTENCE)
def test_parts_of_a_split_quote_are_found_through_the_document(text: str, expected: list[str]) -> None:
    doc = quotetrack.extract(text)
    direct = [q for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert [q.text for q in direct] == expected
    assert doc.parts_of(direct[0]) == doc.parts_of(direct[1]) == tuple(direct)


SPLIT_NAMED = [
    ("“The economy is recovering,” Maria Lopez said. “But inflation remains too high.”", "Maria Lopez"),
    ("“We played well in the first half,” Peskov said. “After the break we lost our heads.”", "Peskov"),
    ("“Prices will rise,” said Angela Brandt, “but only for a few months.”", "Angela Brandt"),
    ('"The samples are clean," said Priya Natarajan, "and the lab has confirmed it."', "Priya Natarajan"),
]


@pytest.mark.parametrize(("text", "speaker"), SPLIT_NAMED)
def test_both_parts_of_a_split_quote_name_the_speaker(text: str, speaker: str) -> None:
    quotes = direct_quotes(text)
    assert len(quotes) == 2
    assert [q.speaker_mention.text if q.speaker_mention else None for q in quotes] == [speaker, speaker]


def test_quotes_by_different_speakers_are_different_groups() -> None:
    text = "“The merger will create jobs,” Maria Lopez said.\n“The merger will destroy jobs,” Tom Hughes said."
    first, second = assert_direct(text, ["The merger will create jobs,", "The merger will destroy jobs,"])
    assert first.group != second.group


# Two quotes in one paragraph, each with its own cue: two quotes, not the parts of one.
# (text, [(content, speaker mention, cue), ...])
TWO_SPEAKERS_ONE_PARAGRAPH = [
    (
        "“Our sales grew,” Maria Lopez said. “Margins fell,” Tom Hughes said.",
        [("Our sales grew,", "Maria Lopez", "said"), ("Margins fell,", "Tom Hughes", "said")],
    ),
    (
        "“We deserved to win,” Kenji Sato said. “They were lucky,” Obi Okafor said.",
        [("We deserved to win,", "Kenji Sato", "said"), ("They were lucky,", "Obi Okafor", "said")],
    ),
    (
        "Angela Brandt said: “The glacier is shrinking.” Lars Eriksen said: “The data are incomplete.”",
        [("The glacier is shrinking.", "Angela Brandt", "said"), ("The data are incomplete.", "Lars Eriksen", "said")],
    ),
    (
        '"The law is clear," said Priya Natarajan. "The law is vague," said Tom Hughes.',
        [("The law is clear,", "Priya Natarajan", "said"), ("The law is vague,", "Tom Hughes", "said")],
    ),
    (
        "“The show must go on,” Ana Ruiz said. Lars Eriksen said: “The theatre is not safe.”",
        [("The show must go on,", "Ana Ruiz", "said"), ("The theatre is not safe.", "Lars Eriksen", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TWO_SPEAKERS_ONE_PARAGRAPH)
def test_two_quotes_with_their_own_cues_are_separate_quotes(text: str, expected: list[tuple[str, str, str]]) -> None:
    quotes = assert_direct(text, [content for content, _, _ in expected])
    assert [(q.speaker_mention.text if q.speaker_mention else None, cue_text(text, q)) for q in quotes] == [
        (speaker, cue) for _, speaker, cue in expected
    ]
    assert quotes[0].group != quotes[1].group
    assert (quotes[0].part, quotes[1].part) == (0, 0)


# --- unpartnered marks, headlines, paragraph ends -------------------------------------------------

UNPARTNERED = [
    # An opening mark whose closing mark is missing, then a normal quote in the next paragraph.
    (
        "“We will not back down, the minister said on Tuesday.\n"
        "The opposition leader said: “This budget is a disaster.”",
        ["This budget is a disaster."],
    ),
    # A stray closing mark.
    (
        "The striker scored twice.” Fans celebrated in the streets.\n“It was the best night of my life,” he said.",
        ["It was the best night of my life,"],
    ),
    # A straight double quote used as an inch mark.
    (
        'The retailer sells a 27" monitor for $300.\n"Demand has been very strong," its chief executive said.',
        ["Demand has been very strong,"],
    ),
    (
        'The company sold 12" vinyl records in its first year. "Demand has been very strong," its founder said.',
        ["Demand has been very strong,"],
    ),
    # An opening mark at the very end of the text.
    ("“Sales are up,” the shop owner said. Asked about the future, she said “", ["Sales are up,"]),
    # A stray mark in the middle of a paragraph between two good quotes.
    (
        "“The telescope works,” the engineer said.\nThe mirror « was polished for six months.\n"
        "“We are delighted,” the director said.",
        ["The telescope works,", "We are delighted,"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNPARTNERED)
def test_mark_without_partner_is_skipped_and_other_quotes_are_found(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


def test_stray_mark_never_swallows_the_rest_of_the_article() -> None:
    paragraphs = ["The council approved the “new budget on Thursday after a long debate."]
    expected = []
    topics = ["the roads", "the schools", "the libraries", "the parks", "the buses", "the hospitals"]
    for i, topic in enumerate(topics):
        paragraphs.append(f"“We will spend more on {topic} this year,” councillor number {i + 1} said.")
        expected.append(f"We will spend more on {topic} this year,")
    text = "\n\n".join(paragraphs)
    quotes = assert_direct(text, expected)
    for quote in quotes:
        assert "\n" not in quote.text


HEADLINES = [
    (
        "Kremlin Says Summit “Not on the Agenda\n“There is nothing to discuss yet,” Peskov told reporters on Friday.",
        ["There is nothing to discuss yet,"],
    ),
    (
        "“We Will Rebuild: Mayor Vows Recovery After Floods\n"
        "“Every family will get help,” Mayor Ana Ruiz said on Sunday.",
        ["Every family will get help,"],
    ),
    (
        "Chipmaker Shares Slide After “Weak Outlook\n\n"
        "The company cut its forecast on Wednesday. “Demand for phones is falling,” its chief executive said.",
        ["Demand for phones is falling,"],
    ),
    (
        "Champions League Final: Coach Says “We Are Ready\n"
        "“We are ready for anything,” the coach said at his news conference.",
        ["We are ready for anything,"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_no_quote_crosses_a_headline(text: str, expected: list[str]) -> None:
    quotes = assert_direct(text, expected)
    headline_end = text.index("\n")
    for quote in quotes:
        assert quote.span.start > headline_end


PARAGRAPH_ENDS = [
    (
        "The union described the offer as “an insult and left the talks early.\n"
        "Management said the offer was final.” Talks resume on Monday.",
        [],
    ),
    (
        'Researchers said the new drug was "promising, though trials are small.\n'
        'A second study is due next year." Results are expected in June.\n'
        '"We are cautiously optimistic," the lead author said.',
        ["We are cautiously optimistic,"],
    ),
    (
        "The critic called the play « a triumph of staging over substance.\n"
        "Audiences disagreed » and tickets sold out in a week.\n"
        "« The public has spoken », the theatre director said.",
        ["The public has spoken"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_ENDS)
def test_no_quote_runs_past_the_end_of_its_paragraph(text: str, expected: list[str]) -> None:
    quotes = assert_direct(text, expected, strip=True)
    for quote in quotes:
        assert "\n" not in quote.text


# --- quotes that are not speech -------------------------------------------------------------------

TITLES_OF_WORKS = [
    "She starred in “The Crown”.",
    'He was interviewed on NBC\'s "Meet the Press" on Sunday.',
    "The band's album “Blue Horizons” topped the charts last week.",
    "The study, titled “Ocean Warming and Coral Loss”, was published in a leading journal.",
    'Critics praised her novel "A Quiet Harbour" when it appeared in 2019.',
    # American style: the full stop goes inside the marks, but the title is still a title.
    'She starred in "The Crown."',
    "Tonight the senator appears on “Meet the Press.”",
]

NICKNAMES = [
    'Dwayne "The Rock" Johnson will host the awards.',
    "Earvin “Magic” Johnson scored 20 points that night.",
    'The sprinter Gordon "Flash" Reed won the 100 metres in 9.91 seconds.',
    "Investors still call him Warren “The Oracle” Buffett.",
]

SCARE_QUOTES_AND_TERMS = [
    "Russia launched its so-called “special military operation” in February 2022.",
    "The two companies signed a “historic” deal on Monday.",
    'The so-called "gig economy" now employs millions of workers.',
    "Investors fear a “hard landing” for the economy.",
    "The term “dark matter” describes mass that scientists cannot see.",
    "The club's “project” has cost more than 500 million pounds.",
]

SHORT_FRAGMENTS_IN_REPORTED_SPEECH = [
    "He called the strike “barbaric”.",
    "The minister described the report as “deeply flawed” on Monday.",
    "The coach said his team had been “unlucky” in the second half.",
    'The regulator said the bank had been "reckless" with customer money.',
    "Scientists said the first results were “encouraging”.",
    # American style: the full stop inside the marks does not make the fragment a sentence.
    'The mayor called the plan "a disgrace."',
    'The minister called the report "deeply flawed, misleading and late."',
    "Critics said the reforms were “too little, too late.”",
]


@pytest.mark.parametrize(
    "text", TITLES_OF_WORKS + NICKNAMES + SCARE_QUOTES_AND_TERMS + SHORT_FRAGMENTS_IN_REPORTED_SPEECH
)
def test_quotes_that_are_not_speech_are_not_direct_quotes(text: str) -> None:
    assert_direct(text, [])


NOT_SPEECH_NEXT_TO_SPEECH = [
    ("She starred in “The Crown”. “It changed my life,” she said.", ["It changed my life,"]),
    ('Dwayne "The Rock" Johnson spoke first. "I never expected this," he said.', ["I never expected this,"]),
    (
        "The minister called the strike “barbaric”. Union leader Tom Hughes said: “We will strike again in May.”",
        ["We will strike again in May."],
    ),
    (
        "The firm's “historic” deal was signed on Monday. “This makes us the "
        "biggest bank in Europe,” its chairman said.",
        ["This makes us the biggest bank in Europe,"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SPEECH_NEXT_TO_SPEECH)
def test_speech_is_found_next_to_quotes_that_are_not_speech(text: str, expected: list[str]) -> None:
    assert_direct(text, expected)


# --- simplest attribution ------------------------------------------------------------------------

# (text, content, speaker mention, cue)
QUOTE_NAME_VERB = [
    ("“The talks were useful,” Peskov said.", "The talks were useful,", "Peskov", "said"),
    ("“Our profits will double by 2027,” Maria Lopez said.", "Our profits will double by 2027,", "Maria Lopez", "said"),
    ('"We were the better team tonight," Kenji Sato said.', "We were the better team tonight,", "Kenji Sato", "said"),
    (
        "“The results surprised everyone in the lab,” Priya Natarajan said.",
        "The results surprised everyone in the lab,",
        "Priya Natarajan",
        "said",
    ),
    ("“The museum needs more money,” Lars Eriksen warned.", "The museum needs more money,", "Lars Eriksen", "warned"),
]

NAME_VERB_COLON_QUOTE = [
    ("Peskov said: “There are no plans for a meeting.”", "There are no plans for a meeting.", "Peskov", "said"),
    ("Maria Lopez said: “Prices will fall next year.”", "Prices will fall next year.", "Maria Lopez", "said"),
    (
        'Obi Okafor said: "I am leaving the club with a heavy heart."',
        "I am leaving the club with a heavy heart.",
        "Obi Okafor",
        "said",
    ),
    (
        "Angela Brandt said: “The climate data leave no room for doubt.”",
        "The climate data leave no room for doubt.",
        "Angela Brandt",
        "said",
    ),
    (
        "Lars Eriksen added: “The orchestra will tour Asia next year.”",
        "The orchestra will tour Asia next year.",
        "Lars Eriksen",
        "added",
    ),
]

QUOTE_VERB_NAME = [
    ("“We will not sign this treaty,” said Peskov.", "We will not sign this treaty,", "Peskov", "said"),
    (
        "“The merger is good for customers,” said Maria Lopez.",
        "The merger is good for customers,",
        "Maria Lopez",
        "said",
    ),
    ('"I have never felt fitter," said Kenji Sato.', "I have never felt fitter,", "Kenji Sato", "said"),
    (
        "“This is the biggest fossil ever found in Europe,” said Priya Natarajan.",
        "This is the biggest fossil ever found in Europe,",
        "Priya Natarajan",
        "said",
    ),
    ("“The festival will go ahead,” insisted Obi Okafor.", "The festival will go ahead,", "Obi Okafor", "insisted"),
]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"), QUOTE_NAME_VERB + NAME_VERB_COLON_QUOTE + QUOTE_VERB_NAME
)
def test_simplest_attribution(text: str, content: str, speaker: str, cue: str) -> None:
    (quote,) = assert_direct(text, [content])
    assert quote.speaker_mention is not None, "no speaker mention"
    assert quote.speaker_mention.text == speaker
    assert cue_text(text, quote) == cue


def test_attribution_in_a_short_article() -> None:
    text = (
        "Oil Prices Climb\n"
        "“Supply is tighter than the market thinks,” Maria Lopez said.\n"
        "Tom Hughes said: “Demand will weaken before the winter.”\n"
        "“We see prices falling by March,” said Angela Brandt."
    )
    quotes = assert_direct(
        text,
        [
            "Supply is tighter than the market thinks,",
            "Demand will weaken before the winter.",
            "We see prices falling by March,",
        ],
    )
    assert [q.speaker_mention.text if q.speaker_mention else None for q in quotes] == [
        "Maria Lopez",
        "Tom Hughes",
        "Angela Brandt",
    ]
    assert [cue_text(text, q) for q in quotes] == ["said", "said", "said"]


# --- whole-document checks ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \r\n", "\u00a0", "   \n  \n"])
def test_empty_or_blank_text_has_no_quotes(text: str) -> None:
    doc = quotetrack.extract(text)
    assert doc.text == text
    assert doc.quotes == ()


def test_quotes_come_in_reading_order_and_do_not_overlap() -> None:
    text = (
        "“Exports rose by 8 per cent,” the minister said. “Imports fell,” she added.\n"
        "'We expected this,' an economist said.\n"
        "The governor said: “Rates will stay where they are.”"
    )
    quotes = direct_quotes(text)
    assert [q.text for q in quotes] == [
        "Exports rose by 8 per cent,",
        "Imports fell,",
        "We expected this,",
        "Rates will stay where they are.",
    ]
    for earlier, later in zip(quotes, quotes[1:], strict=False):
        assert earlier.span.end <= later.span.start


def test_direct_quotes_record_their_paragraph() -> None:
    text = "Intro paragraph with no quote.\n“First quote here,” Lopez said.\n\n“Second quote here,” Hughes said."
    doc = quotetrack.extract(text)
    direct = [q for q in doc.quotes if q.kind == QuoteKind.DIRECT]
    assert [q.text for q in direct] == ["First quote here,", "Second quote here,"]
    for quote in direct:
        paragraph = doc.paragraphs[quote.paragraph]
        assert paragraph.contains(quote.span)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("The New York Times reports:\n\n“Fewer small donors gave this year than in any recent race.”",
         "The New York Times", "reports"),
        ("In a statement on Friday, the club said:\n“Our manager leaves with our thanks and best wishes.”",
         "the club", "said"),
        ("Professor Amara Diallo wrote:\r\n\r\n\"The data show the glacier lost a fifth of its mass.\"",
         "Professor Amara Diallo", "wrote"),
    ],
)
def test_a_cue_line_ending_in_a_colon_frames_the_quote_in_the_next_paragraph(text: str, speaker: str, cue: str) -> None:
    (quote,) = direct_quotes(text)
    assert quote.speaker_mention is not None and quote.speaker_mention.text == speaker
    assert quote.cue is not None and quote.cue.slice(text) == cue
