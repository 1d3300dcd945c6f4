"""The word lists (quotetrack/data/) and the Lexicon that reads them."""

from __future__ import annotations

import dataclasses
import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack.lexicon import (
    FRAMES,
    CueCategory,
    Lexicon,
    alternation,
    compile_phrase,
    default_lexicon,
    inflections,
    plural_of,
)

LEX = default_lexicon()


# --- cue verbs ---------------------------------------------------------------------------------------


def test_at_least_two_hundred_reporting_verbs() -> None:
    lemmas = {cue.lemma for cue in LEX.cue_forms.values()}
    assert len(lemmas) >= 200
    assert len(LEX.cue_forms) >= 4 * 200  # every lemma brings its inflections


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("warn", ("warn", "warns", "warning", "warned")),  # regular
        ("deny", ("deny", "denies", "denying", "denied")),  # consonant + y
        ("pray", ("pray", "prays", "praying", "prayed")),  # vowel + y keeps its y
        ("argue", ("argue", "argues", "arguing", "argued")),  # silent e
        ("agree", ("agree", "agrees", "agreeing", "agreed")),  # ee keeps both
        ("admit", ("admit", "admits", "admitting", "admitted")),  # stressed last syllable doubles
        ("regret", ("regret", "regrets", "regretting", "regretted")),
        ("quip", ("quip", "quips", "quipping", "quipped")),  # one syllable, qu is a consonant
        ("plan", ("plan", "plans", "planning", "planned")),
        ("offer", ("offer", "offers", "offering", "offered")),  # unstressed: no doubling
        ("vow", ("vow", "vows", "vowing", "vowed")),  # w never doubles
        ("echo", ("echo", "echoes", "echoing", "echoed")),
        ("stress", ("stress", "stresses", "stressing", "stressed")),
    ],
)
def test_regular_inflections(lemma: str, forms: tuple[str, ...]) -> None:
    assert inflections(lemma) == forms


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("said", "say"),
        ("told", "tell"),
        ("wrote", "write"),
        ("written", "write"),
        ("spoke", "speak"),
        ("spoken", "speak"),
        ("thought", "think"),
        ("knew", "know"),
        ("known", "know"),
        ("felt", "feel"),
        ("sang", "sing"),
        ("swore", "swear"),
        ("sworn", "swear"),
        ("understood", "understand"),
        ("found", "find"),
        ("shown", "show"),
        ("forecast", "forecast"),
        ("learnt", "learn"),
        ("learned", "learn"),
        ("signalled", "signal"),
        ("saying", "say"),
        ("tweeted", "tweet"),
        ("Insisted", "insist"),
        ("QUIPPED", "quip"),
    ],
)
def test_irregular_and_listed_forms_find_their_lemma(form: str, lemma: str) -> None:
    assert LEX.cue_lemma(form) == lemma


@pytest.mark.parametrize("word", ["table", "sayed", "telled", "writed", "the", "Peskov", ""])
def test_words_that_are_no_cue(word: str) -> None:
    assert LEX.cue_lemma(word) is None
    assert LEX.cue(word) is None


@pytest.mark.parametrize(
    ("word", "frame", "takes"),
    [
        ("said", "quote", True),
        ("said", "that", True),
        ("said", "bare", True),
        ("told", "obj", True),
        ("urged", "obj_to", True),
        ("asked", "wh", True),
        ("warned", "prep", True),
        ("called", "mixed", True),
        ("believes", "quote", False),
        ("wants", "obj_to", True),
        ("urged", "wh", False),
    ],
)
def test_frames(word: str, frame: str, takes: bool) -> None:
    cue = LEX.cue(word)
    assert cue is not None
    assert cue.takes(frame) is takes


