"""Who said what across many documents: the :class:`Tracker`.

Within one document coreference already groups the ways a speaker is named.
The tracker joins those speakers *across* documents, by name:

- a full personal name joins the same full name in every document
  ("Dmitry Peskov" here and there);
- a bare surname ("Peskov") joins a full name only when exactly one known
  person has that surname; when two do ("Hillary Clinton" and "Bill Clinton"),
  the bare "Clinton" stays a speaker of its own, marked ``ambiguous``.
  Different first names are never joined;
- organisations join by name, a leading "the" and letter case aside
  ("the White House" = "White House");
- speakers of kind ``unknown`` (descriptions such as "a senior official")
  are never joined across documents;
- an optional gazetteer of known people and organisations
  (:class:`GazetteerEntry`) fixes canonical names and links aliases that no
  rule could ("Zelenskiy" to "Volodymyr Zelensky").

How the speakers are joined is worked out from everything added so far, so
the result does not depend on the order the documents came in, and two
trackers merged equal one tracker fed all their documents.

>>> tracker = Tracker()
>>> tracker.add("“The talks were useful,” Dmitry Peskov told reporters.", doc_id="a")
'a'
>>> tracker.add("Peskov said the talks would go on.", doc_id="b")
'b'
>>> [(s.name, s.quote_count, s.document_count) for s in tracker.speakers()]
[('Dmitry Peskov', 2, 2)]
>>> [(r.doc_id, r.quote.text) for r in tracker.quotes_by("peskov")]
[('a', 'The talks were useful,'), ('b', 'the talks would go on')]
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from itertools import tee
from typing import IO, Any, NamedTuple

from ._parallel import resolve_jobs
from .config import Config
from .model import Document, Quote, Speaker, SpeakerKind
from .parser import Parser, Stage

__all__ = [
    "RECORD_FIELDS",
    "GazetteerEntry",
    "SpeakerSummary",
    "TrackedQuote",
    "Tracker",
    "format_by_speaker",
]

# The fields of one exported quote record (to_json, write_jsonl, to_dataframe), in column order.
RECORD_FIELDS = (
    "doc_id",
    "date",
    "speaker",
    "speaker_id",
    "speaker_kind",
    "kind",
    "text",
    "start",
    "end",
    "mention",
    "cue",
    "confidence",
)

DateLike = date | str | None
# What add_many takes for one document: a Document or text, a (doc_id, document) or
# (doc_id, document, date) tuple, or a mapping with "text" (or "document") and optional "doc_id"/"id", "date".
Item = Document | str | tuple[Any, ...] | Mapping[str, Any]

# Generational suffixes are not surnames: "Martin Luther King Jr." is a King.
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})


# --- public types ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GazetteerEntry:
    """A person or organisation you know about, to seed a :class:`Tracker` with.

    Attributes:
        name: the canonical name every match is reported under.
        aliases: other names for the same entity ("Zelenskiy", "Volodymyr
            Zelenskyy"); a one-word alias is also read as a surname.
        titles: titles and roles ("President", "spokesman") that pick this
            entry when a bare surname could be several known people.
        kind: ``SpeakerKind.PERSON`` (default) or ``SpeakerKind.ORGANISATION``.

    >>> GazetteerEntry("Volodymyr Zelensky", aliases=["Zelenskiy"]).aliases
    ('Zelenskiy',)
    """

    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    kind: SpeakerKind = SpeakerKind.PERSON

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _key(self.name):
            raise ValueError(f"GazetteerEntry.name must be a non-empty string, got {self.name!r}")
        object.__setattr__(self, "name", " ".join(self.name.split()))
        for attribute in ("aliases", "titles"):
            object.__setattr__(self, attribute, _strings(f"GazetteerEntry.{attribute}", getattr(self, attribute)))
        try:
            kind = SpeakerKind(self.kind)
        except ValueError:
            kind = SpeakerKind.UNKNOWN
        if kind is SpeakerKind.UNKNOWN:
            raise ValueError(f"GazetteerEntry.kind must be 'person' or 'organisation', got {self.kind!r}")
        object.__setattr__(self, "kind", kind)


@dataclass(frozen=True)
class SpeakerSummary:
    """One speaker of a :class:`Tracker`: a row of :meth:`Tracker.speakers`.

    ``id`` is stable: it comes from the kind and the name, not from the order
    the documents were added. ``ambiguous`` is True for a bare surname that
    several known people share, whose quotes could not be given to one of them.
    """

    id: str
    name: str
    kind: SpeakerKind
    quote_count: int
    document_count: int
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False


@dataclass(frozen=True)
class TrackedQuote:
    """A quote as the tracker keeps it: where it came from, and who said it.

    ``speaker`` is the tracker's canonical name for the speaker (None when the
    quote has no speaker), which may differ from ``quote.speaker.name``, the
    name used in the document. ``quote.speaker`` keeps the document's speaker
    without its mentions (the tracker does not keep the article text they point to).
    """

    doc_id: str
    date: date | None
    quote: Quote
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_kind: SpeakerKind | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready record with the fields of :data:`RECORD_FIELDS`."""
        quote = self.quote
        return {
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date is not None else None,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "speaker_kind": self.speaker_kind.value if self.speaker_kind is not None else None,
            "kind": quote.kind.value,
            "text": quote.text,
            "start": quote.span.start,
            "end": quote.span.end,
            "mention": quote.speaker_mention.text if quote.speaker_mention is not None else None,
            "cue": self.cue,
            "confidence": quote.confidence,
        }


