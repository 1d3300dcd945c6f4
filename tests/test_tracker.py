"""The cross-document speaker tracker: joining speakers by name, answers, exports, pickling, merging.

Every article here is written for these tests: short news items on politics,
business, sport and science, each parsed for real by quotetrack.
"""

from __future__ import annotations

import io
import itertools
import json
import pickle
import random
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack import Config, Document, GazetteerEntry, Quote, QuoteKind, Span, Speaker, SpeakerKind, Tracker
from quotetrack.testing import PlantedDocument, news_documents
from quotetrack.tracker import RECORD_FIELDS, SpeakerSummary, format_by_speaker

# --- articles --------------------------------------------------------------------------------------------

POLITICS = {
    "peskov-full": "“The talks were useful,” Kremlin spokesman Dmitry Peskov told reporters on Monday.",
    "peskov-bare": "“We are not in a hurry,” Peskov said. Peskov said the Kremlin would study the proposal.",
    "hillary": "Senator Hillary Clinton said the plan would fail. “It is a mistake,” Clinton added.",
    "bill": "“I am proud of the foundation,” Bill Clinton said in a speech in Little Rock.",
    "chelsea": "“Health care matters,” Chelsea Clinton told the audience.",
    "clinton-bare": "“Nobody expected this,” Clinton said.",
    "white-house-the": "“We will respond,” the White House said.",
    "white-house-bare": "White House said it would fund the new research programme.",
    "official-1": "A senior official said the talks had stalled.",
    "official-2": "A senior official said the money was ready.",
}
BUSINESS = {
    "cook-full": "“Our profits doubled,” Apple chief executive Tim Cook said on Thursday.",
    "cook-bare": "Cook said that the new phone would ship in March.",
    "apple": "Shares in Apple rose 4% on Tuesday. Apple said it would hire 2,000 engineers.",
}
SPORT = {
    "guardiola-1": "“The team played brilliantly,” manager Pep Guardiola said after the match.",
    "guardiola-2": "Guardiola said the title race was not over. “We need to win on Sunday,” Guardiola added.",
}
SCIENCE = {
    "lopez-full": "“The vaccine is safe,” Dr. Maria Lopez said at the conference.",
    "lopez-bare": "Lopez said that the trial would continue into the winter.",
}
ARTICLES = {**POLITICS, **BUSINESS, **SPORT, **SCIENCE}


def tracker_of(*doc_ids: str, **options: object) -> Tracker:
    tracker = Tracker(**options)  # type: ignore[arg-type]
    for doc_id in doc_ids:
        tracker.add(ARTICLES[doc_id], doc_id=doc_id)
    return tracker


def table(tracker: Tracker) -> list[tuple[str, str, int, int]]:
    return [(s.name, s.kind.value, s.quote_count, s.document_count) for s in tracker.speakers()]


def row(tracker: Tracker, name: str) -> SpeakerSummary:
    (found,) = [s for s in tracker.speakers() if s.name == name]
    return found


# --- joining people by name ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "bare", "name", "count"),
    [
        ("peskov-full", "peskov-bare", "Dmitry Peskov", 3),
        ("cook-full", "cook-bare", "Tim Cook", 2),
        ("lopez-full", "lopez-bare", "Maria Lopez", 2),
        ("guardiola-1", "guardiola-2", "Pep Guardiola", 3),
    ],
)
def test_a_bare_surname_joins_the_only_full_name_with_that_surname(full: str, bare: str, name: str, count: int) -> None:
    for order in ((full, bare), (bare, full)):
        tracker = tracker_of(*order)
        assert table(tracker) == [(name, "person", count, 2)]


def test_a_bare_surname_alone_is_one_speaker_across_documents() -> None:
    tracker = Tracker()
    tracker.add("“We are ready,” Peskov said.", doc_id="1")
    tracker.add("Peskov said the meeting was over.", doc_id="2")
    assert table(tracker) == [("Peskov", "person", 2, 2)]
    assert not row(tracker, "Peskov").ambiguous


