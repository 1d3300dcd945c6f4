"""Reported speech: clauses that give what someone said without quoting it whole.

Each sentence is read for a reporting cue (a verb such as *said*, *warned*,
*told*, or the phrase *according to*) and the cue's frame says where the
content and the speaker stand:

- speaker first: ``S said (that) C`` / ``S told reporters on Friday that C`` /
  ``which S said C`` / ``drone attacks it said had killed …``
- content first: ``C, S said.`` / ``C, said S.`` / ``C, S said, but C2.``
- ``According to S, C.`` / ``C, according to S.``
- participial: ``…, saying C`` — the speaker is the subject of the clause before
- agentless: ``it was claimed that C`` — no speaker, never a made-up one.

A reported clause that carries quote marks is a *mixed* quote.

>>> from quotetrack.parser import Parser
>>> doc = Parser().parse("The minister said the talks had failed.")
>>> [(q.kind.value, q.text, q.speaker_mention.text) for q in doc.quotes]
[('indirect', 'the talks had failed', 'The minister')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING

import regex

from ..lexicon import CueCategory, CueVerb, Lexicon
from ..model import Analysis, Candidate, QuoteKind, Span, _unchecked_span
from .frames import Token, is_abbreviation_dot, is_adverb, is_verb_at, message_before, tokens_in

if TYPE_CHECKING:
    from ..parser import Context

__all__ = ["find_reported"]

_SENTENCE_END = frozenset(".!?…")
_MAX_SUBJECT_TOKENS = 14
_MAX_CONTENT_TOKENS = 150
# The words that link a speech act's object to what it says of it: "urged him to", "accused her of".
_OBJECT_LINKS = frozenset(("to", "of", "for"))
_MAX_SPEAKER_TOKENS = 12
_MAX_ADJUNCT_TOKENS = 8
# How far after its cue a quoted fragment may open: "called the decision by the court “a disgrace”".
_MAX_OBJECT_TOKENS = 10
# The prepositions that give what a speech act was about: "warned of", "called for", "commented on".
_TOPIC_PREPOSITIONS = frozenset(("about", "of", "against", "on", "over", "for"))
# Words that may join a second report to the first: "…, but he said …", "though she noted …".
_NEW_REPORT_LINKS = frozenset(("but", "and", "though", "although", "while", "as"))
# Marks after which "Mr. Barrett said" starts a report of its own: "… a deal, Mr. Barrett said, “…”".
_NEW_REPORT_MARKS = frozenset((",", ";", "—", "―", "–"))
# Cues followed by whom they were said to: "told reporters", "assured him".
_ADDRESSEE_CUES = frozenset(("told", "tell", "tells", "telling", "informed", "assured", "reminded", "warned"))
# Commas a subject may stand behind: "Tom Berry, of Leeds, Va., said".
_MAX_ASIDES = 3
# "Democratic presidential candidate Hillary Clinton": the role words a title may hold between names.
_MAX_ROLE_WORDS = 2
# The fewest words after "said" that read as a clause of its own ("said the plan works").
_LEAST_CLAUSE_TOKENS = 5
_MAX_ASIDE_TOKENS = 30
# A report whose content is this much quoted is the direct quote already found.
_QUOTED_SHARE = 0.8
# "…, and human rights groups warned": the words a bare plural subject may run to.
_BARE_PLURAL_WORDS = 4
# "tweeted in the early morning hours that": how far a cue may stand before its "that".
_MAX_CUE_TO_THAT = 8
# The words (punctuation folds to itself) at which a reported clause may end: see _content_end.
_CONTENT_STOPS = _SENTENCE_END | _NEW_REPORT_LINKS | _NEW_REPORT_MARKS | {",", "but", "and"}
_CONTRACTED_AUXILIARIES = frozenset(("s", "ve", "d", "re", "ll"))
_CONTRACTED_PRONOUNS = frozenset(("he", "she", "it", "they", "we", "i", "you", "who"))


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The closed-class word sets these rules read (data/function_words.tsv says what each is for),
    fetched from the lexicon once per lexicon so that each look-up is a plain frozenset test."""

    subject_pronouns: frozenset[str]
    determiners: frozenset[str]
    auxiliaries: frozenset[str]
    clause_openers: frozenset[str]
    np_prepositions: frozenset[str]
    adjunct_starts: frozenset[str]
    addressees: frozenset[str]
    participle_cues: frozenset[str]
    passive_subjects: frozenset[str]
    be_forms: frozenset[str]
    # Before a cue's -ing form these make it a report: "is saying", "kept insisting".
    progressive: frozenset[str]
    speaker_verb_auxiliaries: frozenset[str]
    not_clause_starts: frozenset[str]
    finite_verbs: frozenset[str]
    short_titles: frozenset[str]
    # Words that end the speaker of ", said S": an adjunct, or a relative clause or a second subject.
    inverted_speaker_stops: frozenset[str]
    adjunct_starts_or_addressees: frozenset[str]
    temporal_words: frozenset[str]
    temporal_openers: frozenset[str]
    # "said", "added", "told": after "and" they start the subject's next report, not more content.
    past_speech_verbs: frozenset[str]
    clause_cues: frozenset[str]
    cue_words: frozenset[str]
    # Words a subject never starts with (the speaker of "Though …" or "During a speech …" lies elsewhere).
    non_speaker_starts: frozenset[str]
    message_nouns: frozenset[str]
    # Role nouns (singular): between two capitalised runs they title the name after them.
    roles: frozenset[str]


def _vocabulary_of(lexicon: Lexicon) -> _Vocabulary:
    words = lexicon.word_set
    return _Vocabulary(
        subject_pronouns=words("subject_pronouns"),
        determiners=words("np_determiners"),
        auxiliaries=words("reported_auxiliaries"),
        clause_openers=words("clause_openers"),
        np_prepositions=words("np_prepositions"),
        adjunct_starts=words("adjunct_starts"),
        addressees=words("addressees"),
        participle_cues=words("participle_cues"),
        passive_subjects=words("passive_subjects"),
        be_forms=words("be_forms"),
        progressive=words("be_forms") | words("progressive_verbs"),
        speaker_verb_auxiliaries=words("speaker_verb_auxiliaries"),
        not_clause_starts=words("not_clause_starts"),
        finite_verbs=words("finite_verbs"),
        short_titles=words("short_titles"),
        inverted_speaker_stops=words("adjunct_starts") | {"who", "which", "and"},
        adjunct_starts_or_addressees=words("adjunct_starts") | words("addressees"),
        temporal_words=words("temporal_words"),
        temporal_openers=words("temporal_openers"),
        clause_cues=words("clause_cues"),
        cue_words=frozenset(lexicon.cue_forms),
        message_nouns=words("message_nouns"),
        roles=lexicon.roles - lexicon.plural_roles,
        non_speaker_starts=(words("not_clause_starts") | words("adjunct_starts") | words("non_speaker_starts"))
        - words("np_determiners") - words("subject_pronouns"),
        past_speech_verbs=frozenset(
            form for form, cue in lexicon.cue_forms.items()
            if cue.category is CueCategory.SPEECH and form.endswith(("ed", "id", "old", "ote"))
        ),
    )


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build, and reports are never changed
class _Report:
    content: list[Span]  # one span, or two for "C, S said, but C2"
    cue: Span
    speaker: Span | None
    confidence: float
    pattern: str