# --- internal state ---------------------------------------------------------------------------------------

# A speaker as one document gives it, before joining: (kind, name key, extra).
# kind is "person" (a full name), "surname" (a bare surname; extra holds its titles and roles),
# "organisation", or "unknown" (key is the doc id and extra the document's speaker id: never joined).
_Local = tuple[str, str, tuple[str, ...]]


class _Entry(NamedTuple):
    """One quote, compactly: no document text, the speaker without its mentions (a tuple: small, picklable)."""

    doc_id: str
    date: date | None
    quote: Quote
    local: _Local | None
    cue: str | None

    def sort_key(self) -> tuple[int, str, str, int, int, int, int]:
        # Dated records first, by date; then by document and position: the same for any adding order.
        dated = (0, self.date.isoformat()) if self.date is not None else (1, "")
        span = self.quote.span
        return (*dated, self.doc_id, span.start, span.end, self.quote.group, self.quote.part)


@dataclass
class _LocalInfo:
    """How the documents name one local speaker: display forms (per document) and short forms."""

    names: Counter[str] = field(default_factory=Counter)
    short_forms: set[str] = field(default_factory=set)

    def merged(self, other: _LocalInfo) -> _LocalInfo:
        return _LocalInfo(self.names + other.names, self.short_forms | other.short_forms)


@dataclass
class _Cluster:
    """A speaker while the joining runs; ``name`` and ``aliases`` are read only once it is done."""

    id: str
    kind: SpeakerKind
    names: Counter[str] = field(default_factory=Counter)
    fixed_name: str | None = None
    extra_aliases: tuple[str, ...] = ()
    ambiguous: bool = False

    @cached_property
    def name(self) -> str:
        if self.fixed_name is not None:
            return self.fixed_name
        # A full name before a bare surname, then the commonest form, then alphabetical order:
        # the same whatever order the documents came in.
        return min(self.names.items(), key=lambda item: (_is_bare(item[0]), -item[1], item[0]))[0]

    @cached_property
    def aliases(self) -> tuple[str, ...]:
        name = self.name
        return tuple(sorted({*self.names, *self.extra_aliases} - {name}, key=lambda a: (a.casefold(), a)))


@dataclass
class _Resolution:
    """Everything worked out from the tracker's state at one time; rebuilt after any change."""

    cluster_of: dict[_Local, str]
    clusters: dict[str, _Cluster]
    entries_of: dict[str, list[int]]
    by_name: dict[str, set[str]]
    by_surname: dict[str, set[str]]


class _Gazetteer:
    """Dict indexes over the entries: by name, by alias, by surname; first names and titles per entry."""

    def __init__(self, entries: Sequence[GazetteerEntry]) -> None:
        self.entries = tuple(entries)
        self.by_name: dict[str, int] = {}
        self.by_alias: dict[str, set[int]] = {}
        self.by_surname: dict[str, set[int]] = {}
        self.first_names: list[set[str]] = []
        self.titles: list[frozenset[str]] = []
        self.by_cluster_id: dict[str, int] = {}
        for number, entry in enumerate(self.entries):
            self._index(number, entry)

    def _index(self, number: int, entry: GazetteerEntry) -> None:
        name_key = _key(entry.name)
        if name_key in self.by_name:
            other = self.entries[self.by_name[name_key]].name
            raise ValueError(f"the gazetteer names {other!r} twice ({entry.name!r}); give each entry once")
        self.by_name[name_key] = number
        self.by_cluster_id[f"{entry.kind.value}:{name_key}"] = number
        firsts: set[str] = set()
        for alias in entry.aliases:
            self.by_alias.setdefault(_key(alias), set()).add(number)
        if entry.kind is SpeakerKind.PERSON:
            for form in (entry.name, *entry.aliases):
                tokens = _key(form).split()
                self.by_surname.setdefault(_surname(tokens), set()).add(number)
                if not _is_bare(form):
                    firsts.add(tokens[0])
        self.first_names.append(firsts)
        self.titles.append(frozenset(title.casefold() for title in entry.titles))

    def exact(self, key: str, titles: tuple[str, ...]) -> int | None:
        if key in self.by_name:
            return self.by_name[key]
        return self.pick(self.by_alias.get(key, set()), titles)

    def pick(self, candidates: set[int], titles: tuple[str, ...]) -> int | None:
        """The one candidate, or the one whose titles the speaker bears; None when it stays ambiguous."""
        if len(candidates) == 1:
            return next(iter(candidates))
        titled = {number for number in candidates if self.titles[number] & set(titles)}
        return next(iter(titled)) if len(titled) == 1 else None

    def cluster_id(self, number: int) -> str:
        entry = self.entries[number]
        return f"{entry.kind.value}:{_key(entry.name)}"


