"""Stage 1 — segmentation: paragraphs, sentences and tokens as character spans.

(Placeholder: one paragraph per line, sentences split at ". ". Being replaced.)
"""

from __future__ import annotations

import regex

from .model import Analysis, Span

_LINE = regex.compile(r"[^\r\n]+")
_SENTENCE = regex.compile(r"[^.!?]+(?:[.!?]+|$)")


def run(analysis: Analysis, context: object) -> None:
    text = analysis.text
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        paragraph = len(analysis.paragraphs)
        analysis.paragraphs.append(Span(line.start(), line.end()))
        for sentence in _SENTENCE.finditer(text, line.start(), line.end()):
            analysis.sentences.append(Span(sentence.start(), sentence.end()))
            analysis.sentence_paragraph.append(paragraph)
