"""Stage 3's newer fast paths against plain statements of the rules they stand for.

The run pattern matches its first capital before its lookbehind; keyword tokens are
looked up through a per-token cache and located by ``str.find``; credit marks are
found by ``str.find`` and confirmed by their pattern; slot readings are cached by the
slot's text. Each test draws inputs with hypothesis and compares a fast path with a
short rule that is obviously right, on a cold and a warm cache.
"""

from __future__ import annotations

import dataclasses
import pickle
from bisect import bisect_left
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import stage3_mentions
from quotetrack.lexicon import Lexicon, alternation, default_lexicon
from quotetrack.model import Candidate, Mention, MentionKind, QuoteKind, Span, _unchecked_mention
from quotetrack.stage3_mentions import find_mentions

LEX = default_lexicon()
EDGE = stage3_mentions._EDGE_PUNCTUATION


# --- the run pattern ----------------------------------------------------------------------------------


def _plain_run_pattern(lexicon: Lexicon) -> Any:
    """The run pattern as first written: a lookahead for a capital, the lookbehind, then a
    token; no guards, no token read from its capital on."""
    letters = r"\p{L}\p{M}\p{N}"
    abbreviations = {a[:-1] for a in lexicon.abbreviations if a.endswith(".") and a[:1].isupper() and a[:-1].isalpha()}
    abbreviation = rf"(?:{alternation(abbreviations)})\." if abbreviations else "(?!)"
    word = rf"\p{{Lu}}[{letters}]*(?:['’]\p{{Lu}}[{letters}]*|[-&]\p{{Lu}}[{letters}]*)*"
    token = rf"(?:{abbreviation}|\p{{Lu}}\.(?:\p{{Lu}}\.)*|{word})"
    hyphen_particle = rf"(?:{alternation(lexicon.hyphen_particles)})-\p{{Lu}}[{letters}]*(?:-\p{{Lu}}[{letters}]*)*"
    joiners = alternation([*lexicon.name_particles, "of", "of the", "for", "on"])
    gap = rf"[ \u00a0](?:(?:{joiners})[ \u00a0]){{0,3}}"
    start = r"(?<![\p{L}\p{M}\p{N}'’.\-])"
    return regex.compile(rf"(?=\p{{Lu}}){start}{token}(?:{gap}(?:{token}|{hyphen_particle}))*")


# A lexicon whose abbreviations hold a one-letter one ("A."), one that is a prefix of another
# ("Co." and "Corp."), and non-ASCII ones (no guard then), with a particle that starts with an apostrophe.
ODD_LEX = dataclasses.replace(
    LEX,
    abbreviations=LEX.abbreviations | {"A.", "Co.", "Corp.", "Ép.", "Éd.", "Ü."},
    name_particles=LEX.name_particles | {"’t"},
)

_RUN_PIECES = [
    "Gen.", "Sen.", "Co.", "Corp.", "Col", "A.", "A", "J.", "U.S.", "Ép.", "Éd", "Ü.", "al-Assad", "al-", "bin",
    "von", "der", "of", "of the", "for", "on", "’t", "'t", "Ministry", "Peskov", "O’Brien", "Jean-Luc", "AT&T",
    "McDonald", "NYPD", "x", "said", "the", ".", "-", "’", "'", "\u0301", "É", "ǅ",
]
_RUN_TEXTS = st.lists(
    st.tuples(st.sampled_from(_RUN_PIECES), st.sampled_from([" ", "", "\u00a0", "  ", "\n", ", "])), max_size=14
).map(lambda pieces: "".join(piece + gap for piece, gap in pieces))


@pytest.mark.parametrize("lexicon", [LEX, ODD_LEX], ids=["default", "odd"])
@settings(max_examples=300, deadline=None)
@given(text=_RUN_TEXTS, data=st.data())
def test_the_run_pattern_finds_what_the_plain_pattern_finds(lexicon: Lexicon, text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fast, plain = stage3_mentions._run_pattern(lexicon), _plain_run_pattern(lexicon)
    assert [m.span() for m in fast.finditer(text, start, end)] == [m.span() for m in plain.finditer(text, start, end)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Kremlin spokesman Dmitry Peskov said", ["Kremlin", "Dmitry Peskov"]),
        ("said Gen. Mark Milley of the Army", ["Gen. Mark Milley of the Army"]),
        (
            "J.K. Rowling and Ursula von der Leyen met Bashar al-Assad",
            ["J.K. Rowling", "Ursula von der Leyen", "Bashar al-Assad"],
        ),
        ("the McDonald’s chain", ["McDonald"]),  # a possessive is no part of the run
        ("A. Smith of Acme Corp. said", ["A. Smith of Acme Corp."]),
    ],
)
def test_runs_in_news_sentences(text: str, runs: list[str]) -> None:
    assert [m.group() for m in stage3_mentions._run_pattern(ODD_LEX).finditer(text)] == runs