# --- the tracker ------------------------------------------------------------------------------------------


class Tracker:
    """Collects the quotes of many documents and joins their speakers across documents.

    Args:
        gazetteer: known people and organisations, as :class:`GazetteerEntry`
            objects or mappings with the same keys (``name``, ``aliases``,
            ``titles``, ``kind``).
        parser: the :class:`~quotetrack.Parser` for texts passed to :meth:`add`.
        config: or the :class:`~quotetrack.Config` to build one from (lazily,
            on the first text). Give at most one of the two.

    The tracker keeps one compact record per quote (the quote's own text,
    offsets and speaker), never the article text. It pickles (the parser is
    rebuilt from its config and stages) and merges with :meth:`merge`.
    """

    def __init__(
        self,
        *,
        gazetteer: Iterable[GazetteerEntry | Mapping[str, Any]] = (),
        parser: Parser | None = None,
        config: Config | None = None,
    ) -> None:
        if parser is not None and config is not None:
            raise ValueError("Tracker takes parser=... or config=..., not both: a parser already has its config")
        if parser is not None and not isinstance(parser, Parser):
            raise TypeError(f"Tracker(parser=...) takes a quotetrack.Parser, got {type(parser).__name__}")
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"Tracker(config=...) takes a quotetrack.Config, got {type(config).__name__}")
        self._gazetteer = _Gazetteer(_gazetteer_entries(gazetteer))
        self._parser = parser
        self._config = parser.config if parser is not None else config
        self._stages: tuple[tuple[str, Stage], ...] | None = parser.stages if parser is not None else None
        self._documents: dict[str, date | None] = {}
        self._entries: list[_Entry] = []
        self._locals: dict[_Local, _LocalInfo] = {}
        # Full personal names of every person any document names, quoted or not, with their forms:
        # a bare surname joins a full name only if it is the only one with that surname.
        self._known: dict[str, Counter[str]] = {}
        self._resolution: _Resolution | None = None

    # --- adding ---------------------------------------------------------------------------------------

    def add(self, document: Document | str, *, doc_id: str | None = None, date: DateLike = None) -> str:
        """Add one document (or a text, which is parsed first) and return its id.

        Args:
            document: a :class:`~quotetrack.Document` or the text of an article.
            doc_id: a unique id; by default ``"sha-"`` and 16 hex digits of the
                SHA-256 of the text, the same in every process.
            date: a :class:`datetime.date`, a ``datetime`` (its day is kept) or an
                ISO string such as ``"2024-05-01"``.

        Raises ValueError when a document with the same id was already added.
        """
        doc_id, day = self._checked_id(document, doc_id), _checked_date(date)
        parsed = self._parse(document) if isinstance(document, str) else document
        self._record(parsed, doc_id, day)
        return doc_id

    def add_many(self, items: Iterable[Item], *, n_jobs: int = 1) -> int:
        """Add many documents; return how many were added.

        Each item is a :class:`~quotetrack.Document` or a text, a tuple
        ``(doc_id, document_or_text)`` or ``(doc_id, document_or_text, date)``,
        or a mapping with ``"text"`` (or ``"document"``) and optional
        ``"doc_id"`` (or ``"id"``) and ``"date"``. Texts are parsed in
        ``n_jobs`` processes as :meth:`Parser.parse_many <quotetrack.Parser.parse_many>`
        does (under ``if __name__ == "__main__":`` in a script); the items are read lazily.
        """
        if isinstance(items, (str, Document)) or not isinstance(items, Iterable):
            raise TypeError(f"add_many takes an iterable of documents or texts, got {type(items).__name__}")
        resolve_jobs(n_jobs)  # a bad n_jobs fails now, not at the first text
        unpacked = (_unpacked(item, position) for position, item in enumerate(items))
        if n_jobs == 1:
            pairs: Iterator[tuple[Document, str | None, DateLike, object]] = (
                (self._parse(d) if isinstance(d, str) else d, i, day, d) for d, i, day in unpacked
            )
        else:
            pairs = self._parsed_in_processes(unpacked, n_jobs)
        added = 0
        for parsed, doc_id, day, original in pairs:
            # The id of an unnamed text is the hash of the text itself, whichever way it was parsed.
            self.add(parsed, doc_id=self._checked_id(original, doc_id), date=day)
            added += 1
        return added

    def _parsed_in_processes(
        self, unpacked: Iterator[tuple[Document | str, str | None, DateLike]], n_jobs: int
    ) -> Iterator[tuple[Document, str | None, DateLike, object]]:
        walk, feed = tee(unpacked)
        texts = (document for document, _, _ in feed if isinstance(document, str))
        parsed = self._parser_now().parse_many(texts, n_jobs)
        for document, doc_id, day in walk:
            yield (next(parsed) if isinstance(document, str) else document), doc_id, day, document

    def _record(self, document: Document, doc_id: str, day: date | None) -> None:
        locals_of: dict[str, _Local] = {}
        slim: dict[str, Speaker] = {}
        entries = []
        for quote in document.quotes:
            speaker = quote.speaker
            if speaker is not None and speaker.id not in locals_of:
                locals_of[speaker.id] = self._note_speaker(speaker, doc_id)
                slim[speaker.id] = replace(speaker, mentions=())
            local = locals_of[speaker.id] if speaker is not None else None
            kept = replace(quote, speaker=slim[speaker.id]) if speaker is not None else quote
            cue = quote.cue.slice(document.text) if quote.cue is not None else None
            entries.append(_Entry(doc_id, day, kept, local, cue))
        self._note_known_names(document)
        self._documents[doc_id] = day
        self._entries.extend(entries)
        self._resolution = None

    def _note_speaker(self, speaker: Speaker, doc_id: str) -> _Local:
        local = _local_of(speaker, doc_id)
        info = self._locals.setdefault(local, _LocalInfo())
        info.names[" ".join(speaker.name.split())] += 1
        info.short_forms.update(_short_forms(speaker))
        return local

    def _note_known_names(self, document: Document) -> None:
        # Quoted speakers are entities too; the union guards a document built by hand that lists them only once.
        seen: set[str] = set()
        speakers = (quote.speaker for quote in document.quotes if quote.speaker is not None)
        for entity in (*document.entities, *speakers):
            if entity.id not in seen:
                seen.add(entity.id)
                self._note_known_name(entity)

    def _note_known_name(self, entity: Speaker) -> None:
        if entity.kind is SpeakerKind.PERSON and _key(entity.name) and not _is_bare(entity.name):
            self._known.setdefault(_key(entity.name), Counter())[" ".join(entity.name.split())] += 1

    # --- merging and pickling -----------------------------------------------------------------------------

    def merge(self, other: Tracker) -> Tracker:
        """Add everything ``other`` holds to this tracker and return this tracker.

        The result equals one tracker fed the documents of both. Both must have
        the same gazetteer, and no document id may be in both.
        """
        if not isinstance(other, Tracker):
            raise TypeError(f"Tracker.merge takes a Tracker, got {type(other).__name__}")
        if other._gazetteer.entries != self._gazetteer.entries:
            raise ValueError("Tracker.merge needs trackers with the same gazetteer; build both with the same entries")
        shared = sorted(set(self._documents) & set(other._documents))
        if shared:
            raise ValueError(f"Tracker.merge: {len(shared)} document id(s) are in both trackers, e.g. {shared[:3]}")
        self._documents.update(other._documents)
        self._entries.extend(other._entries)
        for local, info in other._locals.items():
            mine = self._locals.get(local)
            self._locals[local] = info.merged(mine) if mine is not None else info.merged(_LocalInfo())
        for key, forms in other._known.items():
            self._known[key] = self._known.get(key, Counter()) + forms
        self._resolution = None
        return self

    @classmethod
    def combine(cls, *trackers: Tracker) -> Tracker:
        """A new tracker holding everything in ``trackers`` (per-partition trackers, say).

        >>> a, b = Tracker(), Tracker()
        >>> _ = a.add("“Prices will fall,” Ana Ruiz said.", doc_id="1")
        >>> _ = b.add("Ruiz said that rates would rise.", doc_id="2")
        >>> [(s.name, s.quote_count) for s in Tracker.combine(a, b).speakers()]
        [('Ana Ruiz', 2)]
        """
        if not trackers:
            raise ValueError("Tracker.combine needs at least one Tracker")
        first = trackers[0]
        if not isinstance(first, Tracker):
            raise TypeError(f"Tracker.combine takes Trackers, got {type(first).__name__}")
        combined = cls(gazetteer=first._gazetteer.entries, config=first._config)
        combined._stages = first._stages
        for tracker in trackers:
            combined.merge(tracker)
        return combined

    def __getstate__(self) -> dict[str, Any]:
        # The parser holds the word lists: it is rebuilt from config and stages, not pickled.
        state = dict(self.__dict__)
        state["_parser"] = None
        state["_resolution"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tracker):
            return NotImplemented
        return (
            self._gazetteer.entries == other._gazetteer.entries
            and self._documents == other._documents
            and self._locals == other._locals
            and self._known == other._known
            and _sorted(self._entries) == _sorted(other._entries)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable: equal trackers may change apart

    def __repr__(self) -> str:
        return f"Tracker(documents={self.document_count}, quotes={self.quote_count})"

    # --- answers -------------------------------------------------------------------------------------------

    @property
    def document_count(self) -> int:
        """How many documents were added."""
        return len(self._documents)

    @property
    def quote_count(self) -> int:
        """How many quotes the documents hold, with or without a speaker."""
        return len(self._entries)

    def speakers(self) -> list[SpeakerSummary]:
        """Every speaker with their quote count, most quoted first, then by name."""
        resolution = self._resolved()
        rows = [self._summary(resolution, cluster_id) for cluster_id in resolution.entries_of]
        return sorted(rows, key=lambda row: (-row.quote_count, row.name.casefold(), row.name, row.id))

    def quotes_by(self, name: str) -> list[TrackedQuote]:
        """The quotes of every speaker whose canonical name or an alias is ``name``.

        Names are compared without regard to case, accents or a leading "the".
        A name several speakers go by finds them all: a surname alone finds
        every person who has it ("Clinton" finds Hillary, Bill and a bare
        "Clinton"; ask for "Bill Clinton" to have one). Quotes come by date
        (undated last), then document id, then position.
        """
        if not isinstance(name, str) or not _key(name):
            raise ValueError(f"quotes_by takes a speaker's name as a non-empty string, got {name!r}")
        resolution = self._resolved()
        wanted = self._clusters_named(resolution, _key(name))
        entries = _sorted(self._entries[i] for cluster_id in wanted for i in resolution.entries_of.get(cluster_id, ()))
        return [self._tracked(resolution, entry) for entry in entries]

    def records(self) -> list[TrackedQuote]:
        """Every quote, by date (undated last), then document id, then position."""
        resolution = self._resolved()
        return [self._tracked(resolution, entry) for entry in _sorted(self._entries)]

    def counts_by_document(self, speaker: str | None = None) -> dict[str, int]:
        """How many quotes each document holds (only ``speaker``'s, when given), by document id.

        Documents with no such quote are left out.
        """
        counts = Counter(entry.doc_id for entry in self._entries_of(speaker))
        return dict(sorted(counts.items()))

    def counts_by_date(self, speaker: str | None = None) -> dict[date | None, int]:
        """How many quotes were published each day (only ``speaker``'s, when given), oldest first.

        Quotes from documents added without a date are counted under ``None``, last.
        """
        counts = Counter(entry.date for entry in self._entries_of(speaker))
        dated = sorted((day, count) for day, count in counts.items() if day is not None)
        undated = [(None, counts[None])] if None in counts else []
        return dict([*dated, *undated])

    # --- exports ---------------------------------------------------------------------------------------------

    def to_json(self, *, indent: int | None = None) -> str:
        """All quote records (see :data:`RECORD_FIELDS`) as a JSON array, in :meth:`records` order."""
        return json.dumps([record.to_dict() for record in self.records()], ensure_ascii=False, indent=indent)

    def write_jsonl(self, path_or_file: str | os.PathLike[str] | IO[str]) -> int:
        """Write one JSON record per line (UTF-8) to a path or an open text file; return how many."""
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, "w", encoding="utf-8", newline="\n") as file:
                return self._write_lines(file)
        if isinstance(path_or_file, (io.RawIOBase, io.BufferedIOBase)) or not hasattr(path_or_file, "write"):
            raise TypeError(
                f"write_jsonl takes a path or a file opened in text mode ('w'), got {type(path_or_file).__name__}"
            )
        return self._write_lines(path_or_file)

    def _write_lines(self, file: IO[str]) -> int:
        records = self.records()
        for record in records:
            file.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        return len(records)

    def to_dataframe(self) -> Any:
        """The quote records as a pandas DataFrame (columns: :data:`RECORD_FIELDS`; ``date`` as datetime64).

        Needs pandas, which quotetrack does not depend on: ``pip install pandas``.
        """
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as error:
            raise ImportError("Tracker.to_dataframe needs pandas: pip install pandas") from error
        rows = [record.to_dict() for record in self.records()]
        frame = pandas.DataFrame(rows, columns=list(RECORD_FIELDS))
        frame["date"] = pandas.to_datetime(frame["date"])
        return frame

    # --- internals ---------------------------------------------------------------------------------------------

    def _checked_id(self, document: object, doc_id: str | None) -> str:
        if not isinstance(document, (Document, str)):
            if isinstance(document, (bytes, bytearray)):
                raise TypeError("Tracker takes text as str, got bytes: decode it first, e.g. data.decode('utf-8')")
            raise TypeError(f"Tracker takes a quotetrack.Document or a text, got {type(document).__name__}")
        if doc_id is None:
            doc_id = _text_id(document.text if isinstance(document, Document) else document)
        elif not isinstance(doc_id, str) or not doc_id:
            raise TypeError(f"doc_id must be a non-empty str (e.g. str(number)), got {doc_id!r}")
        if doc_id in self._documents:
            raise ValueError(
                f"a document with id {doc_id!r} was already added; give each document its own doc_id "
                "(a document added without one is named after a hash of its text)"
            )
        return doc_id

    def _parse(self, text: str) -> Document:
        return self._parser_now().parse(text)

    def _parser_now(self) -> Parser:
        if self._parser is None:
            self._parser = Parser(self._config, stages=self._stages)
        return self._parser

    def _entries_of(self, speaker: str | None) -> Iterable[_Entry]:
        if speaker is None:
            return self._entries
        return [self._entries[i] for i in self._positions_of(speaker)]

    def _positions_of(self, name: str) -> list[int]:
        if not isinstance(name, str) or not _key(name):
            raise ValueError(f"speaker must be a speaker's name as a non-empty string, got {name!r}")
        resolution = self._resolved()
        wanted = self._clusters_named(resolution, _key(name))
        return [i for cluster_id in wanted for i in resolution.entries_of.get(cluster_id, ())]

    @staticmethod
    def _clusters_named(resolution: _Resolution, key: str) -> set[str]:
        found = resolution.by_name.get(key, set())
        if len(key.split()) == 1:
            # A surname alone finds every person who has it: "Clinton" asks for all the Clintons.
            found = found | resolution.by_surname.get(key, set())
        return found

    def _summary(self, resolution: _Resolution, cluster_id: str) -> SpeakerSummary:
        cluster = resolution.clusters[cluster_id]
        positions = resolution.entries_of[cluster_id]
        documents = {self._entries[i].doc_id for i in positions}
        return SpeakerSummary(
            cluster.id, cluster.name, cluster.kind, len(positions), len(documents), cluster.aliases, cluster.ambiguous
        )

    @staticmethod
    def _tracked(resolution: _Resolution, entry: _Entry) -> TrackedQuote:
        if entry.local is None:
            return TrackedQuote(entry.doc_id, entry.date, entry.quote, cue=entry.cue)
        cluster = resolution.clusters[resolution.cluster_of[entry.local]]
        return TrackedQuote(entry.doc_id, entry.date, entry.quote, cluster.name, cluster.id, cluster.kind, entry.cue)

    def _resolved(self) -> _Resolution:
        if self._resolution is None:
            self._resolution = _resolve(self._gazetteer, self._locals, self._known, self._entries)
        return self._resolution