def test_different_first_names_are_never_joined() -> None:
    tracker = tracker_of("hillary", "bill", "chelsea")
    assert table(tracker) == [
        ("Hillary Clinton", "person", 2, 1),
        ("Bill Clinton", "person", 1, 1),
        ("Chelsea Clinton", "person", 1, 1),
    ]


def test_a_bare_surname_two_known_people_share_stays_its_own_ambiguous_speaker() -> None:
    tracker = tracker_of("hillary", "bill", "clinton-bare")
    assert table(tracker) == [
        ("Hillary Clinton", "person", 2, 1),
        ("Bill Clinton", "person", 1, 1),
        ("Clinton", "person", 1, 1),
    ]
    assert row(tracker, "Clinton").ambiguous
    assert not row(tracker, "Bill Clinton").ambiguous


def test_a_bare_surname_with_one_known_person_joins_them_until_a_second_one_appears() -> None:
    tracker = tracker_of("hillary", "clinton-bare")
    assert table(tracker) == [("Hillary Clinton", "person", 3, 2)]
    tracker.add(ARTICLES["bill"], doc_id="bill")
    assert row(tracker, "Hillary Clinton").quote_count == 2
    assert row(tracker, "Clinton").ambiguous


def test_a_person_only_mentioned_elsewhere_counts_as_known() -> None:
    # Bill Clinton says nothing here, but his name makes a bare "Clinton" ambiguous.
    tracker = tracker_of("hillary", "clinton-bare")
    tracker.add("Bill Clinton opened the new library in Arkansas on Friday.", doc_id="library")
    assert table(tracker) == [("Hillary Clinton", "person", 2, 1), ("Clinton", "person", 1, 1)]
    # And a full name met only as a mention gives a bare speaker their canonical name.
    tracker = Tracker()
    tracker.add("The minister met Dmitry Peskov in Moscow.", doc_id="meeting")
    tracker.add(ARTICLES["peskov-bare"], doc_id="peskov-bare")
    assert table(tracker) == [("Dmitry Peskov", "person", 2, 1)]


# --- the gazetteer ---------------------------------------------------------------------------------------

ZELENSKY = GazetteerEntry("Volodymyr Zelensky", aliases=("Zelenskiy", "Zelenskyy"), titles=("President",))
CLINTONS = [
    GazetteerEntry("Hillary Clinton", titles=("Secretary", "Senator")),
    GazetteerEntry("Bill Clinton", titles=("President",)),
]
ZELENSKY_ARTICLES = [
    "“We will fight,” said Ukrainian President Volodymyr Zelenskiy.",
    "Zelenskiy said the air defence systems had arrived.",
    "“We need more help,” Volodymyr Zelensky told parliament.",
    "President Zelenskyy said Ukraine needed more air defence.",
]


def test_spelling_variants_join_only_through_the_gazetteer() -> None:
    without = Tracker()
    with_gazetteer = Tracker(gazetteer=[ZELENSKY])
    for number, text in enumerate(ZELENSKY_ARTICLES):
        without.add(text, doc_id=str(number))
        with_gazetteer.add(text, doc_id=str(number))
    # Without it, "Zelenskiy" joins "Volodymyr Zelenskiy" by surname, and the other spellings stay apart.
    assert table(without) == [
        ("Volodymyr Zelenskiy", "person", 2, 2),
        ("Volodymyr Zelensky", "person", 1, 1),
        ("Zelenskyy", "person", 1, 1),
    ]
    assert table(with_gazetteer) == [("Volodymyr Zelensky", "person", 4, 4)]
    assert set(row(with_gazetteer, "Volodymyr Zelensky").aliases) >= {"Zelenskiy", "Volodymyr Zelenskiy"}