def find_reported(analysis: Analysis, context: Context) -> None:
    """Add a candidate for each reported clause that no direct quote already covers."""
    text = analysis.text
    direct = sorted((c.outer or c.span) for c in analysis.candidates if c.kind is QuoteKind.DIRECT)
    direct_cues = {c.cue for c in analysis.candidates if c.cue is not None}
    starts = [span.start for span in direct]
    found: list[Candidate] = []
    absorbed: set[Span] = set()
    fragment_at = {span.start: span for span in analysis.fragments}
    fragment_starts = sorted(fragment_at)
    group = -1
    cue_words: frozenset[str] = context.lexicon.memo("reported.cue_words_or_according", _cue_words_of)
    vocab = context.lexicon.memo("reported.vocabulary", _vocabulary_of)

    def usable(report: _Report) -> bool:
        if _inside_any(report.cue.start, direct, starts):
            return False
        # A direct quote's own cue gives a report only when the report says more than the quote:
        # "However tempting the cut, it ''is a false economy,'' said Hale" is one mixed quote.
        return report.cue not in direct_cues or _says_more_than_quotes(text, report, direct, starts)

    for index in _sentences_with_cue_words(text, analysis.sentences, cue_words):
        sentence = analysis.sentences[index]
        if _within_one(sentence, direct, starts):
            continue
        tokens = tokens_in(text, sentence.start, sentence.end)
        cue_indices = _indices_of(tokens, cue_words)
        fragments = fragment_at if _any_between(fragment_starts, sentence.start, sentence.end) else None
        reports = _reports_in(text, tokens, cue_indices, context.lexicon, fragments, vocab, usable)
        # Asked only once the rules found a report: most sentences have none, and headlines are so rare
        # that reading one to no purpose costs less than the test on every sentence.
        if reports and _is_headline(text, sentence):
            continue
        for report in reports:
            group -= 1
            for part, content in enumerate(report.content):
                candidate = _candidate(analysis, content, report, index, group, part, direct, starts, absorbed)
                if candidate is not None:
                    found.append(candidate)
    if absorbed:
        analysis.candidates[:] = [c for c in analysis.candidates if (c.outer or c.span) not in absorbed]
    analysis.candidates.extend(found)


def _cue_words_of(lexicon: Lexicon) -> frozenset[str]:
    # "according" is no verb, but "according to S" is read like one.
    return frozenset(lexicon.cue_forms) | {"according"}


_WORD_SEPARATORS = ".,;:!?()[]\"“”‘’«»—–"


def _sentences_with_cue_words(text: str, sentences: list[Span], cue_words: frozenset[str]) -> list[int]:
    """The indices of the sentences that hold a cue word between spaces or punctuation: a cheap test,
    in C, run before any tokenizing, as many sentences hold none.

    >>> text = "Prices rose. Ms. Okafor said so! No (claims) here"
    >>> _sentences_with_cue_words(text, [Span(0, 12), Span(13, 32), Span(33, 49)], frozenset({"said", "claims"}))
    [1, 2]
    """
    folded = text.casefold()
    if len(folded) != len(text):
        # A letter that folds to two ("ß" → "ss") moves the offsets: fold each sentence on its own.
        return [index for index, sentence in enumerate(sentences)
                if _may_report(text[sentence.start : sentence.end], cue_words)]
    # Case folding maps each character on its own, so a slice of the folded text is the folded slice.
    for separator in _WORD_SEPARATORS:
        folded = folded.replace(separator, " ")
    isdisjoint = cue_words.isdisjoint
    return [index for index, sentence in enumerate(sentences)
            if not isdisjoint(folded[sentence.start : sentence.end].split())]


def _may_report(sentence: str, cue_words: frozenset[str]) -> bool:
    """Whether one sentence holds a cue word (the plain form of :func:`_sentences_with_cue_words`)."""
    folded = sentence.casefold()
    for separator in _WORD_SEPARATORS:
        folded = folded.replace(separator, " ")
    return not cue_words.isdisjoint(folded.split())


def _any_between(positions: list[int], start: int, end: int) -> bool:
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


_LOWER = attrgetter("lower")


def _indices_of(tokens: list[Token], words: frozenset[str]) -> list[int]:
    """The indices of the tokens whose case-folded form is one of ``words``, found in C."""
    return list(compress(range(len(tokens)), map(words.__contains__, map(_LOWER, tokens))))


def _no_fragment(cue_index: int) -> int | None:
    return None


def _reports_in(text: str, tokens: list[Token], cue_indices: list[int], lexicon: Lexicon,
                fragment_at: dict[int, Span] | None, vocab: _Vocabulary,
                usable: Callable[[_Report], bool] = lambda report: True) -> list[_Report]:
    """The reports of a sentence, read at the tokens that may be cues (``cue_indices``); with
    ``fragment_at`` None the sentence holds no quoted fragment."""
    reports: list[_Report] = []
    taken: list[_Report] = []
    covered_until = -1

    def fragment_after(cue_index: int) -> int | None:
        """Index of the token that closes a quoted fragment shortly after the cue, if one opens there."""
        assert fragment_at is not None
        for index in range(cue_index + 1, min(len(tokens), cue_index + _MAX_OBJECT_TOKENS)):
            fragment = fragment_at.get(tokens[index].start)
            if fragment is not None:
                return next((i for i in range(index, len(tokens)) if tokens[i].end >= fragment.end), None)
            if tokens[index].text in _SENTENCE_END:
                return None
        return None

    find_fragment = fragment_after if fragment_at is not None else _no_fragment
    for index in cue_indices:
        token = tokens[index]
        if token.start < covered_until:
            continue
        report = _report_at(text, tokens, index, lexicon, find_fragment, vocab)
        if report is None:
            continue
        # A report that a direct quote already gives is kept aside: it still holds its words, so that
        # no weaker report ("…, according to a clip") claims them.
        if not usable(report):
            if not any(_overlaps(report, earlier) for earlier in (reports + taken)[-3:]):
                taken.append(report)
            continue
        # "[Clinton had told police that …], the source added": what the closing cue's speaker said
        # holds the earlier report, and the closing speaker is the one who is quoted.
        if report.pattern == "content-first" and _is_speech_cue(lexicon, token.lower):
            while reports and _holds(report, reports[-1]):
                reports.pop()
        # Reports come left to right, so a new one can only overlap the last few.
        if not any(_overlaps(report, earlier) for earlier in reports[-3:] + taken[-3:]):
            reports.append(report)
            covered_until = max(span.end for span in report.content)
    return reports


def _is_speech_cue(lexicon: Lexicon, word: str) -> bool:
    # "…, which he said were at his side, the footage showed": evidence does not take a report over.
    cue = lexicon.cue_forms.get(word)
    return cue is not None and cue.category is CueCategory.SPEECH


def _holds(report: _Report, other: _Report) -> bool:
    outer = report.content[0]
    return all(outer.start <= span.start and span.end <= outer.end + 1 for span in other.content)


def _overlaps(report: _Report, other: _Report) -> bool:
    # "he said C, according to Merz": the phrase names the source of the report already found.
    return any(a.overlaps(b) for a in report.content for b in other.content)


