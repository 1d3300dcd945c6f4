"""Builds ``news.jsonl``: quotetrack's own small gold set, written for the project.

The articles below are invented news (politics, business, sport, science) with
their annotations marked inline, so that nobody has to count offsets by hand:

- ``[[Q1|...]]`` a quote fragment; fragments with the same id are parts of one quote;
- ``[[S1|...]]`` a speaker mention, ``[[C1|...]]`` a cue;
- ``[[N1|...]]`` a non-speech span (scare quotes, titles, "did not respond").

Each quote id maps to ``(kind, canonical speaker, mention id, cue id)``.
Conventions: a direct quote is the text inside the marks (marks excluded, inner
punctuation kept); a multi-paragraph quote is one fragment per paragraph; a
mixed quote keeps its inner marks; an indirect quote is the reported clause
without "that". Run ``python tests/gold/make_news_gold.py`` after an edit: it
rewrites ``news.jsonl`` and checks that every offset slices its text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import regex

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "news.jsonl"
_MARK = regex.compile(r"\[\[([QSCN]\d+)\|([^\]]*)\]\]")

Annotation = tuple[str, str | None, str | None, str | None]

ARTICLES: list[tuple[str, str, dict[str, Annotation]]] = [
    (
        "budget-split-quote",
        (
            "Finance Minister Clara Osei defended her first budget on Tuesday.\n\n"
            "“[[Q1|We are not going to raise taxes on working families,]]” [[S1|Osei]] [[C1|told]] parliament, "
            "“[[Q1|and we are not going to borrow to pay for tax cuts either.]]”\n\n"
            "[[S2|She]] [[C2|said]] [[Q2|the plan would bring the deficit below 3 per cent of output by 2027]]."
        ),
        {"Q1": ("direct", "Clara Osei", "S1", "C1"), "Q2": ("indirect", "Clara Osei", "S2", "C2")},
    ),
    (
        "football-straight-quotes",
        (
            "Manchester Rovers manager Tomas Lindqvist was in no mood to celebrate after the 2-2 draw.\n\n"
            '[[S1|Lindqvist]] [[C1|said]]: "[[Q1|We gave away two soft goals. '
            'That is not good enough at this level.]]"\n\n'
            "[[S2|Captain Jamie Holt]] [[C2|agreed]] that [[Q2|the defending had been poor]], but [[C3|insisted]] "
            "[[Q3|the squad would recover before Saturday]]."
        ),
        {
            "Q1": ("direct", "Tomas Lindqvist", "S1", "C1"),
            "Q2": ("indirect", "Jamie Holt", "S2", "C2"),
            "Q3": ("indirect", "Jamie Holt", "S2", "C3"),
        },
    ),
    (
        "water-british-single-quotes",
        (
            "The chief executive of Northgate Water, Priya Raman, apologised to customers on Monday.\n\n"
            "‘[[Q1|We let people down, and I am sorry,]]’ [[S1|she]] [[C1|said]]. "
            "‘[[Q2|Our engineers have been working through the night. The regulator told us to “act faster”, "
            "and we will.]]’\n\n"
            "[[S2|Raman]] [[C2|added]] that "
            "[[Q3|compensation would be paid automatically to every affected household]]."
        ),
        {
            "Q1": ("direct", "Priya Raman", "S1", "C1"),
            "Q2": ("direct", "Priya Raman", "S1", None),
            "Q3": ("indirect", "Priya Raman", "S2", "C2"),
        },
    ),
    (
        "vaccine-multi-paragraph",
        (
            "Dr. Helen Achebe, who led the study, presented the results at a briefing in Geneva.\n\n"
            "“[[Q1|The vaccine cut hospital admissions by more than half in every age group we looked at.]]\n\n"
            "“[[Q1|We did not expect the effect to last beyond six months, but it did,]]” "
            "[[S1|Achebe]] [[C1|said]].\n\n"
            "The researchers plan a larger trial next year."
        ),
        {"Q1": ("direct", "Helen Achebe", "S1", "C1")},
    ),
    (
        "mobile-scare-quotes",
        (
            "Northline Mobile sold its “[[N1|unlimited]]” plan to 40,000 customers last year, and many of them "
            "streamed the documentary “[[N2|Deep Water]]” on their way to work.\n\n"
            "A spokesman for the company, [[S1|Mark Ellis]], [[C1|said]] [[Q1|the plan had been “clearly labelled”]] "
            "and that [[Q2|customers could switch at any time]]."
        ),
        {"Q1": ("mixed", "Mark Ellis", "S1", "C1"), "Q2": ("indirect", "Mark Ellis", "S1", "C1")},
    ),
    (
        "airline-memo",
        (
            "Skyway Airlines will close its Glasgow base in the spring.\n\n"
            "[[S1|Chief executive Sofia Marquez]] [[C1|wrote]] in a memo to staff that "
            "[[Q1|the cuts were “painful but necessary”]].\n\n"
            "[[N1|The airline did not respond to a request for comment.]]"
        ),
        {"Q1": ("mixed", "Sofia Marquez", "S1", "C1")},
    ),
    (
        "farmers-guillemets",
        (
            "Farmers blocked roads around Lyon for a third day on Friday.\n\n"
            "«[[Q1|We will not give up until the government listens,]]» [[C1|said]] [[S1|union leader Pierre Vasseur]]."
        ),
        {"Q1": ("direct", "Pierre Vasseur", "S1", "C1")},
    ),
    (
        "bridge-inverted-cue",
        (
            'The Elm Street bridge will reopen on Monday after six months of repairs.\n\n"[[Q1|The bridge is safe,]]" '
            '[[C1|said]] [[S1|city engineer Marta Kowalski]]. "[[Q1|Every bolt was checked twice.]]"\n\n'
            'Some residents are not convinced. "[[Q2|I will believe it when I see the report,]]" [[C2|said]] '
            "[[S2|Daniel Ortiz]], who lives nearby."
        ),
        {"Q1": ("direct", "Marta Kowalski", "S1", "C1"), "Q2": ("direct", "Daniel Ortiz", "S2", "C2")},
    ),
    (
        "carmaker-reported-speech",
        (
            "[[Q1|Harlow Motors expects sales to fall this quarter]], its chief financial officer, "
            "[[S1|Ben Adeyemi]], [[C1|told]] analysts on a call.\n\n"
            "[[S2|He]] [[C2|warned]] that [[Q2|new tariffs could add up to $400 to the price of each car]]."
        ),
        {"Q1": ("indirect", "Ben Adeyemi", "S1", "C1"), "Q2": ("indirect", "Ben Adeyemi", "S2", "C2")},
    ),
    (
        "mars-orbiter",
        (
            "[[S1|The European Space Agency]] [[C1|said]] on Thursday that "
            "[[Q1|its Mars orbiter had lost contact with ground stations]].\n\n"
            "In a statement, [[S2|the agency]] [[C2|said]] [[Q2|engineers were “cautiously optimistic” about restoring "
            "the link]].\n\n"
            "[[S3|Mission manager Lena Vogt]] [[C3|put]] it more bluntly: "
            "“[[Q3|We have a spacecraft that is alive but not talking to us.]]”"
        ),
        {
            "Q1": ("indirect", "European Space Agency", "S1", "C1"),
            "Q2": ("mixed", "European Space Agency", "S2", "C2"),
            "Q3": ("direct", "Lena Vogt", "S3", "C3"),
        },
    ),
    (
        "recession-term",
        (
            'Economists disagree about what counts as a "[[N1|recession]]" when the population is shrinking.\n\n'
            "[[S1|Professor Amara Singh]] of the London School of Economics [[C1|said]] "
            '[[Q1|the usual rule of two quarters of falling output was "a blunt instrument"]].\n\n'
            '"[[Q2|It tells you very little about how people are actually living,]]" [[S2|she]] [[C2|said]].'
        ),
        {"Q1": ("mixed", "Amara Singh", "S1", "C1"), "Q2": ("direct", "Amara Singh", "S2", "C2")},
    ),
    (
        "defender-nickname",
        (
            "[[S1|Defender Kofi Mensah]], known to fans as “[[N1|the Wall]]”, [[C1|wrote]] on social media that "
            "[[Q1|he was “gutted” to miss the final]].\n\n"
            "[[S2|Coach Rui Almeida]] [[C2|said]] [[Q2|Mensah would be out for at least six weeks]]."
        ),
        {"Q1": ("mixed", "Kofi Mensah", "S1", "C1"), "Q2": ("indirect", "Rui Almeida", "S2", "C2")},
    ),
    (
        "stadium-question",
        (
            "“[[Q1|Why should taxpayers pay for a stadium they will never use?]]” [[C1|asked]] "
            "[[S1|councillor Grace Whitfield]] at Monday's meeting.\n\n"
            "The mayor, [[S2|Tom Baker]], [[C2|replied]] that "
            "[[Q2|the stadium would bring 2,000 jobs to the city]].\n\n"
            "“[[Q3|It is an investment, not a gift!]]” [[S3|he]] [[C3|said]]."
        ),
        {
            "Q1": ("direct", "Grace Whitfield", "S1", "C1"),
            "Q2": ("indirect", "Tom Baker", "S2", "C2"),
            "Q3": ("direct", "Tom Baker", "S3", "C3"),
        },
    ),
    (
        "phone-review-crlf",
        (
            "Tech reviewer Sam\u00a0Ortega posted a video about the new phone on Friday.\r\n\r\n"
            "“[[Q1|This phone is fast, but the battery is a joke 😂,]]” [[S1|Ortega]] [[C1|said]] in the video.\r\n"
        ),
        {"Q1": ("direct", "Sam Ortega", "S1", "C1")},
    ),
    (
        "warehouse-fire",
        (
            "[[Q1|Police in Leeds arrested two men after a warehouse fire]], "
            "[[S1|a spokeswoman for West Yorkshire Police]] [[C1|said]].\n\n"
            "[[S2|Neighbours]] [[C2|told]] reporters [[Q2|they had heard an explosion shortly before midnight]]."
        ),
        {"Q1": ("indirect", "West Yorkshire Police", "S1", "C1"), "Q2": ("indirect", "Neighbours", "S2", "C2")},
    ),
]


def _strip_marks(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The plain text and each mark's (id, start, end) in it."""
    pieces: list[str] = []
    marks: list[tuple[str, int, int]] = []
    length = 0
    position = 0
    for match in _MARK.finditer(markup):
        before = markup[position : match.start()]
        pieces.append(before)
        length += len(before)
        content = match.group(2)
        marks.append((match.group(1), length, length + len(content)))
        pieces.append(content)
        length += len(content)
        position = match.end()
    pieces.append(markup[position:])
    return "".join(pieces), marks