# --- joining speakers across documents -------------------------------------------------------------------


def _resolve(
    gazetteer: _Gazetteer,
    locals_: Mapping[_Local, _LocalInfo],
    known: Mapping[str, Counter[str]],
    entries: list[_Entry],
) -> _Resolution:
    """Which cluster each local speaker belongs to: dict lookups only, linear in the number of names."""
    clusters: dict[str, _Cluster] = {}
    full_target = {key: _full_name_target(gazetteer, key) for key in known}
    for key, forms in known.items():
        _cluster(clusters, gazetteer, full_target[key], SpeakerKind.PERSON).names.update(forms)
    surname_targets: dict[str, set[str]] = {}
    for key, target in full_target.items():
        surname_targets.setdefault(_surname(key.split()), set()).add(target)
    cluster_of: dict[_Local, str] = {}
    for local, info in locals_.items():
        target, kind, ambiguous = _local_target(gazetteer, local, full_target, surname_targets)
        cluster = _cluster(clusters, gazetteer, target, kind)
        cluster.ambiguous = cluster.ambiguous or ambiguous
        if local[0] != "person":  # full names' forms came in through ``known``
            cluster.names.update(info.names)
        cluster.extra_aliases = (*cluster.extra_aliases, *sorted(info.short_forms))
        cluster_of[local] = target
    entries_of: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        if entry.local is not None:
            entries_of.setdefault(cluster_of[entry.local], []).append(position)
    quoted = {cluster_id: clusters[cluster_id] for cluster_id in entries_of}
    return _Resolution(cluster_of, quoted, entries_of, *_name_indexes(quoted))