def _report_at(text: str, tokens: list[Token], index: int, lexicon: Lexicon,
               fragment_after: Callable[[int], int | None], vocab: _Vocabulary) -> _Report | None:
    token = tokens[index]
    if token.lower == "according" and index + 1 < len(tokens) and tokens[index + 1].lower == "to":
        return _according_to(tokens, index, vocab)
    cue = lexicon.cue_forms.get(token.lower)
    if cue is None or not is_verb_at(tokens, index, lexicon) or _is_passive(tokens, index, vocab):
        return None
    if "mixed" in cue.frames or fragment_after(index):
        mixed = _mixed(tokens, index, fragment_after, lexicon, vocab)
        if mixed is not None:
            return mixed
    if "to" in cue.frames and index + 2 < len(tokens) and tokens[index + 1].lower == "to":
        return _infinitive_report(tokens, index, lexicon, vocab)
    if cue.frames.isdisjoint(("that", "bare")):
        return _object_report(tokens, index, cue, lexicon, vocab) or _topic_report(tokens, index, cue, lexicon, vocab)
    if token.lower.endswith("ing"):
        if index > 0 and (tokens[index - 1].text == "," or tokens[index - 1].lower == "by"):
            return _participial(tokens, index, vocab) if token.lower in vocab.participle_cues else None
        if index == 0 or (tokens[index - 1].lower not in vocab.progressive
                          and _contracted_subject(tokens, index) is None
                          and message_before(tokens, index, vocab.message_nouns, vocab.determiners,
                                             vocab.np_prepositions) is None):
            return None  # "It's worth noting that", "Speaking to students": not a report
    bare = "bare" in cue.frames and cue.category is not CueCategory.EVIDENCE
    return (_content_first(tokens, index, lexicon, vocab) or _speaker_first(tokens, index, bare, lexicon, vocab)
            or _object_report(tokens, index, cue, lexicon, vocab) or _topic_report(tokens, index, cue, lexicon, vocab))


def _object_report(tokens: list[Token], cue_index: int, cue: CueVerb, lexicon: Lexicon,
                   vocab: _Vocabulary) -> _Report | None:
    """S urged O to V / S accused O of X / S blamed O for X: what a speech act asked of or said about
    someone, reported through its object."""
    if cue.category is not CueCategory.SPEECH or tokens[cue_index].lower.endswith("ing"):
        return None
    if not ({"obj_to", "prep"} & cue.frames) or cue_index + 2 >= len(tokens):
        return None
    link = next((i for i in range(cue_index + 2, min(len(tokens), cue_index + _MAX_OBJECT_TOKENS))
                 if tokens[i].lower in _OBJECT_LINKS or not tokens[i].text[0].isalnum()), None)
    if link is None or tokens[link].lower not in _OBJECT_LINKS:
        return None
    if tokens[link].lower == "to" and "obj_to" not in cue.frames:
        return None
    first = tokens[cue_index + 1]
    if not (first.text[0].isupper() or first.lower in vocab.determiners or first.lower in vocab.addressees):
        return None
    content_end = _content_end(tokens, cue_index + 1, vocab)
    if content_end <= link + 1:
        return None
    speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
    if speaker is None:
        return None
    return _Report([_span(tokens, cue_index + 1, content_end)], _cue_span(tokens, cue_index), speaker, 0.65,
                   "object")


def _infinitive_report(tokens: list[Token], cue_index: int, lexicon: Lexicon,
                       vocab: _Vocabulary) -> _Report | None:
    """S pledged to cut taxes / S threatened to resign / …, promising to V: what a speaker
    committed to, reported with its "to"."""
    verb = tokens[cue_index + 2]
    if not (verb.text.isalpha() and verb.text.islower()) or verb.lower in vocab.determiners:
        return None  # "agreed to Monday's terms", "pledged to the fund": no infinitive
    content_end = _content_end(tokens, cue_index + 1, vocab)
    if content_end - cue_index < 4:
        return None
    speaker: Span | None
    if not tokens[cue_index].lower.endswith("ing"):
        speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
    elif cue_index > 0 and tokens[cue_index - 1].text == ",":
        speaker = _subject_of_clause_before(tokens, cue_index - 1, vocab)
    elif cue_index > 0 and tokens[cue_index - 1].lower in vocab.progressive:
        speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
    else:
        return None
    if speaker is None:
        return None
    return _Report([_span(tokens, cue_index + 1, content_end)], _cue_span(tokens, cue_index), speaker, 0.6,
                   "infinitive")


def _topic_report(tokens: list[Token], cue_index: int, cue: CueVerb, lexicon: Lexicon,
                  vocab: _Vocabulary) -> _Report | None:
    """S warned of X / S called for X / S commented on X: a speech act reported by its topic."""
    if cue.category is not CueCategory.SPEECH or "prep" not in cue.frames:
        return None
    if tokens[cue_index].lower.endswith("ing") or cue_index + 2 >= len(tokens):
        return None
    preposition = tokens[cue_index + 1]
    if preposition.lower not in _TOPIC_PREPOSITIONS:
        return None
    content_end = _content_end(tokens, cue_index + 2, vocab)
    if content_end - (cue_index + 2) < 2:
        return None
    speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
    if speaker is None:
        return None
    cue_span = _unchecked_span(tokens[cue_index].start, preposition.end)
    return _Report([_span(tokens, cue_index + 2, content_end)], cue_span, speaker, 0.6, "topic")


# --- Patterns -------------------------------------------------------------------


def _speaker_first(tokens: list[Token], cue_index: int, bare: bool, lexicon: Lexicon,
                   vocab: _Vocabulary) -> _Report | None:
    """S said (that) C / S told reporters on Friday that C / which S said C."""
    content_start = _content_start_after(tokens, cue_index, bare, vocab)
    if content_start is None:
        return None
    content_end = _content_end(tokens, content_start, vocab)
    if content_end - content_start < 2:
        return None  # "ruled out.", "said so.": no clause reported
    speaker: Span | None
    if _agentless(tokens, cue_index, vocab):
        speaker, confidence, pattern = None, 0.55, "agentless"
    else:
        speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
        if speaker is None:
            return None
        confidence, pattern = 0.8, "speaker-first"
    return _Report([_span(tokens, content_start, content_end)], _cue_span(tokens, cue_index), speaker,
                   confidence, pattern)


def _content_first(tokens: list[Token], cue_index: int, lexicon: Lexicon, vocab: _Vocabulary) -> _Report | None:
    """C, S said. / C, said S. / C, S said, but C2."""
    inverted = _comma_ending_at(tokens, cue_index - 1) is not None
    if inverted:
        found = _inverted_clause(tokens, cue_index, lexicon, vocab)
    else:
        found = _plain_clause(tokens, cue_index, lexicon, vocab)
    if found is None:
        return None
    speaker, comma, clause_end = found
    tail_end = _adjuncts_end(tokens, clause_end, vocab, addressee=tokens[cue_index].lower in _ADDRESSEE_CUES)
    content_start = _clause_start_before(tokens, comma)
    # After ", said S," an appositive follows ("said Ann Lee, a lawyer"), not more content.
    continuation = _continuation_after(tokens, tail_end, vocab, linked_only=inverted)
    if comma - content_start < _least_first_half(tokens, continuation, tail_end, clause_end):
        return None
    # A comma inside closing quote marks ("… a false economy,'' said Hale") leaves the marks in the content.
    marks = _closing_marks_after(tokens, comma + 1)
    content_end = comma + 1 + marks if marks else comma
    contents = [_span(tokens, content_start, content_end)]
    if continuation is not None:
        contents.append(continuation)
    elif tail_end < len(tokens) and tokens[tail_end].text not in _SENTENCE_END | {","}:
        return None  # the clause goes on: not a closing "…, S said." or "…, S said, until …"
    return _Report(contents, _cue_span(tokens, cue_index), speaker, 0.8, "content-first")