def test_gazetteer_titles_tell_apart_people_who_share_a_surname() -> None:
    tracker = Tracker(gazetteer=CLINTONS)
    tracker.add("President Clinton said the economy was growing.", doc_id="president")
    tracker.add("Secretary Clinton said the talks would resume.", doc_id="secretary")
    tracker.add(ARTICLES["clinton-bare"], doc_id="bare")
    assert [q.doc_id for q in tracker.quotes_by("Bill Clinton")] == ["president"]
    assert [q.doc_id for q in tracker.quotes_by("Hillary Clinton")] == ["secretary"]
    assert row(tracker, "Clinton").ambiguous


def test_without_a_gazetteer_a_title_does_not_pick_among_namesakes() -> None:
    tracker = tracker_of("hillary", "bill")
    tracker.add("President Clinton said the economy was growing.", doc_id="president")
    assert row(tracker, "Clinton").ambiguous


def test_a_gazetteer_fixes_the_canonical_name_and_the_kind_of_an_organisation() -> None:
    apple = GazetteerEntry("Apple Inc.", aliases=("Apple",), kind=SpeakerKind.ORGANISATION)
    tracker = tracker_of("apple", gazetteer=[apple])
    assert table(tracker) == [("Apple Inc.", "organisation", 1, 1)]
    assert [q.quote.text for q in tracker.quotes_by("apple")] == ["it would hire 2,000 engineers"]


def test_gazetteer_entries_may_be_given_as_dicts() -> None:
    tracker = Tracker(gazetteer=[{"name": "Volodymyr Zelensky", "aliases": ["Zelenskiy"], "kind": "person"}])
    tracker.add(ZELENSKY_ARTICLES[1], doc_id="1")
    assert table(tracker) == [("Volodymyr Zelensky", "person", 1, 1)]


@pytest.mark.parametrize(
    ("entries", "error"),
    [
        ([{"name": "A B", "alias": ["B"]}], ValueError),
        ([{"aliases": ["B"]}], ValueError),
        ([GazetteerEntry("Ana Ruiz"), GazetteerEntry("ana  ruiz")], ValueError),
        (["Ana Ruiz"], TypeError),
        (GazetteerEntry("Ana Ruiz"), TypeError),
    ],
)
def test_a_bad_gazetteer_says_what_to_pass(entries: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="gazetteer"):
        Tracker(gazetteer=entries)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [{"name": ""}, {"name": "X", "kind": "unknown"}, {"name": "X", "kind": "robot"}, {"name": "X", "aliases": "Y"}],
)
def test_a_bad_gazetteer_entry_raises_value_error_naming_the_field(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="GazetteerEntry"):
        GazetteerEntry(**options)  # type: ignore[arg-type]


# --- organisations and descriptions ----------------------------------------------------------------------


def test_organisations_join_by_name_with_or_without_the() -> None:
    tracker = tracker_of("white-house-the", "white-house-bare", "apple")
    assert table(tracker) == [("White House", "organisation", 2, 2), ("Apple", "organisation", 1, 1)]


def test_descriptions_of_unknown_kind_are_never_joined_across_documents() -> None:
    tracker = tracker_of("official-1", "official-2")
    rows = tracker.speakers()
    assert [(s.name, s.kind, s.quote_count) for s in rows] == [("A senior official", SpeakerKind.UNKNOWN, 1)] * 2
    assert rows[0].id != rows[1].id
    # Asking by the description still finds both quotes.
    assert [q.doc_id for q in tracker.quotes_by("a senior official")] == ["official-1", "official-2"]


# --- who said what -------------------------------------------------------------------------------------------


def test_speakers_are_sorted_by_quote_count_then_name() -> None:
    tracker = tracker_of(*ARTICLES)
    rows = tracker.speakers()
    keys = [(-s.quote_count, s.name.casefold()) for s in rows]
    assert keys == sorted(keys)
    assert sum(s.quote_count for s in rows) == sum(1 for r in tracker.records() if r.speaker is not None)


