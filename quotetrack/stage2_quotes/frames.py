"""Cue frames: the reporting clause next to a quote ("Peskov said", "said Peskov", "He continued:").

A frame gives the cue (the reporting verb) and the *speaker slot*: the words
where the frame puts the speaker, which the mention stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lexicon import Lexicon
from ..model import Analysis, Candidate, Span, _unchecked_span
from .marks import Pair

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*|\S")
_MAX_FRAME_TOKENS = 14
_APPOSITIVE_CLOSERS = frozenset((",", "—", "―", "–", "-"))
# “…,” Leonard E. Burman, director of the Tax Policy Center and a professor at Syracuse, said:
# a name with long appositives before its cue.
_MAX_APPOSITIVE_FRAME_TOKENS = 40
_NAME_BEFORE_APPOSITIVE_TOKENS = 9


@dataclass(frozen=True, slots=True)
class FrameWords:
    """The closed-class word sets the frame rules read (data/function_words.tsv says what each is
    for), fetched from the lexicon once per lexicon so that each look-up is a plain frozenset test."""

    between_speaker_and_cue: frozenset[str]
    after_inverted_speaker: frozenset[str]
    determiners: frozenset[str]
    short_titles: frozenset[str]
    clause_breaks: frozenset[str]
    message_nouns: frozenset[str]
    cue_noun_prepositions: frozenset[str]
    # A cue word after one of these is a noun: "the report", "to report".
    noun_context: frozenset[str]
    # A cue word that is also a noun is the noun when one of these follows it: "the report found".
    finite_verbs: frozenset[str]
    attribution_dashes: frozenset[str]
    pronouns: frozenset[str]


def frame_words(lexicon: Lexicon) -> FrameWords:
    """The word sets of :class:`FrameWords` from ``lexicon``, built once per lexicon."""
    return lexicon.memo("frames.words", _frame_words_of)


def _frame_words_of(lexicon: Lexicon) -> FrameWords:
    words = lexicon.word_set
    return FrameWords(
        between_speaker_and_cue=words("between_speaker_and_cue"),
        after_inverted_speaker=words("after_inverted_speaker"),
        determiners=words("frame_determiners"),
        short_titles=words("short_titles"),
        clause_breaks=words("clause_breaks"),
        message_nouns=words("message_nouns"),
        cue_noun_prepositions=words("cue_noun_prepositions"),
        noun_context=words("frame_determiners") | words("cue_noun_markers"),
        finite_verbs=words("finite_verbs"),
        attribution_dashes=words("attribution_dashes"),
        pronouns=words("subject_pronouns"),
    )


@dataclass(frozen=True)
class Frame:
    """A reporting clause found next to a quote."""

    cue: Span
    speaker_slot: Span | None
    side: str  # "after", "inverted", "before" or "before-bare" (no punctuation before the quote)
    colon: bool  # "Peskov said: “…”" — the strongest sign of a direct quote
    extent: Span  # the clause's words, for linking the parts of a split quote


@dataclass(slots=True)  # not frozen: frozen dataclasses are three times slower to build
class Token:
    """A word or a punctuation mark, with its offsets and its case-folded form (never changed)."""

    start: int
    end: int
    text: str
    lower: str


def _words_span(first: Token, last: Token) -> Span:
    """The span from the start of token ``first`` to the end of token ``last`` (tokens come in
    text order, so the offsets need no check)."""
    return _unchecked_span(first.start, last.end)


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``: the matches of :data:`WORD`.

    The hottest loop of the quote stage, so the pattern runs only where it must. The
    text is cut at its spaces (no token holds one), and most pieces are a plain word
    (str.isalnum() accepts no character that WORD leaves out of words) or a word and a
    comma or full stop; the other pieces, with any other space, go through the pattern.

    >>> text = "“Let’s go,” said Ms. Ruiz-Díaz\u00a0(D-N.M.)."
    >>> [t.text for t in tokens_in(text, 0, len(text))]
    ['“', 'Let’s', 'go', ',', '”', 'said', 'Ms', '.', 'Ruiz-Díaz', '(', 'D-N.M', '.', ')', '.']
    """
    tokens: list[Token] = []
    append = tokens.append
    at = start
    for piece in text[start:end].split(" "):
        size = len(piece)
        if piece.isalnum():
            append(Token(at, at + size, piece, piece.casefold()))
        elif size > 1 and piece[-1] in _MARKS_AFTER_WORDS and piece[:-1].isalnum():
            word, mark = piece[:-1], piece[-1]
            append(Token(at, at + size - 1, word, word.casefold()))
            append(Token(at + size - 1, at + size, mark, mark))
        elif size > 1 and piece[0] in _MARKS_BEFORE_WORDS and piece[1:].isalnum():
            mark, word = piece[0], piece[1:]
            append(Token(at, at + 1, mark, mark))
            append(Token(at + 1, at + size, word, word.casefold()))
        elif size > 2 and piece[-1] in _CLOSING_QUOTES and piece[-2] in _MARKS_AFTER_WORDS and piece[:-2].isalnum():
            word, mark, quote = piece[:-2], piece[-2], piece[-1]
            append(Token(at, at + size - 2, word, word.casefold()))
            append(Token(at + size - 2, at + size - 1, mark, mark))
            append(Token(at + size - 1, at + size, quote, quote))
        elif piece:
            for match in WORD.finditer(text, at, at + size):
                word = match.group()
                first, last = match.span()
                append(Token(first, last, word, word.casefold()))
        at += size + 1
    return tokens