def _least_first_half(tokens: list[Token], continuation: Span | None, tail_end: int, clause_end: int) -> int:
    """How many words the content before "S said" needs. Three, unless the sentence goes on right
    after the cue ("The museum, the mayor said, would open in May", "Too often, she said, players
    …"): then even one word is the first half of the content."""
    if continuation is None or tail_end != clause_end or tokens[tail_end + 1].text in _OPENING_MARKS:
        return 3
    return 1


def _inverted_clause(tokens: list[Token], cue_index: int, lexicon: Lexicon,
                     vocab: _Vocabulary) -> tuple[Span, int, int] | None:
    """", said S": the speaker, the comma before the cue and the end of the clause."""
    comma = _comma_ending_at(tokens, cue_index - 1)
    speaker_end = _inverted_speaker_end(tokens, cue_index + 1, vocab)
    if speaker_end is None or comma is None:
        return None
    if not _may_name_speaker(tokens[cue_index + 1 : speaker_end], lexicon, vocab):
        return None
    return _span(tokens, cue_index + 1, speaker_end), comma, speaker_end


def _may_name_speaker(words: list[Token], lexicon: Lexicon, vocab: _Vocabulary) -> bool:
    """", noted the rule in …" has an object after the cue, not a speaker: a speaker after the cue is
    a name or a noun phrase about a person or body ("the minister", "a spokesman for the club")."""
    if words[0].lower not in vocab.determiners:
        return True
    return any(w.text[0].isupper() or lexicon.is_role(w.lower) or lexicon.is_title(w.lower)
               or lexicon.is_org_word(w.lower) for w in words[1:])


_CLOSING_MARKS = frozenset(("”", "\"", "’", "'", "»", "›"))
_CONTINUATION_LINKS = frozenset(("but", "and", "although", "though", "while", "adding"))
_OPENING_MARKS = frozenset(("“", "\"", "‘", "'", "«", "‹", "„"))


def _comma_ending_at(tokens: list[Token], index: int) -> int | None:
    """The comma at ``index``, or the one just before closing quote marks that end there
    ("economy,''" / "win,”"): the comma that closes the content of "C, S said"."""
    position = index
    while position >= 0 and tokens[position].text in _CLOSING_MARKS and index - position < 3:
        position -= 1
    return position if position >= 0 and tokens[position].text == "," else None


def _closing_marks_after(tokens: list[Token], position: int) -> int:
    count = 0
    while position + count < len(tokens) and tokens[position + count].text in _CLOSING_MARKS and count < 2:
        count += 1
    return count


def _plain_clause(tokens: list[Token], cue_index: int, lexicon: Lexicon,
                  vocab: _Vocabulary) -> tuple[Span, int, int] | None:
    """", S said": the speaker, the comma before it and the end of the clause."""
    comma = _comma_before_speaker(tokens, cue_index, lexicon, vocab)
    if comma is None:
        return None
    start = comma + 1 + _closing_marks_after(tokens, comma + 1)
    speaker = _checked_speaker(tokens, start, _speaker_end_before_cue(tokens, cue_index, lexicon, vocab), vocab)
    if speaker is None:
        return None
    return speaker, comma, cue_index + 1


def _mixed(tokens: list[Token], cue_index: int, fragment_after: Callable[[int], int | None],
           lexicon: Lexicon, vocab: _Vocabulary) -> _Report | None:
    """S called the strike “barbaric” / S described it as “an intentional act” / S said X was “historic”."""
    closing = fragment_after(cue_index)
    if closing is None:
        return None
    speaker = _speaker_before(tokens, cue_index, lexicon, vocab)
    if speaker is None:
        return None
    clause_end = _content_end(tokens, cue_index + 1, vocab)
    if clause_end <= closing and _new_report_between(tokens, cue_index + 1, closing, vocab):
        return None  # the quote belongs to the next report: "… a deal, Mr. Barrett said, “…”"
    content_end = closing + 1 if _main_clause_after(tokens, closing) else max(closing + 1, clause_end)
    return _Report([_span(tokens, cue_index + 1, content_end)], _cue_span(tokens, cue_index), speaker, 0.7,
                   "mixed")


def _new_report_between(tokens: list[Token], start: int, end: int, vocab: _Vocabulary) -> bool:
    return any(tokens[i].text in _NEW_REPORT_MARKS and _subject_cue_at(tokens, i + 1, vocab)
               for i in range(start, end))


def _main_clause_after(tokens: list[Token], closing: int) -> bool:
    """"Though she called it “outrageous,” Clinton restricted …": after a quote closed with a comma,
    a name and a verb start the main clause, which is not part of the report."""
    after = closing + 1
    if tokens[closing - 1].text != "," or after >= len(tokens) or not tokens[after].text[0].isupper():
        return False
    while after < len(tokens) and (tokens[after].text[0].isupper() or tokens[after].text == "."):
        after += 1  # "Mr. Ortiz", "Hillary Clinton"
    return after < len(tokens) and tokens[after].text[0].islower()


def _according_to(tokens: list[Token], index: int, vocab: _Vocabulary) -> _Report | None:
    """According to S, C. / C, according to S."""
    speaker_start = index + 2
    speaker_end = speaker_start
    while speaker_end < len(tokens) and tokens[speaker_end].text not in {",", ";", "—", "–", "(", ")"} and (
        tokens[speaker_end].text not in _SENTENCE_END or is_abbreviation_dot(tokens, speaker_end, vocab.short_titles)
    ):
        speaker_end += 1
    if speaker_end == speaker_start or speaker_end - speaker_start > 16:
        return None
    speaker = _span(tokens, speaker_start, speaker_end)
    cue = _unchecked_span(tokens[index].start, tokens[index + 1].end)
    if index == 0 or (index == 1 and tokens[0].lower in {"but", "and", "yet"}):
        if speaker_end >= len(tokens) or tokens[speaker_end].text != ",":
            return None
        content_end = _content_end(tokens, speaker_end + 1, vocab)
        if content_end - speaker_end < 4:
            return None
        return _Report([_span(tokens, speaker_end + 1, content_end)], cue, speaker, 0.75, "according-to")
    if tokens[index - 1].text != ",":
        return None
    content_start = _clause_start_before(tokens, index - 1)
    if index - 1 - content_start < 3:
        return None
    return _Report([_span(tokens, content_start, index - 1)], cue, speaker, 0.75, "according-to")


