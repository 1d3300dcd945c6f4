"""Dask integration: quotes from a ``dask.bag`` or a Dask DataFrame column, and speaker tables.

Needs the ``dask`` extra (``pip install quotetrack[dask]``); the DataFrame helper
needs ``dask[dataframe]`` too (``pip install quotetrack[dataframe]``). The same
code runs on a laptop's threads, on a ``LocalCluster`` and on a cluster of many
machines: only the ``Client`` changes (see docs/scaling.md).

A *quote record* is a plain dict, so that it serialises cheaply and turns into
a DataFrame row as it is:

- ``doc_id``: the document's id (see :func:`quotes_bag`);
- ``kind``: ``"direct"``, ``"mixed"`` or ``"indirect"``;
- ``text``, ``start``, ``end``: the quote's text and its offsets in the document;
- ``speaker``: :attr:`Quote.speaker_name <quotetrack.Quote.speaker_name>`, or None;
- ``mention``: the words that name the speaker here, or None;
- ``cue``: the words of the reporting verb, or None;
- ``confidence``: from 0 to 1.

>>> from quotetrack import extract
>>> records = quote_records(extract("“We will win,” Ana Ruiz said."), doc_id="a1")
>>> [(r["doc_id"], r["kind"], r["text"], r["speaker"], r["cue"]) for r in records]
[('a1', 'direct', 'We will win,', 'Ana Ruiz', 'said')]
>>> merge_speaker_counts({"Ana Ruiz": 2}, {"Ana Ruiz": 1, "Tom Hughes": 4})
{'Ana Ruiz': 3, 'Tom Hughes': 4}
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from types import ModuleType
from typing import Any

from .config import Config
from .model import Document
from .parser import Parser

__all__ = [
    "RECORD_FIELDS",
    "merge_speaker_counts",
    "quote_records",
    "quotes_bag",
    "quotes_frame",
    "speaker_counts",
    "speaker_table",
]

RECORD_FIELDS = ("doc_id", "kind", "text", "start", "end", "speaker", "mention", "cue", "confidence")
QuoteRecord = dict[str, Any]
DocId = Hashable
# Dask's own types, spelled as Any: dask is optional, and this module must type-check without it.
Bag = Any  # dask.bag.Bag
BagItem = Any  # dask.bag.Item
DaskDataFrame = Any  # dask.dataframe.DataFrame


# --- records (plain Python: no dask needed) --------------------------------------------------------------


def quote_records(document: Document, doc_id: DocId) -> list[QuoteRecord]:
    """One record per quote of ``document``, in reading order."""
    return [
        {
            "doc_id": doc_id,
            "kind": quote.kind.value,
            "text": quote.text,
            "start": quote.span.start,
            "end": quote.span.end,
            "speaker": quote.speaker_name,
            "mention": quote.speaker_mention.text if quote.speaker_mention is not None else None,
            "cue": quote.cue.slice(document.text) if quote.cue is not None else None,
            "confidence": quote.confidence,
        }
        for quote in document.quotes
    ]


def speaker_counts(records: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The speaker table of some quote records: how many quotes each speaker name has.

    Quotes without a speaker are not counted. The name is
    :attr:`Quote.speaker_name <quotetrack.Quote.speaker_name>` for now; once the
    cross-document Tracker exists, the table will count its resolved speakers
    instead, and merge the same way.

    >>> speaker_counts([{"speaker": "Ana Ruiz"}, {"speaker": None}, {"speaker": "Ana Ruiz"}])
    {'Ana Ruiz': 2}
    """
    counts = Counter(record["speaker"] for record in records if isinstance(record.get("speaker"), str))
    return dict(sorted(counts.items()))


def merge_speaker_counts(*tables: Mapping[str, int]) -> dict[str, int]:
    """The sum of speaker tables, name by name.

    Associative and commutative, with ``{}`` as identity, so partitions can be
    merged in any grouping and order (as a tree reduction does). The result is
    sorted by name, so equal tables also print the same.
    """
    total: Counter[str] = Counter()
    for table in tables:
        total.update(table)
    return dict(sorted((name, count) for name, count in total.items() if count))


# --- dask.bag --------------------------------------------------------------------------------------------


def quotes_bag(
    texts: Bag,
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    config: Config | None = None,
) -> Bag:
    """A bag of quote records (one per quote) from a bag of texts, or of dicts that hold a text.

    Args:
        texts: a ``dask.bag.Bag`` of ``str``, or of dicts when ``text_field`` is given.
        text_field: the key of the text in each dict.
        id_field: the key of the document id in each dict. Without it (and for
            a bag of plain texts) the id is ``"P:N"``: the N-th text of
            partition P, which is stable for the same bag and partitioning.
        config: the :class:`~quotetrack.Config` each worker builds its parser
            from (one parser per worker process, reused for every partition).

    Records keep the bag's order: partition by partition, document by
    document, quote by quote.
    """
    bag_type = _dask_bag().Bag
    if not isinstance(texts, bag_type):
        raise TypeError(f"quotes_bag takes a dask.bag.Bag of texts or dicts, got {type(texts).__name__}")
    if id_field is not None and text_field is None:
        raise ValueError("quotes_bag(id_field=...) needs text_field too: ids come from dicts that hold the text")
    if config is not None and not isinstance(config, Config):
        raise TypeError(f"quotes_bag(config=...) takes a quotetrack.Config, got {type(config).__name__}")
    numbers = _dask_bag().range(texts.npartitions, npartitions=texts.npartitions)
    return texts.map_partitions(_partition_records, numbers, text_field, id_field, config)