def test_every_frame_is_known_and_every_verb_has_one() -> None:
    for cue in LEX.cue_forms.values():
        assert cue.frames, cue.lemma
        assert cue.frames <= FRAMES, cue.lemma
        assert cue.categories, cue.lemma


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("said", CueCategory.SPEECH),
        ("insisted", CueCategory.SPEECH),
        ("tweeted", CueCategory.SPEECH),
        ("whispered", CueCategory.SPEECH),
        ("believes", CueCategory.BELIEF),
        ("feared", CueCategory.BELIEF),
        ("knew", CueCategory.BELIEF),
        ("wants", CueCategory.INTENTION),
        ("intends", CueCategory.INTENTION),
        ("sought", CueCategory.INTENTION),
        ("showed", CueCategory.EVIDENCE),
        ("found", CueCategory.EVIDENCE),
    ],
)
def test_usual_category(word: str, category: CueCategory) -> None:
    cue = LEX.cue(word)
    assert cue is not None and cue.category is category


def test_a_verb_can_report_more_than_one_thing() -> None:
    suggest = LEX.cue("suggested")
    assert suggest is not None
    assert suggest.categories == (CueCategory.SPEECH, CueCategory.EVIDENCE)


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("claims", True),
        ("claim", True),
        ("report", True),
        ("states", True),
        ("warning", True),
        ("findings", True),
        ("posts", True),
        ("claimed", False),
        ("said", False),
        ("insists", False),
        ("Reported", False),
    ],
)
def test_noun_homographs(word: str, noun: bool) -> None:
    assert LEX.is_noun_homograph(word) is noun


# --- cue phrases ---------------------------------------------------------------------------------------


