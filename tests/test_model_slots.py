"""The model classes are slotted dataclasses (no instance ``__dict__``, so the garbage
collector tracks one object per instance instead of two). Everything users do with them
must work as it did: equality, hashing, order, repr, pickling with every protocol (and
pickles written before the classes had slots), copying, the dataclasses functions, JSON,
refusal to assign, weak references and pattern matching. The unchecked builders the
stages use must make objects that behave exactly like the constructors' ones."""

from __future__ import annotations

import copy
import copyreg
import dataclasses
import io
import pickle
import weakref
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrack import (
    Document,
    Mention,
    Parser,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    SpeakerKind,
    extract,
)
from quotetrack.model import (
    Analysis,
    Candidate,
    _unchecked_mention,
    _unchecked_quote,
    _unchecked_span,
    _unchecked_speaker,
)

_ARTICLE = (
    "“We will cut taxes for small firms,” Finance Minister Ana Lopez said on Tuesday.\n"
    "Opposition leader Tom Hardy said the plan was reckless. “It is a gift to the rich,” he told reporters.\n"
    "Acme Corp said profits would fall this year. “Demand is weak,” chief executive Jo Baker said.\n"
    "The coach, Sam Reid, said his team had played well. “We deserved the win,” Reid added.\n"
    "Scientists at the institute said the results were promising."
)

_PUBLIC = (Span, Mention, Speaker, Quote, Document)


@pytest.fixture(scope="module")
def document() -> Document:
    doc = extract(_ARTICLE)
    # The article has quotes with speakers, so every model class below is exercised.
    assert [q.speaker_name for q in doc.quotes if q.kind is QuoteKind.DIRECT] == [
        "Ana Lopez", "Tom Hardy", "Jo Baker", "Sam Reid"]
    return doc


def _objects_of(doc: Document) -> list[Any]:
    """One real object of every public model class, and some of their nested values."""
    quote = doc.quotes[0]
    assert quote.speaker is not None and quote.speaker_mention is not None and quote.cue is not None
    return [doc, quote, quote.speaker, quote.speaker_mention, quote.span, quote.cue,
            *doc.speakers, *doc.sentences[:3], *doc.quotes[1:3]]


def _assert_behaves_like(built: Any, constructed: Any, *, same_sharing: bool = True) -> None:
    """``built`` is indistinguishable from ``constructed`` in everything users rely on (their
    pickles are the same bytes when they share nested objects the same way)."""
    assert type(built) is type(constructed)
    assert built == constructed and constructed == built and not built != constructed
    assert hash(built) == hash(constructed)
    assert repr(built) == repr(constructed)
    assert dataclasses.asdict(built) == dataclasses.asdict(constructed)
    assert dataclasses.astuple(built) == dataclasses.astuple(constructed)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        if same_sharing:
            assert pickle.dumps(built, protocol) == pickle.dumps(constructed, protocol)
        assert pickle.loads(pickle.dumps(built, protocol)) == constructed
    assert copy.copy(built) == constructed and copy.deepcopy(built) == constructed
    assert built.to_json() == constructed.to_json()
    assert built.to_dict() == constructed.to_dict()
    assert type(built).from_json(built.to_json()) == constructed
    assert not hasattr(built, "__dict__")


# --- no instance __dict__ ------------------------------------------------------------------------


def test_no_model_object_from_a_parse_has_an_instance_dict(document: Document) -> None:
    for obj in _objects_of(document):
        assert not hasattr(obj, "__dict__"), type(obj).__name__
    for mention in document.speakers[0].mentions:
        assert not hasattr(mention, "__dict__") and not hasattr(mention.span, "__dict__")