# Marks that are tokens of their own after a word ("said,"): none is a letter, a digit or a
# combining mark, and none joins words unless a letter follows it ("U.S", "don't").
_MARKS_AFTER_WORDS = ",.;:!?)]}”’\"'"
# Marks that are tokens of their own before a word ("“The", "(D"): none is a letter, a digit, a
# combining mark or a word joiner.
_MARKS_BEFORE_WORDS = "“‘\"'([{$«"
_CLOSING_QUOTES = "”’\"'»"


def frame_of(analysis: Analysis, candidate: Candidate, previous: Pair | None, following: Pair | None,
              lexicon: Lexicon) -> Frame | None:
    assert candidate.outer is not None
    paragraph = analysis.paragraphs[candidate.paragraph] if analysis.paragraphs else Span(0, len(analysis.text))
    # A quote that runs over paragraphs has its reporting clause in the paragraph where it closes.
    closing = analysis.paragraphs[analysis.paragraph_at(candidate.outer.end - 1)] if analysis.paragraphs else paragraph
    after_end = min(closing.end, following.opening.start if following else closing.end, candidate.outer.end + 240)
    sentence_start = analysis.sentences[candidate.sentence].start if analysis.sentences else paragraph.start
    before_start = max(sentence_start, paragraph.start, previous.closing.end if previous else 0)
    before_start = max(before_start, candidate.outer.start - 240)
    before = _frame_before(tokens_in(analysis.text, before_start, candidate.outer.start), lexicon)
    if before is not None and before.colon:
        return before  # "Brandt said: “…”" — whatever follows belongs to the next sentence
    after = _frame_after(tokens_in(analysis.text, candidate.outer.end, after_end), lexicon)
    if after is None and before is None and candidate.outer.start == paragraph.start:
        return _frame_in_paragraph_before(analysis, candidate.paragraph, lexicon)
    return after if after is not None else before


def _frame_in_paragraph_before(analysis: Analysis, index: int, lexicon: Lexicon) -> Frame | None:
    """"The New York Times reports:" on a line of its own, the quote in the next paragraph."""
    if index == 0:
        return None
    previous = analysis.paragraphs[index - 1]
    if analysis.text[previous.end - 1] != ":":
        return None
    start = max(previous.start, analysis.sentences[analysis.sentence_at(previous.end - 1)].start)
    frame = _frame_before(tokens_in(analysis.text, start, previous.end), lexicon)
    return frame if frame is not None and frame.colon else None


