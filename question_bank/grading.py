"""How typed answers are compared, as a teacher would compare them.

``fold`` reduces a text to what matters:

* case, diacritics (Erdogan = Erdoğan), surrounding spaces and punctuation do not matter:
  punctuation becomes a space, so "Deir ez-Zor" = "deir ez zor" and "al-Baghdadi" =
  "Al Baghdadi"; a response may also run words together ("Deir ezZor", "US" for "U.S.");
* numbers are read as numbers and written in one way: "11,000" = "11 000" = "11000",
  "1.50" = "1.5", "05" = "5", "−3" = "-3"; "1.5 million" = "1,500,000"; "100%" =
  "100 per cent" = "100 percent".  The dot is always the decimal point.  A comma followed
  by exactly three digits groups thousands ("1,500" is 1500, never 1.5); any other comma
  between digits is a decimal comma ("1,5" and "1,50" are 1.5).  "1.500" is 1.5.

``text_matches`` then compares two folded texts:

* the numbers in them must be exactly the same ("2014" never matches "2015", "11000" never
  matches "11001", "September 2018" never matches "September 2019");
* a number with words after it matches the bare number: "11,000 fighters" = "11000",
  "100%" = "100";
* each word may be misspelt by a few edits (insertions, deletions, substitutions or swaps
  of two neighbours), depending on the length of the expected word (``allowed_typos``):
  none under 5 letters, so that "Iran" is not "Iraq", "YPG" is not "YPJ" and "NATO" is
  not "NASA"; one from 5 to 9 letters ("Erdogen" for "Erdogan", "Asad" for "Assad", but
  "Austria" is not "Australia"); two from 10 letters ("Kalachnikof" for "Kalashnikov").
  Words holding digits are never misspelt: they must be exact.  Typos are counted word
  by word, so a misspelling must keep the answer's words apart: running words together
  ("Deir ezZor") is only forgiven without another mistake;
* an empty (or whitespace- or punctuation-only) text never matches anything.

Words written as numbers ("eleven thousand") are not read as numbers.
"""

from __future__ import annotations

import re
import unicodedata

#: A number inside a text, after ``_prepare``: a sign only at the start of a word, then
#: digits grouped by commas or single spaces, or plain, with an optional decimal part.
_NUMBER_BODY = r"""
    (?:
        (?P<comma>[0-9]{1,3}(?:,[0-9]{3})+)(?:\.(?P<comma_frac>[0-9]+))?
      | (?P<space>[0-9]{1,3}(?:\ [0-9]{3})+)(?:(?:\.|,(?![0-9]{3}(?![0-9])))(?P<space_frac>[0-9]+))?
      | (?P<plain>[0-9]+)(?:(?:\.|,(?![0-9]{3}(?![0-9])))(?P<plain_frac>[0-9]+))?
      | (?<!\w)\.(?P<bare_frac>[0-9]+)
    )
    (?![0-9])
"""
_NUMBER_IN_TEXT = re.compile(
    r"(?:(?<!\S)(?P<sign>[-+])|(?<![0-9]))" + _NUMBER_BODY, re.VERBOSE | re.ASCII
)
_WHOLE_NUMBER = re.compile(
    r"\s*(?P<sign>[-+])?" + _NUMBER_BODY + r"\.?"
    r"(?:\s*(?P<percent>%|percent|per\ cent)|\s+(?P<scale>[a-z]+))?\s*",
    re.VERBOSE | re.ASCII,
)
_NUMBER_TOKEN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)

#: Words that multiply the number before them: "1.5 million" is 1500000.
_SCALES = {
    "hundred": 2,
    "hundreds": 2,
    "thousand": 3,
    "thousands": 3,
    "million": 6,
    "millions": 6,
    "billion": 9,
    "billions": 9,
    "trillion": 12,
    "trillions": 12,
}


#: Letters that Unicode does not decompose into a base letter and a mark (lower case).
_PLAIN_LETTERS = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i: Işık = Isik
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def _prepare(text: str) -> str:
    """Lower case, diacritics removed, compatibility forms and all digits made ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining marks: the accents of é, ğ, ñ
            continue
        if category == "Nd":  # ٣ and ३ are 3
            char = str(unicodedata.digit(char))
        elif char == "\u2212":  # the minus sign
            char = "-"
        kept.append(char)
    return "".join(kept)


def _canonical(sign: str | None, whole: str, fraction: str) -> str:
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return f"-{text}" if sign == "-" and text != "0" else text


def _match_to_number(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups["comma"] is not None:
        whole, fraction = groups["comma"].replace(",", ""), groups["comma_frac"]
    elif groups["space"] is not None:
        whole, fraction = groups["space"].replace(" ", ""), groups["space_frac"]
    elif groups["plain"] is not None:
        whole, fraction = groups["plain"], groups["plain_frac"]
    else:
        whole, fraction = "0", groups["bare_frac"]
    return _canonical(groups["sign"], whole, fraction or "")


def _scale(number: str, exponent: int) -> str:
    """``number`` (canonical) times ten to the ``exponent``, exactly."""
    sign = "-" if number.startswith("-") else None
    whole, _, fraction = number.lstrip("-").partition(".")
    fraction = fraction.ljust(exponent, "0")
    return _canonical(sign, whole + fraction[:exponent], fraction[exponent:])


def _words(text: str) -> str:
    """Punctuation and symbols become spaces; ``%`` becomes the word ``percent``."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char == "%":
            out.append(" percent ")
        elif category == "Cf":  # soft hyphens, zero-width joiners: invisible, not a break
            continue
        elif category[0] in "PSZC":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _is_number(word: str) -> bool:
    return _NUMBER_TOKEN.fullmatch(word) is not None


