"""The data model: what every stage reads and writes, and what users get back.

Every public type is a frozen dataclass that serialises with dataclasses-json
(``to_dict()``, ``to_json()``, ``from_dict()``, ``from_json()``, ``schema()``), so
a whole :class:`Document` round-trips through JSON to an equal object.
dataclasses-json is imported on the first of those calls, not with quotetrack.

This module imports no pipeline stage; every stage imports it.

>>> doc = Document(text="Hi")
>>> Document.from_json(doc.to_json()) == doc
True
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import FrozenInstanceError, dataclass, field, fields
from enum import Enum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from dataclasses_json.core import Json
    from dataclasses_json.mm import JsonData, SchemaType

__all__ = [
    "Document",
    "Mention",
    "MentionKind",
    "Quote",
    "QuoteKind",
    "Speaker",
    "SpeakerKind",
    "Span",
]

_J = TypeVar("_J", bound="_JsonMixin")


class _JsonMixin:
    """The JSON methods of dataclasses-json's ``DataClassJsonMixin``, importing it on first use.

    dataclasses-json brings marshmallow, and the two take about half of the
    time ``import quotetrack`` would otherwise need, while most programs never
    serialise a document. Each method hands over to ``DataClassJsonMixin``'s own
    code, so the output is the same as inheriting from it.

    The model classes are slotted dataclasses: without a ``__dict__`` each object is one
    object for the cyclic garbage collector to track instead of two, and the GC's time grows
    with the number of objects a parse keeps alive. A base class without ``__slots__`` would
    give every instance a ``__dict__`` again; ``__weakref__`` keeps them weak-referenceable.
    """

    __slots__ = ("__weakref__",)

    # Read by dataclasses-json (letter case, undefined fields); None means its defaults.
    dataclass_json_config: ClassVar[dict[str, Any] | None] = None

    def to_json(
        self,
        *,
        skipkeys: bool = False,
        ensure_ascii: bool = True,
        check_circular: bool = True,
        allow_nan: bool = True,
        indent: int | str | None = None,
        separators: tuple[str, str] | None = None,
        default: Callable[[Any], Any] | None = None,
        sort_keys: bool = False,
        **kw: Any,
    ) -> str:
        """This object as a JSON string (``json.dumps`` options are passed through)."""
        text: str = _dataclasses_json().to_json(
            self,
            skipkeys=skipkeys,
            ensure_ascii=ensure_ascii,
            check_circular=check_circular,
            allow_nan=allow_nan,
            indent=indent,
            separators=separators,
            default=default,
            sort_keys=sort_keys,
            **kw,
        )
        return text

    def to_dict(self, encode_json: bool = False) -> dict[str, Json]:
        """This object as nested dicts and lists (JSON types only with ``encode_json=True``)."""
        values: dict[str, Json] = _dataclasses_json().to_dict(self, encode_json=encode_json)
        return values

    @classmethod
    def from_json(
        cls: type[_J],
        s: JsonData,
        *,
        parse_float: Callable[[str], Any] | None = None,
        parse_int: Callable[[str], Any] | None = None,
        parse_constant: Callable[[str], Any] | None = None,
        infer_missing: bool = False,
        **kw: Any,
    ) -> _J:
        """The object a :meth:`to_json` string describes."""
        from_json: Callable[..., _J] = _dataclasses_json().from_json.__func__
        return from_json(
            cls,
            s,
            parse_float=parse_float,
            parse_int=parse_int,
            parse_constant=parse_constant,
            infer_missing=infer_missing,
            **kw,
        )

    @classmethod
    def from_dict(cls: type[_J], kvs: Json, *, infer_missing: bool = False) -> _J:
        """The object a :meth:`to_dict` result describes."""
        from_dict: Callable[..., _J] = _dataclasses_json().from_dict.__func__
        return from_dict(cls, kvs, infer_missing=infer_missing)

    @classmethod
    def schema(
        cls: type[_J],
        *,
        infer_missing: bool = False,
        only: Any = None,
        exclude: Any = (),
        many: bool = False,
        context: Any = None,
        load_only: Any = (),
        dump_only: Any = (),
        partial: bool = False,
        unknown: Any = None,
    ) -> SchemaType[_J]:
        """A marshmallow schema for this class (see dataclasses-json)."""
        schema: Callable[..., SchemaType[_J]] = _dataclasses_json().schema.__func__
        return schema(
            cls,
            infer_missing=infer_missing,
            only=only,
            exclude=exclude,
            many=many,
            context=context,
            load_only=load_only,
            dump_only=dump_only,
            partial=partial,
            unknown=unknown,
        )


def _dataclasses_json() -> Any:
    """dataclasses-json's ``DataClassJsonMixin``, imported on first call."""
    global _MIXIN
    if _MIXIN is None:
        from dataclasses_json import DataClassJsonMixin

        # Nested values (a Quote's Span, a Document's Quotes) get a nested
        # schema only when their class counts as a DataClassJsonMixin.
        for cls in _JsonMixin.__subclasses__():
            DataClassJsonMixin.register(cls)
        _MIXIN = DataClassJsonMixin
    return _MIXIN


