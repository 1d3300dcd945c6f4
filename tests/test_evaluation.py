"""The scorer: coverage matching, trimming, attribution rules, gold loading, command line."""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack import Mention, Parser, Quote, QuoteKind, Span, Speaker
from quotetrack.evaluation import (
    GoldDocument,
    GoldFormatError,
    GoldQuote,
    GoldSpan,
    evaluate,
    load_gold,
    main,
    mention_type,
    regex_baseline,
    score_document,
    speaker_matches,
    summarise,
    trim_span,
)

REPO = Path(__file__).resolve().parents[1]
SEED_GOLD = REPO / "seeds" / "newsweek-putin-zelensky-meeting.gold.json"
NEWS_GOLD = REPO / "tests" / "gold" / "news.jsonl"

DIRECT, MIXED, INDIRECT = QuoteKind.DIRECT, QuoteKind.MIXED, QuoteKind.INDIRECT


def span_of(text: str, fragment: str) -> Span:
    """Where ``fragment`` stands in ``text``: as a whole word when it can be ("he" not in "the")."""
    whole = regex.search(r"(?<!\w)" + regex.escape(fragment) + r"(?!\w)", text)
    start = whole.start() if whole else text.index(fragment)
    return Span(start, start + len(fragment))


def gold_quote(
    text: str,
    fragment: str,
    kind: QuoteKind = DIRECT,
    speaker: str | None = None,
    mention: str | None = None,
    cue: str | None = None,
) -> GoldQuote:
    def gold_span(words: str | None) -> GoldSpan | None:
        if words is None:
            return None
        where = span_of(text, words)
        return GoldSpan(where.start, where.end, words)

    return GoldQuote(span_of(text, fragment), fragment, kind, speaker, gold_span(mention), gold_span(cue))


def predicted(
    text: str, fragment: str, kind: QuoteKind = DIRECT, name: str | None = None, mention: str | None = None
) -> Quote:
    speaker = Speaker(id=name, name=name) if name else None
    said_by = Mention(span_of(text, mention), mention) if mention else None
    return Quote(span_of(text, fragment), fragment, kind, speaker=speaker, speaker_mention=said_by)


def document(text: str, *quotes: GoldQuote, names: str = "canonical", non_speech: tuple[str, ...] = ()) -> GoldDocument:
    spans = tuple(GoldSpan(span_of(text, s).start, span_of(text, s).end, s) for s in non_speech)
    return GoldDocument("doc", text, quotes, speaker_names=names, non_speech=spans)  # type: ignore[arg-type]


# --- trimming -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Taxes will rise next year.”", "Taxes will rise next year"),
        ('  "We won, and we deserved it!" ', "We won, and we deserved it"),
        ("‘It is over,’", "It is over"),
        ("«Nous verrons.»", "Nous verrons"),
        ("``Not now,''", "Not now"),
        ("—and then, (maybe) later…", "and then, (maybe) later"),
        ("the plan was “dead on arrival”.", "the plan was “dead on arrival"),
    ],
)
def test_trim_removes_spaces_quote_marks_and_punctuation_at_both_ends(text: str, expected: str) -> None:
    assert trim_span(text, Span(0, len(text))).slice(text) == expected


def test_trim_keeps_a_span_of_only_punctuation_whole() -> None:
    text = "He said “…” and left."
    assert trim_span(text, span_of(text, "“…”")) == span_of(text, "“…”")


def test_trim_keeps_inner_punctuation_and_ends_that_are_letters_or_digits() -> None:
    text = "Sales rose 4.5% in Q3"
    assert trim_span(text, Span(0, len(text))) == Span(0, len(text))


# --- detection: coverage of at least half ----------------------------------------

SENTENCE = "Smith said: “Taxes will rise next year.” Jones agreed."
TAXES = "Taxes will rise next year."  # 25 characters once the full stop is trimmed


def detection(gold: GoldDocument, *guesses: Quote, kind: str = "all") -> tuple[float, float]:
    score = summarise([score_document(gold, guesses)]).detection[kind]
    return score.recall, score.precision


