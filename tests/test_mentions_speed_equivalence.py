"""The fast paths of stages 3 and 4 against the plain rules they stand for.

Mention finding and coreference use indexes, caches and regex guards to stay fast.
Each test here draws inputs with hypothesis and checks a fast path against a
short, obviously right statement of the same rule, so that an edit that speeds
one up cannot change what it finds without a test failing.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import Parser, stage3_mentions, stage4_coreference
from quotetrack.lexicon import default_lexicon
from quotetrack.model import Analysis, Mention, MentionKind, Span, SpeakerKind
from quotetrack.stage4_coreference import _Entity, _PeopleBySurname, _Resolver

LEX = default_lexicon()
TABLES = LEX.memo("mention_tables", stage3_mentions._tables)
KEYWORDS = sorted(set(TABLES.keywords.values()))
EDGE = stage3_mentions._EDGE_PUNCTUATION


# --- stage 3: keywords -------------------------------------------------------------------------------


@st.composite
def _keyword_texts(draw: st.DrawFn) -> str:
    """Keywords and other words with punctuation and possessives at their ends, apart by assorted spaces."""
    pieces = []
    for _ in range(draw(st.integers(0, 25))):
        core = draw(st.one_of(st.sampled_from(KEYWORDS), st.sampled_from(["said", "the", "Peskov", "’s", "x"])))
        before = "".join(draw(st.lists(st.sampled_from(EDGE), max_size=2)))
        after = draw(st.sampled_from(["", "", "’s", "'s"])) + "".join(draw(st.lists(st.sampled_from(EDGE), max_size=2)))
        pieces.append(before + core + after + draw(st.sampled_from([" ", " ", "  ", "\n", "\t", "\u00a0", "\u2003"])))
    return "".join(pieces)


def _keyword_of_token(raw: str, words: frozenset[str]) -> str | None:
    """The rule in plain words: the token, else the token stripped of punctuation at its
    ends, else that without a possessive, if it is a keyword."""
    word = raw if raw in words else raw.strip(EDGE)
    if word in words:
        return word
    if word[-2:] in ("’s", "'s") and word[:-2] in words:
        return word[:-2]
    return None


@settings(max_examples=300, deadline=None)
@given(_keyword_texts())
def test_keyword_hits_are_the_tokens_the_plain_rule_reads_as_keywords(text: str) -> None:
    hits = stage3_mentions._keyword_hits(text, 0, len(text), TABLES)
    expected = [word for raw in text.split() if (word := _keyword_of_token(raw, frozenset(KEYWORDS))) is not None]
    # The last word of a multiword role ("chief executive") is a hit only with the words before it.
    single = [word for word in expected if word not in TABLES.multiword]
    assert [word for _, _, word in hits if word not in TABLES.multiword] == single
    assert {word for _, _, word in hits} <= set(expected)
    for start, end, word in hits:
        assert text[start:end].casefold().replace("\u00a0", " ").endswith(word)


def test_a_keyword_as_written_wins_over_a_possessive_of_another() -> None:
    forms = stage3_mentions._keyword_forms(frozenset({"boss", "boss's", "(acting)"}))
    assert forms["boss's"] == "boss's"
    assert forms["boss’s"] == "boss"
    assert "(acting)'s" not in forms  # stripping comes first, as in the plain rule


# --- stage 3: the run pattern's guards -----------------------------------------------------------------

_RUN_PIECES = [
    "Gen.", "Sen.", "Jr.", "Co.", "Col.", "Col", "Dr", "Dr.", "J.", "K.", "U.S.", "al-", "al-Assad", "bin", "von",
    "der", "de", "la", "of", "the", "of the", "for", "on", "Ministry", "Defence", "Peskov", "O’Brien", "Jean-Luc",
    "AT&T", "x", "said", ".", "-", "’", "\u0301",
]


@cache
def _unguarded_run_pattern() -> Any:
    with mock.patch.object(stage3_mentions, "_followed_by", lambda words, after: ""):
        return stage3_mentions._run_pattern(LEX)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_RUN_PIECES), st.sampled_from([" ", "", "\u00a0", "  ", "\n"])),
                max_size=14))
def test_the_guarded_run_pattern_finds_what_the_unguarded_one_finds(pieces: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in pieces)
    assert [m.span() for m in TABLES.runs.finditer(text)] == [m.span() for m in _unguarded_run_pattern().finditer(text)]


def test_the_guard_is_left_out_for_words_it_cannot_vouch_for() -> None:
    assert stage3_mentions._followed_by(["of", "of the", "van"], "[ ]") != ""
    assert stage3_mentions._followed_by(["d’", "of"], "[ ]") == ""  # an apostrophe is no letter
    assert stage3_mentions._followed_by(["of  the"], "[ ]") == ""  # two spaces
    assert stage3_mentions._followed_by(["über"], "[ ]") == ""  # not ASCII


# --- stage 3: small helpers ----------------------------------------------------------------------------


@given(st.text(alphabet=" \u00a0\n\tab\u2003\u200b.", max_size=40), st.data())
def test_last_gap_is_the_last_of_the_four_separators(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert stage3_mentions._last_gap(text, start, end) == max(text.rfind(c, start, end) for c in " \u00a0\n\t")


def _mention(span: tuple[int, int]) -> Mention:
    return Mention(Span(*span), "x" * (span[1] - span[0]), MentionKind.NAME)


_SPANS = st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


_KINDS = st.sampled_from([MentionKind.NAME, MentionKind.ROLE, MentionKind.PRONOUN])


@given(st.lists(st.tuples(_SPANS, _KINDS), max_size=30))
def test_without_overlaps_keeps_the_longest_first_mention_of_each_place(
    spans: list[tuple[tuple[int, int], MentionKind]]
) -> None:
    places = [(start, end, kind) for (start, end), kind in spans]
    expected: list[tuple[int, int, MentionKind]] = []
    for place in sorted(places, key=lambda p: (p[0], -p[1])):
        if not expected or place[0] >= expected[-1][1]:
            expected.append(place)
    assert stage3_mentions._without_overlaps(places) == expected


@given(st.lists(_SPANS, max_size=12), st.lists(_SPANS, max_size=30))
def test_merged_keeps_what_the_bisecting_rule_keeps(slots: list[tuple[int, int]], found: list[tuple[int, int]]) -> None:
    second = stage3_mentions._without_overlaps([(*span, MentionKind.NAME) for span in found])
    # The rule in plain words: a mention found is kept unless it overlaps one of the
    # slot mentions nearest its start, found by bisection.
    chosen = {Span(*span): _mention(span) for span in slots}
    taken = sorted(chosen)
    for mention in [_mention(place[:2]) for place in second]:
        index = bisect_left(taken, Span(mention.span.start, mention.span.start))
        near = taken[max(0, index - 2) : index + 2]
        if mention.span not in chosen and not any(mention.span.overlaps(span) for span in near):
            chosen[mention.span] = mention
    merged = stage3_mentions._merged([_mention(span) for span in slots], second, "x" * 100)
    assert merged == [chosen[s] for s in sorted(chosen)]


# --- stage 4: people by surname ------------------------------------------------------------------------

_STEPS = st.tuples(
    st.sampled_from(["name", "gender", "ask"]),
    st.integers(0, 4),
    st.sampled_from(["smith", "von der leyen"]),
    st.sampled_from([None, "m", "f"]),
)


@given(st.lists(_STEPS, max_size=60))
def test_the_latest_person_is_the_one_a_scan_of_everyone_finds(steps: list[tuple[str, int, str, str | None]]) -> None:
    people = _PeopleBySurname()
    named: dict[tuple[str, int], _Entity] = {}
    order = 0
    for action, number, key, gender in steps:
        if action == "ask":
            fits = [e for e in people.named(key) if e.gender is None or gender is None or e.gender == gender]
            assert people.latest(key, gender) is (max(fits, key=lambda e: e.last_seen) if fits else None)
            continue
        entity = named.get((key, number))
        if entity is None:
            entity = named[(key, number)] = _Entity(id=f"{key}{number}", kind=SpeakerKind.PERSON)
            people.add(key, entity)
        if action == "gender" and entity.gender is None:
            entity.gender = gender  # a gender is learnt only while a name is read, before the link
        order += 1
        entity.last_seen = order
        people.seen(key, entity)


# --- stage 4: the organisation a description means ------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Acme Fund", "Globex Group", "Fund of Funds", "Acme Group", "Kremlin"]), max_size=40),
    st.integers(0, 90),
    st.sampled_from([None, "fund", "group", "bank"]),
    st.integers(1, 6),
)
def test_the_recent_organisation_is_the_one_reading_back_finds(
    names: list[str], order: int, head: str | None, window: int
) -> None:
    resolver = _Resolver(Analysis(text=""), LEX)
    entities: dict[str, _Entity] = {}
    for position, name in enumerate(names):
        entity = entities.setdefault(name, _Entity(id=name, kind=SpeakerKind.ORGANISATION, org_name=name))
        resolver.organisation_orders.append(2 * position)  # other mentions stand between them
        resolver.organisation_mentions.append(entity)
    # The rule in plain words: read the last ``window`` organisation mentions back, one by one.
    position = bisect_left(resolver.organisation_orders, order)
    expected = None
    for index in range(position - 1, max(-1, position - 1 - window), -1):
        if head is None or head in resolver.organisation_mentions[index].org_name.casefold().split():
            expected = resolver.organisation_mentions[index]
            break
    with mock.patch.object(stage4_coreference, "_RECENT_ORGANISATIONS", window):
        assert resolver._recent_organisation(order, head) is expected


# --- both stages: caches ---------------------------------------------------------------------------------

NEWS = [
    "Kremlin spokesman Dmitry Peskov said the talks with the White House had been useful. Peskov added that "
    "Russia would reply. He said the Kremlin was ready.",
    "“We will not raise taxes,” Finance Minister Clara Osei told parliament. Osei, the finance minister, said "
    "the plan would work. She said the ministry agreed.",
    "The International Monetary Fund cut its forecast. The fund said growth would slow, according to Reuters.",
    "Mr Smith met Anna Smith on Monday. Smith said she had agreed. Mrs Smith said the company would sell.",
    "Acme Corp. chief executive Lena Hoffmann, an epidemiologist at the Charité hospital, said the firm’s "
    "results were strong. The company’s shares rose.",
    "BREAKING NEWS\nPrime Minister Keir Starmer Says Budget Will Hold\n\nThe prime minister said on Friday that "
    "Labour would keep its pledges.",
]


def test_warm_or_emptied_caches_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    cold = [Parser().parse(text).to_json() for text in NEWS]
    warm = Parser()
    for text in NEWS + NEWS[::-1]:
        warm.parse(text)
    assert [warm.parse(text).to_json() for text in NEWS] == cold
    # Caches emptied every other entry read the same as caches that never fill.
    monkeypatch.setattr(stage3_mentions, "_CACHE_SIZE", 1)
    monkeypatch.setattr(stage4_coreference, "_CACHE_SIZE", 1)
    tiny = Parser()
    assert [tiny.parse(text).to_json() for text in NEWS + NEWS] == cold + cold
