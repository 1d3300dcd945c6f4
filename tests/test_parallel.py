"""``Parser.parse_many(texts, n_jobs=N)``: worker processes give the same documents, in order, lazily.

Most tests share one pool of two spawned processes (``executor=``), because
starting processes is the slow part; the tests about the pool's own life cycle
start their own.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

import quotetrack
from quotetrack import Config, Document, Parser, QuoteKind
from quotetrack._parallel import usable_cores
from quotetrack.model import Analysis
from quotetrack.parser import Context, ParseError

ARTICLES = [
    "“We will not raise taxes,” the chancellor said on Monday.",
    "Shares in the bank fell 4% after the results.\n\nThe chief executive, Ana Ruiz, said that profits would recover.",
    'Coach Tom Hughes said: "We were the better side for an hour."\r\nThe club declined to comment further.',
    "« Nous allons gagner », a déclaré l’entraîneur.",
    "The study was published on Thursday. “It changes how we treat the disease,” said Dr Kenji Sato.",
    "",
    "Markets were calm. Nobody said anything about the merger.",
    "“Prices will fall,” she said, “but not before the winter.”",
    "According to the ministry, the talks will resume in Geneva next week.",
    "Emoji 👍🏽 and combining e\u0301 before “a quote,” Peskov said.",
]


def corpus(count: int) -> list[str]:
    """``count`` distinct texts: the articles, each numbered so that no two are equal."""
    return [f"{ARTICLES[i % len(ARTICLES)]}\n\nStory {i}." for i in range(count)]


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


def counting(texts: Iterator[str], seen: list[int]) -> Iterator[str]:
    """Yields ``texts`` and counts in ``seen[0]`` how many were taken."""
    for text in texts:
        seen[0] += 1
        yield text


# Stages for custom parsers; module level, so that the worker processes can import them.


def fail_on_marker(analysis: Analysis, context: Context) -> None:
    if "FAIL-HERE" in analysis.text:
        raise ValueError("this text holds the failure marker")


def die_on_marker(analysis: Analysis, context: Context) -> None:
    if "DIE-HERE" in analysis.text:
        os._exit(3)


def no_quotes(analysis: Analysis, context: Context) -> None:
    analysis.candidates.clear()


# --- same documents, same order --------------------------------------------------------------------


def test_two_processes_give_the_same_documents_in_the_same_order(pool: ProcessPoolExecutor) -> None:
    texts = corpus(150)
    parser = Parser()
    expected = [parser.parse(text) for text in texts]
    assert any(doc.quotes for doc in expected)
    assert list(parser.parse_many(texts, n_jobs=2, executor=pool)) == expected


@pytest.mark.parametrize("chunk_size", [1, 3, 64])
def test_order_is_kept_whatever_the_chunk_size(pool: ProcessPoolExecutor, chunk_size: int) -> None:
    texts = corpus(40)
    documents = list(Parser().parse_many(iter(texts), n_jobs=2, chunk_size=chunk_size, executor=pool))
    assert [doc.text for doc in documents] == texts


def test_an_own_pool_of_worker_processes_gives_the_same_documents() -> None:
    texts = corpus(80)
    parser = Parser()
    assert list(parser.parse_many(texts, n_jobs=2)) == list(parser.parse_many(texts))


def test_workers_use_the_parsers_config(pool: ProcessPoolExecutor) -> None:
    texts = corpus(30)
    parser = Parser(Config(kinds=frozenset({QuoteKind.DIRECT}), extra_cue_verbs=("opine",)))
    documents = list(parser.parse_many(texts, n_jobs=2, executor=pool))
    assert documents == [parser.parse(text) for text in texts]
    assert all(quote.kind == QuoteKind.DIRECT for doc in documents for quote in doc.quotes)


def test_workers_run_custom_module_level_stages(pool: ProcessPoolExecutor) -> None:
    parser = Parser().with_stage("attribution", no_quotes)
    documents = list(parser.parse_many(corpus(20), n_jobs=2, executor=pool))
    assert len(documents) == 20 and all(doc.quotes == () for doc in documents)


def test_n_jobs_minus_one_uses_every_usable_core() -> None:
    texts = corpus(12)
    assert usable_cores() >= 1
    assert list(Parser().parse_many(texts, n_jobs=-1)) == [quotetrack.extract(t) for t in texts]


# --- lazy, bounded --------------------------------------------------------------------------------


def test_one_job_reads_exactly_as_many_texts_as_were_consumed() -> None:
    seen = [0]
    documents = Parser().parse_many(counting(itertools.cycle(ARTICLES), seen))
    assert seen[0] == 0
    assert len(list(itertools.islice(documents, 7))) == 7
    assert seen[0] == 7


def test_worker_processes_read_a_bounded_number_of_texts_ahead(pool: ProcessPoolExecutor) -> None:
    seen = [0]
    endless = counting(itertools.cycle(ARTICLES), seen)
    documents = Parser().parse_many(endless, n_jobs=2, chunk_size=4, executor=pool)
    first = list(itertools.islice(documents, 30))
    assert [doc.text for doc in first] == list(itertools.islice(itertools.cycle(ARTICLES), 30))
    # 2 jobs x 2 chunks in flight x 4 texts, one chunk being filled, and the chunks already yielded.
    assert seen[0] <= 30 + 2 * 2 * 4 + 4
    documents.close()  # type: ignore[attr-defined]


def test_stopping_early_shuts_the_own_pool_down() -> None:
    before = len(multiprocessing.active_children())
    documents = Parser().parse_many(itertools.cycle(ARTICLES), n_jobs=2, chunk_size=2)
    assert len(list(itertools.islice(documents, 5))) == 5
    assert len(multiprocessing.active_children()) == before + 2
    documents.close()  # type: ignore[attr-defined]
    assert len(multiprocessing.active_children()) == before


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, "2", True, None])
def test_a_bad_n_jobs_is_refused_at_once_naming_the_parameter(n_jobs: object) -> None:
    with pytest.raises(ValueError, match="n_jobs must be a positive int .* or -1"):
        Parser().parse_many(ARTICLES, n_jobs=n_jobs)  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk_size", [0, -1, 2.5, "8"])
def test_a_bad_chunk_size_is_refused_naming_the_parameter(chunk_size: object) -> None:
    with pytest.raises(ValueError, match="chunk_size must be a positive int"):
        Parser().parse_many(ARTICLES, n_jobs=2, chunk_size=chunk_size)  # type: ignore[arg-type]


@pytest.mark.parametrize("texts", ["one text", b"bytes", 42, None])
def test_something_other_than_an_iterable_of_texts_is_a_type_error(texts: object) -> None:
    with pytest.raises(TypeError, match="parse_many takes an iterable of"):
        Parser().parse_many(texts)  # type: ignore[arg-type]


def test_a_stage_that_cannot_be_pickled_is_refused_by_name() -> None:
    parser = Parser().with_stage("coreference", lambda analysis, context: None)
    with pytest.raises(TypeError, match="stage 'coreference' cannot be pickled.*module-level functions.*n_jobs=1"):
        parser.parse_many(ARTICLES, n_jobs=2)
    assert len(list(parser.parse_many(ARTICLES))) == len(ARTICLES)


def test_a_failure_in_a_worker_names_the_text_after_yielding_the_texts_before_it(pool: ProcessPoolExecutor) -> None:
    texts = corpus(25)
    texts[17] = "The FAIL-HERE text."
    parser = Parser().with_stage("mentions", fail_on_marker)
    got: list[Document] = []
    with pytest.raises(ParseError, match="parsing text 17 failed in a worker process: ValueError") as caught:
        got.extend(parser.parse_many(texts, n_jobs=2, chunk_size=4, executor=pool))
    assert caught.value.index == 17
    assert isinstance(caught.value.__cause__, ValueError)
    assert "failure marker" in str(caught.value.__cause__)
    assert "fail_on_marker" in str(caught.value.__cause__.__cause__)  # the worker's traceback
    assert [doc.text for doc in got] == texts[:17]


def test_a_text_of_the_wrong_type_is_a_type_error_with_its_position(pool: ProcessPoolExecutor) -> None:
    texts: list[object] = [*corpus(9), b"bytes, not text", *corpus(3)]
    got: list[Document] = []
    with pytest.raises(TypeError, match=r"got bytes: decode it first.*\(text 9 of the input\)"):
        got.extend(Parser().parse_many(texts, n_jobs=2, chunk_size=2, executor=pool))  # type: ignore[arg-type]
    assert len(got) == 9


def test_a_worker_that_dies_is_reported_with_the_texts_it_held() -> None:
    # First, so that no earlier chunk is in flight (any chunk in flight when a worker dies fails with it).
    texts = ["DIE-HERE", *corpus(12)]
    parser = Parser().with_stage("mentions", die_on_marker)
    with pytest.raises(ParseError, match="a worker process died while parsing texts 0 to 1") as caught:
        list(parser.parse_many(texts, n_jobs=2, chunk_size=2))
    assert caught.value.index == 0


# --- what crosses the process boundary -----------------------------------------------------------------


def test_documents_and_their_parts_pickle_to_equal_objects() -> None:
    for text in corpus(len(ARTICLES)):
        document = quotetrack.extract(text)
        assert pickle.loads(pickle.dumps(document)) == document
        for quote in document.quotes:
            assert pickle.loads(pickle.dumps(quote)) == quote


def test_a_config_pickles_to_an_equal_config() -> None:
    config = Config(
        kinds=frozenset({QuoteKind.DIRECT, QuoteKind.MIXED}),
        single_quotes="never",
        min_confidence=0.3,
        extra_titles=("Doge",),
    )
    assert pickle.loads(pickle.dumps(config)) == config


def test_a_parse_error_pickles_with_its_index() -> None:
    error = pickle.loads(pickle.dumps(ParseError("parsing text 3 failed", 3)))
    assert isinstance(error, ParseError) and error.index == 3 and str(error) == "parsing text 3 failed"