def test_the_working_state_of_a_parse_has_no_instance_dict() -> None:
    parser = Parser()
    analysis = Analysis(text=_ARTICLE)
    for _name, stage in parser.stages:
        stage(analysis, parser._context)
    assert analysis.candidates and analysis.mentions and analysis.speakers
    assert not hasattr(analysis, "__dict__")
    assert all(not hasattr(candidate, "__dict__") for candidate in analysis.candidates)
    # A misspelt field is an error instead of a silent new attribute.
    with pytest.raises(AttributeError):
        analysis.candidates[0].confidance = 0.5  # type: ignore[attr-defined]


# --- what users do with the objects --------------------------------------------------------------


def test_equality_and_hash_of_a_reparsed_document(document: Document) -> None:
    again = extract(_ARTICLE)
    for ours, theirs in zip(_objects_of(document), _objects_of(again), strict=True):
        assert ours == theirs and hash(ours) == hash(theirs) and ours is not theirs
    assert document.quotes[0] != document.quotes[1]
    assert hash(document.quotes[0].span) != hash(document.quotes[1].span)
    assert len({q.span for q in document.quotes}) == len(document.quotes)


def test_spans_order_by_start_then_end(document: Document) -> None:
    spans = [q.span for q in document.quotes]
    assert sorted(reversed(spans)) == sorted(spans, key=lambda s: (s.start, s.end))
    first, second = document.sentences[0], document.sentences[1]
    assert first < second and first <= second and second > first and second >= first
    assert Span(3, 5) < Span(3, 6) < Span(4, 4)
    with pytest.raises(TypeError):
        assert first < document.quotes[0]  # type: ignore[operator]


def test_repr_names_every_field_in_order(document: Document) -> None:
    span = document.quotes[0].span
    assert repr(span) == f"Span(start={span.start}, end={span.end})"
    mention = document.quotes[0].speaker_mention
    assert mention is not None
    assert repr(mention) == f"Mention(span={mention.span!r}, text={mention.text!r}, kind={mention.kind!r})"
    assert repr(document).startswith(f"Document(text={document.text!r}, quotes=(Quote(span=")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_object_pickles_with_every_protocol(document: Document, protocol: int) -> None:
    for obj in _objects_of(document):
        loaded = pickle.loads(pickle.dumps(obj, protocol))
        assert loaded == obj and type(loaded) is type(obj) and repr(loaded) == repr(obj)


def test_a_pickled_quote_keeps_its_speaker_shared(document: Document) -> None:
    loaded = pickle.loads(pickle.dumps(document))
    by_id = {speaker.id: speaker for speaker in loaded.speakers}
    for quote in loaded.quotes:
        if quote.speaker is not None:
            assert quote.speaker is by_id[quote.speaker.id]