def _participial(tokens: list[Token], cue_index: int, vocab: _Vocabulary) -> _Report | None:
    """…, saying C: the speaker is the subject of the clause before the participle."""
    content_start = cue_index + 1
    if content_start < len(tokens) and tokens[content_start].lower == "that":
        content_start += 1
    content_end = _content_end(tokens, content_start, vocab)
    if content_end - content_start < 3:
        return None
    speaker = _subject_of_clause_before(tokens, cue_index - 1, vocab)
    if speaker is None:
        return None
    return _Report([_span(tokens, content_start, content_end)], _cue_span(tokens, cue_index), speaker, 0.65,
                   "participial")


# --- Pieces of a reporting clause ------------------------------------------------


def _is_passive(tokens: list[Token], index: int, vocab: _Vocabulary) -> bool:
    """"have barely been mentioned", "will be heard": the subject is not the speaker
    (the agentless "it was said that" is read elsewhere)."""
    if tokens[index].lower.endswith("ing"):
        return False  # "is demanding that", "was telling reporters": progressive, the subject speaks
    position = index - 1
    while position >= 0 and tokens[position].lower.endswith("ly") and tokens[position].text[0].islower():
        position -= 1
    if position < 0 or tokens[position].lower not in vocab.be_forms:
        return False
    return not _agentless(tokens, index, vocab)


def _content_start_after(tokens: list[Token], cue_index: int, bare: bool, vocab: _Vocabulary) -> int | None:
    """Where the reported clause begins after the cue, past its object and adjuncts."""
    position = cue_index + 1
    # "told reporters", "told CNN", "told him": the addressee.
    if tokens[cue_index].lower in _ADDRESSEE_CUES:
        position = _skip_addressee(tokens, position, vocab)
    position = _skip_adjuncts(tokens, position, vocab)
    if position >= len(tokens):
        return None
    word = tokens[position]
    if word.lower == "that":
        return position + 1 if position + 1 < len(tokens) else None
    if word.text == ":":
        return position + 1 if position + 1 < len(tokens) else None
    if not bare or position != cue_index + 1 and word.text == ",":
        return None
    if tokens[cue_index].lower in vocab.clause_cues and _opens_noun_phrase(tokens, position, vocab):
        return position  # "said the nonstop demands … erase the barriers": say takes a clause
    return position if _opens_clause(tokens, position, vocab) else None


def _opens_noun_phrase(tokens: list[Token], start: int, vocab: _Vocabulary) -> bool:
    first = tokens[start]
    if first.lower in vocab.not_clause_starts or len(tokens) - start < _LEAST_CLAUSE_TOKENS:
        return False
    return first.lower in vocab.determiners or first.lower in vocab.subject_pronouns or first.text[0].isupper()


def _opens_clause(tokens: list[Token], start: int, vocab: _Vocabulary) -> bool:
    """Whether a clause with no "that" begins at ``start``: a subject, then a finite verb soon after
    ("said prices would rise", "said Stein complied"); not a noun phrase ("mentioned Machado since …"),
    an infinitive ("pledged to reach") or a subordinate clause ("said when she resigned")."""
    first = tokens[start]
    if first.lower in vocab.not_clause_starts or not (first.text[0].isalnum() or first.text in "“\"‘'«"):
        return False
    # The verb may come first: in "which it said targeted …" the subject is the relative pronoun.
    window = tokens[start : start + _MAX_SUBJECT_TOKENS + 1]
    verb = next((i for i, token in enumerate(window) if _finite_verb(token, vocab)), None)
    if verb is not None and verb > 0 and window[verb - 1].lower in {"and", "but"}:
        return False  # "confirmed the signing and said …": a noun phrase, then the subject's next verb
    return verb is not None or _pronoun_then_verb(window, vocab)


def _pronoun_then_verb(window: list[Token], vocab: _Vocabulary) -> bool:
    """"says she opposes the deal": a lower-case word right after a subject pronoun is its verb."""
    return any(
        first.lower in vocab.subject_pronouns and second.text.isalpha() and second.text.islower()
        for first, second in zip(window, window[1:])
    )


def _finite_verb(token: Token, vocab: _Vocabulary) -> bool:
    word = token.lower
    return (word in vocab.finite_verbs or word.endswith(("n't", "n’t"))
            or (word.endswith("ed") and token.text[0].islower() and len(word) > 4))


def _skip_addressee(tokens: list[Token], position: int, vocab: _Vocabulary) -> int:
    end = position
    while end < len(tokens) and end - position < 5 and tokens[end].text[0].isalnum() and tokens[end].lower != "that":
        if end > position and (tokens[end].lower in vocab.adjunct_starts or tokens[end].text[0].islower()
                               and tokens[end - 1].text[0].islower()
                               and tokens[end - 1].lower not in vocab.determiners):
            break
        end += 1
        if tokens[end - 1].lower in vocab.addressees:
            break
    return end


def _skip_adjuncts(tokens: list[Token], position: int, vocab: _Vocabulary) -> int:
    """Skip "on Friday", "in a statement", "last week" between the cue and its content."""
    while position < len(tokens) and tokens[position].lower in vocab.adjunct_starts:
        end = position + 1
        while end < len(tokens) and end - position <= _MAX_ADJUNCT_TOKENS and tokens[end].text[0].isalnum() and (
            tokens[end].lower != "that"
        ):
            if tokens[end].lower in vocab.subject_pronouns and end > position + 1:
                break
            end += 1
        if end < len(tokens) and tokens[end].lower == "that":
            return end
        if end < len(tokens) and tokens[end].text == ",":
            return end + 1
        return position  # no clear end of the adjunct: leave it in the content
    return position


def _content_end(tokens: list[Token], start: int, vocab: _Vocabulary) -> int:
    """The reported clause runs to the end of the sentence, but stops before what is not part of it:
    "…, according to S", "…, saying …" (a report of its own), "… but has demanded …" (the speaker's
    next verb, not the content)."""
    # A reported clause is a sentence's worth of words: the cap keeps time linear on a text
    # that never ends its sentence.
    end = min(len(tokens), start + _MAX_CONTENT_TOKENS)
    for index, word in enumerate(tokens[start + 1 : end], start + 1):
        if word.lower not in _CONTENT_STOPS:
            continue  # the one cheap test most words fail: each test below needs one of these words
        if (word.text in _SENTENCE_END and not is_abbreviation_dot(tokens, index, vocab.short_titles)
                and index >= len(tokens) - 3):
            end = index
            break
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        if word.text == "," and (following == "according" or following in vocab.participle_cues):
            end = index
            break
        if word.lower in {"but", "and"} and (following in vocab.speaker_verb_auxiliaries
                                              or following in vocab.past_speech_verbs):
            end = index
            break
        if (word.lower in _NEW_REPORT_LINKS or word.text in _NEW_REPORT_MARKS) and _subject_cue_at(
            tokens, index + 1, vocab
        ):
            end = index  # "…, but he said …", "though she noted …": the next report starts here
            break
    while end > start and tokens[end - 1].text in {",", ";", ":", "—", "–", "-"}:
        end -= 1
    return end