def test_a_gold_fragment_half_covered_is_found_and_one_character_less_is_not() -> None:
    gold = document(SENTENCE, gold_quote(SENTENCE, TAXES))
    assert detection(gold, predicted(SENTENCE, "Taxes will ri"))[0] == 1.0  # 13 of 25: 26 >= 25
    assert detection(gold, predicted(SENTENCE, "Taxes will r"))[0] == 0.0  # 12 of 25: 24 < 25


def test_trimming_applies_before_measuring_half() -> None:
    # Without trimming, the gold “Taxes…year.” with its marks would be 28 characters and 13 too few.
    text = SENTENCE
    gold = document(text, gold_quote(text, "“" + TAXES + "”"))
    assert detection(gold, predicted(text, "Taxes will ri"))[0] == 1.0


def test_a_prediction_is_correct_when_gold_covers_half_of_it() -> None:
    text = "Smith said: “Taxes will rise next year.” Jones agreed with everyone there."
    gold = document(text, gold_quote(text, TAXES))
    # The gold span covers 26 characters (as annotated, full stop included); the predictions
    # run on into the next sentence and are 52 and 53 characters long.
    just_right = predicted(text, "Taxes will rise next year.” Jones agreed with everyo")
    too_long = predicted(text, "Taxes will rise next year.” Jones agreed with everyon")
    assert (len(just_right.span), len(too_long.span)) == (52, 53)
    assert detection(gold, too_long)[1] == 0.0
    assert detection(gold, just_right)[1] == 1.0


def test_coverage_adds_up_several_predictions() -> None:
    gold = document(SENTENCE, gold_quote(SENTENCE, TAXES))
    # 'Taxes will' (10) and 'next year' (9): 19 of 25 characters together, neither alone.
    parts = (predicted(SENTENCE, "Taxes will"), predicted(SENTENCE, "next year"))
    assert detection(gold, parts[0])[0] == 0.0
    assert detection(gold, *parts) == (1.0, 1.0)


def test_exact_precision_and_recall_on_a_small_article() -> None:
    text = (
        "“We will appeal,” the club said. Its lawyer said the fine was unfair. "
        "“The league acted too fast,” she added. Fans gathered outside."
    )
    gold = document(
        text,
        gold_quote(text, "We will appeal,"),
        gold_quote(text, "the fine was unfair", INDIRECT),
        gold_quote(text, "The league acted too fast,"),
    )
    guesses = (
        predicted(text, "We will appeal,"),
        predicted(text, "The league acted too fast,"),
        predicted(text, "Fans gathered outside", INDIRECT),
    )
    report = summarise([score_document(gold, guesses)])
    direct, indirect, everything = (report.detection[k] for k in ("direct", "indirect", "all"))
    assert (direct.recall, direct.precision, direct.f1) == (1.0, 1.0, 1.0)
    assert (indirect.recall, indirect.precision, indirect.f1) == (0.0, 0.0, 0.0)
    assert (everything.gold, everything.found, everything.predicted, everything.correct) == (3, 2, 3, 2)
    assert everything.precision == everything.recall == everything.f1 == pytest.approx(2 / 3)


def test_recall_counts_predictions_of_any_kind_and_precision_gold_of_any_kind() -> None:
    text = "The minister said the plan was “dead on arrival” and walked out."
    mixed = "the plan was “dead on arrival”"
    gold = document(text, gold_quote(text, mixed, MIXED))
    inner = predicted(text, "dead on arrival")  # a direct quote inside the mixed one: 15 of 29 characters
    report = summarise([score_document(gold, [inner])])
    assert report.detection["mixed"].recall == 1.0
    assert report.detection["direct"].precision == 1.0
    assert report.detection["direct"].gold == 0 and report.detection["mixed"].predicted == 0


def test_nothing_predicted_gives_zero_precision_not_an_error() -> None:
    gold = document(SENTENCE, gold_quote(SENTENCE, TAXES))
    score = summarise([score_document(gold, [])]).detection["all"]
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_a_prediction_outside_the_text_is_refused() -> None:
    gold = document("Short.")
    with pytest.raises(ValueError, match="beyond the end"):
        score_document(gold, [Quote(Span(0, 50), "x" * 50, DIRECT)])