# --- keyword hits -------------------------------------------------------------------------------------

KEYWORDS = sorted({word for word in LEX.memo("mention_tables", stage3_mentions._tables).keywords.values()})
# Words that hold a keyword ("he", "it", "we", "official") inside them, so that str.find meets them first.
_HOSTS = ["the", "them", "whether", "with", "items", "were", "officially", "ahead", "x"]


@st.composite
def _keyword_texts(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 30))):
        core = draw(
            st.one_of(
                st.sampled_from(["he", "she", "it", "we", "official", "chief executive"]),
                st.sampled_from(KEYWORDS),
                st.sampled_from(_HOSTS),
            )
        )
        before = "".join(draw(st.lists(st.sampled_from(EDGE), max_size=2)))
        after = draw(st.sampled_from(["", "", "’s", "'s"])) + "".join(draw(st.lists(st.sampled_from(EDGE), max_size=2)))
        gap = draw(st.sampled_from([" ", " ", "  ", "\n\n", "\t", "\u00a0", "\u2003", "\x1c", " \u3000 "]))
        pieces.append(before + core + after + gap)
    return "".join(pieces)


def _plain_keyword_hits(text: str, start: int, end: int, tables: Any) -> list[tuple[int, int, str]]:
    """Walk the region character by character; each whitespace-delimited token that is a
    keyword form as written, or once stripped, is a hit (a multiword role's last word only
    with the words before it)."""
    hits = []
    position = start
    while position < end:
        if text[position].isspace():
            position += 1
            continue
        token_end = position
        while token_end < end and not text[token_end].isspace():
            token_end += 1
        raw = text[position:token_end]
        word = tables.keywords[raw] if raw in tables.keywords else tables.keywords.get(raw.strip(EDGE))
        if word is not None:
            word_end = position + raw.find(word) + len(word)
            word_start = word_end - len(word)
            if word in tables.multiword:
                word_start = stage3_mentions._multiword_start(text, word_start, tables.multiword[word], start)
            if word_start >= 0:
                hits.append((word_start, word_end, word))
        position = token_end
    return hits


@settings(max_examples=300, deadline=None)
@given(text=_keyword_texts(), data=st.data())
def test_keyword_hits_stand_where_the_plain_walk_finds_them(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    cold = stage3_mentions._tables(LEX)  # an empty token cache
    expected = _plain_keyword_hits(text, start, end, cold)
    assert stage3_mentions._keyword_hits(text, start, end, cold) == expected
    assert stage3_mentions._keyword_hits(text, start, end, cold) == expected  # every token known now


@pytest.mark.parametrize(
    "text",
    [
        "the he said",  # "he" is first found inside "the"
        "he the he",
        "whether he or she agreed, the officials with it said we",
        "x  the\u2003he",
        "he",
        "hello he",
    ],
)
def test_keywords_after_words_that_hold_them(text: str) -> None:
    tables = stage3_mentions._tables(LEX)
    expected = _plain_keyword_hits(text, 0, len(text), tables)
    assert [text[start:end] for start, end, _ in expected] == [word for _, _, word in expected]
    assert stage3_mentions._keyword_hits(text, 0, len(text), tables) == expected


def test_a_full_token_cache_is_emptied_and_refilled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage3_mentions, "_CACHE_SIZE", 2)
    tables = stage3_mentions._tables(LEX)
    text = "The company said he would go. “The officials,” she said, “agree.”"
    expected = _plain_keyword_hits(text, 0, len(text), tables)
    assert [word for _, _, word in expected] == ["company", "he", "officials", "she"]
    for _ in range(3):
        assert stage3_mentions._keyword_hits(text, 0, len(text), tables) == expected
        assert len(tables.tokens) <= 2 + len(text.split())