@pytest.mark.parametrize(
    ("name", "doc_ids"),
    [
        ("Dmitry Peskov", ["peskov-bare", "peskov-bare", "peskov-full"]),
        ("dmitry peskov", ["peskov-bare", "peskov-bare", "peskov-full"]),
        ("PESKOV", ["peskov-bare", "peskov-bare", "peskov-full"]),
        ("Guardiola", ["guardiola-1", "guardiola-2", "guardiola-2"]),
        ("the White House", ["white-house-bare", "white-house-the"]),
        ("white house", ["white-house-bare", "white-house-the"]),
        ("Bill Clinton", ["bill"]),
        ("Clinton", ["bill", "chelsea", "clinton-bare", "hillary", "hillary"]),
        ("Bill", []),
        ("Vladimir Putin", []),
    ],
)
def test_quotes_by_a_canonical_name_an_alias_or_a_surname(name: str, doc_ids: list[str]) -> None:
    tracker = tracker_of(*ARTICLES)
    assert [record.doc_id for record in tracker.quotes_by(name)] == doc_ids


def test_quotes_by_a_gazetteer_alias_with_accents_and_case_ignored() -> None:
    tracker = Tracker(gazetteer=[ZELENSKY])
    tracker.add(ZELENSKY_ARTICLES[0], doc_id="a")
    assert [r.quote.text for r in tracker.quotes_by("ZELENSKYY")] == ["We will fight,"]
    assert [r.speaker for r in tracker.quotes_by("Zelénskiy")] == ["Volodymyr Zelensky"]


def test_quote_records_carry_the_tracker_name_and_the_document_quote() -> None:
    tracker = tracker_of("peskov-bare", "peskov-full")
    first = tracker.quotes_by("Peskov")[0]
    assert first.speaker == "Dmitry Peskov"
    assert first.speaker_kind is SpeakerKind.PERSON
    assert first.quote.speaker is not None and first.quote.speaker.name == "Peskov"
    assert first.quote.speaker_mention is not None and first.quote.speaker_mention.text == "Peskov"
    assert first.cue == "said"


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_quotes_by_needs_a_name(bad: object) -> None:
    with pytest.raises(ValueError, match="name"):
        Tracker().quotes_by(bad)  # type: ignore[arg-type]


def test_counts_by_document_and_by_date_with_and_without_a_speaker() -> None:
    tracker = Tracker()
    tracker.add(ARTICLES["peskov-full"], doc_id="mon", date=date(2024, 5, 6))
    tracker.add(ARTICLES["peskov-bare"], doc_id="tue", date="2024-05-07")
    tracker.add(ARTICLES["cook-full"], doc_id="tue-2", date=datetime(2024, 5, 7, 18, 30))
    tracker.add(ARTICLES["official-1"], doc_id="undated")
    tracker.add("Markets were calm.", doc_id="quiet", date="2024-05-08")
    assert tracker.counts_by_document() == {"mon": 1, "tue": 2, "tue-2": 1, "undated": 1}
    assert tracker.counts_by_document("Peskov") == {"mon": 1, "tue": 2}
    assert tracker.counts_by_date() == {date(2024, 5, 6): 1, date(2024, 5, 7): 3, None: 1}
    assert list(tracker.counts_by_date()) == [date(2024, 5, 6), date(2024, 5, 7), None]
    assert tracker.counts_by_date("tim cook") == {date(2024, 5, 7): 1}
    assert tracker.counts_by_date("nobody") == {}
    assert (tracker.document_count, tracker.quote_count) == (5, 5)


