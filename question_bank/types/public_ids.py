"""The ids one attempt shows a student, and the way back to the real ones.

Choice, item and option ids come from files (GIFT names choices ``a, b, c...`` in file
order, and authors write the right answer first), so shown as they are they give answers
away.  An attempt shows each under a name made for it: the first 80 bits of
HMAC-SHA256(attempt key, question key, kind, real id), in base32.  The attempt key is a
random secret kept with the attempt on the server, so the names are

* unguessable and independent of the file (nothing about the real id or its place shows);
* stable within the attempt (a reload, another device, a resumed attempt show the same);
* different in every attempt and in every question of it.

The question keeps its real ids everywhere else (snapshot, saved responses, grading, item
analysis): ``AttemptIds`` renames at the boundary, on the way out (``shown``,
``response_out``) and on the way in (``response_in``, which refuses a name the attempt
never showed).  Each type says which of its ids a student sees (``Question.public_ids``)
and how to rename them (``renamed``, ``renamed_response``); the contract test checks every
registered type.  Pure: the key comes in as an argument.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from question_bank.types.base import InvalidResponse, Question

#: Bytes of the HMAC kept: 80 bits, 16 base32 characters.
NAME_BYTES = 10


def public_name(key: bytes, scope: str, kind: str, real_id: str) -> str:
    """The name an attempt keyed by ``key`` shows for ``real_id`` of that kind in the
    question ``scope``."""
    message = "\x1f".join((scope, kind, real_id)).encode("utf-8", "surrogatepass")
    digest = hmac.new(key, message, hashlib.sha256).digest()[:NAME_BYTES]
    return base64.b32encode(digest).decode("ascii").lower()


class AttemptIds:
    """One question's ids as one attempt shows them (``key``: the attempt's secret,
    ``scope``: the question's key in the attempt).

    Each name is made once (an HMAC), when first asked for: showing a question and its
    saved response names each id once, not twice.  The way back (``real``) is built at its
    first use (reading a response), from the names of all the question's ids."""

    def __init__(self, question: Question, key: bytes, scope: str) -> None:
        self.question = question
        self._key = key
        self._scope = scope
        self._names: dict[tuple[str, str], str] = {}
        self._real: dict[str, dict[str, str]] | None = None

    def public(self, kind: str, real_id: str) -> str:
        found = self._names.get((kind, real_id))
        if found is None:
            found = public_name(self._key, self._scope, kind, real_id)
            self._names[kind, real_id] = found
        return found

    def _reverse(self) -> dict[str, dict[str, str]]:
        if self._real is None:
            reverse = {}
            for kind, real_ids in self.question.public_ids().items():
                names = {self.public(kind, real): real for real in real_ids}
                if len(names) != len(set(real_ids)):  # two ids with one name: 2**-80 odds
                    raise RuntimeError(
                        f"two {kind} ids of {self._scope!r} got the same public name"
                    )
                reverse[kind] = names
            self._real = reverse
        return self._real

    def real(self, kind: str, public: str) -> str:
        """The real id behind a name this attempt shows; ``InvalidResponse`` for any other
        (a real id sent as it is, too: it was never shown)."""
        found = self._reverse().get(kind, {}).get(public)
        if found is None:
            raise InvalidResponse(f"there is no {kind} {public!r} in this question")
        return found

    def shown(self) -> Question:
        """The question with the names this attempt shows."""
        return self.question.renamed(self.public)

    def response_out(self, response: Any) -> Any:
        """A saved response (real ids) as the student's client knows it."""
        if response is None:
            return None
        return self.question.renamed_response(response, self.public)

    def response_in(self, raw: Any) -> Any:
        """A response sent by the student's client, with the real ids; ``InvalidResponse``
        when it names an id the attempt did not show."""
        if raw is None:
            return None
        return self.question.renamed_response(raw, self.real)