def test_an_empty_keyword_still_counts() -> None:
    # A lexicon built by hand may hold an empty role; a token of punctuation only then stands for it.
    tables = stage3_mentions._tables(dataclasses.replace(LEX, roles=LEX.roles | {""}))
    text = "he said — the company"
    assert stage3_mentions._keyword_hits(text, 0, len(text), tables) == _plain_keyword_hits(text, 0, len(text), tables)
    assert (8, 8, "") in stage3_mentions._keyword_hits(text, 0, len(text), tables)


# --- credit marks -------------------------------------------------------------------------------------

_CREDIT_PIECES = ["/", "via", "via  ", "trivia ", "By", "By ", "Byron ", "\n", " ", "x", "AFP", "Getty"]
_CREDIT_TEXTS = st.lists(st.sampled_from(_CREDIT_PIECES), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_CREDIT_TEXTS, data=st.data())
def test_credit_marks_are_the_matches_of_the_credit_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = [m.span() for m in stage3_mentions._credit_marks(text, start, end)]
    assert found == [m.span() for m in stage3_mentions._CREDIT_MARK.finditer(text, start, end)]


# --- slot readings ------------------------------------------------------------------------------------

NEWS = [
    "Kremlin spokesman Dmitry Peskov said the talks had been useful, and he said Russia would reply.",
    "“We will not raise taxes,” Finance Minister Clara Osei told parliament; Osei, the finance minister, said so.",
    "Acme Corp. chief executive Lena Hoffmann, an epidemiologist at the Charité hospital, said the results held.",
    "xhe said; he said; The company’s chief executive said; NYPD officials said; the NRA said",
]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_cached_slot_reads_as_a_fresh_one(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(NEWS))
    start = data.draw(st.integers(0, len(text)))
    slot = Span(start, data.draw(st.integers(start, min(len(text), start + 60))))
    assert stage3_mentions.mention_in(text, slot, LEX) == stage3_mentions._slot_mention(text, slot, LEX)


def test_the_character_before_a_slot_is_part_of_its_key() -> None:
    text = NEWS[3]
    alone = text.index(" he ") + 1
    inside_a_word, alone = Span(1, 3), Span(alone, alone + 2)  # "he" of "xhe", then "he"
    assert stage3_mentions.mention_in(text, alone, LEX).text == "he"  # type: ignore[union-attr]
    assert stage3_mentions.mention_in(text, inside_a_word, LEX) == stage3_mentions._slot_mention(
        text, inside_a_word, LEX
    )
    assert stage3_mentions.mention_in(text, Span(0, 3), LEX) == stage3_mentions._slot_mention(text, Span(0, 3), LEX)


def test_slot_readings_emptied_every_entry_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    slots = [(text, slot) for text in NEWS for slot in (Span(0, 4), Span(15, 40), Span(0, 31), Span(60, 70))]
    expected = [stage3_mentions._slot_mention(text, slot, LEX) for text, slot in slots]
    monkeypatch.setattr(stage3_mentions, "_SLOT_CACHE_SIZE", 0)
    for _ in range(2):
        assert [stage3_mentions.mention_in(text, slot, LEX) for text, slot in slots] == expected


# --- the final merge ----------------------------------------------------------------------------------


def _plain_merged(first: list[Mention], second: list[tuple[int, int, MentionKind]], text: str) -> list[Mention]:
    """The merge as first written: each place of ``second`` in turn, checked against the
    spans of ``first`` nearest its start by bisection; one sort of everything at the end."""
    chosen = {m.span: m for m in first}
    taken = sorted(chosen)
    kept: dict[Span, Mention] = {}
    for start, end, kind in second:
        span = Span(start, end)
        index = bisect_left(taken, Span(start, start))
        if span in chosen or span in kept or any(span.overlaps(near) for near in taken[max(0, index - 2) : index + 2]):
            continue
        kept[span] = Mention(span, text[start:end], kind)
    return [{**kept, **chosen}[span] for span in sorted({**kept, **chosen})]


# Spans that nest, repeat and touch; empty ones too, so that every branch of the merge runs.
_MERGE_SPANS = st.tuples(st.integers(0, 40), st.integers(0, 6)).map(lambda p: (p[0], p[0] + p[1]))
_MERGE_KINDS = st.sampled_from([MentionKind.NAME, MentionKind.ROLE, MentionKind.PRONOUN, MentionKind.ORGANISATION])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(_MERGE_SPANS, _MERGE_KINDS), max_size=10),
    st.lists(st.tuples(_MERGE_SPANS, _MERGE_KINDS), max_size=40),
)
def test_the_merge_keeps_what_the_plain_merge_keeps(
    slots: list[tuple[tuple[int, int], MentionKind]], found: list[tuple[tuple[int, int], MentionKind]]
) -> None:
    text = "Kremlin spokesman Dmitry Peskov said he would go."
    first = [Mention(Span(*span), text[span[0] : span[1]], kind) for span, kind in slots]
    second = stage3_mentions._without_overlaps([(*span, kind) for span, kind in found])
    merged = stage3_mentions._merged(first, second, text)
    assert merged == _plain_merged(first, second, text)
    assert [repr(m) for m in merged] == [repr(m) for m in _plain_merged(first, second, text)]