def _naive_found(text_length: int, target: Span, covering: list[Span]) -> bool:
    # Per-character sets are fine for a few hundred characters: the reference the scorer must agree with.
    covered = {i for s in covering for i in range(s.start, s.end)} & set(range(target.start, target.end))
    return len(target) > 0 and 2 * len(covered) >= len(target)


spans = st.tuples(st.integers(0, 120), st.integers(1, 40)).map(lambda t: Span(t[0], min(160, t[0] + t[1])))


@settings(max_examples=200, deadline=None)
@given(gold_spans=st.lists(spans, max_size=6), guess_spans=st.lists(spans, max_size=6))
def test_interval_coverage_agrees_with_counting_characters(gold_spans: list[Span], guess_spans: list[Span]) -> None:
    text = "abcdefghij" * 16  # no character is trimmed, so spans are judged as they are
    gold = document(text, *(GoldQuote(s, s.slice(text), DIRECT) for s in gold_spans))
    result = score_document(gold, [Quote(s, s.slice(text), DIRECT) for s in guess_spans])
    assert [o.found for o in result.gold_outcomes] == [_naive_found(160, s, guess_spans) for s in gold_spans]
    assert [o.correct for o in result.prediction_outcomes] == [_naive_found(160, s, gold_spans) for s in guess_spans]


def test_scoring_a_long_document_is_fast() -> None:
    sentence = "“Prices will fall soon,” the governor said on Monday. "
    text = sentence * 20_000  # over a million characters, 20,000 quotes
    first, step = span_of(text, "Prices will fall soon,"), len(sentence)
    spans = [Span(first.start + i * step, first.end + i * step) for i in range(20_000)]
    golds = tuple(GoldQuote(s, s.slice(text), DIRECT) for s in spans)
    guesses = [Quote(s, s.slice(text), DIRECT) for s in spans]
    started = time.perf_counter()
    report = summarise([score_document(GoldDocument("long", text, golds), guesses)])
    assert time.perf_counter() - started < 10
    assert report.detection["all"].recall == 1.0 == report.detection["all"].precision


# --- attribution ----------------------------------------------------------------

PESKOV = "“We are ready to talk,” Kremlin spokesman Dmitry Peskov said."


def canonical(gold_speaker: str, *, name: str | None = None, mention: str | None = None) -> bool:
    gold = gold_quote(PESKOV, "We are ready to talk,", speaker=gold_speaker, mention="Dmitry Peskov")
    # Canonical names are compared as words: where the predicted mention stands does not matter.
    guess = Quote(
        span_of(PESKOV, "We are ready to talk"),
        "We are ready to talk",
        DIRECT,
        speaker=Speaker(id="s1", name=name) if name else None,
        speaker_mention=Mention(Span(0, 1), mention) if mention else None,
    )
    return speaker_matches(gold, guess)


def test_canonical_names_match_on_the_gold_surname() -> None:
    assert canonical("Dmitry Peskov", name="Dmitry Peskov")
    assert canonical("Dmitry Peskov", name="Peskov")
    assert canonical("Dmitry Peskov", mention="Kremlin spokesman Dmitry Peskov")  # no speaker: mention words
    assert not canonical("Dmitry Peskov", name="Dmitry Medvedev")
    assert not canonical("Dmitry Peskov", mention="Kremlin")
    assert not canonical("Dmitry Peskov")  # no speaker at all


def test_canonical_surname_skips_suffixes_and_ignores_case_and_possessives() -> None:
    assert canonical("Martin Luther King Jr.", name="King")
    assert canonical("Dmitry Peskov", name="PESKOV")
    assert canonical("Dmitry Peskov", mention="Peskov’s")
    assert not canonical("Dmitry Peskov", name="Peskova")  # a word, not a prefix


def test_the_canonical_name_wins_over_the_mention_words() -> None:
    # A mention resolved to the wrong person is wrong, even when the mention's words hold the surname.
    assert not canonical("Dmitry Peskov", name="Vladimir Putin", mention="Dmitry Peskov")