def _subject_cue_at(tokens: list[Token], position: int, vocab: _Vocabulary) -> bool:
    """A subject pronoun or a name, then (past an auxiliary or two) a reporting verb: "he said",
    "she has noted", "Hillary Clinton is promising"."""
    if position >= len(tokens):
        return False
    if tokens[position].lower in vocab.subject_pronouns:
        subject_end = position + 1
    elif tokens[position].lower in vocab.determiners:
        subject_end = position + 1  # "the central bank said"
        while (subject_end < len(tokens) and subject_end - position < 4 and tokens[subject_end].text.isalpha()
               and tokens[subject_end].lower not in vocab.cue_words
               and tokens[subject_end].lower not in vocab.auxiliaries):
            subject_end += 1
    elif tokens[position].text.islower():
        # "…, and human rights groups warned": only after a comma and a link word, because a bare
        # plural after "and" alone is most often part of a list ("West Virginia and industry groups").
        if not (position >= 2 and tokens[position - 1].lower in _NEW_REPORT_LINKS and tokens[position - 2].text == ","):
            return False
        subject_end = _bare_plural_end(tokens, position, vocab)
        if subject_end == position:
            return False
    else:
        subject_end = position
        while subject_end < len(tokens) and subject_end - position < 5 and (
            tokens[subject_end].text[0].isupper() or (tokens[subject_end].text == "." and subject_end > position)
        ):
            subject_end += 1  # "Hillary Clinton", "Mr. Barrett", "U.S. officials"
        if subject_end == position:
            return False
    for index in range(subject_end, min(len(tokens), subject_end + 3)):
        word = tokens[index].lower
        if word in vocab.cue_words:
            return True
        if word not in vocab.auxiliaries:
            return False
    return False


def _bare_plural_end(tokens: list[Token], position: int, vocab: _Vocabulary) -> int:
    """The end of a subject with no determiner, a plural noun after at most three modifiers
    ("analysts", "human rights groups"); ``position`` when there is none."""
    end = position
    while end < len(tokens) and end - position < _BARE_PLURAL_WORDS and tokens[end].text.isalpha() \
            and tokens[end].text.islower() and tokens[end].lower not in vocab.cue_words \
            and tokens[end].lower not in vocab.auxiliaries and tokens[end].lower not in vocab.non_speaker_starts \
            and tokens[end].lower not in vocab.subject_pronouns:
        end += 1
    while end > position and not _plural_noun(tokens[position:end]):
        end -= 1
    return end


def _speaker_before(tokens: list[Token], cue_index: int, lexicon: Lexicon, vocab: _Vocabulary) -> Span | None:
    """The subject noun phrase that ends just before the cue (past "has", "also", "later")."""
    end = _speaker_end_before_cue(tokens, cue_index, lexicon, vocab)
    if end == cue_index > 0 and _is_participle_of_clause(tokens, cue_index):
        # "Trump attacked the reporter, calling her …", "… ended the meeting by saying …": the
        # participle's subject is the clause's, never the noun just before it.
        return _subject_of_clause_before(tokens, cue_index - 1, vocab)
    message = message_before(tokens, cue_index, vocab.message_nouns, vocab.determiners, vocab.np_prepositions)
    if message is not None:
        return _subject_of_clause_before(tokens, message, vocab)  # "the council issued a statement calling …"
    if end > 0 and tokens[end - 1].lower in {"and", "but"}:
        outer_cue = _report_around(tokens, end - 1, lexicon)
        if outer_cue is not None:
            # "Trump tweeted that Machado was “a con” and encouraged …": the second cue goes with
            # the first, whose report holds the "and", not with the reported clause's subject.
            return _speaker_before(tokens, outer_cue, lexicon, vocab)
        # "The club announced the signing and said …": the verbs share the clause's subject.
        return _subject_of_clause_before(tokens, end - 1, vocab)
    if end > 0 and tokens[end - 1].text == ",":
        return _speaker_before_asides(tokens, end - 1, vocab)
    contracted = _contracted_subject(tokens, end)
    if contracted is not None:
        return contracted
    start = _np_start(tokens, end, vocab)
    return _checked_speaker(tokens, start, end, vocab)


def _report_around(tokens: list[Token], link: int, lexicon: Lexicon) -> int | None:
    """The cue of "S said that C" when the "and" at ``link`` lies inside C; None elsewhere."""
    that = next((i for i in range(link - 1, max(-1, link - _MAX_CONTENT_TOKENS), -1)
                 if tokens[i].lower in {"that", ";"} or tokens[i].text in _SENTENCE_END), None)
    if that is None or tokens[that].lower != "that":
        return None
    for cue in range(that - 1, max(-1, that - _MAX_CUE_TO_THAT), -1):
        if tokens[cue].text in {",", ";", ":"}:
            return None
        if is_verb_at(tokens, cue, lexicon) and _is_speech_cue(lexicon, tokens[cue].lower):
            return cue
    return None


def _is_participle_of_clause(tokens: list[Token], cue_index: int) -> bool:
    return tokens[cue_index].lower.endswith("ing") and (tokens[cue_index - 1].text == ","
                                                        or tokens[cue_index - 1].lower == "by")


def _speaker_before_asides(tokens: list[Token], comma: int, vocab: _Vocabulary) -> Span | None:
    """"Cable, who replaced Farron as leader in July, said" / "Tom Berry, of Leeds, Va., said": the
    subject stands before the asides, each set off by commas."""
    for _ in range(_MAX_ASIDES):
        aside_start = _comma_before(tokens, comma)
        if aside_start is None:
            return None
        start = _np_start(tokens, aside_start, vocab)
        speaker = _checked_speaker(tokens, start, aside_start, vocab)
        if speaker is not None:
            return speaker
        comma = aside_start  # "of Leeds" is a place in an aside, not a speaker: look further back
    return None


def _contracted_subject(tokens: list[Token], end: int) -> Span | None:
    """"He’s claiming", "They’ve said": the pronoun of a contraction is the subject."""
    if end == 0:
        return None
    token = tokens[end - 1]
    pronoun, _, rest = token.lower.replace("’", "'").partition("'")
    if rest not in _CONTRACTED_AUXILIARIES or pronoun not in _CONTRACTED_PRONOUNS:
        return None
    return _unchecked_span(token.start, token.start + len(pronoun))


def _speaker_end_before_cue(tokens: list[Token], cue_index: int, lexicon: Lexicon, vocab: _Vocabulary) -> int:
    end = cue_index
    while end > 0:
        word = tokens[end - 1].lower
        if word in vocab.auxiliaries and not _is_capitalised_name(tokens, end - 1):
            end -= 1
        elif is_adverb(tokens[end - 1], lexicon):
            end -= 1
        elif word in vocab.temporal_words and end >= 2 and tokens[end - 2].lower in vocab.temporal_openers:
            end -= 2  # "this month", "on Friday"
        else:
            break
    return end


def _np_start(tokens: list[Token], end: int, vocab: _Vocabulary) -> int:
    """Walk left over the words of a noun phrase that ends at ``end``."""
    start = end
    while start > 0 and end - start < _MAX_SPEAKER_TOKENS:
        word = tokens[start - 1]
        if start == end and word.lower in vocab.subject_pronouns:
            return start - 1
        if word.text == ")":
            # "Rep. Gregory Meeks (D-N.Y.)": step over the bracket to the name before it.
            opening = next((i for i in range(start - 2, max(-1, start - 10), -1) if tokens[i].text == "("), None)
            if opening is None:
                break
            start = opening
            continue
        if word.lower == "and" and start >= 2 and tokens[start - 2].text[0].isupper() and start < end:
            start -= 1  # "Obama and Clinton said", "Experts on North Korea and nuclear policy said"
            continue
        if word.lower in vocab.clause_openers or word.lower in vocab.subject_pronouns:
            break
        if word.text in {"'", "’"} and _plural_possessive(tokens, start - 1):
            start -= 1  # "the nurses' union"
            continue
        if not (word.text[0].isalnum() or word.text in {"'s", "’s", "-", "&", "."}):
            break
        if word.text == "." and not is_abbreviation_dot(tokens, start - 1, vocab.short_titles):
            break
        if word.lower in vocab.determiners and not (start >= 2 and tokens[start - 2].lower in vocab.np_prepositions):
            return start - 1
        if word.lower in vocab.auxiliaries and word.lower != "first" and not _is_capitalised_name(tokens, start - 1):
            break
        start -= 1
    return start


