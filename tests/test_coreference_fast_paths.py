"""The shortcuts of coreference and results give what the plain rules give.

Stage 4 takes stage 3's mentions as they come when they are already in text order (else it sorts
them), finds a pronoun's antecedents by bisection over the mention starts, and sorts an entity's
mentions only when one was linked out of text order; stage 6 rounds each confidence value once.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import Parser, extract, stage4_coreference
from quotetrack.model import Analysis, Mention, MentionKind, Span
from quotetrack.stage4_coreference import _TextOrder
from quotetrack.stage6_results import _published_confidence

# --- the mentions a pronoun looks back at --------------------------------------------------------------


def _plain_sentence_of(position: int, sentence_starts: list[int]) -> int:
    """The last sentence that starts at or before ``position``; the first when none does."""
    return max([index for index, start in enumerate(sentence_starts) if start <= position], default=0)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Rising mention starts and rising sentence starts (maybe none, maybe after some mentions)."""
    mention_starts = sorted(draw(st.sets(st.integers(0, 300), max_size=60)))
    sentence_starts = sorted(draw(st.sets(st.integers(0, 300), max_size=8)))
    return mention_starts, sentence_starts


@settings(max_examples=300, deadline=None)
@given(_documents(), st.integers(1, 6))
def test_the_antecedent_window_is_the_sentence_read_up_to_the_pronoun(
    document: tuple[list[int], list[int]], window: int
) -> None:
    mention_starts, sentence_starts = document
    mentions = [Mention(Span(start, start + 1), "x", MentionKind.NAME) for start in mention_starts]
    sentences = [Span(start, start) for start in sentence_starts]
    text_order = _TextOrder(mentions, sentences)
    assert text_order.mentions == mentions and text_order.starts == mention_starts
    with mock.patch.object(stage4_coreference, "_PRONOUN_WINDOW_MENTIONS", window):
        for order, mention in enumerate(mentions):
            sentence = text_order.sentence_of(mention.span.start)
            assert sentence == _plain_sentence_of(mention.span.start, sentence_starts)
            for back in range(sentence + 1):
                # The rule in plain words: the mentions of that sentence before this one, the last few.
                before = [m for m in mentions[:order] if _plain_sentence_of(m.span.start, sentence_starts) == back]
                assert text_order.antecedent_window(back, order) == before[-window:]


# --- mentions in any order -------------------------------------------------------------------------------

_NEWS = (
    "Kremlin spokesman Dmitry Peskov said the talks with the White House had been useful. Peskov added that "
    "Russia would reply. He said the Kremlin was ready. The spokesman said it would wait.\n"
    "The German chancellor arrived late. Chancellor Angela Merkel said she was worried. “We need calm,” "
    "Merkel told reporters. The company said profits would fall, and its chief executive Jo Baker agreed. "
    "Baker said she would stay."
)


def _after_mentions(text: str) -> Analysis:
    parser = Parser()
    analysis = Analysis(text=text)
    for name, stage in parser.stages:
        if name == "coreference":
            return analysis
        stage(analysis, parser._context)
    raise AssertionError("no coreference stage")


def _coreference(analysis: Analysis, mentions: list[Mention]) -> tuple[object, object]:
    fresh = dataclasses.replace(analysis, mentions=mentions, speakers={}, mention_speaker={})
    stage4_coreference.run(fresh, Parser()._context)
    return fresh.speakers, fresh.mention_speaker


_ANALYSIS = _after_mentions(_NEWS)


def test_stage_3_gives_mentions_in_text_order() -> None:
    # The shortcut taken in the common case: without it the test below would test only the sort.
    starts = [m.span.start for m in _ANALYSIS.mentions]
    assert len(starts) > 15 and starts == sorted(set(starts))


@settings(max_examples=60, deadline=None)
@given(
    st.permutations(range(len(_ANALYSIS.mentions))),
    st.lists(st.integers(0, len(_ANALYSIS.mentions) - 1), max_size=5),
)
def test_mentions_in_any_order_and_given_twice_make_the_same_entities(order: list[int], again: list[int]) -> None:
    given_mentions = [_ANALYSIS.mentions[index] for index in order + again]
    assert _coreference(_ANALYSIS, given_mentions) == _coreference(_ANALYSIS, _ANALYSIS.mentions)


# --- mentions published in text order ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("The Kremlin spokesman declined to comment on Monday. Later, Kremlin spokesman Dmitry Peskov said "
         "the talks had failed.", "Dmitry Peskov", "The Kremlin spokesman"),
        ("The German chancellor arrived late. Chancellor Angela Merkel said she was worried.",
         "Angela Merkel", "The German chancellor"),
        ("The Acme chief executive spoke first. “We are fine,” said Acme chief executive Jo Baker. Baker left.",
         "Jo Baker", "The Acme chief executive"),
    ],
)
def test_a_description_before_the_name_is_published_first(text: str, name: str, description: str) -> None:
    # The description is linked after every name, so these mentions are linked out of text order.
    speaker = next(s for s in extract(text).entities if s.name == name)
    assert speaker.mentions[0].text == description
    starts = [m.span.start for m in speaker.mentions]
    assert starts == sorted(starts) and len(starts) >= 2


_SENTENCES = [
    "The Kremlin spokesman declined to comment.",
    "Kremlin spokesman Dmitry Peskov said the talks had failed.",
    "Peskov said he was tired.",
    "The spokesman added that Russia would reply.",
    "The German chancellor arrived late.",
    "Chancellor Angela Merkel said she was worried.",
    "“We need calm,” Merkel told reporters.",
    "The company said profits would fall.",
    "Acme chief executive Jo Baker said it was a hard year.",
    "She said the chancellor agreed.",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=10))
def test_every_entity_lists_its_mentions_in_text_order_once_each(sentences: list[str]) -> None:
    doc = extract(" ".join(sentences))
    for speaker in doc.entities:
        starts = [m.span.start for m in speaker.mentions]
        assert starts == sorted(starts)
        assert len(set(starts)) == len(starts)


# --- results ----------------------------------------------------------------------------------------------


_CONFIDENCES = st.one_of(
    st.floats(allow_nan=False),
    st.integers(-3, 3),
    st.fractions(-2, 2, max_denominator=8),  # equal to some floats, and hashed alike, yet rounded to Fractions
    st.sampled_from([0.5, 0.6, 0.75, 0.9, 1.0, 0.0, -0.0, Fraction(1, 2), Fraction(3, 4)]),
)


@given(st.lists(_CONFIDENCES, min_size=1, max_size=20))
def test_a_published_confidence_is_the_clamped_rounded_value(confidences: list[float]) -> None:
    for confidence in confidences + confidences:  # computed, then remembered
        expected = round(min(1.0, max(0.0, confidence)), 3)
        published = _published_confidence(confidence)
        assert published == expected and type(published) is type(expected)