class _PicklerBeforeSlots(pickle.Pickler):
    """Pickles model objects the way ``object.__reduce_ex__`` did when their classes kept
    the fields in an instance ``__dict__``: the state is that dict."""

    def reducer_override(self, obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            state = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
            return copyreg.__newobj__, (type(obj),), state  # type: ignore[attr-defined]
        return NotImplemented


def _pickled_before_slots(obj: Any, protocol: int) -> bytes:
    out = io.BytesIO()
    _PicklerBeforeSlots(out, protocol).dump(obj)
    return out.getvalue()


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickles_written_before_the_classes_had_slots_still_load(document: Document, protocol: int) -> None:
    for obj in _objects_of(document):
        old = _pickled_before_slots(obj, protocol)
        assert old != pickle.dumps(obj, protocol)
        loaded = pickle.loads(old)
        assert loaded == obj and type(loaded) is type(obj) and not hasattr(loaded, "__dict__")


def test_a_truncated_pickle_state_is_refused() -> None:
    span = Span.__new__(Span)
    with pytest.raises(ValueError):
        span.__setstate__((1,))  # type: ignore[attr-defined]


def test_copy_and_deepcopy(document: Document) -> None:
    for obj in _objects_of(document):
        shallow, deep = copy.copy(obj), copy.deepcopy(obj)
        assert shallow == obj == deep and shallow is not obj and deep is not obj
    deep_doc = copy.deepcopy(document)
    assert deep_doc.quotes[0].span is not document.quotes[0].span


def test_dataclasses_functions(document: Document) -> None:
    quote = document.quotes[0]
    assert [f.name for f in dataclasses.fields(Span)] == ["start", "end"]
    assert [f.name for f in dataclasses.fields(quote)][:3] == ["span", "text", "kind"]
    assert all(dataclasses.is_dataclass(obj) for obj in _objects_of(document))
    assert dataclasses.asdict(quote.span) == {"start": quote.span.start, "end": quote.span.end}
    assert dataclasses.asdict(document)["quotes"][0]["span"] == dataclasses.asdict(quote.span)
    assert dataclasses.astuple(quote.span) == (quote.span.start, quote.span.end)
    moved = dataclasses.replace(quote, paragraph=7)
    assert moved.paragraph == 7 and moved.span is quote.span and moved != quote
    assert dataclasses.replace(quote.span, end=quote.span.end + 1) == Span(quote.span.start, quote.span.end + 1)
    # replace() goes through __init__, so the checks still run.
    with pytest.raises(ValueError, match="start <= end"):
        dataclasses.replace(quote.span, start=quote.span.end + 1)
    with pytest.raises(ValueError, match="confidence"):
        dataclasses.replace(quote, confidence=1.5)


def test_json_round_trips(document: Document) -> None:
    for obj in _objects_of(document):
        cls = type(obj)
        assert cls.from_json(obj.to_json()) == obj
        assert cls.from_dict(obj.to_dict()) == obj
    assert document.to_dict()["quotes"][0]["span"] == document.quotes[0].span.to_dict()  # type: ignore[index]
    assert Document.from_json(document.to_json(indent=2)) == document


@pytest.mark.parametrize("name", ["start", "end", "other"])
def test_assigning_or_deleting_is_refused(document: Document, name: str) -> None:
    span = document.quotes[0].span
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(span, name, 1)
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
        delattr(span, name)
    assert dataclasses.astuple(span) == dataclasses.astuple(document.quotes[0].span)


def test_every_public_class_refuses_assignment(document: Document) -> None:
    for obj in _objects_of(document):
        first = dataclasses.fields(obj)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, first, None)
        with pytest.raises(AttributeError):  # FrozenInstanceError is an AttributeError
            obj.note = "x"


def test_weak_references(document: Document) -> None:
    for obj in _objects_of(document):
        assert weakref.ref(obj)() is obj
    cache: weakref.WeakValueDictionary[str, Speaker] = weakref.WeakValueDictionary()
    cache["first"] = document.speakers[0]
    assert cache["first"] is document.speakers[0]


def _describe(quote: Quote) -> str:
    match quote:
        case Quote(Span(start, end), text, QuoteKind.DIRECT, Speaker(name=name)):
            return f"{name} said {text!r} at {start}-{end}"
        case Quote(kind=QuoteKind.INDIRECT | QuoteKind.MIXED, speaker_mention=Mention(text=words)):
            return f"{words} reportedly said something"
        case _:
            return "unattributed"


def test_pattern_matching(document: Document) -> None:
    first = document.quotes[0]
    assert _describe(first) == f"Ana Lopez said {first.text!r} at {first.span.start}-{first.span.end}"
    assert "Tom Hardy said 'It is a gift to the rich,'" in [_describe(q).split(" at ")[0] for q in document.quotes]
    assert Span.__match_args__ == ("start", "end")
    match document:
        case Document(text=text, quotes=(Quote(span=span), *_)):
            assert span.slice(text) == first.text
        case _:
            pytest.fail("a Document with quotes must match")


# --- the unchecked builders ----------------------------------------------------------------------


def test_unchecked_spans_behave_like_constructed_ones(document: Document) -> None:
    for span in [q.span for q in document.quotes] + list(document.sentences):
        _assert_behaves_like(_unchecked_span(span.start, span.end), span)


