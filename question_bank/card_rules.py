"""The rules of a good flashcard, for the cards made from questions and the ones people write.

A card asks for one thing and its back says it.  So a card made from a question
(``Question.card``) must not:

* answer "True" or "False" (a true/false statement is not a fact to recall: the card would
  teach the word, not the fact);
* keep an instruction meant for a list of options ("Choose all that apply", "Select one",
  "Which of the following") once the options are gone;
* answer with the options' own words ("All of the above");
* give a date without its year ("March 23" of which year?).

``card_problems`` says what breaks these rules (the card editor shows it); ``recall_front``
rewrites a question's prompt as a recall front; ``dated_back`` puts back the year a date's
source gives.  Pure: text in, text out.
"""

from __future__ import annotations

import re

#: Month names that are nothing else ("May" is a name too: it counts beside a day only).
MONTHS = "January|February|March|April|June|July|August|September|October|November|December|Sept"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: A month, with a day before or after it (``23 March``, ``March 23``, ``May 4th``).
_MONTH = re.compile(
    rf"\b(?:{_DAY}\s+)?(?:{MONTHS})\b\.?(?:\s+{_DAY}\b)?"
    rf"|\b{_DAY}\s+May\b|\bMay\s+{_DAY}\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[0-9]|20)\d{2}\b")
#: An instruction about options: a sentence or a bracketed aside that tells how to pick.
_VERBS = r"(?:choose|select|pick|tick|mark|check|circle)"
_WHAT = (
    r"(?:one|two|three|all|any|each|every|the|an?|your|from|below|above|those|which|"
    r"as many|up to|at least|exactly|only|correct|best|right)"
)
_INSTRUCTION = re.compile(
    rf"\(\s*{_VERBS}\b[^)]*\)"  # "(Select one)"
    rf"|(?:^|(?<=[.?!:;]))\s*{_VERBS}\s+{_WHAT}\b[^.?!:]*(?:[.?!:]|$)",  # "Choose one."
    re.IGNORECASE,
)
#: Words that point at options the card does not show.
_OPTIONS = re.compile(
    r"\b(?:which|what|who|where|when)\s+of\s+(?:the\s+following|these|those|the\s+options"
    r"|the\s+choices|the\s+above|the\s+below)\b"
    r"|\bthe\s+following\b|\b(?:options?|choices?|statements?)\s+(?:below|above)\b",
    re.IGNORECASE,
)
#: (Not "right" or "left": a hand, a turn, a wing of politics are facts.)
_TRUTH = {"true", "false", "yes", "no", "correct", "incorrect"}
_ABOUT_OPTIONS = re.compile(
    r"^(?:all|none|both|neither)\s+of\s+(?:the\s+)?(?:above|these|them|those|the\s+options)\b"
    r"|^(?:all|none|both|neither)\s+(?:of\s+)?(?:[a-e]\s+and\s+[a-e]|the\s+above)$",
    re.IGNORECASE,
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def is_truth_value(back: str) -> bool:
    """A back that only says true or false (or yes or no)."""
    return _words(back).strip(" .!").casefold() in _TRUTH


def keeps_instruction(front: str) -> bool:
    """A front that tells how to pick among options it does not show."""
    text = _words(front)
    return bool(_INSTRUCTION.search(text) or _OPTIONS.search(text))


def about_options(back: str) -> bool:
    """A back that names options rather than a fact ("All of the above")."""
    return bool(_ABOUT_OPTIONS.search(_words(back).strip(" .")))


def date_without_year(text: str) -> bool:
    """A text that gives a month (and day) but no year."""
    words = _words(text)
    return bool(_MONTH.search(words)) and not _YEAR.search(words)


def recall_front(prompt: str) -> str:
    """A choice question's prompt as the front of a recall card: instructions about the
    options dropped, "Which of the following X" made "Which X"."""
    text = _INSTRUCTION.sub(" ", prompt)
    text = re.sub(
        r"\b(which|what|who)\s+of\s+(?:the\s+following|these|those)\b(\s*:)?",
        lambda m: m.group(1),
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([?.!,:;])", r"\1", text)
    return text.strip()


_MATCH_PROMPT = re.compile(
    r"^\s*(?:match|pair|connect|link)\s+(?:each|every|the|all)\b.+?\s(?:with|to)\s+(.+?)[\s.?!:]*$",
    re.IGNORECASE | re.DOTALL,
)


def pair_front(prompt: str, item: str) -> str:
    """The front of a recall card made of one matching pair: the item, then what the
    question asks of it ("Match each MP with the country he represents." and "Hammoudda
    Sabbagh" make "Hammoudda Sabbagh: the country he represents")."""
    match = _MATCH_PROMPT.match(_words(prompt))
    if match is None:
        return item
    return f"{item.rstrip()}: {match.group(1)}"


def dated_back(back: str, quote: str) -> str:
    """``back`` with the year the quote gives for its date, when it has a date without year
    and the quote gives that month one year (``March 23`` -> ``March 23, 2019``)."""
    if not date_without_year(back) or not quote:
        return back
    month = _MONTH.search(_words(back))
    name = re.search(MONTHS + "|May", month.group(0), re.IGNORECASE) if month else None
    if name is None:
        return back
    pattern = rf"\b{re.escape(name.group(0))}\b[^.;]{{0,40}}?\b((?:1[0-9]|20)\d{{2}})\b"
    years = set(re.findall(pattern, quote, flags=re.IGNORECASE))
    if len(years) != 1:
        return back
    back = back.rstrip()
    return f"{back} {years.pop()}" if back[-1:].isalpha() else f"{back}, {years.pop()}"


def card_problems(front: str, back: str) -> list[str]:
    """How a front-and-back card breaks the rules above, in words an author understands."""
    found = []
    if is_truth_value(back):
        found.append(
            "the back only says true or false: write the fact itself (or make a cloze card)"
        )
    if about_options(back):
        found.append("the back names options the card does not show: write the answer itself")
    if keeps_instruction(front):
        found.append(
            "the front tells how to pick among options it does not show: ask the question itself"
        )
    if date_without_year(back):
        found.append("the back gives a date without its year: add the year")
    return found