def _is_capitalised_name(tokens: list[Token], index: int) -> bool:
    """"Theresa May", "Brian Will": a modal or an adverb written with a capital after another
    capitalised word is a name, not an auxiliary."""
    return index > 0 and tokens[index].text[0].isupper() and tokens[index - 1].text[0].isupper()


def _plural_possessive(tokens: list[Token], mark: int) -> bool:
    before = tokens[mark - 1] if mark > 0 else None
    return before is not None and before.end == tokens[mark].start and before.lower.endswith("s")


def _checked_speaker(tokens: list[Token], start: int, end: int, vocab: _Vocabulary) -> Span | None:
    if end <= start or end - start > _MAX_SPEAKER_TOKENS:
        return None
    words = tokens[start:end]
    first = words[0]
    if len(words) == 1 and first.lower in vocab.subject_pronouns:
        return _span(tokens, start, end)
    if first.lower in vocab.np_prepositions or first.lower in vocab.auxiliaries:
        return None
    if first.lower in vocab.non_speaker_starts:
        return None  # "Though she called …", "Under the plan", "During a speech": not a subject
    if not any(w.text[0].isupper() for w in words) and first.lower not in vocab.determiners and not _plural_noun(words):
        return None
    return _span(tokens, start, end)


def _plural_noun(words: list[Token]) -> bool:
    # "officials said", "analysts say", "police said": a bare plural (or mass) noun can speak.
    last = words[-1].lower
    return len(words) <= 3 and (last.endswith("s") or last in {"police", "staff", "people"})


def _agentless(tokens: list[Token], cue_index: int, vocab: _Vocabulary) -> bool:
    """it was claimed / it is understood / it has been reported (that …)."""
    before = [t.lower for t in tokens[max(0, cue_index - 3) : cue_index]]
    return bool(before) and before[0] in vocab.passive_subjects and before[-1] in {"was", "is", "been", "be"}


def _comma_before_speaker(tokens: list[Token], cue_index: int, lexicon: Lexicon, vocab: _Vocabulary) -> int | None:
    end = _speaker_end_before_cue(tokens, cue_index, lexicon, vocab)
    start = _np_start(tokens, end, vocab)
    return _comma_ending_at(tokens, start - 1) if start > 0 else None


def _inverted_speaker_end(tokens: list[Token], start: int, vocab: _Vocabulary) -> int | None:
    end = start
    while end < len(tokens) and end - start < _MAX_SPEAKER_TOKENS:
        word = tokens[end]
        if word.text == "." and is_abbreviation_dot(tokens, end, vocab.short_titles):
            end += 1
            continue
        if not (word.text[0].isalnum() or word.text in {"'s", "’s", "-"}) or (
            end > start and word.lower in vocab.inverted_speaker_stops
        ):
            break
        if word.lower in vocab.auxiliaries or word.lower in vocab.clause_openers:
            return None  # ", said the party would fight": a clause follows the cue, not a speaker
        end += 1
    if end == start or not (tokens[start].text[0].isupper() or tokens[start].lower in vocab.determiners):
        return None
    return end


def _adjuncts_end(tokens: list[Token], position: int, vocab: _Vocabulary, *, addressee: bool) -> int:
    """Past "on Friday", "in a statement", and "reporters" after a cue that takes an addressee,
    after a closing reporting clause."""
    starts = vocab.adjunct_starts_or_addressees if addressee else vocab.adjunct_starts
    end = position
    while end < len(tokens) and tokens[end].lower in starts:
        end += 1
        while (end < len(tokens) and end - position < _MAX_ADJUNCT_TOKENS and tokens[end].text[0].isalnum()
               and tokens[end].lower not in vocab.adjunct_starts):
            end += 1
    return end


def _continuation_after(tokens: list[Token], position: int, vocab: _Vocabulary, *,
                        linked_only: bool = False) -> Span | None:
    """", but C2" after "C, S said": the second half of the same report. With ``linked_only``
    it must open with a conjunction ("…, said Lee, adding that …")."""
    if position + 2 >= len(tokens) or tokens[position].text != ",":
        return None
    start = position + 1
    # "C, S said, but C2" and "But to prevent problems, he said, officials should be vigilant."
    linked = tokens[start].lower in _CONTINUATION_LINKS
    if linked:
        start += 1
    elif linked_only:
        return None
    if tokens[start].lower == "that":
        start += 1
    end = _content_end(tokens, start, vocab)
    if end - start < 3 or not (linked or end - start >= 5 or _opens_clause(tokens, start, vocab)):
        return None  # "…, Trump warned in Everett, Wash., recently": a place, not a second clause
    return _span(tokens, start, end)


def _clause_start_before(tokens: list[Token], comma: int) -> int:
    """Where the content of "C, S said" begins: the sentence start, at most a sentence's worth back."""
    return max(0, comma - _MAX_CONTENT_TOKENS)


def _comma_before(tokens: list[Token], index: int) -> int | None:
    for position in range(index - 1, max(-1, index - _MAX_ASIDE_TOKENS), -1):
        if tokens[position].text == ",":
            return position
    return None


def _subject_of_clause_before(tokens: list[Token], end: int, vocab: _Vocabulary) -> Span | None:
    """The first noun phrase of the clause that ends at ``end`` ("which Russia ruled out" → Russia)."""
    start = 0
    for position in range(end - 1, -1, -1):
        if tokens[position].lower in {"which", "who", "that", ";"} or (
            tokens[position].text == "," and position + 1 < end and tokens[position + 1].lower in {"and", "but"}
        ):
            start = position + 1
            break
    for clause_start in _clause_starts_after_openers(tokens, start, end):
        subject = _subject_at(tokens, clause_start, end, vocab)
        if subject is not None:
            return subject
    return _subject_at(tokens, start, end, vocab, verb_follows=False)


def _clause_starts_after_openers(tokens: list[Token], start: int, end: int) -> list[int]:
    """Where the main clause may begin: after the last comma-closed opener ("Chastened by the
    reviews, Trump revised his plan" → "Trump"), or at ``start``: the latest first."""
    commas = [i + 1 for i in range(start, end) if tokens[i].text == ","]
    return [*reversed(commas[-_MAX_ASIDES:]), start]