def test_a_place_is_checked_against_the_two_slot_spans_that_start_nearest_before_it() -> None:
    # Five slot spans start before "he"; the first, which covers it, is not among the two
    # nearest, so the place stays (the merge is linear because it looks no further).
    text = "Peskov said he and they and we and it and she would go."
    first = [Mention(Span(0, 20), text[0:20], MentionKind.ROLE)] + [
        Mention(Span(at, at + 1), text[at], MentionKind.NAME) for at in (1, 2, 3, 4)
    ]
    he = (12, 14, MentionKind.PRONOUN)
    assert stage3_mentions._merged(first, [he], text) == _plain_merged(first, [he], text)
    assert Mention(Span(12, 14), "he", MentionKind.PRONOUN) in stage3_mentions._merged(first, [he], text)
    assert Mention(Span(12, 14), "he", MentionKind.PRONOUN) not in stage3_mentions._merged(first[:2], [he], text)


@given(st.integers(0, 10**6), st.integers(0, 50), st.text(max_size=8), st.sampled_from(list(MentionKind)))
def test_an_unchecked_mention_is_the_mention_the_constructor_builds(
    start: int, length: int, words: str, kind: MentionKind
) -> None:
    built = _unchecked_mention(start, start + length, words, kind)
    expected = Mention(Span(start, start + length), words, kind)
    assert built == expected and hash(built) == hash(expected) and repr(built) == repr(expected)
    assert pickle.loads(pickle.dumps(built)) == expected
    assert built.to_json() == expected.to_json() and built.to_dict() == expected.to_dict()


# --- descriptions of role nouns -----------------------------------------------------------------------


def _plain_description_start(finder: Any, head_start: int) -> int:
    """The look back as first written: every word found by :func:`_last_gap`, openers
    stripped one by one, each word judged by :func:`_description_step`."""
    text, region_start, tables = finder.text, finder.region_start, finder.tables
    start = position = head_start
    unconfirmed = None
    for _ in range(stage3_mentions._MAX_ROLE_LOOKBACK):
        if position - 1 <= region_start or text[position - 1] not in " \u00a0":
            break
        word_end = position - 1
        reach = max(word_end - 30, region_start)
        gap = stage3_mentions._last_gap(text, reach, word_end)
        if gap < 0 and reach > region_start:
            break
        word_start = gap + 1 if gap >= 0 else reach
        last = gap >= 0 and text[gap] in "\n\t"
        while word_start < word_end and text[word_start] in stage3_mentions._OPENERS:
            word_start, last = word_start + 1, True
        step = stage3_mentions._description_step(text[word_start:word_end], tables, LEX)
        if step is stage3_mentions._Step.ENDS:
            break
        if step is stage3_mentions._Step.ARTICLE:
            return word_start
        if step is stage3_mentions._Step.UNCONFIRMED and unconfirmed is None:
            unconfirmed = start
        start = position = word_start
        if last:
            break
    return start if unconfirmed is None else unconfirmed


_DESCRIPTION_WORDS = [
    "the", "The", "a", "said", "senior", "Kremlin", "firm’s", "lead", "fired", "U.S.", "Gov.", "“The", "(a",
    "", "x" * 31, "Trump", "several", "acting", "Acme's", "and", "dr.", "«", "it.",
]
_DESCRIPTION_GAPS = [" ", " ", "\u00a0", "\n", "\t", "  ", ", ", "\u2003", " \u00a0"]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.tuples(st.sampled_from(_DESCRIPTION_WORDS), st.sampled_from(_DESCRIPTION_GAPS)), max_size=8),
    head=st.sampled_from(["spokesman", "company", "officials", "executive"]),
    data=st.data(),
)
def test_a_description_starts_where_the_plain_look_back_says(
    words: list[tuple[str, str]], head: str, data: st.DataObject
) -> None:
    before = "".join(word + gap for word, gap in words)
    text = before + head + " said"
    finder = stage3_mentions._Finder(text, LEX, in_slot=False)
    finder.region_start = data.draw(st.integers(0, len(before)))
    assert finder.description_start(len(before)) == _plain_description_start(finder, len(before))