_MIXIN: Any = None


_object_setattr = object.__setattr__
_object_delattr = object.__delattr__


def _frozen_slots_behave_alike(cls: type[_J]) -> type[_J]:
    """Give a ``@dataclass(frozen=True, slots=True)`` class the pickling and the refusals
    a frozen dataclass with a ``__dict__`` has, the same on every Python >= 3.10.

    ``slots=True`` builds a new class, but the generated ``__setattr__`` still names the
    old one, so assigning a name that is not a field raises TypeError, not
    FrozenInstanceError (3.10 to 3.12 at least). The state pickled is the tuple of field
    values (smaller than a dict); 3.10 overwrites a ``__getstate__`` written in the class
    body, hence the assignment here. A dict state, pickled before the classes had slots,
    still loads.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values_of = attrgetter(*names)  # every model class has at least two fields: a tuple

    def __getstate__(self: _J) -> tuple[Any, ...]:
        state: tuple[Any, ...] = values_of(self)
        return state

    def __setstate__(self: _J, state: tuple[Any, ...] | dict[str, Any]) -> None:
        pairs = state.items() if isinstance(state, dict) else zip(names, state, strict=True)
        for name, value in pairs:
            _object_setattr(self, name, value)

    def __setattr__(self: _J, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        _object_setattr(self, name, value)

    def __delattr__(self: _J, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        _object_delattr(self, name)

    for method in (__getstate__, __setstate__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


@_frozen_slots_behave_alike
@dataclass(frozen=True, order=True, slots=True)
class Span(_JsonMixin):
    """A half-open character range ``[start, end)`` of the caller's text.

    Offsets are Python ``str`` indices (code points), so ``text[span.start:span.end]``
    is the spanned text, whatever the line endings or characters.

    >>> Span(4, 10).slice("Mr. Peskov said")
    'Peskov'
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError(f"Span offsets must be int, got {self.start!r} and {self.end!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Span needs 0 <= start <= end, got start={self.start}, end={self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """The part of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


class QuoteKind(str, Enum):
    """How a quote reaches the reader.

    - ``DIRECT``: the speaker's words inside quote marks.
    - ``MIXED``: reported speech that carries a quoted fragment.
    - ``INDIRECT``: reported speech with no quote marks.
    """

    DIRECT = "direct"
    MIXED = "mixed"
    INDIRECT = "indirect"


class MentionKind(str, Enum):
    """What sort of words name a speaker."""

    NAME = "name"  # "Peskov", "Dmitry Peskov"
    TITLE_NAME = "title_name"  # "Kremlin spokesman Dmitry Peskov"
    ROLE = "role"  # "his spokesman", "the Ukrainian leader"
    PRONOUN = "pronoun"  # "he", "she", "they", "it"
    ORGANISATION = "organisation"  # "the Kremlin", "BT"
    OTHER = "other"  # anything the mention finder could not classify


class SpeakerKind(str, Enum):
    """What sort of entity a speaker is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    UNKNOWN = "unknown"


@_frozen_slots_behave_alike
@dataclass(frozen=True, slots=True)
class Mention(_JsonMixin):
    """Words in the text that name (or point to) a speaker."""

    span: Span
    text: str
    kind: MentionKind = MentionKind.OTHER


@_frozen_slots_behave_alike
@dataclass(frozen=True, slots=True)
class Speaker(_JsonMixin):
    """An entity that says things: a person or an organisation.

    ``name`` is the canonical (fullest) name; ``mentions`` are all the places in
    the document that refer to it, and ``aliases`` the other ways it is named.
    """

    id: str
    name: str
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # What the text says about the entity: "President" (title), "spokesman" (role),
    # "Kremlin" (affiliation), "Russia" (country), "m"/"f" (gender, when known).
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    gender: str | None = None


@_frozen_slots_behave_alike
@dataclass(frozen=True, slots=True)
class Quote(_JsonMixin):
    """One piece of attributed speech.

    ``span`` covers the content (quote marks excluded for direct quotes) and
    ``text`` is exactly ``document.text[span.start:span.end]``.

    The parts of one quote split around its cue (``"A," she said, "B."``) share
    the same ``group``; ``part`` numbers them from 0 in reading order.
    """

    span: Span
    text: str
    kind: QuoteKind
    speaker: Speaker | None = None
    speaker_mention: Mention | None = None
    cue: Span | None = None
    confidence: float = 0.0
    paragraph: int = 0
    sentence: int = 0
    group: int = 0
    part: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Quote.confidence must be in [0, 1], got {self.confidence!r}")

    @property
    def speaker_name(self) -> str | None:
        """The canonical speaker name, else the mention's words, else None."""
        if self.speaker is not None:
            return self.speaker.name
        if self.speaker_mention is not None:
            return self.speaker_mention.text
        return None


@_frozen_slots_behave_alike
@dataclass(frozen=True, slots=True)
class Document(_JsonMixin):
    """Everything quotetrack found in one text.

    ``speakers`` are the entities that say something (each quote's ``speaker`` is
    one of them); ``entities`` are all the people and organisations named.

    >>> doc = Document(text="")
    >>> doc.quotes, doc.speakers
    ((), ())
    """

    text: str
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    # Every person and organisation the text names, whether or not they speak.
    entities: tuple[Speaker, ...] = ()

    def __iter__(self) -> Iterator[Quote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    def quotes_by(self, speaker_name: str) -> tuple[Quote, ...]:
        """Quotes whose speaker is ``speaker_name`` (its canonical name or an alias,
        or the words of the speaker mention), compared case-insensitively."""
        wanted = speaker_name.casefold()
        return tuple(q for q in self.quotes if wanted in _names_of(q))

    def parts_of(self, quote: Quote) -> tuple[Quote, ...]:
        """All parts of the quote that ``quote`` belongs to, in reading order."""
        return tuple(q for q in self.quotes if q.group == quote.group)


def _names_of(quote: Quote) -> set[str]:
    names: set[str] = set()
    if quote.speaker is not None:
        names.add(quote.speaker.name.casefold())
        names.update(alias.casefold() for alias in quote.speaker.aliases)
    if quote.speaker_mention is not None:
        names.add(quote.speaker_mention.text.casefold())
    return names


# --- Unchecked builders (internal) ---
#
# A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` and
# runs ``__post_init__``: about 3 µs for a Speaker. The stages build thousands of these
# from values that are valid by construction (offsets read from the text, confidences
# already clamped), so they make the instance with ``object.__new__`` and fill each
# field's slot through the slot's own setter (a C call, with no attribute lookup; the
# class's ``__setattr__`` refuses because it is frozen). The objects are the same as the
# constructor's: equal, same hash, repr, pickle and JSON (tests/test_model_slots.py and
# tests/test_coreference_speed_paths.py check this).

_new_instance = object.__new__


def _slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The setter of each field's slot of a slotted dataclass, in field order."""
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


_set_span_start, _set_span_end = _slot_setters(Span)
_set_mention_span, _set_mention_text, _set_mention_kind = _slot_setters(Mention)
(
    _set_speaker_id, _set_speaker_name, _set_speaker_kind, _set_speaker_aliases, _set_speaker_mentions,
    _set_speaker_title, _set_speaker_role, _set_speaker_affiliation, _set_speaker_country, _set_speaker_gender,
) = _slot_setters(Speaker)
(
    _set_quote_span, _set_quote_text, _set_quote_kind, _set_quote_speaker, _set_quote_speaker_mention,
    _set_quote_cue, _set_quote_confidence, _set_quote_paragraph, _set_quote_sentence, _set_quote_group,
    _set_quote_part,
) = _slot_setters(Quote)


def _unchecked_span(start: int, end: int) -> Span:
    """``Span(start, end)`` for offsets read from the text (so ``0 <= start <= end`` holds),
    built without the checks, which cost as much as the rule that found the offsets.

    >>> _unchecked_span(3, 9) == Span(3, 9), repr(_unchecked_span(3, 9))
    (True, 'Span(start=3, end=9)')
    """
    span: Span = _new_instance(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    return span


def _unchecked_mention(start: int, end: int, text: str, kind: MentionKind) -> Mention:
    """``Mention(Span(start, end), text, kind)`` for offsets read from the text, built without
    ``__init__``; the span is built inline, as in :func:`_unchecked_span`, because the mention
    stage builds thousands per document.

    >>> _unchecked_mention(4, 10, "Peskov", MentionKind.NAME) == Mention(Span(4, 10), "Peskov", MentionKind.NAME)
    True
    """
    span: Span = _new_instance(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    mention: Mention = _new_instance(Mention)
    _set_mention_span(mention, span)
    _set_mention_text(mention, text)
    _set_mention_kind(mention, kind)
    return mention


def _unchecked_speaker(
    id: str, name: str, kind: SpeakerKind, aliases: tuple[str, ...], mentions: tuple[Mention, ...],
    title: str | None, role: str | None, affiliation: str | None, country: str | None, gender: str | None,
) -> Speaker:
    """``Speaker(...)`` with every field given, in field order, built without ``__init__``."""
    speaker: Speaker = _new_instance(Speaker)
    _set_speaker_id(speaker, id)
    _set_speaker_name(speaker, name)
    _set_speaker_kind(speaker, kind)
    _set_speaker_aliases(speaker, aliases)
    _set_speaker_mentions(speaker, mentions)
    _set_speaker_title(speaker, title)
    _set_speaker_role(speaker, role)
    _set_speaker_affiliation(speaker, affiliation)
    _set_speaker_country(speaker, country)
    _set_speaker_gender(speaker, gender)
    return speaker


def _unchecked_quote(
    span: Span, text: str, kind: QuoteKind, speaker: Speaker | None, speaker_mention: Mention | None,
    cue: Span | None, confidence: float, paragraph: int, sentence: int, group: int, part: int,
) -> Quote:
    """``Quote(...)`` with every field given, in field order, without the confidence check:
    the caller has clamped ``confidence`` to [0, 1]."""
    quote: Quote = _new_instance(Quote)
    _set_quote_span(quote, span)
    _set_quote_text(quote, text)
    _set_quote_kind(quote, kind)
    _set_quote_speaker(quote, speaker)
    _set_quote_speaker_mention(quote, speaker_mention)
    _set_quote_cue(quote, cue)
    _set_quote_confidence(quote, confidence)
    _set_quote_paragraph(quote, paragraph)
    _set_quote_sentence(quote, sentence)
    _set_quote_group(quote, group)
    _set_quote_part(quote, part)
    return quote


# --- Working state shared by the pipeline stages (internal, not re-exported) ---


@dataclass(slots=True)
class Candidate:
    """A quote while the stages are still working on it (mutable, internal)."""

    span: Span
    kind: QuoteKind
    paragraph: int = 0
    sentence: int = 0
    cue: Span | None = None
    speaker_mention: Mention | None = None
    speaker_id: str | None = None
    confidence: float = 0.5
    group: int = -1
    part: int = 0
    # Where the quote marks stand (direct quotes): the span plus its marks.
    outer: Span | None = None
    # The words where the cue's frame puts the speaker ("Peskov" in "“…,” Peskov
    # said"); the mention stage reads the speaker mention out of it.
    speaker_slot: Span | None = None
    # Short name of the rule that found the quote, for debugging and confidence.
    evidence: str = ""


@dataclass(slots=True)
class Analysis:
    """The working state one document passes through the stages with.

    Each stage reads what earlier stages wrote and fills in its own fields.
    """

    text: str
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    # Index into ``paragraphs`` of each sentence.
    sentence_paragraph: list[int] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    # The speaker id each resolved mention refers to (coreference fills it).
    mention_speaker: dict[Span, str] = field(default_factory=dict)
    # Quoted fragments that are not speech by themselves (marks included): scare
    # quotes and terms, which reported speech around them turns into mixed quotes.
    fragments: list[Span] = field(default_factory=list)
    # Start offsets, built on first use, once segmentation has run.
    _paragraph_starts: list[int] | None = field(default=None, repr=False)
    _sentence_starts: list[int] | None = field(default=None, repr=False)

    def paragraph_at(self, position: int) -> int:
        """Index of the paragraph that holds (or last began before) ``position``; 0 if there is none."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [p.start for p in self.paragraphs]
        return max(0, bisect_right(self._paragraph_starts, position) - 1)

    def sentence_at(self, position: int) -> int:
        """Index of the sentence that holds (or last began before) ``position``; 0 if there is none."""
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in self.sentences]
        return max(0, bisect_right(self._sentence_starts, position) - 1)