def _full_name_target(gazetteer: _Gazetteer, key: str) -> str:
    tokens = key.split()
    found = gazetteer.exact(key, ())
    if found is None:
        same_surname = gazetteer.by_surname.get(_surname(tokens), set())
        found = gazetteer.pick({n for n in same_surname if tokens[0] in gazetteer.first_names[n]}, ())
    return gazetteer.cluster_id(found) if found is not None else f"person:{key}"


def _local_target(
    gazetteer: _Gazetteer, local: _Local, full_target: Mapping[str, str], surname_targets: Mapping[str, set[str]]
) -> tuple[str, SpeakerKind, bool]:
    """The cluster id, kind and ambiguity of one local speaker."""
    kind, key, extra = local
    if kind == "unknown":
        return f"unknown:{key}:{extra[0]}", SpeakerKind.UNKNOWN, False
    if kind == "person":
        target = full_target.get(key) or _full_name_target(gazetteer, key)
        return target, _kind_of(gazetteer, target, SpeakerKind.PERSON), False
    exact = gazetteer.exact(key, extra)
    if exact is not None:
        return gazetteer.cluster_id(exact), gazetteer.entries[exact].kind, False
    if kind == "organisation":
        return f"organisation:{key}", SpeakerKind.ORGANISATION, False
    return _surname_target(gazetteer, key, extra, surname_targets)