def _frame_after(tokens: list[Token], lexicon: Lexicon) -> Frame | None:
    """“…,” Peskov said / “…,” said Peskov / “…,” Peskov, the spokesman, told reporters."""
    words = frame_words(lexicon)
    if tokens and tokens[0].text in words.attribution_dashes:
        dashed = _dash_frame(tokens, words.short_titles)
        if dashed is not None:
            return dashed
    index = 1 if tokens and tokens[0].text in (",", "—", "–", "-") else 0
    if index < len(tokens) and is_verb_at(tokens, index, lexicon):
        return _inverted_frame(tokens, index, words)
    depth = 0
    for cue_index in range(index, min(len(tokens), _frame_after_limit(tokens, index))):
        token = tokens[cue_index]
        depth += (token.text == "(") - (token.text == ")")
        if depth > 0 or token.text == ")":
            continue  # "Sen. Claire McCaskill (D-Mo.) said": the bracket is part of the name
        if token.text in (".", "!", "?", "“", "”", '"', ":", ";") and not is_abbreviation_dot(
            tokens, cue_index, words.short_titles
        ):
            return None
        if cue_index > index and is_verb_at(tokens, cue_index, lexicon):
            if cue_index >= index + _MAX_FRAME_TOKENS and tokens[cue_index - 1].text != ",":
                return None  # past the short window only "Name, appositive, said" is a frame
            if cue_index + 1 < len(tokens) and tokens[cue_index + 1].text == ":":
                return None  # "Eriksen said: “…”" introduces the next quote
            speaker = _trim_speaker(tokens[index:cue_index], lexicon)
            if not _plausible_speaker(speaker, lexicon):
                return None
            return Frame(_words_span(token, token), _words_span(speaker[0], speaker[-1]), "after",
                         False, _words_span(tokens[0], token))
    return None


def _frame_after_limit(tokens: list[Token], index: int) -> int:
    """How far after a quote its cue may come: further when a name opens an appositive."""
    if index < len(tokens) and tokens[index].text[0].isupper():
        for position in range(index + 1, min(len(tokens), index + _NAME_BEFORE_APPOSITIVE_TOKENS)):
            if tokens[position].text == ",":
                return index + _MAX_APPOSITIVE_FRAME_TOKENS
            if not (tokens[position].text[0].isupper() or tokens[position].text == "."):
                break
    return index + _MAX_FRAME_TOKENS


def _dash_frame(tokens: list[Token], short_titles: frozenset[str]) -> Frame | None:
    """“…” ― Sonya Herridge: a name after a dash signs the quote (vox pops, pull quotes)."""
    name: list[Token] = []
    for token in tokens[1:8]:
        if token.text[0].isupper() or (name and is_abbreviation_dot(tokens, tokens.index(token), short_titles)):
            name.append(token)
        else:
            break
    if not name or not name[0].text[0].isupper():
        return None
    dash = tokens[0]
    return Frame(_words_span(dash, dash), _words_span(name[0], name[-1]), "after", False,
                 _words_span(dash, name[-1]))


def _inverted_frame(tokens: list[Token], cue_index: int, words: FrameWords) -> Frame | None:
    cue = tokens[cue_index]
    speaker: list[Token] = []
    for index in range(cue_index + 1, min(len(tokens), cue_index + 10)):
        token = tokens[index]
        if token.text == "." and is_abbreviation_dot(tokens, index, words.short_titles):
            speaker.append(token)
            continue
        if not token.text[0].isalnum() or token.lower in words.after_inverted_speaker:
            break
        speaker.append(token)
    if not speaker or not (speaker[0].text[0].isupper() or speaker[0].lower in words.determiners
                           or _role_words_before_name(speaker)):
        return None
    return Frame(_words_span(cue, cue), _words_span(speaker[0], speaker[-1]), "inverted", False,
                  _words_span(tokens[0], speaker[-1]))