def test_records_come_by_date_then_document_then_position() -> None:
    sources = {"b": "guardiola-2", "z": "official-1", "a": "guardiola-1", "c": "cook-full"}
    dates = {"b": "2024-01-02", "z": None, "a": "2024-01-02", "c": "2023-12-31"}
    tracker = Tracker()
    for doc_id, source in sources.items():
        tracker.add(ARTICLES[source], doc_id=doc_id, date=dates[doc_id])

    def at(doc_id: str, words: str) -> tuple[str, int]:
        return doc_id, ARTICLES[sources[doc_id]].index(words)

    assert [(r.doc_id, r.quote.span.start) for r in tracker.records()] == [
        at("c", "Our profits"),
        at("a", "The team"),
        at("b", "the title race"),
        at("b", "We need"),
        at("z", "the talks"),
    ]


# --- adding --------------------------------------------------------------------------------------------------


def test_documents_texts_tuples_and_dicts_are_all_accepted() -> None:
    by_hand = Tracker()
    by_hand.add(quotetrack.extract(ARTICLES["peskov-full"]), doc_id="1", date="2024-05-06")
    by_hand.add(ARTICLES["peskov-bare"], doc_id="2")
    by_hand.add(ARTICLES["cook-full"], doc_id="3", date="2024-05-07")
    many = Tracker()
    added = many.add_many(
        [
            ("1", quotetrack.extract(ARTICLES["peskov-full"]), "2024-05-06"),
            ("2", ARTICLES["peskov-bare"]),
            {"id": "3", "text": ARTICLES["cook-full"], "date": date(2024, 5, 7)},
        ]
    )
    assert added == 3
    assert many == by_hand


def test_a_document_without_an_id_is_named_after_its_text() -> None:
    first, second = Tracker(), Tracker()
    text_id = first.add(ARTICLES["cook-full"])
    assert text_id.startswith("sha-")
    assert second.add(quotetrack.extract(ARTICLES["cook-full"])) == text_id
    assert second.add_many([ARTICLES["apple"]]) == 1
    assert first.add(ARTICLES["apple"]) in second.counts_by_document()
    with pytest.raises(ValueError, match="already added"):
        first.add(ARTICLES["cook-full"])


def test_texts_are_parsed_with_the_tracker_config() -> None:
    text = "“We are ready,” the team said. Ana Ruiz said that the season would be long."
    direct_only = Tracker(config=Config(kinds=frozenset({QuoteKind.DIRECT})))
    direct_only.add(text, doc_id="1")
    assert [r.quote.kind for r in direct_only.records()] == [QuoteKind.DIRECT]
    parser_given = Tracker(parser=quotetrack.Parser(Config(kinds=frozenset({QuoteKind.INDIRECT}))))
    parser_given.add(text, doc_id="1")
    assert [r.quote.kind for r in parser_given.records()] == [QuoteKind.INDIRECT]