def _surname_target(
    gazetteer: _Gazetteer, key: str, titles: tuple[str, ...], surname_targets: Mapping[str, set[str]]
) -> tuple[str, SpeakerKind, bool]:
    surname = _surname(key.split())
    people = gazetteer.by_surname.get(surname, set())
    person_entries = {n for n in people if gazetteer.entries[n].kind is SpeakerKind.PERSON}
    candidates = surname_targets.get(surname, set()) | {gazetteer.cluster_id(n) for n in person_entries}
    if len(candidates) > 1:
        # A title the gazetteer gives only one of them ("Secretary Clinton") still picks that one.
        titled = {n for n in person_entries if gazetteer.titles[n] & set(titles)}
        if len(titled) == 1:
            return gazetteer.cluster_id(titled.pop()), SpeakerKind.PERSON, False
        return f"person:{key}", SpeakerKind.PERSON, True
    if candidates:
        return next(iter(candidates)), SpeakerKind.PERSON, False
    return f"person:{key}", SpeakerKind.PERSON, False


def _kind_of(gazetteer: _Gazetteer, target: str, default: SpeakerKind) -> SpeakerKind:
    number = gazetteer.by_cluster_id.get(target)
    return gazetteer.entries[number].kind if number is not None else default


def _cluster(clusters: dict[str, _Cluster], gazetteer: _Gazetteer, target: str, kind: SpeakerKind) -> _Cluster:
    cluster = clusters.get(target)
    if cluster is None:
        cluster = clusters[target] = _Cluster(target, kind)
        number = gazetteer.by_cluster_id.get(target)
        if number is not None:
            entry = gazetteer.entries[number]
            cluster.kind, cluster.fixed_name, cluster.extra_aliases = entry.kind, entry.name, entry.aliases
    return cluster