# "said chief executive Jo Baker", "said state senator Ana Ruiz": lower-case role words that title
# the name after them; more than three is a clause, not a title.
_MAX_ROLE_WORDS_BEFORE_NAME = 3


def _role_words_before_name(speaker: list[Token]) -> bool:
    """True when a speaker slot opens with a few lower-case words and then a capitalised name
    ("chief executive Jo Baker"), not with words and no name ("yesterday", "senior officials").

    >>> _role_words_before_name(tokens_in("spokeswoman Anna Li", 0, 19))
    True
    >>> _role_words_before_name(tokens_in("senior officials", 0, 16))
    False
    """
    for index, token in enumerate(speaker[: _MAX_ROLE_WORDS_BEFORE_NAME + 1]):
        if token.text[0].isupper():
            return index > 0
        if not token.text.isalpha():
            return False
    return False


def _frame_before(tokens: list[Token], lexicon: Lexicon) -> Frame | None:
    """Peskov said: “…” / He continued: “…” / Smith told reporters on Friday, “…”."""
    if not tokens:
        return None
    colon = tokens[-1].text == ":"
    gap_end = len(tokens) - 1 if tokens[-1].text in (":", ",") else len(tokens)
    for cue_index in range(gap_end - 1, max(-1, gap_end - 9), -1):
        if not is_verb_at(tokens, cue_index, lexicon):
            continue
        gap = tokens[cue_index + 1 : gap_end]
        if gap and gap_end == len(tokens):
            return None  # "said the deal was “historic”": a mixed quote, not a direct one
        speaker = _speaker_of_frame_before(tokens, cue_index, gap_end, lexicon)
        slot = _words_span(speaker[0], speaker[-1]) if _plausible_speaker(speaker, lexicon) else None
        cue = tokens[cue_index]
        # "She said “no.”" with no colon or comma between verb and quote: a fragment unless it is long.
        side = "before" if gap_end < len(tokens) else "before-bare"
        return Frame(_words_span(cue, cue), slot, side, colon, _words_span(tokens[0], tokens[-1]))
    return _lead_frame(tokens, lexicon) if colon else None


def _lead_frame(tokens: list[Token], lexicon: Lexicon) -> Frame | None:
    """"Sanders made the following comment: “…”": a sentence that leads into a quote with a colon
    and no reporting verb gives the quote to its subject, when that is a name or a pronoun."""
    subject = _main_clause_subject(tokens[:-1], frame_words(lexicon))
    if not subject or not _plausible_speaker(subject, lexicon):
        return None
    after = tokens.index(subject[-1]) + 1
    if after >= len(tokens) - 1 or not tokens[after].text.isalpha() or not tokens[after].text.islower():
        return None  # "Trump’s answer:" or "Ms. Lee:" — no verb of which the name is the subject
    verb = tokens[after]
    return Frame(_words_span(verb, verb), _words_span(subject[0], subject[-1]), "before-lead", True,
                 _words_span(tokens[0], tokens[-1]))


def _speaker_of_frame_before(tokens: list[Token], cue_index: int, gap_end: int, lexicon: Lexicon) -> list[Token]:
    """The words naming the speaker of a frame before its quote: "Peskov said:", "Said Ellis:"
    (an inverted cue opening the sentence), "…, saying," (the subject of the main clause)."""
    words = frame_words(lexicon)
    if cue_index == 0 and gap_end > 1:
        return tokens[1:gap_end]  # "Said Ellis:", "Added the minister,"
    if tokens[cue_index].lower.endswith("ing") and cue_index > 0 and tokens[cue_index - 1].text == ",":
        return _main_clause_subject(tokens[: cue_index - 1], words)
    message = message_before(tokens, cue_index, words.message_nouns, words.determiners, words.cue_noun_prepositions)
    if message is not None:
        return _main_clause_subject(tokens[:message], words)  # "Trump released an ad saying, “…”"
    return _trim_speaker(_last_clause(tokens[:cue_index], words.clause_breaks), lexicon)