def test_add_many_in_worker_processes_equals_one_process() -> None:
    items: list[tuple[str, str | Document]] = [(doc_id, text) for doc_id, text in ARTICLES.items()]
    items.insert(3, ("given", quotetrack.extract(ARTICLES["apple"])))  # a Document among the texts
    one, two = Tracker(), Tracker()
    assert one.add_many(items) == two.add_many(iter(items), n_jobs=2) == len(ARTICLES) + 1
    assert one == two


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda t: t.add(b"bytes"), TypeError, "decode"),
        (lambda t: t.add(42), TypeError, "Document or a text"),
        (lambda t: t.add("Hi.", doc_id=7), TypeError, "doc_id"),
        (lambda t: t.add("Hi.", doc_id=""), TypeError, "doc_id"),
        (lambda t: t.add("Hi.", date="yesterday"), ValueError, "ISO date"),
        (lambda t: t.add("Hi.", date=20240101), TypeError, "datetime.date"),
        (lambda t: t.add_many("one text"), TypeError, "iterable"),
        (lambda t: t.add_many([["id", "text"]]), TypeError, "tuple"),
        (lambda t: t.add_many([{"body": "text"}]), ValueError, "'text'"),
        (lambda t: t.add_many([], n_jobs=0), ValueError, "n_jobs"),
        (lambda t: t.merge("tracker"), TypeError, "Tracker"),
    ],
)
def test_bad_input_says_what_to_pass(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call(Tracker())  # type: ignore[operator]


def test_a_parser_and_a_config_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        Tracker(parser=quotetrack.Parser(), config=Config())
    with pytest.raises(TypeError, match="Config"):
        Tracker(config="news")  # type: ignore[arg-type]


def test_a_rejected_document_leaves_the_tracker_unchanged() -> None:
    tracker = tracker_of("peskov-full")
    before = pickle.dumps(tracker)
    with pytest.raises(ValueError):
        tracker.add(ARTICLES["cook-full"], doc_id="peskov-full")
    with pytest.raises(ValueError):
        tracker.add(ARTICLES["cook-full"], doc_id="new", date="not a date")
    assert pickle.loads(before) == tracker


# --- exports ---------------------------------------------------------------------------------------------------


def test_records_round_trip_through_json_and_jsonl(tmp_path: Path) -> None:
    tracker = Tracker()
    for number, (doc_id, text) in enumerate(ARTICLES.items()):
        tracker.add(text, doc_id=doc_id, date=f"2024-03-{number % 28 + 1:02d}")
    expected = [record.to_dict() for record in tracker.records()]
    assert json.loads(tracker.to_json()) == expected
    assert json.loads(tracker.to_json(indent=2)) == expected
    path = tmp_path / "quotes.jsonl"
    assert tracker.write_jsonl(path) == len(expected)
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == expected
    buffer = io.StringIO()
    assert tracker.write_jsonl(buffer) == len(expected)
    assert buffer.getvalue() == path.read_text(encoding="utf-8")


def test_record_fields_and_offsets_slice_the_original_article() -> None:
    text = "Chancellor Maria Lopez arrived.\r\n\r\n“We will not raise taxes 👍🏽,” Lopez said."
    tracker = Tracker()
    tracker.add(text, doc_id="budget", date="2024-02-29")
    (record,) = json.loads(tracker.to_json())
    assert list(record) == list(RECORD_FIELDS)
    assert record["doc_id"] == "budget" and record["date"] == "2024-02-29"
    assert (record["speaker"], record["speaker_kind"], record["kind"]) == ("Maria Lopez", "person", "direct")
    assert text[record["start"] : record["end"]] == record["text"] == "We will not raise taxes 👍🏽,"
    assert (record["mention"], record["cue"]) == ("Lopez", "said")
    assert 0 < record["confidence"] <= 1


def test_write_jsonl_refuses_a_binary_file() -> None:
    with pytest.raises(TypeError, match="text mode"):
        tracker_of("apple").write_jsonl(io.BytesIO())  # type: ignore[arg-type]


def test_an_empty_tracker_exports_nothing() -> None:
    tracker = Tracker()
    assert tracker.to_json() == "[]"
    assert tracker.speakers() == []
    assert tracker.counts_by_document() == {}
    assert format_by_speaker(tracker) == "No quotes."


def test_to_dataframe_has_one_row_per_quote() -> None:
    pandas = pytest.importorskip("pandas")
    tracker = tracker_of("peskov-full", "peskov-bare", "apple")
    tracker.add(ARTICLES["cook-full"], doc_id="dated", date="2024-05-07")
    frame = tracker.to_dataframe()
    assert list(frame.columns) == list(RECORD_FIELDS)
    assert len(frame) == tracker.quote_count == 5
    assert pandas.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame.groupby("speaker").size().to_dict() == {"Apple": 1, "Dmitry Peskov": 3, "Tim Cook": 1}
    assert len(Tracker().to_dataframe().columns) == len(RECORD_FIELDS)


def test_to_dataframe_without_pandas_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match="pip install pandas"):
        tracker_of("apple").to_dataframe()


# --- the text report -------------------------------------------------------------------------------------------