def _span(text: str, start: int, end: int) -> dict[str, object]:
    return {"start": start, "end": end, "text": text[start:end]}


def build_record(doc_id: str, markup: str, annotations: dict[str, Annotation]) -> dict[str, Any]:
    """One JSONL record from an article's markup and its quote annotations."""
    text, marks = _strip_marks(markup)
    if "[[" in text or "]]" in text:
        raise ValueError(f"{doc_id}: a mark is malformed (nested or missing its id)")
    first: dict[str, tuple[int, int]] = {}
    for mark_id, start, end in marks:
        first.setdefault(mark_id, (start, end))
    quotes = []
    for mark_id, start, end in marks:
        if not mark_id.startswith("Q"):
            continue
        kind, speaker, mention, cue = annotations[mark_id]
        quotes.append(
            {
                **_span(text, start, end),
                "kind": kind,
                "speaker": speaker,
                "speaker_mention": _span(text, *first[mention]) if mention else None,
                "cue": _span(text, *first[cue]) if cue else None,
                "qid": mark_id,
            }
        )
    unused = set(annotations) - {m for m, _, _ in marks}
    if unused:
        raise ValueError(f"{doc_id}: annotations without a quote mark: {sorted(unused)}")
    return {
        "id": f"quotetrack-tests:{doc_id}",
        "source": "quotetrack-tests",
        "speaker_names": "canonical",
        "text": text,
        "quotes": quotes,
        "non_speech": [_span(text, s, e) for m, s, e in marks if m.startswith("N")],
        "meta": {"license": "written for quotetrack, same licence as the project"},
    }


def records() -> list[dict[str, Any]]:
    """All gold records, checked: every offset slices its text."""
    built = [build_record(doc_id, markup, notes) for doc_id, markup, notes in ARTICLES]
    for record in built:
        text = str(record["text"])
        for item in _spans_of(record):
            if text[item["start"] : item["end"]] != item["text"]:
                raise ValueError(f"{record['id']}: offsets {item['start']}:{item['end']} do not slice the text")
    return built


def _spans_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for quote in record["quotes"]:
        spans.append(quote)
        spans.extend(quote[key] for key in ("speaker_mention", "cue") if quote[key] is not None)
    spans.extend(record["non_speech"])
    return spans


def render() -> str:
    """The contents of ``news.jsonl``."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records())


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8", newline="")
    print(f"wrote {OUTPUT} ({len(ARTICLES)} documents)")
