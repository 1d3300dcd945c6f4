"""The unchecked builders of model.py make the same objects as the dataclass constructors,
and the documents built with them behave like ones built by hand."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from hypothesis import given
from hypothesis import strategies as st

from quotetrack import extract
from quotetrack.model import (
    Document,
    Mention,
    MentionKind,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    SpeakerKind,
    _unchecked_quote,
    _unchecked_speaker,
)

_names = st.text(min_size=1, max_size=12)
_optional = st.none() | _names


def _assert_same(built: object, constructed: object) -> None:
    assert built == constructed and constructed == built
    assert hash(built) == hash(constructed)
    assert repr(built) == repr(constructed)
    # Every slot filled (an unfilled one raises AttributeError) and no instance __dict__.
    assert dataclasses.astuple(built) == dataclasses.astuple(constructed)  # type: ignore[call-overload]
    assert not hasattr(built, "__dict__")
    assert pickle.dumps(built) == pickle.dumps(constructed)
    assert pickle.loads(pickle.dumps(built)) == constructed
    assert copy.deepcopy(built) == constructed


@given(_names, _names, st.sampled_from(SpeakerKind), st.lists(_names, max_size=3),
       _optional, _optional, _optional, _optional, st.sampled_from([None, "m", "f"]))
def test_unchecked_speaker_is_the_constructed_speaker(
    id: str, name: str, kind: SpeakerKind, aliases: list[str],
    title: str | None, role: str | None, affiliation: str | None, country: str | None, gender: str | None,
) -> None:
    mentions = (Mention(Span(0, 5), "Smith", MentionKind.NAME),)
    fields = dict(id=id, name=name, kind=kind, aliases=tuple(aliases), mentions=mentions, title=title,
                  role=role, affiliation=affiliation, country=country, gender=gender)
    built, constructed = _unchecked_speaker(**fields), Speaker(**fields)  # type: ignore[arg-type]
    _assert_same(built, constructed)
    assert built.to_json() == constructed.to_json()
    assert Speaker.from_json(built.to_json()) == constructed


def test_the_builders_fill_every_field() -> None:
    # A field added to Speaker or Quote must be added to its builder too.
    speaker = _unchecked_speaker("E0", "Ana Lopez", SpeakerKind.PERSON, (), (), None, None, None, None, "f")
    quote = _unchecked_quote(Span(1, 4), "Yes", QuoteKind.DIRECT, speaker, None, None, 0.9, 0, 0, 0, 0)
    # Reading a slot that was never filled raises AttributeError.
    assert all(hasattr(speaker, f.name) for f in dataclasses.fields(Speaker))
    assert all(hasattr(quote, f.name) for f in dataclasses.fields(Quote))


@given(st.floats(min_value=0.0, max_value=1.0), st.integers(0, 50), st.integers(0, 5))
def test_unchecked_quote_is_the_constructed_quote(confidence: float, sentence: int, part: int) -> None:
    speaker = Speaker("E1", "Maria Lopez", SpeakerKind.PERSON, mentions=(Mention(Span(9, 20), "Maria Lopez"),))
    fields = dict(span=Span(1, 7), text="We win", kind=QuoteKind.DIRECT, speaker=speaker,
                  speaker_mention=speaker.mentions[0], cue=Span(21, 25), confidence=confidence,
                  paragraph=0, sentence=sentence, group=part, part=part)
    built, constructed = _unchecked_quote(**fields), Quote(**fields)  # type: ignore[arg-type]
    _assert_same(built, constructed)
    assert built.to_json() == constructed.to_json()
    assert built.speaker_name == "Maria Lopez"


_ARTICLE = (
    "Russian President Vladimir Putin met Kremlin spokesman Dmitry Peskov on Monday. "
    "“The talks have failed,” Peskov said. He added that the Kremlin would respond.\n"
    "Chancellor Angela Merkel said she was worried. “We need calm,” Merkel told reporters.\n"
    "The company said profits would fall. “It is a hard year,” said Acme chief executive Jo Baker."
)


def test_documents_round_trip_and_equal_a_hand_built_copy() -> None:
    doc = extract(_ARTICLE)
    assert [q.speaker_name for q in doc.quotes if q.kind is QuoteKind.DIRECT] == [
        "Dmitry Peskov", "Angela Merkel", "Jo Baker"]
    assert Document.from_json(doc.to_json()) == doc
    assert pickle.loads(pickle.dumps(doc)) == doc
    # The same document with every quote and speaker rebuilt through the constructors.
    speakers = {s.id: Speaker(**{f.name: getattr(s, f.name) for f in dataclasses.fields(Speaker)})
                for s in doc.entities}
    quotes = tuple(
        Quote(**{f.name: getattr(q, f.name) for f in dataclasses.fields(Quote)}
              | {"speaker": speakers[q.speaker.id] if q.speaker else None})
        for q in doc.quotes
    )
    rebuilt = Document(doc.text, quotes, tuple(speakers[s.id] for s in doc.speakers),
                       doc.paragraphs, doc.sentences, tuple(speakers.values()))
    assert rebuilt == doc and hash(rebuilt.quotes) == hash(doc.quotes)
    assert rebuilt.to_json() == doc.to_json()
    assert pickle.dumps(rebuilt) == pickle.dumps(doc)


def test_speaker_mentions_are_in_text_order_and_map_back() -> None:
    doc = extract(_ARTICLE)
    for speaker in doc.entities:
        starts = [m.span.start for m in speaker.mentions]
        assert starts == sorted(starts)
        for mention in speaker.mentions:
            assert mention.span.slice(doc.text) == mention.text
    peskov = next(s for s in doc.entities if s.name == "Dmitry Peskov")
    assert [m.text for m in peskov.mentions] == ["Kremlin spokesman Dmitry Peskov", "Peskov", "He"]
    assert peskov.aliases == ("Kremlin spokesman Dmitry Peskov", "Peskov")