TRUMP = "After the rally, he said the polls were rigged, the Trump campaign said. Rep. Jim Clyburn (D-S.C.) disagreed."


def as_written(gold_mention: str, *, name: str | None = None, mention: str | None = None) -> bool:
    gold = gold_quote(TRUMP, "the polls were rigged", INDIRECT, speaker=gold_mention, mention=gold_mention)
    guess = predicted(TRUMP, "the polls were rigged", INDIRECT, name=name, mention=mention)
    return speaker_matches(gold, guess, "as_written")


def test_as_written_mentions_match_by_overlapping_span() -> None:
    assert as_written("he", mention="he")
    assert as_written("he", name="Donald Trump", mention="he")
    assert not as_written("he", name="Donald Trump")  # "he" has no capitalised word to look for


def test_as_written_mentions_match_by_last_capitalised_word_before_an_apposition() -> None:
    assert as_written("the Trump campaign", name="Donald Trump")
    assert as_written("Rep. Jim Clyburn (D-S.C.)", name="James Clyburn")
    assert not as_written("Rep. Jim Clyburn (D-S.C.)", name="Rep. Smith")


def test_attribution_uses_the_prediction_that_overlaps_most() -> None:
    text = "“We will cut taxes and we will cut them soon,” Osei said, and Jones nodded."
    gold = document(text, gold_quote(text, "We will cut taxes and we will cut them soon,", speaker="Clara Osei"))
    small_right = predicted(text, "We will cut taxes", name="Clara Osei")
    big_wrong = predicted(text, "and we will cut them soon,", name="Tom Jones")
    outcome = score_document(gold, [small_right, big_wrong]).gold_outcomes[0]
    assert outcome.found and outcome.best == big_wrong and outcome.attributed is False


def test_attribution_precision_recall_and_speaker_accuracy() -> None:
    text = (
        "“The deal is done,” Ann Lee said. “Not yet,” Bo Chan replied. "
        "Critics said it would fail. “Wait and see,” the weather was nice."
    )
    gold = document(
        text,
        gold_quote(text, "The deal is done,", speaker="Ann Lee"),
        gold_quote(text, "Not yet,", speaker="Bo Chan"),
        gold_quote(text, "it would fail", INDIRECT, speaker="Critics"),
        gold_quote(text, "Wait and see,"),  # no speaker annotated: never judged for attribution
    )
    guesses = [
        predicted(text, "The deal is done,", name="Ann Lee"),  # right
        predicted(text, "Not yet,", name="Ann Lee"),  # found, wrong speaker
        predicted(text, "Wait and see,", name="Bo Chan"),  # gold names nobody: not judged
        predicted(text, "the weather was nice", name="Bo Chan"),  # false positive: wrong pair
    ]
    attribution = summarise([score_document(gold, guesses)]).attribution["all"]
    assert (attribution.gold, attribution.found, attribution.attributed) == (3, 2, 1)
    assert (attribution.predicted, attribution.correct) == (3, 1)
    assert attribution.recall == pytest.approx(1 / 3)
    assert attribution.precision == pytest.approx(1 / 3)
    assert attribution.accuracy == pytest.approx(1 / 2)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("he", "pronoun"),
        ("They", "pronoun"),
        ("who", "pronoun"),
        ("the president", "description"),
        ("His spokesman", "description"),
        ("sources", "description"),
        ("a senior official", "description"),
        ("Mr. Obama", "name"),
        ("PolitiFact", "name"),
        ("Rep. Jim Clyburn (D-S.C.), the assistant leader", "name"),
    ],
)
def test_mention_types(mention: str, expected: str) -> None:
    assert mention_type(mention) == expected


def test_reported_speech_is_split_by_whether_the_cue_is_a_speech_verb() -> None:
    text = "The governor said taxes would fall. The mayor believes taxes will rise."
    gold = document(
        text,
        gold_quote(text, "taxes would fall", INDIRECT, "governor", "The governor", "said"),
        gold_quote(text, "taxes will rise", INDIRECT, "mayor", "The mayor", "believes"),
    )
    report = summarise([score_document(gold, [predicted(text, "taxes would fall", INDIRECT, name="governor")])])
    assert report.cues["speech verb"].gold == 1 and report.cues["speech verb"].recall == 1.0
    assert report.cues["speech verb"].accuracy == 1.0
    assert report.cues["other cue"].gold == 1 and report.cues["other cue"].recall == 0.0


