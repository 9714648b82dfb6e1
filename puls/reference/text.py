"""Text helpers for reference data: diacritic-insensitive search keys and name similarity."""

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# The old cedilla letters, still common in Romanian files, and their correct comma-below forms.
_CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})
# Romanian and English words too common in occupation names to say anything about closeness.
_STOP_WORDS = frozenset("al ale ai and de din for in la of or pe pentru si sau the to cu".split())


def search_key(text: str) -> str:
    """The form labels are stored and queries are compared in.

    Lower case, NFKD with the combining marks removed (so "ș", "ş" and "s" are all "s"), and runs
    of white space collapsed. The same function normalises the stored column and the query, so a
    plain substring match ignores case and diacritics on SQLite and PostgreSQL alike.
    """
    # Compatibility forms may decompose into capitals ("℡" is "TEL"), so fold after decomposing.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", stripped).strip()


# Romanian endings of nouns for an activity or a thing and of inflected forms, longest first:
# stripped from a query word so that the activity finds the trade ("tencuire" → "tencu…",
# "zidărie" → "zidar", "sudori" → "sudor"). Applied to search keys (no diacritics).
_ROMANIAN_ENDINGS = tuple(
    sorted(
        "urilor ilor elor ului ire are ere ari eri iri ie ii ul ea le a e i".split(),
        key=len,
        reverse=True,
    )
)
MIN_STEM_LENGTH = 4


def stem(word: str) -> str:
    """`word` (a search key) without its Romanian ending, keeping at least four letters."""
    for ending in _ROMANIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
            return word[: -len(ending)]
    return word


def romanian_letters(text: str) -> str:
    """Writes ş/ţ (cedilla, as in pre-2000s files) as ș/ț (comma below, the correct letters)."""
    return text.translate(_CEDILLA_TO_COMMA)


def clean_label(text: str) -> str:
    """A label with its white space collapsed and trimmed."""
    return _SPACES.sub(" ", text).strip()


def _tokens(key: str) -> list[str]:
    return [
        token for token in re.split(r"[^\w]+", key) if len(token) > 1 and token not in _STOP_WORDS
    ]


@lru_cache(maxsize=65536)
def _word_ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def similarity(a: str, b: str) -> float:
    """How close two search keys are, from 0 (nothing alike) to 1 (the same words).

    A soft token-set match: every meaningful word of each side is paired with its most similar
    word on the other side (difflib ratio), and the score is the mean over the words of both
    sides. Word order does not matter ("inginer constructor" / "construction engineer"), near
    spellings count ("ambasador" / "ambassador", "inginer" / "engineer"), and the words of either
    side that find no partner pull the score down, so a long label is not close merely because
    one of its many words matches. Keys with no meaningful word fall back to the whole-string ratio.
    """
    if not a or not b:
        return 0.0
    a_words, b_words = _tokens(a), _tokens(b)
    if not a_words or not b_words:
        return SequenceMatcher(None, a, b).ratio()
    a_best = sum(max(_word_ratio(t, u) for u in b_words) for t in a_words)
    b_best = sum(max(_word_ratio(t, u) for t in a_words) for u in b_words)
    return (a_best + b_best) / (len(a_words) + len(b_words))
