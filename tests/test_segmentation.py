"""Stage 1 — segmentation: paragraphs, sentences and tokens.

Each table holds small real-looking sentences (politics, business, sport,
science, culture) with the exact sentence or token texts expected. Properties
check the span invariants on arbitrary text, and linearity guards compare the
time on an adversarial input with the time on one 20 times longer.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrack.config import Config
from quotetrack.lexicon import default_lexicon
from quotetrack.model import Analysis, Span
from quotetrack.parser import Context, Parser
from quotetrack.stage1_segmentation import paragraph_spans, run, sentence_spans, token_spans

ABBREVIATIONS = default_lexicon().abbreviations
CONTEXT = Context(Config(), default_lexicon())
_SPACE = regex.compile(r"\s")


def sentences(text: str) -> list[str]:
    """The sentence texts of ``text`` taken as one paragraph."""
    return [s.slice(text) for s in sentence_spans(text, Span(0, len(text)), ABBREVIATIONS)]


def paragraphs(text: str) -> list[str]:
    return [p.slice(text) for p in paragraph_spans(text)]


def tokens(text: str) -> list[str]:
    return [s.slice(text) for s in token_spans(text, 0, len(text))]


def analysed(text: str) -> Analysis:
    analysis = Analysis(text=text)
    run(analysis, CONTEXT)
    return analysis


# --- Sentences ------------------------------------------------------------------------------

SPLITS = [
    # plain full stops, questions, exclamations
    ("The bill passed. The senate adjourned.", ["The bill passed.", "The senate adjourned."]),
    ("Will rates rise? Economists think so.", ["Will rates rise?", "Economists think so."]),
    ("Goal! The stadium erupted.", ["Goal!", "The stadium erupted."]),
    ("Really?! Nobody expected that.", ["Really?!", "Nobody expected that."]),
    ("Profits fell in 2022. 2023 was better.", ["Profits fell in 2022.", "2023 was better."]),
    ("The vote was close. “We won,” she said.", ["The vote was close.", "“We won,” she said."]),
    ("Turnout rose. (Final figures come later.)", ["Turnout rose.", "(Final figures come later.)"]),
    # a closing quote or bracket after the stop belongs to the first sentence
    ("“We want peace.” He said nothing more.", ["“We want peace.”", "He said nothing more."]),
    ('"We want peace." He said nothing more.', ['"We want peace."', "He said nothing more."]),
    ("‘We want peace.’ She smiled.", ["‘We want peace.’", "She smiled."]),
    ("“Is it over?” Smith asked.", ["“Is it over?”", "Smith asked."]),
    ("“Not again!” The crowd groaned.", ["“Not again!”", "The crowd groaned."]),
    ("The firm (a unit of Acme Inc.) The rival declined.", ["The firm (a unit of Acme Inc.)", "The rival declined."]),
    ("He left the U.S.” She stayed.", ["He left the U.S.”", "She stayed."]),
    # a quote that goes on after its own question or exclamation is one sentence
    ("“Is it over?” she asked.", ["“Is it over?” she asked."]),
    ("“Yes!” he shouted, and left.", ["“Yes!” he shouted, and left."]),
    ("“Why?” – she did not say.", ["“Why?” – she did not say."]),
    # several sentences inside one quote come out as they are
    (
        "He continued: “At the moment, it cannot be said. No, it is not. We remain ready.”",
        ["He continued: “At the moment, it cannot be said.", "No, it is not.", "We remain ready.”"],
    ),
    ("He said: “A. B.” Then he left.", ["He said: “A. B.”", "Then he left."]),
]

ABBREVIATION_CASES = [
    ("U.S. officials said the talks would resume.", ["U.S. officials said the talks would resume."]),
    ("The envoy flew to Washington, D.C., on Monday.", ["The envoy flew to Washington, D.C., on Monday."]),
    (
        "The vote opens at 9 a.m. and closes at 8 p.m. on Tuesday.",
        ["The vote opens at 9 a.m. and closes at 8 p.m. on Tuesday."],
    ),
    ("Mr. Smith and Mrs. Jones met Dr. Patel.", ["Mr. Smith and Mrs. Jones met Dr. Patel."]),
    ("Gov. Newsom, Sen. Padilla and Rep. Lee spoke.", ["Gov. Newsom, Sen. Padilla and Rep. Lee spoke."]),
    ("Gen. Milley visited St. Louis.", ["Gen. Milley visited St. Louis."]),
    ("The trial opens Jan. 6 and ends Feb. 2.", ["The trial opens Jan. 6 and ends Feb. 2."]),
    (
        "Shares of Acme Inc. and Beta Ltd. rose, as did Gamma Corp. stock.",
        ["Shares of Acme Inc. and Beta Ltd. rose, as did Gamma Corp. stock."],
    ),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ("It was Apple vs. Microsoft all over again.", ["It was Apple vs. Microsoft all over again."]),
    ("Roe v. Wade was overturned.", ["Roe v. Wade was overturned."]),
    (
        "Some fruits, e.g. apples, i.e. the red ones, are cheap.",
        ["Some fruits, e.g. apples, i.e. the red ones, are cheap."],
    ),
    ("Some critics, e.g. The Guardian, disagreed.", ["Some critics, e.g. The Guardian, disagreed."]),
    ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
    ("Donald J. Trump spoke. George W. Bush listened.", ["Donald J. Trump spoke.", "George W. Bush listened."]),
    ("Officials at the F.B.I. declined to comment.", ["Officials at the F.B.I. declined to comment."]),
    ("She earned a Ph.D. from Yale.", ["She earned a Ph.D. from Yale."]),
    ("Martin Luther King Jr. Day is a holiday.", ["Martin Luther King Jr. Day is a holiday."]),
    # an abbreviation at the end of a sentence, before a typical sentence opener
    (
        "The deal was signed in the U.S. The next day, markets rallied.",
        ["The deal was signed in the U.S.", "The next day, markets rallied."],
    ),
    (
        "The meeting ended at 5 p.m. The ministers then left.",
        ["The meeting ended at 5 p.m.", "The ministers then left."],
    ),
    ("He joined Acme Inc. It was his third job.", ["He joined Acme Inc.", "It was his third job."]),
    ("They sell pens, paper, etc. But sales are slow.", ["They sell pens, paper, etc.", "But sales are slow."]),
    (
        "The F.B.I. said it would investigate. The C.I.A. declined.",
        ["The F.B.I. said it would investigate.", "The C.I.A. declined."],
    ),
    ("Take vitamin D. It helps in winter.", ["Take vitamin D.", "It helps in winter."]),
    ("She moved to the U.K. In 2019 she returned.", ["She moved to the U.K.", "In 2019 she returned."]),
    # an abbreviation before a name or a number never ends the sentence
    ("It happened at 5 p.m. Monday in the U.K. capital.", ["It happened at 5 p.m. Monday in the U.K. capital."]),
    ("The U.S. President spoke.", ["The U.S. President spoke."]),
    ("Was it No. 5? No. It was No. 6.", ["Was it No. 5?", "No.", "It was No. 6."]),
    ("They met in Sept. 2001. Nothing came of it.", ["They met in Sept. 2001.", "Nothing came of it."]),
    ("The U.S. And Iran Talk Again", ["The U.S. And Iran Talk Again"]),
]

AMOUNT_CASES = [
    ("Inflation rose 3.5% in March. Prices fell later.", ["Inflation rose 3.5% in March.", "Prices fell later."]),
    ("The club paid $1.2bn for the stadium.", ["The club paid $1.2bn for the stadium."]),
    ("About 2.5 million people voted. Turnout was 61.7%.", ["About 2.5 million people voted.", "Turnout was 61.7%."]),
    ("The ticket cost £5.99. It sold out.", ["The ticket cost £5.99.", "It sold out."]),
    ("Version 3.11 of the software shipped.", ["Version 3.11 of the software shipped."]),
]

ELLIPSIS_CASES = [
    ("He paused... Then he left the room.", ["He paused...", "Then he left the room."]),
    ("I don't know… Maybe next year.", ["I don't know…", "Maybe next year."]),
    ("We will win … and they know it.", ["We will win … and they know it."]),
    ("The plan was ... Democrats say ... flawed.", ["The plan was ... Democrats say ... flawed."]),
    ("It was fine… the crowd went home.", ["It was fine… the crowd went home."]),
    ("The numbers were... 5, 6 and 7.", ["The numbers were... 5, 6 and 7."]),
    ("She walked in. … No, it is true.", ["She walked in.", "… No, it is true."]),
    ("“We tried…” He shrugged.", ["“We tried…”", "He shrugged."]),
    ("The end.... A new start.", ["The end....", "A new start."]),
]

LIST_CASES = [
    ("1. Raise the minimum wage.", ["1. Raise the minimum wage."]),
    ("2. Cut taxes. Then balance the budget.", ["2. Cut taxes.", "Then balance the budget."]),
    ("- Ban plastic bags. Fund recycling.", ["- Ban plastic bags.", "Fund recycling."]),
    ("• Budget approved", ["• Budget approved"]),
    ("a. The first option.", ["a. The first option."]),
    ("iv. The fourth item.", ["iv. The fourth item."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentences_split_at_final_marks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), ABBREVIATION_CASES)
def test_sentences_survive_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), AMOUNT_CASES)
def test_sentences_survive_decimals_and_amounts(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), ELLIPSIS_CASES)
def test_ellipses_end_a_sentence_only_before_a_new_one(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), LIST_CASES)
def test_list_items_keep_their_marker(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_abbreviations_come_from_the_argument() -> None:
    text = "The Foo. Bar unit failed."
    assert sentences(text) == ["The Foo.", "Bar unit failed."]
    with_foo = [s.slice(text) for s in sentence_spans(text, Span(0, len(text)), ABBREVIATIONS | {"Foo."})]
    assert with_foo == ["The Foo. Bar unit failed."]
    without_mr = [s.slice(t) for t in ["Mr. Smith won."] for s in sentence_spans(t, Span(0, len(t)), frozenset())]
    assert without_mr == ["Mr.", "Smith won."]


def test_sentences_stay_inside_the_paragraph_given() -> None:
    text = "Ignore this. Markets fell. Bonds rose. Ignore that."
    paragraph = Span(13, 38)
    assert [s.slice(text) for s in sentence_spans(text, paragraph, ABBREVIATIONS)] == ["Markets fell.", "Bonds rose."]


def test_sentence_spans_trim_a_paragraph_with_outer_spaces() -> None:
    text = "  \t Rates held.  Stocks rose. \n"
    assert [s.slice(text) for s in sentence_spans(text, Span(0, len(text)), ABBREVIATIONS)] == [
        "Rates held.",
        "Stocks rose.",
    ]
    assert sentence_spans("   ", Span(0, 3), ABBREVIATIONS) == []


def test_sentence_break_across_odd_whitespace() -> None:
    text = "The match ended.\u00a0The fans left.\tThe lights went out.\u3000Done."
    assert sentences(text) == ["The match ended.", "The fans left.", "The lights went out.", "Done."]


# --- Paragraphs -----------------------------------------------------------------------------

NEWS_LINES = [
    "Leaders Meet in Geneva",
    "The two presidents met on Tuesday for talks that lasted four hours, officials said.",
    "VYACHESLAV PROKOFYEV/POOL/AFP via Getty Images",
    "“We made progress,” the foreign minister told reporters after the meeting ended.",
    "No date was set for a second round.",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_news_gives_one_paragraph_per_line(newline: str) -> None:
    text = newline.join(NEWS_LINES)
    assert paragraphs(text) == NEWS_LINES


@pytest.mark.parametrize("separator", ["\n\n", "\r\n\r\n", "\r\r", "\n  \n", "\n\t\n\n\n"])
def test_news_with_blank_lines_gives_one_paragraph_per_line(separator: str) -> None:
    text = separator.join(NEWS_LINES)
    assert paragraphs(text) == NEWS_LINES


def test_short_news_lines_never_merge() -> None:
    # Headlines, captions and bylines are short and unpunctuated, but still their own paragraphs.
    lines = ["Election Results", "By Jane Doe", "Updated 5:01 p.m.", "Voters went to the polls on Sunday.", "Photo: AP"]
    assert paragraphs("\n".join(lines)) == lines
    assert paragraphs("\n\n".join(lines)) == lines


def test_paragraph_spans_exclude_outer_whitespace_and_blank_lines() -> None:
    text = "\n\n  \t First line. \t\r\n\u00a0\r\n   Second line.\u2003 \n\n\n"
    assert paragraphs(text) == ["First line.", "Second line."]


@pytest.mark.parametrize("text", ["", "\n", "\r\n\r\n", "   \t  ", "\u00a0\n\u2029\n"])
def test_empty_or_blank_text_has_no_paragraphs(text: str) -> None:
    assert paragraph_spans(text) == []
    assert analysed(text).sentences == []


STORY = [
    "The village of Thornbury had never seen a winter like it. Snow came in the first week of "
    "November and did not leave until the end of March, and by February the lane to the market "
    "town had vanished under drifts as high as a man's shoulder.",
    "Mrs. Ashdown, who kept the shop, said afterwards that she had sold more candles that season "
    "than in the ten years before it. “We burned them at both ends,” she would say, “and still "
    "the dark came early.”",
    "Her husband, a quiet man with a carpenter's hands, spent the long evenings mending chairs for "
    "half the parish, and would take no money for it, which the parish found both admirable and a "
    "little strange.",
]


@pytest.mark.parametrize("width", [60, 70, 78])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_hard_wrapped_prose_gives_one_paragraph_per_block(width: int, newline: str) -> None:
    text = (newline * 2).join(newline.join(textwrap.wrap(p, width)) for p in STORY)
    found = paragraphs(text)
    assert len(found) == len(STORY)
    for paragraph, original in zip(found, STORY):
        assert " ".join(paragraph.split()) == original


def test_hard_wrapped_prose_sentences_cross_line_breaks() -> None:
    text = "\n\n".join("\n".join(textwrap.wrap(p, 70)) for p in STORY)
    analysis = analysed(text)
    first = [
        " ".join(analysis.sentences[i].slice(text).split()) for i, p in enumerate(analysis.sentence_paragraph) if p == 0
    ]
    assert first == [
        "The village of Thornbury had never seen a winter like it.",
        "Snow came in the first week of November and did not leave until the end of March, and by February the "
        "lane to the market town had vanished under drifts as high as a man's shoulder.",
    ]


def test_ragged_prose_broken_at_phrases_is_wrapped_too() -> None:
    # Some editions break lines at commas and phrases, not at a fixed width.
    text = (
        "Whenever I find myself growing grim about the mouth;\n"
        "whenever it is a damp, drizzly November in my soul;\n"
        "whenever I find myself pausing before coffin warehouses,\n"
        "and bringing up the rear of every funeral I meet,\n"
        "then I account it high time to get to sea.\n"
        "\n"
        "There now is your insular city,\n"
        "belted round by wharves as Indian isles by coral reefs.\n"
    )
    assert len(paragraph_spans(text)) == 2


def test_list_items_in_wrapped_prose_are_paragraphs() -> None:
    blocks = ["\n".join(textwrap.wrap(p, 70)) for p in STORY]
    blocks[1] += "\n- candles and lamp oil\n- salt for the lane\n* firewood\n2. matches"
    found = paragraphs("\n\n".join(blocks))
    assert found[2:7] == ["- candles and lamp oil", "- salt for the lane", "* firewood", "2. matches", found[-1]]
    assert len(found) == 7


def test_seed_article_keeps_its_line_paragraphs() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "seeds" / "newsweek-putin-zelensky-meeting.txt"
    text = seed.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert paragraphs(text) == lines


# --- Tokens ---------------------------------------------------------------------------------

TOKEN_CASES = [
    ("Don't sell.", ["Don't", "sell", "."]),
    ("Putin’s envoy met O’Brien.", ["Putin’s", "envoy", "met", "O’Brien", "."]),
    ("A high-level, state-of-the-art plan", ["A", "high-level", ",", "state-of-the-art", "plan"]),
    (
        "Prices rose 3.5% to $1.2bn, or 1,000 units.",
        ["Prices", "rose", "3.5%", "to", "$1.2bn", ",", "or", "1,000", "units", "."],
    ),
    ("About 2.5 million fans", ["About", "2.5", "million", "fans"]),
    ("£5m and €3,000.50", ["£5m", "and", "€3,000.50"]),
    ("a 9-year-old in the 1990s at 10:30", ["a", "9-year-old", "in", "the", "1990s", "at", "10:30"]),
    ("“We won,” he said.", ["“", "We", "won", ",", "”", "he", "said", "."]),
    ("'No' -- never!?", ["'", "No", "'", "--", "never", "!", "?"]),
    ("Wait... what…", ["Wait", "...", "what", "…"]),
    ("U.S. officials at 9 a.m. (AP)", ["U.S.", "officials", "at", "9", "a.m.", "(", "AP", ")"]),
    ("Mr. Smith", ["Mr", ".", "Smith"]),
    ("COVID-19 cases", ["COVID-19", "cases"]),
    ("café naïve e\u0301te\u0301", ["café", "naïve", "e\u0301te\u0301"]),
    ("sales—and profits", ["sales", "—", "and", "profits"]),
    ("السلام عليكم 👍", ["السلام", "عليكم", "👍"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKEN_CASES)
def test_token_spans(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_token_spans_stay_inside_the_range() -> None:
    text = "Before. Inside words here. After."
    found = [s.slice(text) for s in token_spans(text, 8, 26)]
    assert found == ["Inside", "words", "here", "."]


# --- run() and bad input --------------------------------------------------------------------


def test_run_fills_the_analysis() -> None:
    text = "Talks Resume\r\nThe envoy arrived. He met Sen. Lee.\r\n\r\n“We are hopeful,” he said."
    analysis = analysed(text)
    assert [p.slice(text) for p in analysis.paragraphs] == [
        "Talks Resume",
        "The envoy arrived. He met Sen. Lee.",
        "“We are hopeful,” he said.",
    ]
    assert [s.slice(text) for s in analysis.sentences] == [
        "Talks Resume",
        "The envoy arrived.",
        "He met Sen. Lee.",
        "“We are hopeful,” he said.",
    ]
    assert analysis.sentence_paragraph == [0, 1, 1, 2]


def test_run_is_the_parsers_first_stage() -> None:
    doc = Parser().parse("Rates held. Markets rose.\nBonds fell.")
    assert [s.slice(doc.text) for s in doc.sentences] == ["Rates held.", "Markets rose.", "Bonds fell."]


def test_bad_input_says_what_to_pass() -> None:
    with pytest.raises(TypeError, match="str"):
        paragraph_spans(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Span"):
        sentence_spans("Text.", (0, 5), ABBREVIATIONS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="set of str"):
        sentence_spans("Text.", Span(0, 5), "Mr.")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="inside the text"):
        sentence_spans("Text.", Span(0, 50), ABBREVIATIONS)
    with pytest.raises(ValueError, match="start <= end"):
        token_spans("Text.", 3, 1)
    with pytest.raises(ValueError, match="start <= end"):
        token_spans("Text.", 0, 6)
    with pytest.raises(TypeError, match="int offsets"):
        token_spans("Text.", 0.0, 5)  # type: ignore[arg-type]


# --- Properties -----------------------------------------------------------------------------

# Characters that stress segmentation: marks, quotes, line breaks, controls, RTL,
# combining marks, emoji, odd spaces.
_TRICKY = list(
    ".!?…\"'“”‘’«»()[]- \t\n\r\u00a0\u2028\u2029\x0b\x0c\x1c\x85\x00\u200b\u200d\u202e\u0301\ufeffUuSsAaMmr1.,;:👍🏽أب"
)
_texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(_TRICKY), max_size=300),
    st.lists(
        st.sampled_from(
            [
                "U.S. ",
                "Mr. ",
                "The ",
                "end. ",
                "? ",
                "… ",
                "“Yes.” ",
                "\n",
                "\r\n",
                "\n\n",
                "a ",
                "1. ",
                "J. ",
                "said",
                "...",
                "”",
                " ",
            ]
        ),
        max_size=60,
    ).map("".join),
)


def _assert_ordered_and_trimmed(text: str, spans: list[Span]) -> None:
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not _SPACE.match(text[span.start]) and not _SPACE.match(text[span.end - 1])
        previous_end = span.end


def _non_space(text: str) -> str:
    return str(_SPACE.sub("", text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_paragraphs_and_sentences_are_ordered_trimmed_and_cover_the_text(text: str) -> None:
    analysis = analysed(text)
    _assert_ordered_and_trimmed(text, analysis.paragraphs)
    _assert_ordered_and_trimmed(text, analysis.sentences)
    assert len(analysis.sentence_paragraph) == len(analysis.sentences)
    assert analysis.sentence_paragraph == sorted(analysis.sentence_paragraph)
    for sentence, index in zip(analysis.sentences, analysis.sentence_paragraph):
        assert analysis.paragraphs[index].contains(sentence)
    # Nothing but whitespace falls outside the paragraphs, or outside the sentences.
    assert "".join(_non_space(p.slice(text)) for p in analysis.paragraphs) == _non_space(text)
    assert "".join(_non_space(s.slice(text)) for s in analysis.sentences) == _non_space(text)
    # Every paragraph has at least one sentence.
    assert set(analysis.sentence_paragraph) == set(range(len(analysis.paragraphs)))


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_segmentation_is_deterministic(text: str) -> None:
    first, second = analysed(text), analysed(text)
    assert (first.paragraphs, first.sentences, first.sentence_paragraph) == (
        second.paragraphs,
        second.sentences,
        second.sentence_paragraph,
    )


@settings(max_examples=300, deadline=None)
@given(_texts, st.data())
def test_tokens_cover_every_visible_character_in_range(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = token_spans(text, start, end)
    _assert_ordered_and_trimmed(text, found)
    assert all(start <= s.start and s.end <= end for s in found)
    assert "".join(s.slice(text) for s in found) == _non_space(text[start:end])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.data())
def test_sentence_spans_accept_any_paragraph_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = sentence_spans(text, Span(start, end), ABBREVIATIONS)
    _assert_ordered_and_trimmed(text, found)
    assert all(start <= s.start and s.end <= end for s in found)


# --- Linear time on adversarial input -------------------------------------------------------

ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "full stops": lambda n: "." * n,
    "spaced full stops": lambda n: ". " * (n // 2),
    "capitals without spaces": lambda n: "A" * n,
    "initials without spaces": lambda n: "A." * (n // 2),
    "initials": lambda n: "A. " * (n // 3),
    "newlines": lambda n: "\n" * n,
    "crlf": lambda n: "\r\n" * (n // 2),
    "spaces": lambda n: " " * n,
    "short lines": lambda n: "a\n" * (n // 2),
    "abbreviations": lambda n: "U.S. " * (n // 5),
    "abbreviations without spaces": lambda n: "U.S." * (n // 4),
    "titles": lambda n: "Mr. " * (n // 4),
    "list numbers": lambda n: "1. " * (n // 3),
    "quote marks": lambda n: "“" * n,
    "closing quotes after stops": lambda n: ".”" * (n // 2),
    "ellipses": lambda n: "… " * (n // 2),
    "question marks": lambda n: "?! " * (n // 3),
    "digits and dots": lambda n: "1.2" * (n // 3),
    "one long word": lambda n: "word" * (n // 4) + ". The end.",
    "wrapped lines": lambda n: ("word " * 13 + "word\n") * (n // 70),
}


def _best_time(function: Callable[[], object], repeat: int) -> float:
    # CPU time of this process, best of several runs: other processes on the machine add noise to wall time.
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_segmentation_time_is_linear_on_adversarial_input(name: str) -> None:
    make = ADVERSARIAL[name]
    small, large = make(1_000), make(20_000)

    def segment_and_tokenise(text: str) -> None:
        analysed(text)
        token_spans(text, 0, len(text))

    small_time = _best_time(lambda: segment_and_tokenise(small), 3)
    large_time = _best_time(lambda: segment_and_tokenise(large), 2)
    # Linear work gives about 20x; quadratic work would give about 400x. The floor
    # keeps timer noise on a tiny input from failing the test.
    assert large_time <= 60 * max(small_time, 1e-3), (name, small_time, large_time)
