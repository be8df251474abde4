"""Vietnamese alphabetical order, as dictionaries use it.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (the Latin
letters f, j, w, z, which appear only in loanwords, take their Latin places). Ă and Â
follow A, Đ follows D, Ê follows E, Ô and Ơ follow O, Ư follows U.

Words are compared one syllable at a time, as in a dictionary: first by their letters,
then, between syllables with the same letters, by tone in the order
ngang, huyền, hỏi, ngã, sắc, nặng (a, à, ả, ã, á, ạ). Case only breaks remaining ties.
So "Hà Nam" sorts before "Hạ Long" (the first syllables differ by tone only), and
"Đông" sorts after every name beginning with D.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["vietnamese_sort_key", "without_marks"]

_BREVE = "\u0306"
_CIRCUMFLEX = "\u0302"
_HORN = "\u031b"
# Tone marks in dictionary order; ngang (no mark) is 0.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: 100 + index for index, letter in enumerate(_ALPHABET)}
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}


@lru_cache(maxsize=16384)  # unit names share most of their syllables (Xã, Phường, Sở…)
def _syllable_key(syllable: str) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    letters: list[int] = []
    cases: list[int] = []
    tone = 0
    decomposed = unicodedata.normalize("NFD", syllable)
    index = 0
    while index < len(decomposed):
        char = decomposed[index]
        index += 1
        lower = char.lower()
        cases.append(0 if char == lower else 1)
        # Collect the combining marks that follow this base character.
        modifier = ""
        while index < len(decomposed) and unicodedata.combining(decomposed[index]):
            mark = decomposed[index]
            index += 1
            if mark in _TONES:
                tone = _TONES[mark]
            elif (lower, mark) in _MODIFIED:
                modifier = mark
        if modifier:
            lower = _MODIFIED[(lower, modifier)]
        if lower in _LETTER_RANK:
            letters.append(_LETTER_RANK[lower])
        elif lower.isdigit():
            letters.append(ord(lower) - ord("0"))  # digits before letters
        else:
            letters.append(1000 + ord(lower))  # anything else after letters, stable
    return tuple(letters), tone, tuple(cases)


@lru_cache(maxsize=65536)
def vietnamese_sort_key(text: str) -> tuple[object, ...]:
    """A key for ``sorted`` that orders Vietnamese names as a dictionary does."""
    syllables = [s for s in "".join(" " if ch in "-–,.()/" else ch for ch in text).split() if s]
    keyed = [_syllable_key(s) for s in syllables]
    primary = tuple((letters, tone) for letters, tone, _ in keyed)
    tertiary = tuple(cases for _, _, cases in keyed)
    return (primary, tertiary, text)


def without_marks(text: str) -> str:
    """``text`` as compared when accents should not matter: lower case, Vietnamese without
    its marks (đ as d), one space between words, so "xa tan tien" matches "Xã Tân Tiến".
    NFD first, so a name typed with decomposed letters folds alike."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(bare.split())