def speaker_table(records: Bag, *, split_every: int | None = None) -> BagItem:
    """The speaker table of a bag of quote records, as a lazy ``dask.bag.Item``: ``.compute()`` gives the dict.

    Each partition is counted where it lies and only the small tables travel,
    merged with :func:`merge_speaker_counts` (``split_every`` tables at a time).
    """
    return records.reduction(speaker_counts, _merge_all, split_every=split_every)


def _merge_all(tables: Iterable[Mapping[str, int]]) -> dict[str, int]:
    return merge_speaker_counts(*tables)


def _partition_records(
    items: Iterable[object],
    partition: Iterable[int],
    text_field: str | None,
    id_field: str | None,
    config: Config | None,
) -> list[QuoteRecord]:
    """The quote records of one partition (module level: the workers import it by name).

    A list, not a generator: a partition's result may travel to another worker, pickled.
    """
    number = next(iter(partition))
    parser = _parser(config)
    records: list[QuoteRecord] = []
    for position, item in enumerate(items):
        text, doc_id = _text_and_id(item, text_field, id_field, f"{number}:{position}")
        records.extend(quote_records(parser.parse(text), doc_id))
    return records


def _text_and_id(item: object, text_field: str | None, id_field: str | None, default_id: str) -> tuple[str, DocId]:
    if text_field is None:
        return item, default_id  # type: ignore[return-value]  # parse() checks the type and says what to pass
    if not isinstance(item, Mapping):
        raise TypeError(f"quotes_bag(text_field={text_field!r}) needs dicts, got {type(item).__name__}")
    if text_field not in item:
        raise ValueError(f"a record has no field {text_field!r} (it has {sorted(map(str, item))}); set text_field")
    if id_field is None:
        return item[text_field], default_id
    if id_field not in item:
        raise ValueError(f"a record has no field {id_field!r} (it has {sorted(map(str, item))}); set id_field")
    return item[text_field], item[id_field]


@lru_cache(maxsize=8)
def _parser(config: Config | None) -> Parser:
    # One parser per worker process and config: the word lists are built once, not per partition.
    return Parser(config)


# --- Dask DataFrame ------------------------------------------------------------------------------------------


def quotes_frame(
    frame: DaskDataFrame,
    text_column: str,
    *,
    id_column: str | None = None,
    config: Config | None = None,
) -> DaskDataFrame:
    """A Dask DataFrame of quote records (one row per quote) from a column of texts.

    The ``doc_id`` is the value in ``id_column``, or the frame's index when no
    column is named. The columns are :data:`RECORD_FIELDS`.
    """
    dd = _dask_dataframe()
    if not isinstance(frame, dd.DataFrame):
        raise TypeError(f"quotes_frame takes a dask.dataframe.DataFrame, got {type(frame).__name__}")
    for option, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in frame.columns:
            raise ValueError(
                f"quotes_frame({option}={column!r}): no such column; the columns are {list(frame.columns)}"
            )
    if id_column is None:
        rows = frame[[text_column]].to_bag(index=True).map(_id_and_text)
    else:
        rows = frame[[id_column, text_column]].to_bag().map(_id_and_text)
    records = quotes_bag(rows, text_field="text", id_field="doc_id", config=config)
    return records.to_dataframe(meta=_record_meta())


def _id_and_text(row: tuple[object, str]) -> dict[str, object]:
    return {"doc_id": row[0], "text": row[1]}


def _record_meta() -> Any:
    """An empty pandas DataFrame with the records' columns and types, which Dask needs to plan with."""
    pandas = importlib.import_module("pandas")
    types = {"start": "int64", "end": "int64", "confidence": "float64"}
    return pandas.DataFrame({name: pandas.Series([], dtype=types.get(name, "object")) for name in RECORD_FIELDS})


# --- optional imports ------------------------------------------------------------------------------------------


def _dask_bag() -> ModuleType:
    try:
        return importlib.import_module("dask.bag")
    except ImportError as error:
        raise ImportError("quotetrack.dask needs dask: pip install quotetrack[dask]") from error


def _dask_dataframe() -> ModuleType:
    try:
        return importlib.import_module("dask.dataframe")
    except ImportError as error:
        raise ImportError("quotes_frame needs dask's DataFrame: pip install quotetrack[dataframe]") from error