def message_before(tokens: list[Token], cue_index: int, message_nouns: frozenset[str],
                   determiners: frozenset[str], prepositions: frozenset[str]) -> int | None:
    """Where "a statement" starts in "… issued a statement saying": an -ing cue right after a
    message that a verb (a lower-case word, not a preposition) governs; None elsewhere."""
    if not tokens[cue_index].lower.endswith("ing") or cue_index < 3 or tokens[cue_index - 1].lower not in message_nouns:
        return None
    for start in range(cue_index - 2, max(-1, cue_index - 5), -1):
        if tokens[start].lower in determiners:
            verb = tokens[start - 1] if start > 0 else None
            governed = verb is not None and verb.text.isalpha() and verb.text.islower()
            return start if governed and verb is not None and verb.lower not in prepositions else None
    return None


def _main_clause_subject(tokens: list[Token], words: FrameWords) -> list[Token]:
    """The subject of the clause a participle hangs on: "He then defended the remark, saying" → He;
    "During a speech, Trump attacked Clinton, saying" → Trump (past a comma-closed opener)."""
    starts = [i + 1 for i, token in enumerate(tokens) if token.text == ","][-3:]
    for start in [*reversed(starts), 0]:
        subject = _subject_words(tokens, start, words)
        if subject and subject[-1] is not tokens[-1] and tokens[tokens.index(subject[-1]) + 1].text[0].islower():
            return subject
    return _subject_words(tokens, 0, words)


def _subject_words(tokens: list[Token], start: int, words: FrameWords) -> list[Token]:
    if start >= len(tokens):
        return []
    first = tokens[start]
    if first.lower in words.pronouns:
        return [first]
    name_start = start + 1 if first.lower in words.determiners else start
    end = name_start
    while end < len(tokens) and end - start < 6 and (tokens[end].text[0].isupper() or tokens[end].text == "."):
        end += 1
    return tokens[start:end] if end > name_start and tokens[end - 1].text[0].isupper() else []


def _last_clause(tokens: list[Token], clause_breaks: frozenset[str]) -> list[Token]:
    """The words after the last clause break, keeping an appositive ("Peskov, the spokesman,")."""
    end = len(tokens)
    if end and tokens[end - 1].text in _APPOSITIVE_CLOSERS:
        # "Peskov, the Kremlin spokesman, said" / "Dickey -- the chief of the firm that makes it --
        # told me": step over the appositive to the name.
        closer = tokens[end - 1].text
        aside_end = end - 1
        while aside_end and tokens[aside_end - 1].text == closer:
            aside_end -= 1  # "--" is two tokens
        previous = max((i for i in range(aside_end) if tokens[i].text == closer), default=-1)
        while previous > 0 and tokens[previous - 1].text == closer:
            previous -= 1
        if previous > 0:
            end = previous
    start = max((i + 1 for i in range(end) if tokens[i].lower in clause_breaks), default=0)
    return tokens[start:end]


def is_adverb(token: Token, lexicon: Lexicon) -> bool:
    """"later", "flatly": a lower-case -ly word that is not a role noun ("the former monopoly")."""
    return token.lower.endswith("ly") and token.text[0].islower() and not lexicon.is_role(token.lower)