def test_predictions_touching_non_speech_spans_are_counted() -> None:
    text = "The so-called “reset” failed. “It is over,” the envoy said. The ministry did not respond to a request."
    no_comment = "The ministry did not respond to a request."
    gold = document(text, gold_quote(text, "It is over,", speaker="envoy"), non_speech=("reset", no_comment))
    scare = predicted(text, "reset")
    by_ministry = predicted(text, "It is over,", mention="The ministry")  # a speaker taken from the wrong place
    by_envoy = predicted(text, "It is over,", mention="the envoy")
    assert [h[0].text for h in score_document(gold, [scare]).non_speech_hits] == ["reset"]
    assert [h[0].text for h in score_document(gold, [by_ministry]).non_speech_hits] == [no_comment]
    assert score_document(gold, [by_envoy]).non_speech_hits == ()


# --- gold files -----------------------------------------------------------------


def test_the_seed_gold_loads_with_its_text_required_flags_and_non_speech() -> None:
    (gold,) = load_gold(SEED_GOLD)
    assert gold.id == "newsweek-putin-zelensky-meeting" and gold.speaker_names == "canonical"
    assert len(gold.quotes) == 12 and sum(q.required for q in gold.quotes) == 9
    assert len(gold.non_speech) == 4
    for quote in gold.quotes:
        assert quote.span.slice(gold.text) == quote.text
        assert (
            quote.speaker_mention is not None
            and quote.speaker_mention.span.slice(gold.text) == quote.speaker_mention.text
        )
    assert {q.kind for q in gold.quotes} == {DIRECT, INDIRECT}


def test_the_seed_gold_scored_against_itself_is_perfect() -> None:
    (gold,) = load_gold(SEED_GOLD)
    guesses = [Quote(q.span, q.text, q.kind, speaker=Speaker(id="s", name=q.speaker or "")) for q in gold.quotes]
    report = summarise([score_document(gold, guesses)])
    assert report.detection["all"].f1 == 1.0 and report.attribution["all"].f1 == 1.0
    assert (report.required.found, report.required.gold) == (9, 9)
    assert report.non_speech_hit == 0