def test_format_by_speaker_groups_quotes_under_each_speaker() -> None:
    tracker = tracker_of("peskov-full", "peskov-bare", "hillary", "bill", "clinton-bare")
    tracker.add("Markets were calm. “Prices will rise,” she said.", doc_id="orphan")
    report = format_by_speaker(tracker)
    blocks = report.split("\n\n")
    assert blocks[0].splitlines() == [
        "Dmitry Peskov (person): 3 quotes in 2 documents",
        "  [peskov-bare] We are not in a hurry,",
        "  [peskov-bare] the Kremlin would study the proposal",
        "  [peskov-full] The talks were useful,",
    ]
    assert "Clinton (person, ambiguous): 1 quote in 1 document\n  [clinton-bare] Nobody expected this," in blocks
    assert blocks[-1] == "(no speaker): 1 quote\n  [orphan] Prices will rise,"


def test_format_by_speaker_cuts_long_quotes_and_long_lists() -> None:
    tracker = tracker_of("peskov-full", "peskov-bare")
    report = format_by_speaker(tracker, excerpt=12, max_quotes=1)
    assert report.splitlines() == [
        "Dmitry Peskov (person): 3 quotes in 2 documents",
        "  [peskov-bare] We are not…",
        "  … and 2 more",
    ]
    with pytest.raises(ValueError, match="excerpt"):
        format_by_speaker(tracker, excerpt=0)
    with pytest.raises(TypeError, match="Tracker"):
        format_by_speaker("tracker")  # type: ignore[arg-type]


# --- memory, pickling, merging, order ----------------------------------------------------------------------


def test_the_tracker_keeps_quotes_not_articles() -> None:
    background = "The committee published its annual report on a rainy Wednesday afternoon."
    tracker = Tracker()
    tracker.add(f"{background} {ARTICLES['peskov-full']}", doc_id="1")
    assert background.encode() not in pickle.dumps(tracker)
    (record,) = tracker.records()
    assert record.quote.speaker is not None and record.quote.speaker.mentions == ()


def test_a_tracker_pickles_and_keeps_working() -> None:
    tracker = tracker_of("peskov-full", "official-1", gazetteer=[ZELENSKY], config=Config(min_confidence=0.1))
    copy = pickle.loads(pickle.dumps(tracker))
    assert copy == tracker and table(copy) == table(tracker)
    copy.add(ARTICLES["peskov-bare"], doc_id="peskov-bare")
    assert row(copy, "Dmitry Peskov").quote_count == 3
    assert row(tracker, "Dmitry Peskov").quote_count == 1


def test_merged_trackers_equal_one_tracker_fed_every_document() -> None:
    ids = list(ARTICLES)
    single = tracker_of(*ids, gazetteer=CLINTONS)
    parts = [tracker_of(*ids[start::3], gazetteer=CLINTONS) for start in range(3)]
    combined = Tracker.combine(*parts)
    assert combined == single
    assert table(combined) == table(single)
    assert [r.to_dict() for r in combined.records()] == [r.to_dict() for r in single.records()]
    merged = tracker_of(*ids[0::3], gazetteer=CLINTONS).merge(parts[1]).merge(parts[2])
    assert merged == single
    assert table(parts[1]) == table(tracker_of(*ids[1::3], gazetteer=CLINTONS))  # merging leaves the others alone


def test_merging_refuses_shared_documents_and_different_gazetteers() -> None:
    with pytest.raises(ValueError, match="in both"):
        tracker_of("apple").merge(tracker_of("apple"))
    with pytest.raises(ValueError, match="gazetteer"):
        tracker_of("apple").merge(tracker_of("bill", gazetteer=CLINTONS))
    with pytest.raises(ValueError, match="at least one"):
        Tracker.combine()


