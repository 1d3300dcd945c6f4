"""The public API surface: names, version, typing marker, immutability, bad input, Parser use."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import itertools
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pytest

import quotetrack
from quotetrack import (
    Config,
    Document,
    Mention,
    MentionKind,
    Parser,
    Quote,
    QuoteKind,
    Span,
    Speaker,
    SpeakerKind,
)

REPO = Path(__file__).resolve().parents[1]

ARTICLES = [
    "“The talks were useful,” Peskov told reporters.",
    "Maria Lopez said: “Prices will fall next year.”",
    "“We played well,” said the coach, “and we deserved the win.”",
    "'We will not back down,' the minister said.",
    "« Nous ne céderons pas », a déclaré le ministre.",
    "„Wir werden nicht nachgeben“, sagte der Minister.",
    "The company said profits would rise. Analysts were sceptical.",
    "She starred in “The Crown”.",
    "“The economy grew faster than expected.\n“We will not waste this,” the finance minister said.",
    "",
]

# --- names, version, typing marker -----------------------------------------------------------------

PUBLIC_NAMES = [
    "Config",
    "Document",
    "Mention",
    "MentionKind",
    "ParseError",
    "Parser",
    "Quote",
    "QuoteKind",
    "Speaker",
    "SpeakerKind",
    "Span",
    "__version__",
    "extract",
]


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_public_name_is_exported(name: str) -> None:
    assert name in quotetrack.__all__
    assert hasattr(quotetrack, name)


def test_all_lists_only_names_that_exist() -> None:
    for name in quotetrack.__all__:
        assert hasattr(quotetrack, name), name


def test_version_is_a_release_string_matching_the_installed_metadata() -> None:
    version = quotetrack.__version__
    assert isinstance(version, str)
    assert all(part.isdigit() for part in version.split(".")[:3]), version
    assert importlib.metadata.version("quotetrack") == version


def test_py_typed_marker_is_shipped() -> None:
    assert resources.files("quotetrack").joinpath("py.typed").is_file()


def test_build_ships_py_typed_and_the_word_lists(tmp_path: Path) -> None:
    # Build the package from a copy of the sources the way a wheel would, to see what it ships.
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    shutil.copytree(REPO / "quotetrack", tmp_path / "quotetrack", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "--build-lib", "out"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    built = tmp_path / "out" / "quotetrack"
    assert (built / "py.typed").is_file()
    for data_file in (REPO / "quotetrack" / "data").iterdir():
        if data_file.suffix in (".txt", ".tsv"):
            assert (built / "data" / data_file.name).is_file(), data_file.name


# --- frozen dataclasses ---------------------------------------------------------------------------


def _samples() -> list[object]:
    mention = Mention(Span(0, 6), "Peskov", MentionKind.NAME)
    speaker = Speaker("s0", "Dmitry Peskov", SpeakerKind.PERSON, ("Peskov",), (mention,))
    quote = Quote(Span(8, 12), "Yes.", QuoteKind.DIRECT, speaker, mention, Span(13, 17), 0.9)
    return [Span(0, 1), mention, speaker, quote, Document("Peskov: Yes. said", (quote,), (speaker,)), Config()]


@pytest.mark.parametrize("value", _samples(), ids=lambda v: type(v).__name__)
def test_public_types_are_frozen_dataclasses(value: object) -> None:
    assert dataclasses.is_dataclass(value)
    field = dataclasses.fields(value)[0].name  # type: ignore[arg-type,unused-ignore]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, getattr(value, field))


@pytest.mark.parametrize("value", _samples()[:-1], ids=lambda v: type(v).__name__)
def test_public_types_are_hashable_and_round_trip_through_json(value: object) -> None:
    hash(value)
    cls = type(value)
    assert cls.from_json(value.to_json()) == value  # type: ignore[attr-defined]


def test_document_collections_are_tuples() -> None:
    doc = quotetrack.extract("“The talks were useful,” Peskov told reporters.\nMore text here.")
    for collection in (doc.quotes, doc.speakers, doc.paragraphs, doc.sentences):
        assert isinstance(collection, tuple)


def test_document_iterates_over_its_quotes() -> None:
    doc = quotetrack.extract("“Sales are up,” the owner said. “Costs are down,” she added.")
    assert list(doc) == list(doc.quotes)
    assert len(doc) == len(doc.quotes)


# --- quote values -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ARTICLES)
def test_quote_confidence_is_between_zero_and_one(text: str) -> None:
    for quote in quotetrack.extract(text).quotes:
        assert isinstance(quote.confidence, float)
        assert 0.0 <= quote.confidence <= 1.0


@pytest.mark.parametrize("confidence", [-0.01, 1.01, 2, float("nan")])
def test_quote_rejects_confidence_outside_zero_one(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        Quote(Span(0, 1), "x", QuoteKind.DIRECT, confidence=confidence)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (5, 4)])
def test_span_rejects_bad_offsets(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="start"):
        Span(start, end)


def test_extract_finds_a_simple_direct_quote() -> None:
    doc = quotetrack.extract("“The talks were useful,” Peskov told reporters.")
    assert [(q.kind, q.text) for q in doc.quotes if q.kind == QuoteKind.DIRECT] == [
        (QuoteKind.DIRECT, "The talks were useful,")
    ]


# --- bad input ---------------------------------------------------------------------------------------

BAD_TEXTS = [None, 42, 4.2, ["a"], ("a",), {"text": "a"}, object()]


@pytest.mark.parametrize("bad", BAD_TEXTS, ids=lambda v: type(v).__name__)
def test_extract_rejects_non_text_with_a_helpful_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="str") as error:
        quotetrack.extract(bad)  # type: ignore[arg-type]
    assert type(bad).__name__ in str(error.value)


@pytest.mark.parametrize("data", [b"\xe2\x80\x9cHi,\xe2\x80\x9d he said.", bytearray(b"abc"), memoryview(b"abc")])
def test_extract_rejects_bytes_and_says_to_decode(data: object) -> None:
    with pytest.raises(TypeError, match="decode"):
        quotetrack.extract(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 42, b"abc", ["a"]], ids=lambda v: type(v).__name__)
def test_parser_parse_rejects_non_text(bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        Parser().parse(bad)  # type: ignore[arg-type]


def test_parse_many_rejects_a_bad_item_when_it_reaches_it() -> None:
    documents = Parser().parse_many(["“Yes,” she said.", 42])  # type: ignore[list-item]
    assert isinstance(next(documents), Document)
    with pytest.raises(TypeError, match="str"):
        next(documents)


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n\r\n", "\t\t", "\u00a0\u2009", "   \n  \n  "])
def test_empty_or_blank_text_gives_a_document_without_quotes(text: str) -> None:
    doc = quotetrack.extract(text)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.quotes == ()
    assert doc.speakers == ()


@pytest.mark.parametrize("config", ["strict", {"min_confidence": 0.5}, 1])
def test_parser_rejects_a_config_that_is_not_a_config(config: object) -> None:
    with pytest.raises(TypeError, match="Config"):
        Parser(config)  # type: ignore[arg-type]


@pytest.mark.parametrize("config", ["strict", {"min_confidence": 0.5}])
def test_extract_rejects_a_config_that_is_not_a_config(config: object) -> None:
    with pytest.raises(TypeError, match="Config"):
        quotetrack.extract("“Yes,” she said.", config=config)  # type: ignore[arg-type]


# --- Config validation ---------------------------------------------------------------------------------

BAD_CONFIGS: list[tuple[str, dict[str, object]]] = [
    ("kinds", {"kinds": "direct"}),
    ("kinds", {"kinds": {"quoted"}}),
    ("kinds", {"kinds": 3}),
    ("single_quotes", {"single_quotes": "sometimes"}),
    ("single_quotes", {"single_quotes": True}),
    ("min_confidence", {"min_confidence": 2}),
    ("min_confidence", {"min_confidence": -0.1}),
    ("min_confidence", {"min_confidence": "0.5"}),
    ("min_confidence", {"min_confidence": True}),
    ("min_confidence", {"min_confidence": float("nan")}),
    ("extra_cue_verbs", {"extra_cue_verbs": "opine"}),
    ("extra_cue_verbs", {"extra_cue_verbs": [""]}),
    ("extra_cue_verbs", {"extra_cue_verbs": [3]}),
    ("extra_titles", {"extra_titles": ["  "]}),
    ("extra_roles", {"extra_roles": None}),
    ("extra_organisations", {"extra_organisations": "Ofcom"}),
]


@pytest.mark.parametrize(("field", "kwargs"), BAD_CONFIGS, ids=[f"{f}={v[f]!r}" for f, v in BAD_CONFIGS])
def test_config_validation_names_the_field(field: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=field):
        Config(**kwargs)  # type: ignore[arg-type]


def test_config_accepts_good_values() -> None:
    config = Config(
        kinds={"direct", QuoteKind.MIXED},  # type: ignore[arg-type]
        single_quotes="never",
        min_confidence=0.25,
        extra_cue_verbs=["opine"],  # type: ignore[arg-type]
        extra_titles=(" Archdeacon ",),
        extra_roles=("ombudsman",),
        extra_organisations=("Ofcom",),
    )
    assert config.kinds == frozenset({QuoteKind.DIRECT, QuoteKind.MIXED})
    assert config.extra_titles == ("Archdeacon",)
    assert isinstance(config.extra_cue_verbs, tuple)


def test_config_kinds_filter_the_output() -> None:
    text = "“The talks were useful,” Peskov told reporters."
    only_indirect = quotetrack.extract(text, config=Config(kinds=frozenset({QuoteKind.INDIRECT})))
    assert all(q.kind == QuoteKind.INDIRECT for q in only_indirect.quotes)
    only_direct = quotetrack.extract(text, config=Config(kinds=frozenset({QuoteKind.DIRECT})))
    assert [q.text for q in only_direct.quotes] == ["The talks were useful,"]


@pytest.mark.parametrize("text", ARTICLES)
def test_min_confidence_drops_less_confident_quotes(text: str) -> None:
    everything = quotetrack.extract(text).quotes
    threshold = 0.6
    kept = quotetrack.extract(text, config=Config(min_confidence=threshold)).quotes
    assert all(q.confidence >= threshold for q in kept)
    assert len(kept) == sum(1 for q in everything if q.confidence >= threshold)


# --- Parser: immutability, threads, laziness ------------------------------------------------------


def test_parser_attributes_cannot_be_changed() -> None:
    parser = Parser()
    with pytest.raises(AttributeError):
        parser.config = Config(min_confidence=0.9)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        parser.stages = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        parser.cache = {}  # type: ignore[attr-defined]
    assert isinstance(parser.stages, tuple)


def test_with_stage_returns_a_new_parser_and_leaves_the_old_one_alone() -> None:
    parser = Parser()
    before = parser.stages

    def no_quotes(analysis: object, context: object) -> None:
        return None

    other = parser.with_stage("quotes", no_quotes)
    assert other is not parser
    assert parser.stages == before
    assert dict(other.stages)["quotes"] is no_quotes
    assert other.config is parser.config
    doc = other.parse("“The talks were useful,” Peskov said.")
    assert [q for q in doc.quotes if q.kind == QuoteKind.DIRECT] == []
    with pytest.raises(ValueError, match="no stage named"):
        parser.with_stage("translation", no_quotes)


def test_parser_and_extract_agree() -> None:
    parser = Parser()
    for text in ARTICLES:
        assert parser.parse(text) == quotetrack.extract(text)


def test_parser_shared_between_threads_gives_the_sequential_results() -> None:
    parser = Parser()
    texts = [f"{article}\nParagraph {i} of the wire copy." for i, article in enumerate(ARTICLES * 6)]
    sequential = [parser.parse(text) for text in texts]
    start = threading.Barrier(8)

    def worker(chunk: list[str]) -> list[Document]:
        start.wait(timeout=30)  # all threads parse at the same time
        return [parser.parse(text) for text in chunk]

    chunks = [texts[i::8] for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, chunks))
    for i, chunk_docs in enumerate(results):
        assert chunk_docs == sequential[i::8]


def test_parse_many_is_lazy() -> None:
    consumed: list[str] = []

    def texts() -> Iterator[str]:
        for text in ARTICLES:
            consumed.append(text)
            yield text

    documents = Parser().parse_many(texts())
    assert consumed == []
    first = next(documents)
    assert consumed == ARTICLES[:1]
    assert first == quotetrack.extract(ARTICLES[0])
    rest = list(documents)
    assert consumed == ARTICLES
    assert [first, *rest] == [quotetrack.extract(text) for text in ARTICLES]


def test_parse_many_works_on_an_endless_generator() -> None:
    endless = (f"“Item {i} is ready,” the clerk said." for i in itertools.count())
    documents = list(itertools.islice(Parser().parse_many(endless), 3))
    assert [d.text for d in documents] == [f"“Item {i} is ready,” the clerk said." for i in range(3)]


def test_parse_many_accepts_any_iterable() -> None:
    parser = Parser()
    assert list(parser.parse_many(tuple(ARTICLES[:3]))) == [parser.parse(t) for t in ARTICLES[:3]]
    assert list(parser.parse_many([])) == []
