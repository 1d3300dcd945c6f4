"""The ``quotetrack`` command: formats, inputs, and what happens with bad files."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from quotetrack import Parser, QuoteKind, Span, extract, stage1_segmentation
from quotetrack.cli import CSV_COLUMNS, main
from quotetrack.model import Analysis, Candidate, Mention
from quotetrack.parser import Context

WE_WILL_WIN = "“We will win,” Smith said.\n"
TWO_QUOTES = "The match is on Sunday.\n\n“We are ready,” said Ana Ruiz. “They are not,” she added.\n"

_MARKED = regex.compile(r"“([^“”\n]*)”")
_NAME_AFTER = regex.compile(r"” (?:said )?(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?|she|he)")


def _index_of(spans: list[Span], offset: int) -> int:
    return next(i for i, span in enumerate(spans) if span.start <= offset < span.end)


def _marks_stage(analysis: Analysis, context: Context) -> None:
    """A fixed stand-in for quote finding: “…” is a direct quote, the name after it the speaker."""
    for number, match in enumerate(_MARKED.finditer(analysis.text)):
        name = _NAME_AFTER.match(analysis.text, match.end(1))
        candidate = Candidate(
            span=Span(match.start(1), match.end(1)),
            kind=QuoteKind.DIRECT,
            paragraph=_index_of(analysis.paragraphs, match.start()),
            sentence=_index_of(analysis.sentences, match.start(1)),
            speaker_mention=Mention(Span(name.start(1), name.end(1)), name.group(1)) if name else None,
            confidence=0.9,
            group=number,
        )
        analysis.candidates.append(candidate)


def _stub_parser() -> Parser:
    stages = [(n, s) for n, s in Parser().stages if n == "segmentation"] + [("quotes", _marks_stage)]
    return Parser(stages=stages)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"win": tmp_path / "win.txt", "two": tmp_path / "two.txt"}
    paths["win"].write_text(WE_WILL_WIN, encoding="utf-8")
    paths["two"].write_text(TWO_QUOTES, encoding="utf-8")
    return paths


def run(argv: list[str], capsys: pytest.CaptureFixture[str], parser: Parser | None = None) -> tuple[int, str, str]:
    status = main(argv, parser=parser)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- formats --------------------------------------------------------------------


def test_the_default_table_shows_position_offsets_kind_speaker_and_quote(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run([str(files["two"])], capsys, _stub_parser())
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"== {files['two']}: 2 quotes =="
    assert lines[1].split() == ["where", "chars", "kind", "speaker", "quote"]
    first = TWO_QUOTES.index("We are ready,")
    assert lines[2].split() == ["p2", "s2", f"{first}-{first + 13}", "direct", "Ana", "Ruiz", "We", "are", "ready,"]
    assert lines[3].split()[4:] == ["she", "They", "are", "not,"]


def test_the_table_says_when_a_file_has_no_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "plain.txt"
    empty.write_text("Markets were calm on Monday.\n", encoding="utf-8")
    status, out, _ = run([str(empty)], capsys, _stub_parser())
    assert status == 0 and out.splitlines()[:2] == [f"== {empty}: 0 quotes ==", "(no quotes found)"]


def test_json_is_one_array_of_file_and_document_objects(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["--format", "json", str(files["win"]), str(files["two"])], capsys, _stub_parser())
    assert status == 0
    records = json.loads(out)
    assert [r["file"] for r in records] == [str(files["win"]), str(files["two"])]
    assert [r["document"]["text"] for r in records] == [WE_WILL_WIN, TWO_QUOTES]
    quotes = records[1]["document"]["quotes"]
    assert [(q["text"], q["kind"], q["speaker_mention"]["text"]) for q in quotes] == [
        ("We are ready,", "direct", "Ana Ruiz"),
        ("They are not,", "direct", "she"),
    ]


def test_json_of_no_files_is_an_empty_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["-f", "json", str(tmp_path / "missing.txt")], capsys)
    assert status == 2 and json.loads(out) == []


def test_jsonl_is_one_object_per_file(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["-f", "jsonl", str(files["win"]), str(files["two"])], capsys, _stub_parser())
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert [len(json.loads(line)["document"]["quotes"]) for line in lines] == [1, 2]


def test_csv_has_one_row_per_quote_with_offsets_that_slice_the_file(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["-f", "csv", str(files["two"]), str(files["win"])], capsys, _stub_parser())
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0 and tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == [str(files["two"])] * 2 + [str(files["win"])]
    for row in rows[1:]:
        record = dict(zip(CSV_COLUMNS, row))
        source = TWO_QUOTES if record["file"] == str(files["two"]) else WE_WILL_WIN
        assert source[int(record["start"]) : int(record["end"])] == record["text"]
        assert record["kind"] == "direct" and float(record["confidence"]) == 0.9
    assert [r[3] for r in rows[1:]] == ["Ana Ruiz", "she", "Smith"]


def test_output_goes_to_the_file_given(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "quotes.jsonl"
    target.parent.mkdir()
    status, out, _ = run(["-f", "jsonl", "-o", str(target), str(files["win"])], capsys, _stub_parser())
    assert status == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["document"]["text"] == WE_WILL_WIN


def test_an_output_path_that_cannot_be_written_is_reported(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["-o", str(tmp_path / "no-such-dir" / "x.csv"), str(files["win"])], capsys)
    assert status == 2 and "no-such-dir" in err and "--output" in err


# --- inputs ---------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_a_dash_reads_standard_input_and_keeps_crlf_and_emoji_offsets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Intro\u00a0line 🙂\r\n\r\n“We are ready,” said Ana Ruiz.\r\n"
    _stdin(monkeypatch, text.encode("utf-8"))
    status, out, _ = run(["-f", "jsonl", "-"], capsys, _stub_parser())
    record = json.loads(out)
    assert status == 0 and record["file"] == "<stdin>" and record["document"]["text"] == text
    (quote,) = record["document"]["quotes"]
    assert text[quote["span"]["start"] : quote["span"]["end"]] == "We are ready,"


def test_standard_input_that_is_not_utf8_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "Caf\u00e9 owners said: “No.”".encode("latin-1", errors="replace"))
    status, _, err = run(["-"], capsys)
    assert status == 2 and err.startswith("quotetrack: <stdin>: not UTF-8")


def test_a_directory_is_searched_recursively_for_txt_files_in_sorted_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("b.txt", "a/z.txt", "a/notes.md", "c/d/e.txt"):
        path = tmp_path / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(WE_WILL_WIN, encoding="utf-8")
    status, out, _ = run(["-f", "jsonl", str(tmp_path / "news")], capsys, _stub_parser())
    names = [Path(json.loads(line)["file"]).relative_to(tmp_path / "news").as_posix() for line in out.splitlines()]
    assert status == 0 and names == ["a/z.txt", "b.txt", "c/d/e.txt"]


def test_a_missing_file_is_reported_and_the_other_files_still_processed(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    status, out, err = run(["-f", "jsonl", str(missing), str(files["win"])], capsys, _stub_parser())
    assert status == 2
    assert err.splitlines() == [
        f"quotetrack: {missing}: no such file or directory; check the path (use - to read standard input)"
    ]
    assert [json.loads(line)["file"] for line in out.splitlines()] == [str(files["win"])]


def test_undecodable_bytes_are_reported_with_what_to_do(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("“Ça suffit,” Dupré said.".encode("cp1252"))
    status, out, err = run(["-f", "jsonl", str(files["two"]), str(latin), str(files["win"])], capsys, _stub_parser())
    assert status == 2
    (line,) = err.splitlines()
    assert line.startswith(f"quotetrack: {latin}: not UTF-8 text (byte 0x93 at offset 0)") and "iconv" in line
    assert [json.loads(row)["file"] for row in out.splitlines()] == [str(files["two"]), str(files["win"])]


def test_a_directory_without_txt_files_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    status, out, err = run([str(tmp_path)], capsys)
    assert status == 2 and out == ""
    assert err.splitlines() == [
        f"quotetrack: {tmp_path}: directory holds no .txt files; pass .txt files or a directory that contains some"
    ]


def test_bad_options_give_status_2(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "xml", str(files["win"])]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["--min-confidence", "3", str(files["win"])]) == 2
    assert "min_confidence" in capsys.readouterr().err


# --- the real parser ------------------------------------------------------------


def test_the_command_reports_what_extract_finds(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["-f", "json", str(files["two"])], capsys)
    (record,) = json.loads(out)
    assert status == 0 and record["document"] == json.loads(extract(TWO_QUOTES).to_json())


def test_an_unambiguous_direct_quote_is_found(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["-f", "csv", str(files["win"])], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert [(r["kind"], r["text"], r["speaker_mention"]) for r in rows] == [("direct", "We will win,", "Smith")]


def test_kind_options_filter_the_quotes(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["-f", "csv", "--kind", "indirect", "--kind", "mixed", str(files["win"])], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and all(r["kind"] in {"indirect", "mixed"} for r in rows)
    assert not any(r["text"] == "We will win," for r in rows)


def test_python_dash_m_quotetrack_runs_the_command(files: dict[str, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quotetrack", "--format", "jsonl", str(files["win"])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["text"] == WE_WILL_WIN


# --- corpora, worker processes, resuming, progress --------------------------------------------------

CORPUS_TEXTS = [
    "“We are ready,” said Ana Ruiz.",
    "Markets were calm on Monday.",
    "“Prices will fall,” said Tom Hughes. “Not soon,” she added.",
    "Intro\u00a0line 🙂\r\n\r\n“It works,” said Kenji Sato.",
]


def _write_corpus(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _corpus(tmp_path: Path, count: int = 12) -> Path:
    records: list[dict[str, object]] = [
        {"id": f"doc-{i}", "text": f"{CORPUS_TEXTS[i % len(CORPUS_TEXTS)]} Story {i}."} for i in range(count)
    ]
    return _write_corpus(tmp_path / "news.jsonl", records)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_jsonl_corpus_gives_one_record_per_line_with_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, count=5)
    status, out, err = run(["-f", "jsonl", str(corpus)], capsys, _stub_parser())
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and err == ""
    assert [(r["file"], r["id"]) for r in records] == [(str(corpus), f"doc-{i}") for i in range(5)]
    assert [r["document"]["text"] for r in records] == [json.loads(line)["text"] for line in corpus.open()]
    assert [q["speaker_mention"]["text"] for q in records[2]["document"]["quotes"]] == ["Tom Hughes", "she"]


def test_corpus_fields_are_chosen_with_jsonl_field_and_id_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write_corpus(tmp_path / "c.jsonl", [{"key": 7, "body": WE_WILL_WIN}, {"body": TWO_QUOTES}])
    status, out, _ = run(
        ["-f", "jsonl", "--jsonl-field", "body", "--id-field", "key", str(corpus)], capsys, _stub_parser()
    )
    records = [json.loads(line) for line in out.splitlines()]
    # A record without the id field is known by its line number.
    assert status == 0 and [r["id"] for r in records] == [7, 2]
    assert [r["document"]["text"] for r in records] == [WE_WILL_WIN, TWO_QUOTES]


def test_bad_corpus_lines_are_reported_with_their_line_and_the_rest_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(
        '{"id": 1, "text": "Calm."}\nnot json\n[1, 2]\n{"id": 4, "body": "x"}\n'
        '{"id": [5], "text": "x"}\n\n{"id": 7, "text": "Fine."}\n',
        encoding="utf-8",
    )
    status, out, err = run(["-f", "jsonl", str(corpus)], capsys, _stub_parser())
    assert status == 2
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 7]
    messages = err.splitlines()
    assert [m.split(": ")[1] for m in messages] == [f"{corpus}:{n}" for n in (2, 3, 4, 5)]
    assert "not valid JSON" in messages[0] and "--jsonl-field" in messages[2] and "id field 'id'" in messages[3]


def test_standard_input_is_a_corpus_when_jsonl_field_is_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b'{"id": "a", "t": "\\u201cYes,\\u201d Ana said."}\n{"id": "b", "t": "No."}\n')
    status, out, _ = run(["-f", "jsonl", "--jsonl-field", "t", "-"], capsys, _stub_parser())
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [(r["file"], r["id"]) for r in records] == [("<stdin>", "a"), ("<stdin>", "b")]


def test_tables_and_csv_name_a_corpus_document_file_hash_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, count=2)
    _, table, _ = run([str(corpus)], capsys, _stub_parser())
    assert table.splitlines()[0] == f"== {corpus}#doc-0: 1 quote =="
    _, out, _ = run(["-f", "csv", str(corpus)], capsys, _stub_parser())
    assert {row["file"] for row in csv.DictReader(io.StringIO(out))} == {f"{corpus}#doc-0"}


def test_worker_processes_write_the_same_output_in_the_same_order(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, count=40)
    arguments = ["-f", "jsonl", str(files["two"]), str(corpus), str(files["win"])]
    one = run(arguments, capsys)
    two = run([*arguments, "--jobs", "2"], capsys)
    assert one == two and one[0] == 0 and len(one[1].splitlines()) == 42


def test_worker_processes_use_the_parser_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, count=20)
    one = run(["-f", "jsonl", str(corpus)], capsys, _stub_parser())
    assert run(["-f", "jsonl", "-j", "2", str(corpus)], capsys, _stub_parser()) == one


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_a_bad_jobs_count_is_reported(files: dict[str, Path], capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    status, out, err = run(["--jobs", jobs, str(files["win"])], capsys)
    assert status == 2 and out == "" and "--jobs must be a positive number" in err


def test_resume_needs_jsonl_written_to_a_file(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    for arguments in (["--resume"], ["--resume", "-f", "jsonl"], ["--resume", "-o", "x.csv", "-f", "csv"]):
        status, _, err = run([*arguments, str(files["win"])], capsys)
        assert status == 2 and "--resume needs --format jsonl and --output FILE" in err


def test_resume_appends_only_what_is_missing_and_drops_a_cut_off_last_line(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, count=10)
    arguments = ["-f", "jsonl", str(files["win"]), str(corpus)]
    full = tmp_path / "full.jsonl"
    assert run([*arguments, "-o", str(full)], capsys, _stub_parser())[0] == 0
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(lines[:4]) + lines[4][: len(lines[4]) // 2], encoding="utf-8")
    for _ in range(2):  # a second resume finds everything done and writes nothing
        status, out, err = run([*arguments, "-o", str(partial), "--resume"], capsys, _stub_parser())
        assert (status, out, err) == (0, "", "")
        assert partial.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def test_resume_never_writes_a_document_twice_even_when_the_input_repeats_it(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    run(["-f", "jsonl", "-o", str(output), str(files["two"])], capsys, _stub_parser())
    run(["-f", "jsonl", "-o", str(output), "--resume", *[str(files["win"]), str(files["two"])] * 2], capsys)
    assert [r["file"] for r in _lines(output)] == [str(files["two"]), str(files["win"])]


def test_resume_refuses_an_output_file_that_is_not_quotetrack_jsonl(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "notes.jsonl"
    output.write_text('{"file": "a.txt", "document": {}}\nsome notes\n{"file": "b.txt", "document": {}}\n')
    before = output.read_bytes()
    status, _, err = run(["-f", "jsonl", "-o", str(output), "--resume", str(files["win"])], capsys)
    assert status == 2 and f"{output}:2: not a quotetrack JSONL record" in err
    assert output.read_bytes() == before


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def test_a_run_killed_half_way_resumes_without_loss_or_repeats(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, count=1500)
    output, reference = tmp_path / "out.jsonl", tmp_path / "reference.jsonl"
    script = (
        "import sys; from test_cli import _stub_parser; from quotetrack.cli import main; "
        "sys.exit(main(sys.argv[1:], parser=_stub_parser()))"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    command = [sys.executable, "-c", script, "-f", "jsonl", str(corpus)]
    running = subprocess.Popen([*command, "-o", str(output)], env=environment)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and running.poll() is None and _size(output) < 20_000:
        time.sleep(0.002)
    running.send_signal(signal.SIGKILL)
    running.wait()
    written = len(output.read_bytes().splitlines())
    subprocess.run([*command, "-o", str(output), "--resume"], env=environment, check=True)
    subprocess.run([*command, "-o", str(reference)], env=environment, check=True)
    assert output.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    assert 0 < written < 1500  # the first run was stopped part of the way


def test_output_is_flushed_after_each_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out.jsonl"
    sizes: list[int] = []

    def documents_so_far(analysis: Analysis, context: Context) -> None:
        sizes.append(len(output.read_text(encoding="utf-8").splitlines()) if output.exists() else 0)
        stage1_segmentation.run(analysis, context)

    parser = _stub_parser().with_stage("segmentation", documents_so_far)
    status, _, _ = run(["-f", "jsonl", "-o", str(output), str(_corpus(tmp_path, count=5))], capsys, parser)
    assert status == 0 and sizes == [0, 1, 2, 3, 4]


def test_no_progress_is_shown_when_standard_error_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["-f", "jsonl", "-o", str(tmp_path / "o.jsonl"), str(_corpus(tmp_path))], capsys)
    assert status == 0 and err == ""


def test_a_terminal_shows_a_document_counter_without_tqdm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("quotetrack.cli._stderr_is_terminal", lambda: True)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    status, out, err = run(["-f", "jsonl", str(_corpus(tmp_path, count=7))], capsys, _stub_parser())
    assert status == 0 and len(out.splitlines()) == 7
    assert err.endswith("\n") and regex.search(r"\rquotetrack: 7 documents \([0-9.]+/s\)\n$", err)
    assert run(["-f", "jsonl", "--no-progress", str(_corpus(tmp_path))], capsys, _stub_parser())[2] == ""


def test_a_terminal_shows_tqdm_when_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr("quotetrack.cli._stderr_is_terminal", lambda: True)
    status, _, err = run(["-f", "jsonl", str(_corpus(tmp_path, count=7))], capsys, _stub_parser())
    assert status == 0 and "quotetrack: 7 documents" in err and "documents/s" in err


def test_lone_surrogates_from_a_corpus_survive_jsonl_and_are_replaced_in_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "“We will\udcff win,” said Ana Ruiz. \ud800"
    corpus = _write_corpus(tmp_path / "s.jsonl", [{"id": "s", "text": text}])
    jsonl, csv_file = tmp_path / "out.jsonl", tmp_path / "out.csv"
    assert run(["-f", "jsonl", "-o", str(jsonl), str(corpus)], capsys, _stub_parser())[0] == 0
    (record,) = _lines(jsonl)
    assert record["document"]["text"] == text  # type: ignore[index]
    assert run(["-f", "csv", "-o", str(csv_file), str(corpus)], capsys, _stub_parser())[0] == 0
    (row,) = csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8")))
    assert row["text"] == "We will\ufffd win," and int(row["end"]) - int(row["start"]) == len(row["text"])


def test_an_output_path_that_is_also_an_input_is_refused_untouched(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = files["win"].read_bytes()
    status, _, err = run(["-f", "jsonl", "-o", str(files["win"]), str(files["two"]), str(files["win"])], capsys)
    assert status == 2 and "is an input too" in err and "--output" in err
    assert files["win"].read_bytes() == before


def test_by_speaker_groups_the_quotes_of_all_files_under_one_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "match.txt"
    first.write_text("“We will win the cup,” Ana Ruiz said.\n", encoding="utf-8")
    second = tmp_path / "interview.txt"
    second.write_text(
        "“The budget is fair,” Finance Minister Tom Hughes said.\n“It was a tough game,” Ruiz said.\n",
        encoding="utf-8",
    )
    assert main([str(first), str(second), "--by-speaker"]) == 0
    report = capsys.readouterr().out
    ruiz = report.index("Ana Ruiz (person): 2 quotes in 2 documents")
    hughes = report.index("Tom Hughes (person): 1 quote in 1 document")
    assert ruiz < hughes  # most quoted first
    assert "We will win the cup," in report[ruiz:hughes] and "It was a tough game," in report[ruiz:hughes]


def test_by_speaker_refuses_other_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "a.txt"
    text.write_text("“Yes,” she said.", encoding="utf-8")
    assert main([str(text), "--by-speaker", "--format", "json"]) == 2
    assert "--by-speaker" in capsys.readouterr().err