# --- headlines ----------------------------------------------------------------------------------------


def _plain_is_title_case(line: str) -> bool:
    """The title-case rule as first written: nine in ten words of four letters or more capitalised."""
    if len(line) > stage3_mentions._MAX_HEADLINE:
        return False
    words = regex.findall(r"\b[\p{L}][\p{L}\p{M}'’\-]{3,}", line)
    return len(words) >= 3 and sum(word[0].isupper() for word in words) * 10 >= len(words) * 9


_LINE_PIECES = [
    "said", "talks", "with", "Kyiv", "Putin", "Says", "of", "the", "a", "abcd", "Abcd", "école", "École", "ǅemal",
    "über", "x1yz", "1abc", "it’s", "’twas", "'tis", "co-op", "-abcd", "U.S.", "\u0301abc", "Ünited", "ﬁnal",
]
_LINE_GAPS = [" ", "", "  ", "\u00a0", "\t", ", ", "-", "’", "\r", ": ", "“", "\U0001f44d", "\ud800"]
_LINES = st.lists(st.tuples(st.sampled_from(_LINE_PIECES), st.sampled_from(_LINE_GAPS)), max_size=45).map(
    lambda pieces: "".join(piece + gap for piece, gap in pieces)
)


@settings(max_examples=600, deadline=None)
@given(line=_LINES)
def test_a_line_ruled_out_by_its_lowercase_words_is_no_title_case(line: str) -> None:
    if stage3_mentions._too_many_lowercase_words(line):
        assert not _plain_is_title_case(line)
    assert stage3_mentions._is_title_case(line) == _plain_is_title_case(line)


@pytest.mark.parametrize(
    ("line", "ruled_out", "title_case"),
    [
        ("Kremlin spokesman Dmitry Peskov said the talks with Kyiv had been useful.", True, False),
        ("The central bank raised rates again, citing stubborn inflation in services.", True, False),
        ("Putin Says Talks With Kyiv Were Useful", False, True),
        ("Apple Beats Forecasts as Sales Surge in China", False, True),
        ("Researchers Find New Antibiotic in Soil Samples From Peru", False, True),
        # Three lowercase words of four letters in a short line are already too many.
        ("Senate Passes Bill after long late debate", True, False),
        # Lowercase words after no-break spaces or in other scripts are not counted: the full rule decides.
        ("Senate\u00a0passes\u00a0bill\u00a0after\u00a0debate", False, False),
        ("Der Bundestag stimmt über das Gesetz ab", True, False),
    ],
)
def test_headlines_and_sentences(line: str, ruled_out: bool, title_case: bool) -> None:
    assert stage3_mentions._too_many_lowercase_words(line) is ruled_out
    assert stage3_mentions._is_title_case(line) is title_case


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        # A title-case headline hides names: its unknown ones are dropped, the sentence's kept.
        ("Merkel Meets Macron in Berlin\nOfficials said Merkel met Macron in Berlin.",
         ["Berlin", "Officials", "Merkel", "Macron", "Berlin"]),
        ("Officials said Merkel met Macron in Berlin.", ["Officials", "Merkel", "Macron", "Berlin"]),
        # A short line that is a sentence is no headline: its lowercase words rule it out.
        ("Officials said that Macron would visit Berlin soon\nNo date was set.", ["Officials", "Macron", "Berlin"]),
    ],
)
def test_headline_names_in_context(text: str, mentions: list[str]) -> None:
    assert [m.text for m in find_mentions(text, 0, len(text), LEX)] == mentions


def test_a_direct_quote_is_skipped_by_its_marks_unless_it_has_none() -> None:
    marked = Candidate(span=Span(1, 9), kind=QuoteKind.DIRECT, outer=Span(0, 10))
    unmarked = Candidate(span=Span(1, 9), kind=QuoteKind.DIRECT)
    empty_marks = Candidate(span=Span(1, 9), kind=QuoteKind.DIRECT, outer=Span(4, 4))
    assert stage3_mentions._quote_span(marked) == Span(0, 10)
    assert stage3_mentions._quote_span(unmarked) == Span(1, 9)
    assert stage3_mentions._quote_span(empty_marks) == Span(1, 9)