def test_the_order_documents_come_in_does_not_change_the_answers() -> None:
    ids = ["hillary", "bill", "clinton-bare", "peskov-bare", "peskov-full", "white-house-the", "white-house-bare"]
    ids += ["official-1", "official-2", "lopez-bare", "lopez-full"]
    reference = tracker_of(*ids, gazetteer=[ZELENSKY])
    shuffler = random.Random(4)
    for _ in range(6):
        order = shuffler.sample(ids, len(ids))
        shuffled = tracker_of(*order, gazetteer=[ZELENSKY])
        assert shuffled.speakers() == reference.speakers()
        assert shuffled.records() == reference.records()
        assert shuffled == reference


# --- speed: joining is linear in the number of speakers -------------------------------------------------------


def _crowd(people: int) -> list[Document]:
    """Hand-built documents with many distinct people, a bare surname each, and shared surnames."""
    documents = []
    for number in range(people):
        full = Speaker(f"E{number}", f"Given{number} Family{number % (people // 2)}", SpeakerKind.PERSON)
        bare = Speaker("B", f"Family{number}", SpeakerKind.PERSON)
        quotes = tuple(Quote(Span(0, 2), "Hi", QuoteKind.DIRECT, speaker=s) for s in (full, bare))
        documents.append(Document("Hi", quotes=quotes, speakers=(full, bare), entities=(full, bare)))
    return documents


def _seconds_to_table(documents: list[Document]) -> float:
    tracker = Tracker()
    for number, document in enumerate(documents):
        tracker.add(document, doc_id=str(number))
    start = time.perf_counter()
    tracker.speakers()
    return time.perf_counter() - start


def test_joining_speakers_grows_linearly_with_their_number() -> None:
    small, big = _crowd(1_000), _crowd(8_000)
    for _ in range(3):  # a busy machine can slow one measurement; a pairwise join fails every attempt
        ratio = _seconds_to_table(big) / max(_seconds_to_table(small), 0.002)
        if ratio < 30:  # linear is about 8x; pairwise would be about 64x
            break
    assert ratio < 30


# --- properties on generated news ----------------------------------------------------------------------------

corpora = st.lists(news_documents(max_quotes=3), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora, st.randoms(use_true_random=False))
def test_generated_corpora_keep_every_quote_and_split_or_shuffled_give_the_same_table(
    planted: list[PlantedDocument], shuffler: random.Random
) -> None:
    documents = [quotetrack.extract(p.text) for p in planted]
    single = Tracker()
    for number, document in enumerate(documents):
        single.add(document, doc_id=f"d{number}", date=date(2024, 1, 1 + number))
    assert single.quote_count == sum(len(d.quotes) for d in documents)
    assert sum(single.counts_by_document().values()) == single.quote_count
    assert sum(single.counts_by_date().values()) == single.quote_count
    attributed = sum(1 for d in documents for q in d.quotes if q.speaker is not None)
    assert sum(s.quote_count for s in single.speakers()) == attributed
    numbered = list(enumerate(documents))
    cut = shuffler.randint(0, len(numbered))
    shuffler.shuffle(numbered)
    parts = [Tracker(), Tracker()]
    for position, (number, document) in enumerate(numbered):
        parts[position >= cut].add(document, doc_id=f"d{number}", date=date(2024, 1, 1 + number))
    combined = Tracker.combine(*parts)
    assert combined == single
    assert combined.speakers() == single.speakers()


@settings(max_examples=25, deadline=None)
@given(corpora)
def test_every_planted_speaker_is_found_by_name(planted: list[PlantedDocument]) -> None:
    tracker = Tracker()
    for number, item in enumerate(planted):
        tracker.add(item.text, doc_id=str(number))
    for number, item in enumerate(planted):
        for quote in item.quotes:
            found = tracker.quotes_by(quote.speaker)
            assert any(r.doc_id == str(number) and r.quote.span == quote.span for r in found), quote


def test_permutations_of_a_small_corpus_give_one_table() -> None:
    ids = ["hillary", "clinton-bare", "bill", "peskov-bare"]
    tables = {tuple(table(tracker_of(*order))) for order in itertools.permutations(ids)}
    assert len(tables) == 1