@given(st.integers(0, 10**7), st.integers(0, 400), st.integers(0, 10**7), st.integers(0, 400))
def test_unchecked_spans_order_and_hash_like_constructed_ones(
    start: int, length: int, other: int, other_length: int
) -> None:
    built, constructed = _unchecked_span(start, start + length), Span(start, start + length)
    neighbour = _unchecked_span(other, other + other_length)
    assert (built < neighbour) == (constructed < Span(other, other + other_length))
    assert (built == neighbour) == (constructed == Span(other, other + other_length))
    assert hash(built) == hash(constructed)
    assert pickle.dumps(built) == pickle.dumps(constructed)


def test_unchecked_mentions_behave_like_constructed_ones(document: Document) -> None:
    for speaker in document.speakers:
        for mention in speaker.mentions:
            built = _unchecked_mention(mention.span.start, mention.span.end, mention.text, mention.kind)
            _assert_behaves_like(built, mention)
            _assert_behaves_like(built.span, mention.span)


def test_unchecked_speakers_and_quotes_behave_like_constructed_ones(document: Document) -> None:
    for speaker in document.speakers:
        values = dataclasses.astuple(speaker)  # field order
        shallow = [getattr(speaker, f.name) for f in dataclasses.fields(speaker)]
        assert len(values) == len(shallow)
        _assert_behaves_like(_unchecked_speaker(*shallow), Speaker(*shallow))
        _assert_behaves_like(_unchecked_speaker(*shallow), speaker)
    for quote in document.quotes:
        shallow = [getattr(quote, f.name) for f in dataclasses.fields(quote)]
        _assert_behaves_like(_unchecked_quote(*shallow), Quote(*shallow))
        _assert_behaves_like(_unchecked_quote(*shallow), quote)


def test_the_built_document_is_the_hand_built_one(document: Document) -> None:
    # Every object rebuilt through the public constructors only.
    def rebuilt_speaker(speaker: Speaker) -> Speaker:
        mentions = tuple(Mention(Span(m.span.start, m.span.end), m.text, m.kind) for m in speaker.mentions)
        return dataclasses.replace(speaker, mentions=mentions)

    speakers = {s.id: rebuilt_speaker(s) for s in document.speakers}
    quotes = tuple(
        Quote(Span(q.span.start, q.span.end), q.text, q.kind,
              speakers[q.speaker.id] if q.speaker is not None else None,
              q.speaker_mention, q.cue, q.confidence, q.paragraph, q.sentence, q.group, q.part)
        for q in document.quotes
    )
    by_hand = Document(
        text=document.text, quotes=quotes, speakers=tuple(speakers[s.id] for s in document.speakers),
        paragraphs=tuple(Span(p.start, p.end) for p in document.paragraphs),
        sentences=tuple(Span(s.start, s.end) for s in document.sentences),
        entities=tuple(rebuilt_speaker(e) for e in document.entities),
    )
    _assert_behaves_like(document, by_hand, same_sharing=False)


def test_candidates_stay_mutable() -> None:
    candidate = Candidate(Span(0, 4), QuoteKind.DIRECT)
    candidate.confidence = 0.9
    candidate.speaker_id = "E1"
    assert candidate == Candidate(Span(0, 4), QuoteKind.DIRECT, confidence=0.9, speaker_id="E1")
    assert pickle.loads(pickle.dumps(candidate)) == candidate


@pytest.mark.parametrize("cls", _PUBLIC)
def test_the_classes_keep_their_json_methods(cls: type) -> None:
    for method in ("to_json", "to_dict", "from_json", "from_dict", "schema"):
        assert callable(getattr(cls, method))
    slots = cls.__dict__["__slots__"]
    assert slots and "__dict__" not in slots


def test_speaker_kinds_survive_json(document: Document) -> None:
    kinds = {s.kind for s in Document.from_json(document.to_json()).entities}
    assert SpeakerKind.PERSON in kinds
