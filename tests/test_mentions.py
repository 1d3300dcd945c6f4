"""Stage 3: finding speaker-like mentions with rules over the text (quotetrack.stage3_mentions)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.config import Config
from quotetrack.lexicon import default_lexicon
from quotetrack.model import Analysis, Candidate, Mention, MentionKind, QuoteKind, Span
from quotetrack.parser import Context
from quotetrack.stage3_mentions import appositive_in, classify_mention, find_mentions, mention_in, run

LEX = default_lexicon()
NAME, TITLE_NAME, ROLE = MentionKind.NAME, MentionKind.TITLE_NAME, MentionKind.ROLE
PRONOUN, ORG = MentionKind.PRONOUN, MentionKind.ORGANISATION


def mentions(text: str, exclude: list[Span] | None = None) -> list[tuple[str, MentionKind]]:
    found = find_mentions(text, 0, len(text), LEX, exclude or [])
    for mention in found:
        assert mention.span.slice(text) == mention.text
    return [(m.text, m.kind) for m in found]


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


# --- whole sentences, many topics -------------------------------------------------------------------

SENTENCES: list[tuple[str, list[tuple[str, MentionKind]]]] = [
    # politics
    (
        "Kremlin spokesman Dmitry Peskov said the talks with the White House had been useful.",
        [("Kremlin spokesman Dmitry Peskov", TITLE_NAME), ("the White House", ORG)],
    ),
    (
        "Chancellor Olaf Scholz and French President Emmanuel Macron met in Berlin.",
        [("Chancellor Olaf Scholz", TITLE_NAME), ("French President Emmanuel Macron", TITLE_NAME), ("Berlin", ORG)],
    ),
    (
        "U.S. President Donald Trump said Russia must pay for the damage.",
        [("U.S. President Donald Trump", TITLE_NAME), ("Russia", ORG)],
    ),
    ("Russia’s President Vladimir Putin spoke first.", [("Russia’s President Vladimir Putin", TITLE_NAME)]),
    (
        "Former President Barack Obama urged voters to turn out.",
        [("Former President Barack Obama", TITLE_NAME), ("voters", ROLE)],
    ),
    ("Ukrainian officials said the strike hit a power plant.", [("Ukrainian officials", ROLE)]),
    (
        "Speaking to reporters, Secretary of State Antony Blinken said the talks were useful.",
        [("reporters", ROLE), ("Secretary of State Antony Blinken", TITLE_NAME)],
    ),
    (
        "On Tuesday, NATO Secretary General Mark Rutte warned of new threats.",
        [("NATO Secretary General Mark Rutte", TITLE_NAME)],
    ),
    ("Conservative MP Jacob Rees-Mogg criticised the plan.", [("Conservative MP Jacob Rees-Mogg", TITLE_NAME)]),
    ("Kenyan President William Ruto said the deal would create jobs.", [("Kenyan President William Ruto", TITLE_NAME)]),
    (
        "Sen. Elizabeth Warren and Rep. Jim Jordan clashed.",
        [("Sen. Elizabeth Warren", TITLE_NAME), ("Rep. Jim Jordan", TITLE_NAME)],
    ),
    (
        "The Kremlin said Russian President Vladimir Putin had no plans to attend.",
        [("The Kremlin", ORG), ("Russian President Vladimir Putin", TITLE_NAME)],
    ),
    (
        "Labour leader Keir Starmer and the Labour Party disagreed.",
        [("Labour leader Keir Starmer", TITLE_NAME), ("the Labour Party", ORG)],
    ),
    (
        "In Beijing, Chinese Foreign Ministry spokesman Wang Wenbin said China opposed the sanctions.",
        [("Beijing", ORG), ("Chinese Foreign Ministry spokesman Wang Wenbin", TITLE_NAME), ("China", ORG)],
    ),
    # business
    (
        "Apple’s chief executive, Tim Cook, said the company would invest in Austin.",
        [("Apple’s chief executive", ROLE), ("Tim Cook", NAME), ("the company", ROLE), ("Austin", NAME)],
    ),
    (
        "Analysts at Goldman Sachs expect the Federal Reserve to cut rates.",
        [("Analysts", ROLE), ("Goldman Sachs", ORG), ("the Federal Reserve", ORG)],
    ),
    (
        "Acme Corp. and Globex Inc. said they would merge.",
        [("Acme Corp.", ORG), ("Globex Inc.", ORG), ("they", PRONOUN)],
    ),
    ("BT said it would cut 40,000 jobs by 2030.", [("BT", ORG), ("it", PRONOUN)]),
    (
        "The company’s founder, Jeff Bezos, stepped down as chief executive in 2021.",
        [("The company’s founder", ROLE), ("Jeff Bezos", NAME), ("chief executive", ROLE)],
    ),
    ("The European Commission fined Google 2.4 billion euros.", [("The European Commission", ORG), ("Google", ORG)]),
    (
        "The broadband network will reach every village by 2030, the former monopoly said.",
        [("The broadband network", ROLE), ("the former monopoly", ROLE)],
    ),
    # science and health
    (
        "Researchers at the University of Oxford said the vaccine was safe.",
        [("Researchers", ROLE), ("the University of Oxford", ORG)],
    ),
    (
        "Dr. Anthony Fauci and Mrs. Smith spoke to reporters.",
        [("Dr. Anthony Fauci", TITLE_NAME), ("Mrs. Smith", TITLE_NAME), ("reporters", ROLE)],
    ),
    ("They said the Ministry of Health had approved the drug.", [("They", PRONOUN), ("the Ministry of Health", ORG)]),
    (
        "The lead researcher, Hannah Berg, said the ice was thinning.",
        [("The lead researcher", ROLE), ("Hannah Berg", NAME)],
    ),
    # sport and culture
    (
        "The striker, who joined from Benfica, said he was happy at the club.",
        [("The striker", ROLE), ("Benfica", NAME), ("he", PRONOUN), ("the club", ROLE)],
    ),
    ("Head coach Pep Alvarez praised the fans.", [("Head coach Pep Alvarez", TITLE_NAME), ("the fans", ROLE)]),
    ("Martin Luther King Jr. spoke in Washington.", [("Martin Luther King Jr.", NAME), ("Washington", ORG)]),
    ("She told The New York Times that the tour was over.", [("She", PRONOUN), ("The New York Times", ORG)]),
    # crime and courts
    (
        "Police said two men had been arrested. A spokeswoman for Scotland Yard confirmed the arrests.",
        [("Police", ROLE), ("A spokeswoman", ROLE), ("Scotland Yard", ORG)],
    ),
    (
        "The Pentagon declined to comment, but a defence official said troops were ready.",
        [("The Pentagon", ORG), ("a defence official", ROLE), ("troops", ROLE)],
    ),
    ("Last week, the Labour Party elected a new leader.", [("the Labour Party", ORG), ("a new leader", ROLE)]),
    ("It was the first time the company had reported a loss.", [("It", PRONOUN), ("the company", ROLE)]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_mentions_in_sentences(text: str, expected: list[tuple[str, MentionKind]]) -> None:
    assert mentions(text) == expected


NAMES = [
    "Ursula von der Leyen",
    "Mark van Bommel",
    "Rafael de la Cruz",
    "Charles de Gaulle",
    "Abdulaziz bin Salman",
    "Mohammed bin Salman",
    "Hassan al-Masri",
    "Bashar al-Assad",
    "Abdel Fattah el-Sisi",
    "Erik ten Hag",
    "Jean-Luc Mélenchon",
    "Ngozi Okonjo-Iweala",
    "J.K. Rowling",
    "J. R. R. Tolkien",
    "George W. Bush",
    "Donald J. Trump",
    "Rory McIlroy",
    "Ross MacDonald",
    "Sinéad O’Connor",
    "Siobhan O'Brien",
    "Martin Luther King Jr.",
    "Recep Tayyip Erdoğan",
    "Volodymyr Zelenskyy",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_however_written(name: str) -> None:
    text = f"On Monday, {name} said the plan would work."
    assert mentions(text) == [(name, NAME)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister resigned.", [("The minister", ROLE)]),
        ("But the plan failed.", []),
        ("After Trump spoke, markets fell.", [("Trump", NAME)]),
        ("This week the talks resumed.", []),
        ("Prices rose sharply in March.", []),
        ("New research shows the ice is thinning.", []),
        ("Last Thursday was cold.", []),
        ("However, Smith disagreed.", [("Smith", NAME)]),
    ],
)
def test_sentence_initial_capitals_are_not_names(text: str, expected: list[tuple[str, MentionKind]]) -> None:
    assert mentions(text) == expected


def test_a_sentence_initial_word_is_a_name_when_the_text_also_writes_it_mid_sentence() -> None:
    text = "The talks were led by Tom Hughes. Hughes said they went well. Prices fell."
    assert mentions(text) == [("Tom Hughes", NAME), ("Hughes", NAME), ("they", PRONOUN)]


def test_headline_in_title_case_gives_only_known_names() -> None:
    text = "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted\n\nThe plan failed."
    assert mentions(text) == [("Hillary Clinton", NAME)]


@pytest.mark.parametrize(
    "text",
    [
        "By JOHN SMITH\nThe plan failed.",
        "By John Smith and Jane Doe\nThe plan failed.",
        "VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images\nThe plan failed.",
        "Photo: JANE DOE/REUTERS\nThe plan failed.",
        "(AP Photo/Evan Vucci)\nThe plan failed.",
        "A rally in Kyiv. Alex Brandon/AP\nThe plan failed.",
        "BREAKING NEWS\nThe plan failed.",
    ],
)
def test_credits_and_bylines_give_nothing(text: str) -> None:
    assert [m for m in mentions(text) if m[0] not in ("Kyiv",)] == []


def test_nothing_inside_excluded_spans() -> None:
    text = "“He will not resign, and Peskov agrees,” the minister said."
    quote = span_of(text, "“He will not resign, and Peskov agrees,”")
    assert mentions(text, [quote]) == [("the minister", ROLE)]
    assert ("Peskov", NAME) in mentions(text)


# --- speaker slots ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slot", "expected", "kind"),
    [
        ("Peskov, the Kremlin spokesman, said", "Peskov, the Kremlin spokesman", "Peskov", NAME),
        ("Dmitry Peskov, the Kremlin spokesman, said", "Dmitry Peskov, the Kremlin spokesman", "Dmitry Peskov", NAME),
        ("the Kremlin spokesman, Dmitry Peskov, said", "the Kremlin spokesman, Dmitry Peskov", "Dmitry Peskov", NAME),
        ("said Anna Keller, the company's chairwoman.", "Anna Keller, the company's chairwoman", "Anna Keller", NAME),
        ("Peskov said", "Peskov", "Peskov", NAME),  # a slot trusts a lone capitalised word
        ("Smith told", "Smith", "Smith", NAME),
        ("a spokesman for the ministry said", "a spokesman for the ministry", "a spokesman", ROLE),
        ("he said", "he", "he", PRONOUN),
        ("the Kremlin said", "the Kremlin", "the Kremlin", ORG),
        ("head coach Pep Alvarez said", "head coach Pep Alvarez", "head coach Pep Alvarez", TITLE_NAME),
    ],
)
def test_mention_in_a_slot(text: str, slot: str, expected: str, kind: MentionKind) -> None:
    mention = mention_in(text, span_of(text, slot), LEX)
    assert mention is not None
    assert (mention.text, mention.kind) == (expected, kind)
    assert mention.span.slice(text) == mention.text


def test_empty_slot_has_no_mention() -> None:
    assert mention_in("“Yes,” — said", Span(6, 8), LEX) is None


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        ("Peskov, the Kremlin spokesman, said", "Peskov, the Kremlin spokesman", "the Kremlin spokesman"),
        (
            "Lena Hoffmann, an epidemiologist at the Charité hospital, said",
            "Lena Hoffmann, an epidemiologist at the Charité hospital",
            "an epidemiologist at the Charité hospital",
        ),
        ("the Kremlin spokesman, Dmitry Peskov, said", "the Kremlin spokesman, Dmitry Peskov", "the Kremlin spokesman"),
        ("Rick Jacobs, president of the union, said", "Rick Jacobs, president of the union", "president of the union"),
    ],
)
def test_appositive(text: str, slot: str, expected: str) -> None:
    appositive = appositive_in(text, span_of(text, slot), LEX)
    assert appositive is not None and appositive.text == expected and appositive.kind is ROLE
    assert appositive.span.slice(text) == expected


@pytest.mark.parametrize("slot_text", ["Dmitry Peskov", "the Kremlin", "he", "Peskov said on Monday"])
def test_no_appositive(slot_text: str) -> None:
    assert appositive_in(slot_text, Span(0, len(slot_text)), LEX) is None


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Kremlin spokesman Dmitry Peskov", TITLE_NAME),
        ("Prime Minister Keir Starmer", TITLE_NAME),
        ("his spokesman", ROLE),
        ("the Ukrainian leader", ROLE),
        ("officials", ROLE),
        ("she", PRONOUN),
        ("They", PRONOUN),
        ("the Kremlin", ORG),
        ("Acme Corp.", ORG),
        ("the Ministry of Defence", ORG),
        ("Dmitry Peskov", NAME),
        ("", MentionKind.OTHER),
    ],
)
def test_classify_mention(words: str, kind: MentionKind) -> None:
    assert classify_mention(words, LEX) is kind


# --- the stage --------------------------------------------------------------------------------------


def test_run_fills_speaker_mentions_and_lists_every_mention_outside_direct_quotes() -> None:
    text = "“Peskov is wrong,” said Maria Lopez, the finance minister. Later Lopez met the Kremlin."
    analysis = Analysis(text=text)
    quote = span_of(text, "Peskov is wrong,")
    slot = span_of(text, "Maria Lopez, the finance minister")
    analysis.candidates.append(
        Candidate(span=quote, kind=QuoteKind.DIRECT, outer=Span(quote.start - 1, quote.end + 1), speaker_slot=slot)
    )
    run(analysis, Context(Config(), LEX))
    speaker = analysis.candidates[0].speaker_mention
    assert speaker is not None and (speaker.text, speaker.kind) == ("Maria Lopez", NAME)
    assert [(m.text, m.kind) for m in analysis.mentions] == [
        ("Maria Lopez", NAME),
        ("the finance minister", ROLE),
        ("Lopez", NAME),
        ("the Kremlin", ORG),
    ]
    assert analysis.mentions[0] is speaker  # the slot's mention itself, not a copy


def test_run_keeps_mentions_sorted_and_without_overlaps() -> None:
    text = "Kremlin spokesman Dmitry Peskov said Russia was ready. He said Ukraine was not."
    analysis = Analysis(text=text)
    slot = span_of(text, "Dmitry Peskov")  # a narrower slot than the mention found in the text
    analysis.candidates.append(
        Candidate(span=span_of(text, "Russia was ready"), kind=QuoteKind.INDIRECT, speaker_slot=slot)
    )
    run(analysis, Context(Config(), LEX))
    spans = [m.span for m in analysis.mentions]
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert [m.text for m in analysis.mentions] == ["Dmitry Peskov", "Russia", "He", "Ukraine"]


# --- bad input --------------------------------------------------------------------------------------


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        find_mentions(b"Peskov", 0, 6, LEX)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        find_mentions("Peskov", 3, 2, LEX)
    with pytest.raises(ValueError):
        find_mentions("Peskov", 0, 7, LEX)
    with pytest.raises(TypeError):
        find_mentions("Peskov", 0, 6, "lexicon")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_mentions("Peskov", 0, 6, LEX, [(0, 2)])  # type: ignore[list-item]


# --- properties -------------------------------------------------------------------------------------

NEWSY = st.lists(
    st.sampled_from(
        [
            "Peskov",
            "Dmitry",
            "said",
            "the",
            "Kremlin",
            "spokesman",
            "“",
            "”",
            ",",
            ".",
            "\n",
            "The",
            "U.S.",
            "President",
            "von",
            "der",
            "Leyen",
            "al-Assad",
            "O’Brien",
            "J.",
            "he",
            "officials",
            "AFP",
            "/",
            "via",
            "By",
            "JOHN",
            "’s",
            "company",
            "\u00a0",
            "\r\n",
            "é",
            "\u0301",
            "😀",
            "مرحبا",
            "\t",
            "Mr.",
            "of",
        ]
    ),
    max_size=60,
).map(lambda words: " ".join(words))


def _check(text: str, found: list[Mention], start: int, end: int, exclude: list[Span]) -> None:
    previous_end = start
    for mention in found:
        assert start <= mention.span.start < mention.span.end <= end
        assert mention.span.slice(text) == mention.text
        assert mention.span.start >= previous_end  # sorted, no overlaps
        previous_end = mention.span.end
        assert not any(mention.span.overlaps(span) for span in exclude)


@settings(max_examples=150)
@given(NEWSY, st.data())
def test_mentions_slice_the_text_in_any_region(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    cut = data.draw(st.integers(start, end))
    exclude = [Span(cut, min(end, cut + 5))]
    _check(text, find_mentions(text, start, end, LEX, exclude), start, end, exclude)


@settings(max_examples=150)
@given(st.text(max_size=200))
def test_no_exception_on_any_unicode(text: str) -> None:
    _check(text, find_mentions(text, 0, len(text), LEX), 0, len(text), [])
    mention = mention_in(text, Span(0, len(text)), LEX)
    assert mention is None or mention.span.slice(text) == mention.text


@pytest.mark.parametrize(
    "unit",
    [
        "Peskov ",
        "A ",
        "“He said, ",
        "the the ",
        "officials ",
        "J. ",
        "van ",
        "Mr. ",
        "O’",
        "U.S. ",
        "x\n",
        "AFP/ ",
        "By X\n",
        "Kremlin spokesman ",
        "a senior ",
        "’s ",
    ],
)
def test_time_is_linear(unit: str) -> None:
    def seconds(size: int) -> float:
        # Best of three: a busy machine only ever adds time, so the least is the truest.
        text = unit * (size // len(unit))
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            find_mentions(text, 0, len(text), LEX)
            best = min(best, time.perf_counter() - started)
        return best

    seconds(1_000)  # warm up
    small, big = seconds(10_000), seconds(80_000)
    assert big < 30 * max(small, 0.002), (small, big)