def _name_indexes(clusters: Mapping[str, _Cluster]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    by_name: dict[str, set[str]] = {}
    by_surname: dict[str, set[str]] = {}
    for cluster_id, cluster in clusters.items():
        for form in (cluster.name, *cluster.aliases):
            by_name.setdefault(_key(form), set()).add(cluster_id)
        if cluster.kind is SpeakerKind.PERSON:
            by_surname.setdefault(_surname(_key(cluster.name).split()), set()).add(cluster_id)
    return by_name, by_surname


# --- names -----------------------------------------------------------------------------------------------


def _key(name: str) -> str:
    """A name as compared: accents, case, apostrophe style, spacing and a leading "the" aside.

    >>> _key("  The  Wh\u00edte House ’s")
    "white house 's"
    """
    plain = name.translate(_APOSTROPHES)
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _surname(tokens: Sequence[str]) -> str:
    """The last word of a name, generational suffixes aside."""
    words = [t for t in tokens if t.casefold() not in _NAME_SUFFIXES] or list(tokens)
    return words[-1] if words else ""


def _is_bare(name: str) -> bool:
    """True for a surname alone: one word, or lowercase particles and a word ("von der Leyen").

    >>> _is_bare("Peskov"), _is_bare("von der Leyen"), _is_bare("Ursula von der Leyen")
    (True, True, False)
    """
    words = [w for w in name.split() if w.casefold() not in _NAME_SUFFIXES]
    return all(not w[:1].isupper() for w in words[:-1])


def _local_of(speaker: Speaker, doc_id: str) -> _Local:
    key = _key(speaker.name)
    if speaker.kind is SpeakerKind.UNKNOWN or not key:
        return ("unknown", doc_id, (speaker.id,))
    if speaker.kind is SpeakerKind.ORGANISATION:
        return ("organisation", key, ())
    if _is_bare(speaker.name):
        titles = sorted({t.casefold() for t in (speaker.title, speaker.role) if t})
        return ("surname", key, tuple(titles))
    return ("person", key, ())


def _short_forms(speaker: Speaker) -> set[str]:
    """The document's aliases of a person that are the end of their name ("Peskov" of "Dmitry Peskov")."""
    if speaker.kind is not SpeakerKind.PERSON:
        return set()
    tokens = _key(speaker.name).split()
    forms = set()
    for alias in speaker.aliases:
        alias_tokens = _key(alias).split()
        if 0 < len(alias_tokens) < len(tokens) and tokens[-len(alias_tokens) :] == alias_tokens:
            forms.add(" ".join(alias.split()))
    return forms


def _text_id(text: str) -> str:
    return "sha-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --- input checks ------------------------------------------------------------------------------------------


def _checked_date(value: DateLike) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()
        except ValueError:
            raise ValueError(f"date must be an ISO date such as '2024-05-01', got {value!r}") from None
    raise TypeError(f"date must be a datetime.date, a datetime or an ISO string like '2024-05-01', got {value!r}")


def _unpacked(item: object, position: int) -> tuple[Document | str, str | None, DateLike]:
    if isinstance(item, (Document, str)):
        return item, None, None
    if isinstance(item, tuple) and len(item) in (2, 3):
        return item[1], item[0], item[2] if len(item) == 3 else None
    if isinstance(item, Mapping):
        document = item.get("text", item.get("document"))
        if document is None:
            raise ValueError(f"item {position} of add_many has no 'text' (or 'document'); it has {sorted(item)}")
        return document, item.get("doc_id", item.get("id")), item.get("date")
    raise TypeError(
        f"item {position} of add_many is a {type(item).__name__}; pass a Document or text, "
        "a (doc_id, document) or (doc_id, document, date) tuple, or a dict with 'text'"
    )


def _gazetteer_entries(gazetteer: object) -> list[GazetteerEntry]:
    if isinstance(gazetteer, (str, Mapping, GazetteerEntry)) or not isinstance(gazetteer, Iterable):
        raise TypeError(f"Tracker(gazetteer=...) takes a list of GazetteerEntry, got {type(gazetteer).__name__}")
    entries = []
    for entry in gazetteer:
        if isinstance(entry, Mapping):
            allowed = {"name", "aliases", "titles", "kind"}
            if not set(entry) <= allowed or "name" not in entry:
                raise ValueError(f"a gazetteer entry needs 'name' and may have {sorted(allowed)}; got {sorted(entry)}")
            entry = GazetteerEntry(**entry)
        if not isinstance(entry, GazetteerEntry):
            raise TypeError(f"a gazetteer entry must be a GazetteerEntry or a dict, got {type(entry).__name__}")
        entries.append(entry)
    return entries


def _strings(what: str, values: object) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValueError(f"{what} must be a list of strings, got {values!r}")
    words = tuple(values)
    for word in words:
        if not isinstance(word, str) or not _key(word):
            raise ValueError(f"{what} must hold non-empty strings, got {word!r}")
    return tuple(" ".join(word.split()) for word in words)


def _sorted(entries: Iterable[_Entry]) -> list[_Entry]:
    return sorted(entries, key=_Entry.sort_key)


# --- the report -------------------------------------------------------------------------------------------


def format_by_speaker(tracker: Tracker, *, excerpt: int = 100, max_quotes: int | None = None) -> str:
    """A readable report of the quotes grouped by speaker, most quoted first.

    Each speaker's line gives the name, the kind and how many quotes in how
    many documents; then one line per quote: the document id and the quote's
    first ``excerpt`` characters. Quotes without a speaker come last.
    ``max_quotes`` caps the quotes listed per speaker.

    >>> tracker = Tracker()
    >>> _ = tracker.add("“We will win,” Ana Ruiz said.", doc_id="match-report")
    >>> print(format_by_speaker(tracker))
    Ana Ruiz (person): 1 quote in 1 document
      [match-report] We will win,
    """
    if not isinstance(tracker, Tracker):
        raise TypeError(f"format_by_speaker takes a Tracker, got {type(tracker).__name__}")
    if not isinstance(excerpt, int) or excerpt < 1:
        raise ValueError(f"excerpt must be a positive number of characters, got {excerpt!r}")
    records = tracker.records()
    if not records:
        return "No quotes."
    by_speaker: dict[str | None, list[TrackedQuote]] = {}
    for record in records:
        by_speaker.setdefault(record.speaker_id, []).append(record)
    blocks = []
    for summary in tracker.speakers():
        flag = ", ambiguous" if summary.ambiguous else ""
        heading = f"{summary.name} ({summary.kind.value}{flag}): {_counted(summary.quote_count, 'quote')} in "
        heading += _counted(summary.document_count, "document")
        blocks.append(_block(heading, by_speaker[summary.id], excerpt, max_quotes))
    if None in by_speaker:
        unattributed = by_speaker[None]
        blocks.append(
            _block(f"(no speaker): {_counted(len(unattributed), 'quote')}", unattributed, excerpt, max_quotes)
        )
    return "\n\n".join(blocks)


def _block(heading: str, records: list[TrackedQuote], excerpt: int, max_quotes: int | None) -> str:
    shown = records if max_quotes is None else records[:max_quotes]
    lines = [heading, *(f"  [{r.doc_id}] {_excerpt(r.quote.text, excerpt)}" for r in shown)]
    if len(shown) < len(records):
        lines.append(f"  … and {len(records) - len(shown)} more")
    return "\n".join(lines)


def _excerpt(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