def _trim_speaker(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    between_speaker_and_cue = frame_words(lexicon).between_speaker_and_cue
    while tokens and (tokens[-1].lower in between_speaker_and_cue or is_adverb(tokens[-1], lexicon)
                      or tokens[-1].text == ","):
        tokens = tokens[:-1]
    if len(tokens) > 2 and tokens[-1].text != "," and any(t.text == "," for t in tokens):
        tokens = tokens[: next(i for i, t in enumerate(tokens) if t.text == ",")]
    return tokens


def _plausible_speaker(tokens: list[Token], lexicon: Lexicon) -> bool:
    """Words that can name a speaker: a pronoun, a name, or a description ("head coach Pep Alvarez")."""
    if not tokens or len(tokens) > 10:
        return False
    first = tokens[0]
    words = frame_words(lexicon)
    if first.lower in words.clause_breaks or first.lower in words.between_speaker_and_cue:
        return False
    if any(lexicon.cue_lemma(t.text) is not None for t in tokens):
        return False  # "The judge said the defendant had shown": a clause, not a speaker
    if len(tokens) == 1:
        return first.lower in lexicon.pronouns or first.text[0].isupper() or first.lower in lexicon.roles
    return (first.text[0].isupper() or first.lower in words.determiners or first.lower in lexicon.roles
            or any(t.text[0].isupper() for t in tokens))


def is_verb_at(tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """Whether ``tokens[index]`` is a reporting verb here, not a noun of the same spelling:
    "the report" and "a claim" are nouns; "report" and "claims" after a subject or an auxiliary
    ("they report", "she claims") are verbs."""
    token = tokens[index]
    if token.lower not in lexicon.cue_forms:  # what cue_lemma() looks up: ``lower`` is case-folded
        return False
    if index > 0 and token.text[0].isupper() and tokens[index - 1].text[0].isalnum():
        return False  # a capital inside a sentence makes a name: "the United States", "Post"
    # Fetched only here, past the test above that most tokens fail.
    words = frame_words(lexicon)
    before = tokens[index - 1].lower if index else ""
    if before in words.noun_context or (before.endswith(("'s", "’s")) and not _is_contraction(before)):
        return False
    if lexicon.is_noun_homograph(token.lower):
        if index >= 2 and tokens[index - 2].lower in words.determiners and _modifies_noun(tokens[index - 1], token):
            return False  # "the Tulsa protest", "a reasonable doubt": a determiner, a modifier, the noun
        after = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        if after in words.finite_verbs or before[:1].isdigit():
            return False  # "New York state is …", "the report found …", "the 1995 state tax return"
        # "amid claims of fraud", "in reports", "calls for calm" read as nouns.
        return (before not in words.cue_noun_prepositions and after not in ("of", "for")
                and (index > 0 or token.text[0].islower()))
    return True


def _modifies_noun(modifier: Token, word: Token) -> bool:
    """Whether ``modifier word`` after a determiner reads as a noun phrase: a capitalised modifier
    ("the Tulsa protest"), or a base form after a singular word ("a reasonable doubt"); "the
    analysts report" and "the company reports" stay verbs."""
    if modifier.text[0].isupper():
        return True
    return not word.lower.endswith("s") and not modifier.lower.endswith("s") and modifier.text.isalpha()


# "He’s claiming": a pronoun with a contracted auxiliary, not a possessive ("Trump’s claim").
_CONTRACTIONS = frozenset(f"{p}{a}s" for p in ("he", "she", "it", "who", "that", "there") for a in "'’")


def _is_contraction(word: str) -> bool:
    return word in _CONTRACTIONS


_ACRONYM = regex.compile(r"\p{Lu}(?:\.\p{Lu})+")


def is_abbreviation_dot(tokens: list[Token], index: int, short_titles: frozenset[str]) -> bool:
    """Whether the full stop ``tokens[index]`` ends an abbreviation ("Mr.", "J.", "U.S.", "J.K."),
    given the titles written short (``frame_words(lexicon).short_titles``)."""
    if index == 0 or tokens[index].text != ".":
        return False
    word = tokens[index - 1]
    if word.end != tokens[index].start:
        return False
    return (word.lower in short_titles or (len(word.text) == 1 and word.text.isupper())
            or _ACRONYM.fullmatch(word.text) is not None)