def _fold_once(text: str) -> str:
    prepared = _prepare(text)
    pieces = []
    position = 0
    for match in _NUMBER_IN_TEXT.finditer(prepared):
        pieces.append(_words(prepared[position : match.start()]))
        pieces.append(f" {_match_to_number(match)} ")
        position = match.end()
    pieces.append(_words(prepared[position:]))
    words: list[str] = []
    for word in "".join(pieces).split():
        if word == "cent" and words and words[-1] == "per":
            words[-1] = "percent"
        elif word in _SCALES and words and _is_number(words[-1]):
            words[-1] = _scale(words[-1], _SCALES[word])
        else:
            words.append(word)
    return " ".join(words)


def fold(text: str) -> str:
    """The comparable form of a text: lower case, no diacritics, punctuation turned into
    spaces, spaces collapsed, numbers in one canonical form (see the module docstring).

    ``fold(fold(text)) == fold(text)``.
    """
    # Folding again may join what the first pass separated ("3, 100" -> "3 100" -> "3100");
    # repeat until nothing changes so that the result is stable.  Every repeat shortens the
    # text or reduces its words, so this ends (the bound is only a safety net).
    folded = _fold_once(text)
    for _ in range(50):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


def number_text(text: str) -> str | None:
    """The canonical decimal writing of a text that is one number, else None.

    Accepts what ``parse_number`` accepts; exact, with no floating point rounding.
    """
    match = _WHOLE_NUMBER.fullmatch(_prepare(text))
    if match is None:
        return None
    number = _match_to_number(match)
    scale = match.group("scale")
    if scale is not None:
        if scale not in _SCALES:
            return None
        number = _scale(number, _SCALES[scale])
    return number


def parse_number(text: str) -> float | None:
    """Read a number as people write it, else None.

    ``11,000``, ``11 000``, ``1.5``, ``1,5``, ``.5``, ``-3``, ``−3``, ``50%``, ``1.5 million``
    are numbers; ``1e5``, ``nan``, ``inf``, ``1.2.3``, ``11,000 fighters`` are not.  An
    absurdly long string of digits reads as ``inf``: callers wanting a finite number check.
    """
    number = number_text(text)
    return None if number is None else float(number)


def format_number(value: float) -> str:
    """``11000.0`` -> ``11000``; ``1.5`` -> ``1.5``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def allowed_typos(expected: str) -> int:
    """How many edits a misspelling of the word ``expected`` may have and still count.

    None in a word holding a digit (numbers and years are exact) or under 5 letters (Iran is
    not Iraq, YPG is not YPJ, NATO is not NASA); one from 5 to 9 letters; two from 10.
    """
    if any(char.isdigit() for char in expected):
        return 0
    letters = sum(1 for char in expected if char.isalnum())
    if letters < 5:
        return 0
    if letters < 10:
        return 1
    return 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with swaps of two neighbours (optimal string alignment), or
    ``limit + 1`` when it is above ``limit``.

    Only the band of cells within ``limit`` of the diagonal is computed and kept, so the
    cost is proportional to ``len(a) * limit``: long texts stay fast.
    """
    limit = max(limit, 0)
    above = limit + 1
    if abs(len(a) - len(b)) > limit:
        return above
    band = 2 * limit + 1
    width = len(b)
    # A row holds the cells of columns i - limit .. i + limit: column j is at j - i + limit.
    previous = [j if 0 <= j <= limit else above for j in range(-limit, limit + 1)]
    before_previous = [above] * band
    for i in range(1, len(a) + 1):
        current = [above] * band
        char_a = a[i - 1]
        row_minimum = above
        for k in range(band):
            j = i - limit + k
            if j < 0 or j > width:
                continue
            if j == 0:
                value = i  # within the band, so i <= limit
            else:
                char_b = b[j - 1]
                up = previous[k + 1] if k + 1 < band else above
                left = current[k - 1] if k > 0 else above
                value = min(up + 1, left + 1, previous[k] + (char_a != char_b))
                if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                    value = min(value, before_previous[k] + 1)
                value = min(value, above)
            current[k] = value
            row_minimum = min(row_minimum, value)
        if row_minimum > limit:
            return above
        before_previous, previous = previous, current
    return previous[width - len(a) + limit]


def _numbers(words: list[str]) -> list[str]:
    return [word for word in words if _is_number(word)]


def _is_quantity_of(words: list[str], bare: list[str]) -> bool:
    """Is ``words`` a number with words after it ("11000 fighters") and ``bare`` that number?"""
    return (
        len(bare) == 1
        and len(words) > 1
        and words[0] == bare[0]
        and _is_number(bare[0])
        and not _numbers(words[1:])
    )


def _word_matches(given: str, wanted: str) -> bool:
    if given == wanted:
        return True
    if _is_number(given) or _is_number(wanted):
        return False
    limit = allowed_typos(wanted)
    return limit > 0 and edit_distance(given, wanted, limit) <= limit


def text_matches(response: str, expected: str, *, typos: bool = True) -> bool:
    """Does a typed response match an accepted answer, as a teacher would judge it?

    With ``typos=False`` misspellings do not count (everything else ``fold`` forgives does):
    callers use it to prefer an exact match over a near one.
    """
    given, wanted = fold(response), fold(expected)
    if not given or not wanted:
        return False
    if given == wanted:
        return True
    given_words, wanted_words = given.split(), wanted.split()
    if _is_quantity_of(given_words, wanted_words) or _is_quantity_of(wanted_words, given_words):
        return True
    if _numbers(given_words) != _numbers(wanted_words):
        return False
    if given.replace(" ", "") == wanted.replace(" ", ""):
        return True
    if not typos or len(given_words) != len(wanted_words):
        return False
    return all(_word_matches(g, w) for g, w in zip(given_words, wanted_words, strict=True))