def phrase_matches(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(matched words, speaker position, speaker slot, object slot) of each cue phrase in ``text``."""
    return [
        (
            m.span.slice(text),
            m.phrase.speaker,
            m.speaker_slot.slice(text) if m.speaker_slot else None,
            m.object_slot.slice(text) if m.object_slot else None,
        )
        for m in LEX.cue_phrase_matches(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Growth will slow, according to the IMF.", [("according to", "after", None, None)]),
        ("Peskov told reporters the talks failed.", [("told reporters", "before", None, None)]),
        (
            "Interfax quoted Kremlin spokesman Dmitry Peskov as saying the talks were useful.",
            [("quoted Kremlin spokesman Dmitry Peskov as saying", "slot", "Kremlin spokesman Dmitry Peskov", None)],
        ),
        (
            "Mr Putin’s spokesman said the president was well.",
            [("Mr Putin’s spokesman said", "slot", "Mr Putin", None)],
        ),
        (
            "The company said in a statement that sales rose.",
            [("said in a statement", "before", None, None)],
        ),
        (
            "She told CNN in an exclusive interview with CNN that she would run.",
            [("told CNN", "before", None, "CNN"), ("in an exclusive interview with CNN", "before", None, "CNN")],
        ),
        (
            "He was quoted as saying the deal was dead.",
            [("was quoted as saying", "before", None, None)],
        ),
        (
            "Speaking on condition of anonymity, an official said the plan had changed.",
            [("Speaking on condition of anonymity", "before", None, None)],
        ),
        (
            "A poll by Gallup found that trust had fallen.",
            [("A poll by Gallup found", "slot", "Gallup", None)],
        ),
        (
            "The minister wrote in a letter to MPs that the bill was dead.",
            [("wrote in a letter", "before", None, None)],
        ),
        ("The senator pointed out that the bill was unfunded.", [("pointed out", "before", None, None)]),
        ("Officials are of the view that the dam is safe.", [("are of the view that", "before", None, None)]),
        ("The chef said the soup was cold.", []),
    ],
)
def test_cue_phrases_in_sentences(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert phrase_matches(text) == expected


def test_every_loaded_phrase_is_found_by_its_trigger_words() -> None:
    for phrase in LEX.cue_phrases:
        assert phrase.triggers, phrase.pattern
        assert phrase.speaker in ("before", "after", "slot")


@pytest.mark.parametrize(
    ("pattern", "text", "matched"),
    [
        ("in a [written] statement", "said in a written statement on", "in a written statement"),
        ("in a [written] statement", "said in a statement on", "in a statement"),
        ("[the] (minister|ministry) <say>", "the ministry says", "the ministry says"),
        ("[the] (minister|ministry) <say>", "a minister said", "minister said"),
        ("<tell> {O} that", "she told the BBC that", "told the BBC that"),
        ("{S}'s aide <say>", "Ms Smith's aide said", "'s aide said"),
        ("according to", "ACCORDING TO the data", "ACCORDING TO"),
        ("according to", "according\nto the data", "according\nto"),
    ],
)
def test_pattern_syntax(pattern: str, text: str, matched: str) -> None:
    found = compile_phrase(pattern).search(text)
    assert found is not None and found.group() == matched


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("according to", "according\n\nto"),  # never across a paragraph
        ("according to", "accordingto"),
        ("according to", "disaccording to"),
        ("<tell> {O} that", "she tells that"),
    ],
)
def test_pattern_syntax_rejects(pattern: str, text: str) -> None:
    assert compile_phrase(pattern).search(text) is None


@pytest.mark.parametrize("pattern", ["according (to", "a [b", "{X} said", "{S} {S}", "a (|b)", "", "   ", "{S}"])
def test_bad_patterns_are_value_errors(pattern: str) -> None:
    with pytest.raises(ValueError):
        compile_phrase(pattern)


@pytest.mark.parametrize("unit", ["according ", "told reporters ", "Peskov’s spokesman ", "a a a ", "’s ", "in a "])
def test_phrase_matching_is_linear(unit: str) -> None:
    def seconds(size: int) -> float:
        text = unit * (size // len(unit))
        started = time.perf_counter()
        LEX.cue_phrase_matches(text)
        return time.perf_counter() - started

    seconds(2_000)  # warm up
    small, big = seconds(20_000), seconds(160_000)
    assert big < 40 * max(small, 0.002), (small, big)


@given(st.lists(st.sampled_from(["say", "said", "says", "tell", "told", "the", "an", "Kremlin"]), max_size=30))
def test_alternation_matches_exactly_its_words(words: list[str]) -> None:
    pattern = regex.compile(alternation(words))
    for word in ["say", "said", "says", "tell", "told", "the", "an", "Kremlin", "sa", "tel", "saids"]:
        assert (pattern.fullmatch(word) is not None) is (word in words)


# --- names, titles, roles, organisations, countries ----------------------------------------------------------


def test_list_sizes() -> None:
    assert len(LEX.titles) >= 200
    assert len(LEX.roles) >= 300
    assert len(LEX.organisations) >= 300
    assert len(LEX.first_names) >= 2000
    assert len(set(LEX.countries.values())) >= 190
    assert len(LEX.org_words) >= 50
    assert {"van", "von", "de", "bin", "ibn"} <= LEX.name_particles
    assert {"al", "el"} <= LEX.hyphen_particles
    assert {"AFP", "Getty Images", "Reuters", "AP", "POOL"} <= LEX.credits


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Dmitry", "m"),
        ("Ursula", "f"),
        ("Olaf", "m"),
        ("Priya", "f"),
        ("Jean", "x"),
        ("Andrea", "x"),
        ("Mr", "m"),
        ("Mrs.", "f"),
        ("Dame", "f"),
        ("Dr", "x"),
        ("Peskov", None),
        ("Kremlin", None),
    ],
)
def test_gender_of(name: str, gender: str | None) -> None:
    assert LEX.gender_of(name) == gender


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ukrainian", "Ukraine"),
        ("Russian", "Russia"),
        ("American", "United States"),
        ("U.S.", "United States"),
        ("British", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Dutch", "Netherlands"),
        ("Filipino", "Philippines"),
        ("Kyiv", "Ukraine"),
        ("Germany", "Germany"),
        ("Kremlin", None),
        ("Brandt", None),
    ],
)
def test_country_of(word: str, country: str | None) -> None:
    assert LEX.country_of(word) == country


@pytest.mark.parametrize(
    "title", ["President", "prime minister", "Sen.", "Sen", "Gov.", "Secretary of State", "Foreign Minister", "MR"]
)
def test_titles(title: str) -> None:
    assert LEX.is_title(title)


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("spokesman", "person"),
        ("spokesmen", "person"),
        ("officials", "person"),
        ("attorneys general", "person"),
        ("police", "person"),
        ("company", "org"),
        ("companies", "org"),
        ("monopoly", "org"),
        ("table", None),
    ],
)
def test_roles_and_their_kind(role: str, kind: str | None) -> None:
    assert LEX.role_kind(role) == kind
    assert LEX.is_role(role) is (kind is not None)


@pytest.mark.parametrize(
    ("noun", "plural"), [("official", "officials"), ("spokeswoman", "spokeswomen"), ("party", "parties")]
)
def test_plural_of(noun: str, plural: str) -> None:
    assert plural_of(noun) == plural


@pytest.mark.parametrize("word", ["Ministry", "corp.", "Inc", "Party", "University", "Council"])
def test_org_words(word: str) -> None:
    assert LEX.is_org_word(word)


def test_pronoun_agreement_tags_are_kept() -> None:
    assert LEX.pronouns["he"] == "m" and LEX.pronouns["she"] == "f" and LEX.pronouns["they"] == "p"
    assert LEX.pronouns["it"] == "n"


# --- the Lexicon object ------------------------------------------------------------------------------


def test_lexicon_is_frozen_and_read_once() -> None:
    assert default_lexicon() is LEX
    with pytest.raises(dataclasses.FrozenInstanceError):
        LEX.titles = frozenset()  # type: ignore[misc]


def test_extended_adds_words_without_touching_the_original() -> None:
    bigger = LEX.extended(
        cue_verbs=["opine", "harrumph"],
        titles=["Archdeacon"],
        roles=["ombudsman"],
        organisations=["Ofqual"],
    )
    assert bigger.cue_lemma("opined") == "opine" and bigger.cue_lemma("harrumphing") == "harrumph"
    assert bigger.is_title("archdeacon") and bigger.is_role("ombudsmen")
    assert "Ofqual" in bigger.organisations
    assert LEX.cue_lemma("opined") is None and not LEX.is_title("Archdeacon") and not LEX.is_role("ombudsman")
    assert bigger.cue_lemma("said") == "say"


@pytest.mark.parametrize("bad", ["opine", [""], [3]])
def test_extended_rejects_bad_words(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        LEX.extended(cue_verbs=bad)  # type: ignore[arg-type]


def test_config_extends_the_parser_lexicon() -> None:
    text = "“Taxes are far too high,” Maria Lopez opined on Tuesday."
    plain = quotetrack.Parser().parse(text)
    extended = quotetrack.Parser(quotetrack.Config(extra_cue_verbs=("opine",))).parse(text)
    assert [q.cue for q in plain.quotes] == [None]
    (quote,) = extended.quotes
    assert quote.cue is not None and quote.cue.slice(text) == "opined"


def test_memo_builds_once_per_lexicon() -> None:
    lexicon: Lexicon = LEX.extended(titles=["Warden"])
    calls: list[int] = []

    def build(lex: Lexicon) -> int:
        calls.append(1)
        return len(lex.titles)

    assert lexicon.memo("test-size", build) == lexicon.memo("test-size", build) == len(lexicon.titles)
    assert calls == [1]


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_phrase_matches_slice_any_text(text: str) -> None:
    for match in LEX.cue_phrase_matches(text):
        assert 0 <= match.span.start < match.span.end <= len(text)
        for slot in (match.speaker_slot, match.object_slot):
            if slot is not None:
                assert 0 <= slot.start < slot.end <= len(text)