def _subject_at(tokens: list[Token], position: int, end: int, vocab: _Vocabulary, *,
                verb_follows: bool = True) -> Span | None:
    """The noun phrase at ``position``, when a verb follows it (a lower-case word, not a comma)
    unless ``verb_follows`` is False."""
    while position < end and tokens[position].lower in {"and", "but", "so", "then", "yet"}:
        position += 1
    if position >= end:
        return None
    if tokens[position].lower in vocab.subject_pronouns:
        stop = position + 1
    else:
        stop = _np_end(tokens, position, end, vocab)
        if stop == position:
            return None
    if verb_follows and (stop >= end or not tokens[stop].text[0].islower()):
        return None  # "Trump, the nominee, revised": an aside follows, the subject stands further back
    return _checked_speaker(tokens, position, stop, vocab)


def _np_end(tokens: list[Token], start: int, limit: int, vocab: _Vocabulary) -> int:
    """End of the noun phrase that begins at ``start``: a run of capitalised words, or a determiner
    and up to three words before the verb ("The minister defended …" → "The minister")."""
    if tokens[start].lower in vocab.determiners:
        stop = start + 1
        while stop < limit and stop - start <= 3 and _noun_phrase_word(tokens[stop], vocab):
            # A word with a determiner after it is a verb taking its object: "the studio recut the film".
            if stop + 1 < limit and tokens[stop + 1].lower in vocab.determiners:
                break
            stop += 1
        return stop
    stop = _capitalised_run_end(tokens, start, limit, vocab)
    # "Labour leader Keir Starmer": role words between two capitalised runs title the name after them.
    titled = stop
    while titled < limit and titled - stop < _MAX_ROLE_WORDS and tokens[titled].lower in vocab.roles:
        titled += 1
    if stop < titled < limit and tokens[titled].text[0].isupper():
        return _capitalised_run_end(tokens, titled, limit, vocab)
    return stop


def _capitalised_run_end(tokens: list[Token], start: int, limit: int, vocab: _Vocabulary) -> int:
    stop = start
    while stop < limit and (tokens[stop].text[0].isupper() or is_abbreviation_dot(tokens, stop, vocab.short_titles)
                            or tokens[stop].text in {"'s", "’s"}):
        stop += 1
    return stop


def _noun_phrase_word(token: Token, vocab: _Vocabulary) -> bool:
    word = token.lower
    if not token.text[0].isalnum() or word in vocab.auxiliaries or word in vocab.clause_openers:
        return False
    # A past-tense verb ends the subject ("The minister defended the plan").
    return token.text[0].isupper() or not word.endswith("ed")


# --- Candidates -------------------------------------------------------------------


# Spans of token offsets are built without Span's checks (_unchecked_span): tokens come in text order,
# so only a misuse (end <= start) can give offsets out of order, and then Span's check says so.


def _span(tokens: list[Token], start: int, end: int) -> Span:
    first, last = tokens[start].start, tokens[end - 1].end
    return _unchecked_span(first, last) if first <= last else Span(first, last)


def _cue_span(tokens: list[Token], index: int) -> Span:
    token = tokens[index]
    return _unchecked_span(token.start, token.end)


def _speaker_follows(text: str, quote: Span, content: Span) -> bool:
    if quote.end >= content.end:
        return False
    return text[quote.end : content.end].lstrip().startswith(",") or text[quote.start : quote.end].rstrip(
        "”\"’'»› ").endswith(",")


def _within_one(span: Span, spans: list[Span], starts: list[int]) -> bool:
    index = bisect_right(starts, span.start) - 1
    return index >= 0 and spans[index].contains(span)


def _says_more_than_quotes(text: str, report: _Report, direct: list[Span], starts: list[int]) -> bool:
    """Whether the report gives unquoted words of the speaker next to a quote ("However tempting the
    cut, it ''is a false economy,'' said Hale", "“You ignored every warning” about the dam, she told
    the board"). Words set off by a comma after the quote name the speaker, not what was said
    ("“…,” Ann Lee, the barrister, told the court")."""
    for content in report.content:
        inner = _direct_inside(content, direct, starts)
        if not inner or _speaker_follows(text, inner[-1], content):
            continue
        if sum(len(span) for span in inner) < _QUOTED_SHARE * len(content):
            return True
    return False


def _inside_any(position: int, spans: list[Span], starts: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index].end


_QUOTE_MARKS = frozenset("“”\"«»")


def _candidate(analysis: Analysis, content: Span, report: _Report, sentence: int, group: int, part: int,
               direct: list[Span], starts: list[int], absorbed: set[Span]) -> Candidate | None:
    text = analysis.text
    content = _through_closing_quote(text, content, direct, starts)
    inner = _direct_inside(content, direct, starts)
    if inner and sum(len(s) for s in inner) >= _QUOTED_SHARE * len(content):
        return None  # "He said: “…”" — the direct quote already says it all
    has_marks = bool(inner) or not _QUOTE_MARKS.isdisjoint(text[content.start : content.end])
    kind = QuoteKind.MIXED if has_marks else QuoteKind.INDIRECT
    # A direct quote inside becomes part of the mixed quote rather than a quote of its own.
    absorbed.update(inner)
    return Candidate(
        span=content,
        kind=kind,
        paragraph=analysis.sentence_paragraph[sentence] if analysis.sentence_paragraph else 0,
        sentence=sentence,
        cue=report.cue,
        speaker_slot=report.speaker,
        confidence=report.confidence,
        group=group,
        part=part,
        evidence=report.pattern,
    )


def _through_closing_quote(text: str, content: Span, direct: list[Span], starts: list[int]) -> Span:
    """A report that ends at the full stop inside a quote ("… had shown “a worrying pattern.”") takes
    the quote's closing mark too, so the quote lies inside the report rather than across its end."""
    index = bisect_right(starts, content.end) - 1
    if index < 0:
        return content
    quote = direct[index]
    if content.start < quote.start < content.end < quote.end and not text[content.end : quote.end].strip(
        ".,;:!?…”\"’'»› "
    ):
        return _unchecked_span(content.start, quote.end)
    return content


def _direct_inside(content: Span, direct: list[Span], starts: list[int]) -> list[Span]:
    first = bisect_left(starts, content.start)
    last = bisect_right(starts, content.end)
    return [span for span in direct[first:last] if content.contains(span)]


# The characters str.split() splits at (those of str.isspace), for patterns that must find its words.
_SPLIT_SPACES = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A word of four characters or more that opens with a lower-case letter: a headline has none.
_LOWER_CASE_LONG_WORD = regex.compile(f"(?:^|[{_SPLIT_SPACES}])[a-z][^{_SPLIT_SPACES}]{{3}}")
_CLOSING_PUNCTUATION = frozenset(".!?…\"”’»:")


def _is_headline(text: str, sentence: Span) -> bool:
    """A line whose words are capitalised like a headline ("Hillary Clinton Speaks ‘Directly To White
    People’ After Latest Police Shooting."), or mostly so when it has no closing punctuation.

    >>> line = "Senate Passes Budget After Long Night."
    >>> _is_headline(line, Span(0, len(line))), _is_headline(line.lower(), Span(0, len(line)))
    (True, False)
    """
    line = text[sentence.start : sentence.end]
    closed = text[sentence.end - 1] in _CLOSING_PUNCTUATION
    if closed and _LOWER_CASE_LONG_WORD.search(line):
        return False  # the test below in one search in C: most sentences have such a word early on
    words = [w for w in line.split() if w[0].isalpha()]
    if not words:
        return False
    if not closed:
        return sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)
    return len(words) >= 4 and all(w[0].isupper() for w in words if len(w) > 3)