def _write_jsonl(path: Path, *records: Mapping[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


POLNEAR_LIKE = {
    "id": "x1",
    "source": "PolNeAR",
    "text": "Sanders said the system was rigged.",
    "quotes": [
        {
            "start": 13,
            "end": 34,
            "text": "the system was rigged",
            "kind": "indirect",
            "speaker": "Sanders",
            "speaker_mention": {"start": 0, "end": 7, "text": "Sanders"},
            "cue": {"start": 8, "end": 12, "text": "said"},
            "qid": "E1",
        }
    ],
    "meta": {},
}


def test_jsonl_gold_loads_and_polnear_speakers_are_as_written(tmp_path: Path) -> None:
    (gold,) = load_gold(_write_jsonl(tmp_path / "g.jsonl", POLNEAR_LIKE))
    assert gold.speaker_names == "as_written"
    (quote,) = gold.quotes
    assert (quote.kind, quote.text, quote.qid) == (INDIRECT, "the system was rigged", "E1")
    assert quote.cue == GoldSpan(8, 12, "said")


def test_jsonl_gold_with_offsets_that_do_not_slice_the_text_is_refused(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(POLNEAR_LIKE))
    broken["quotes"][0]["start"] = 12
    with pytest.raises(GoldFormatError, match=r"g\.jsonl line 2 quote 1: text\[12:34\]"):
        load_gold(_write_jsonl(tmp_path / "g.jsonl", POLNEAR_LIKE, broken))


def test_jsonl_gold_with_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(POLNEAR_LIKE))
    broken["quotes"][0]["kind"] = "rumour"
    with pytest.raises(ValueError, match="kind must be one of"):
        load_gold(_write_jsonl(tmp_path / "g.jsonl", broken))


def test_the_project_gold_set_loads_and_covers_every_case() -> None:
    docs = load_gold(NEWS_GOLD)
    assert 10 <= len(docs) <= 20
    quotes = [q for d in docs for q in d.quotes]
    assert {q.kind for q in quotes} == {DIRECT, MIXED, INDIRECT}
    assert sum(len(d.non_speech) for d in docs) >= 4
    split = [q.qid for q in quotes if sum(1 for p in quotes if p.qid == q.qid) > 1]
    assert split, "needs split and multi-paragraph quotes"
    assert any("\r\n" in d.text for d in docs)
    for doc in docs:
        assert doc.speaker_names == "canonical"
        for quote in doc.quotes:
            assert quote.speaker is not None and quote.speaker_mention is not None


def test_the_project_gold_file_is_what_its_builder_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_news_gold", NEWS_GOLD.parent / "make_news_gold.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert NEWS_GOLD.read_text(encoding="utf-8") == builder.render()


# --- baseline, evaluate, command line -------------------------------------------


def test_regex_baseline_finds_curly_and_straight_quotes_on_one_line() -> None:
    text = '“We won,” she said. "Next year," he said, "we win again."\n"Open\nquote'
    assert [q.text for q in regex_baseline(text)] == ["We won,", "Next year,", "we win again."]


def _best_time(text: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        regex_baseline(text)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize("unit", ["“", '"', "“a"])
def test_regex_baseline_is_linear_on_runs_of_quote_marks(unit: str) -> None:
    # Ten times the text may take at most forty times as long (a quadratic pattern takes a hundred);
    # no absolute limit, so a busy machine cannot fail it.
    small, large = _best_time(unit * 20_000 + "”"), _best_time(unit * 200_000 + "”")
    assert large < 40 * max(small, 1e-3)


def test_evaluate_runs_a_predictor_and_reports_the_time_spent() -> None:
    docs = load_gold(NEWS_GOLD)
    report = evaluate(docs, regex_baseline, name="news")
    assert report.documents == len(docs) and report.name == "news" and report.predictor == "regex_baseline"
    assert report.detection["indirect"].found == 0  # the baseline only finds text inside marks
    assert report.detection["direct"].found > 0
    assert report.non_speech_hit > 0  # it cannot tell scare quotes from speech


def test_evaluate_with_the_real_parser_gives_a_complete_report() -> None:
    docs = load_gold(NEWS_GOLD)
    report = evaluate(docs)  # the default Parser(); its numbers change as it improves
    assert report.predictor == "quotetrack" and report.documents == len(docs)
    json.dumps(report.to_dict())


def test_evaluate_refuses_things_that_are_not_gold_documents() -> None:
    with pytest.raises(TypeError, match="GoldDocument"):
        evaluate([{"text": "x"}], regex_baseline)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Parser or a function"):
        evaluate([], "regex")  # type: ignore[arg-type]


def test_command_line_json_matches_the_python_api(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(NEWS_GOLD), "--baseline", "regex", "--json"]) == 0
    (metrics,) = json.loads(capsys.readouterr().out)["reports"]
    expected = evaluate(load_gold(NEWS_GOLD), regex_baseline).to_dict()
    assert metrics["detection"] == expected["detection"]
    assert metrics["attribution"] == expected["attribution"]


def test_command_line_prints_tables_errors_and_the_summary_last(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(NEWS_GOLD), str(SEED_GOLD), "--baseline", "regex", "--errors", "2", "--kind", "direct"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").splitlines()
    assert any(line.startswith("--- missed gold fragments") for line in lines)
    assert any(line.startswith("--- false positives") for line in lines)
    tail = lines[-15:]
    assert tail[-1].startswith("  required")
    assert sum(line.startswith("SUMMARY") for line in tail) == 2
    assert not any(line.lstrip().startswith("indirect") for line in tail)  # --kind direct


def test_command_line_reports_an_unreadable_gold_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err


def test_parser_argument_accepts_a_parser_instance() -> None:
    (gold,) = load_gold(SEED_GOLD)
    report = evaluate([gold], Parser())
    assert report.detection["all"].gold == 12
