"""``quotetrack.dask``: quote records from bags and DataFrames, speaker tables, on a real cluster.

The cluster tests run on a ``LocalCluster`` of two worker processes and check
that the result equals a plain single-process loop. ``pip install -e ".[test]"``
installs dask and distributed; without them (a bare pytest) everything here is
skipped, and the DataFrame tests are skipped without pandas
(``pip install quotetrack[dataframe]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402

import quotetrack  # noqa: E402
from quotetrack import Config, QuoteKind  # noqa: E402
from quotetrack.dask import (  # noqa: E402
    RECORD_FIELDS,
    merge_speaker_counts,
    quote_records,
    quotes_bag,
    quotes_frame,
    speaker_counts,
    speaker_table,
)

ARTICLES = [
    "“We will not raise taxes,” Chancellor Maria Lopez said on Monday.",
    "Shares in the bank fell 4%.\n\nThe chief executive, Ana Ruiz, said that profits would recover.",
    'Coach Tom Hughes said: "We were the better side for an hour."\r\nThe club declined to comment.',
    "Markets were calm on Tuesday.",
    "“Prices will fall,” said Tom Hughes, “but not before the winter.”",
    "Obi Okafor warned that investors cannot afford higher prices. “It is too late,” Okafor said.",
    "",
    "Emoji 👍🏽 first. “We are ready,” Ana Ruiz told reporters.",
]


def documents(count: int) -> list[dict[str, object]]:
    return [{"id": f"doc-{i}", "body": f"{ARTICLES[i % len(ARTICLES)]} Story {i}."} for i in range(count)]


def sequential_records(items: list[dict[str, object]], config: Config | None = None) -> list[dict[str, Any]]:
    parser = quotetrack.Parser(config)
    return [record for item in items for record in quote_records(parser.parse(str(item["body"])), item["id"])]


TIMEOUT = 120  # seconds: a cluster that stops answering fails the test instead of hanging the run


def on_cluster(client: Any, collection: Any) -> Any:
    """``collection`` computed on the cluster, waiting at most TIMEOUT seconds."""
    return client.compute(collection).result(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # host: the scheduler and the workers listen on loopback only.
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
    )
    with cluster, distributed.Client(cluster) as connected:
        yield connected


# --- on a real cluster ------------------------------------------------------------------------------------


def test_a_bag_of_dicts_gives_the_records_of_a_single_process_loop(client: Any) -> None:
    items = documents(60)
    bag = db.from_sequence(items, npartitions=6)
    records = on_cluster(client, quotes_bag(bag, text_field="body", id_field="id"))
    expected = sequential_records(items)
    assert records == expected
    assert {r["doc_id"] for r in records} > {"doc-0", "doc-4"}
    assert all(list(r) == list(RECORD_FIELDS) for r in records)


def test_a_bag_of_plain_texts_is_numbered_partition_and_position(client: Any) -> None:
    texts = [str(item["body"]) for item in documents(30)]
    records = on_cluster(client, quotes_bag(db.from_sequence(texts, npartitions=4)))
    without_ids = [{k: v for k, v in r.items() if k != "doc_id"} for r in records]
    assert without_ids == [{k: v for k, v in r.items() if k != "doc_id"} for r in sequential_records(documents(30))]
    ids = [tuple(map(int, r["doc_id"].split(":"))) for r in records]
    assert ids == sorted(ids) and {partition for partition, _ in ids} <= {0, 1, 2, 3}


def test_workers_use_the_config(client: Any) -> None:
    items = documents(24)
    config = Config(kinds=frozenset({QuoteKind.INDIRECT}))
    records = quotes_bag(db.from_sequence(items, npartitions=3), text_field="body", id_field="id", config=config)
    computed = on_cluster(client, records)
    assert computed == sequential_records(items, config)
    assert computed and {r["kind"] for r in computed} == {"indirect"}


@pytest.mark.parametrize("split_every", [None, 2])
def test_the_cluster_speaker_table_equals_the_single_process_one(client: Any, split_every: int | None) -> None:
    items = documents(80)
    records = quotes_bag(db.from_sequence(items, npartitions=8), text_field="body", id_field="id")
    table = on_cluster(client, speaker_table(records, split_every=split_every))
    assert table == speaker_counts(sequential_records(items))
    assert table["Tom Hughes"] >= 10


def test_a_dataframe_column_gives_one_row_per_quote(client: Any) -> None:
    pandas = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    items = documents(40)
    frame = dd.from_pandas(pandas.DataFrame(items), npartitions=4)
    rows = on_cluster(client, quotes_frame(frame, "body", id_column="id"))
    assert list(rows.columns) == list(RECORD_FIELDS)
    assert rows.to_dict("records") == sequential_records(items)


def test_without_an_id_column_the_dataframe_index_is_the_id(client: Any) -> None:
    pandas = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    items = documents(16)
    table = pandas.DataFrame({"body": [item["body"] for item in items]}, index=[100 + i for i in range(16)])
    rows = on_cluster(client, quotes_frame(dd.from_pandas(table, npartitions=2), "body"))
    renamed = [{**item, "id": 100 + i} for i, item in enumerate(items)]
    assert rows.to_dict("records") == sequential_records(renamed)


# --- errors (on the synchronous scheduler) -----------------------------------------------------------------


def test_a_record_without_the_text_field_says_which_fields_it_has() -> None:
    bag = db.from_sequence([{"id": 1, "text": "Calm."}], npartitions=1)
    with pytest.raises(ValueError, match=r"no field 'body' \(it has \['id', 'text'\]\); set text_field"):
        quotes_bag(bag, text_field="body").compute(scheduler="sync")


def test_a_text_that_is_not_a_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="quotetrack takes text as str, got bytes"):
        quotes_bag(db.from_sequence([b"bytes"], npartitions=1)).compute(scheduler="sync")


def test_arguments_of_the_wrong_kind_are_refused_at_once() -> None:
    with pytest.raises(TypeError, match="quotes_bag takes a dask.bag.Bag"):
        quotes_bag(["a list"])
    with pytest.raises(ValueError, match="needs text_field too"):
        quotes_bag(db.from_sequence(["x"]), id_field="id")
    with pytest.raises(TypeError, match="takes a quotetrack.Config"):
        quotes_bag(db.from_sequence(["x"]), config={"kinds": "direct"})  # type: ignore[arg-type]


def test_a_missing_dataframe_column_is_named() -> None:
    pandas = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.from_pandas(pandas.DataFrame({"text": ["Calm."]}), npartitions=1)
    with pytest.raises(ValueError, match=r"quotes_frame\(text_column='body'\): no such column"):
        quotes_frame(frame, "body")
    with pytest.raises(TypeError, match="takes a dask.dataframe.DataFrame"):
        quotes_frame(pandas.DataFrame({"text": ["Calm."]}), "text")


def test_the_same_graph_runs_on_threads_without_a_cluster() -> None:
    items = documents(20)
    bag = quotes_bag(db.from_sequence(items, npartitions=4), text_field="body", id_field="id")
    with dask.config.set(scheduler="threads"):
        assert bag.compute() == sequential_records(items)


# --- speaker tables ---------------------------------------------------------------------------------------

_tables = st.dictionaries(
    st.sampled_from(["Ana Ruiz", "Tom Hughes", "Peskov", "the minister", "Ökafor"]), st.integers(1, 50)
)


@given(_tables, _tables, _tables)
def test_merging_speaker_tables_is_associative_and_commutative(
    a: dict[str, int], b: dict[str, int], c: dict[str, int]
) -> None:
    assert merge_speaker_counts(merge_speaker_counts(a, b), c) == merge_speaker_counts(a, merge_speaker_counts(b, c))
    assert merge_speaker_counts(a, b) == merge_speaker_counts(b, a)
    assert merge_speaker_counts(a, {}) == merge_speaker_counts(a) == dict(sorted(a.items()))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(ARTICLES), max_size=8), st.lists(st.sampled_from(ARTICLES), max_size=8))
def test_the_table_of_two_parts_is_the_merge_of_their_tables(first: list[str], second: list[str]) -> None:
    def records(texts: list[str]) -> list[dict[str, Any]]:
        return [r for i, text in enumerate(texts) for r in quote_records(quotetrack.extract(text), i)]

    whole = speaker_counts(records(first) + records(second))
    assert whole == merge_speaker_counts(speaker_counts(records(first)), speaker_counts(records(second)))


def test_quotes_without_a_speaker_are_not_counted() -> None:
    assert speaker_counts([{"speaker": None}, {"speaker": "Ana Ruiz"}, {"kind": "direct"}]) == {"Ana Ruiz": 1}
