"""``import quotetrack`` stays cheap: JSON support and the tracker load on first use, and work the same.

Each check that looks at what an import loaded runs in a fresh interpreter,
because this test process has long since imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import quotetrack
from quotetrack import Document, Quote, Span, extract

REPO_ROOT = Path(__file__).resolve().parent.parent

ARTICLE = (
    "“We will not raise taxes,” Chancellor Maria Lopez said on Monday.\n\n"
    "The chief executive, Ana Ruiz, said that profits would recover. “It is too late,” she added."
)


def fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter that imports this checkout; its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_import_loads_neither_dataclasses_json_nor_marshmallow_nor_the_tracker() -> None:
    loaded = fresh_python(
        """
        import sys
        import quotetrack
        print(sorted(m for m in ("dataclasses_json", "marshmallow", "quotetrack.tracker", "hashlib")
                     if m in sys.modules))
        """
    )
    assert loaded.strip() == "[]"


def test_parsing_a_text_loads_no_json_library_either() -> None:
    loaded = fresh_python(
        f"""
        import sys
        import quotetrack
        assert len(quotetrack.extract({ARTICLE!r})) >= 2
        print("dataclasses_json" in sys.modules, "marshmallow" in sys.modules)
        """
    )
    assert loaded.strip() == "False False"


def test_from_json_as_the_first_json_call_of_a_process_gives_an_equal_document() -> None:
    # A class method first: nothing has loaded dataclasses-json through an instance yet.
    dumped = extract(ARTICLE).to_json()
    same = fresh_python(
        f"""
        from quotetrack import Document, extract
        print(Document.from_json({dumped!r}) == extract({ARTICLE!r}))
        """
    )
    assert same.strip() == "True"


def test_json_written_in_a_fresh_process_equals_json_written_here() -> None:
    written = fresh_python(
        f"""
        from quotetrack import extract
        print(extract({ARTICLE!r}).to_json(indent=1, ensure_ascii=False))
        """
    )
    doc = extract(ARTICLE)
    assert written.rstrip("\n") == doc.to_json(indent=1, ensure_ascii=False)
    assert json.loads(written) == doc.to_dict(encode_json=True)


def test_nested_schemas_load_quotes_with_their_spans_and_speakers() -> None:
    # Nested dataclasses get nested schemas only when dataclasses-json sees them as its own.
    loaded = fresh_python(
        f"""
        import warnings
        warnings.simplefilter("ignore")  # dataclasses-json warns about the str annotations
        from quotetrack import Quote, extract
        quote = extract({ARTICLE!r}).quotes[0]
        again = Quote.schema().load(quote.to_dict(encode_json=True))
        print(again == quote, type(again.span).__name__, type(again.speaker).__name__)
        """
    )
    assert loaded.split() == ["True", "Span", "Speaker"]


def test_json_keyword_arguments_reach_json_dumps_and_loads() -> None:
    doc = extract(ARTICLE)
    assert doc.to_json(sort_keys=True, separators=(",", ":")) == json.dumps(
        doc.to_dict(encode_json=True), sort_keys=True, separators=(",", ":")
    )
    assert Span.from_json('{"start": 2, "end": 5.0}', parse_float=lambda text: round(float(text))) == Span(2, 5)
    assert Quote.from_dict(doc.quotes[0].to_dict()) == doc.quotes[0]
    assert Document.from_dict({"text": "Hi"}, infer_missing=True) == Document(text="Hi")


@pytest.mark.parametrize("name", ["Tracker", "GazetteerEntry"])
def test_tracker_names_load_on_first_use_and_are_the_tracker_modules_own(name: str) -> None:
    from quotetrack import tracker

    assert getattr(quotetrack, name) is getattr(tracker, name)
    assert name in dir(quotetrack) and name in quotetrack.__all__


def test_from_quotetrack_import_tracker_works_in_a_fresh_process() -> None:
    out = fresh_python(
        f"""
        from quotetrack import GazetteerEntry, Tracker
        tracker = Tracker(gazetteer=[GazetteerEntry("Maria Lopez", titles=["Chancellor"])])
        tracker.add({ARTICLE!r})
        print(sorted(speaker.name for speaker in tracker.speakers()))
        """
    )
    assert "Maria Lopez" in out


def test_an_unknown_attribute_still_raises_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Trackr'"):
        quotetrack.Trackr  # noqa: B018
