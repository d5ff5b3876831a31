"""Questions and sets with images, for the media tests: tiny PNGs made here
(``tests.question_bank.images``), named in the texts as Moodle names them."""

from __future__ import annotations

from typing import Any

from question_bank.media import MediaFile, plugin_url
from tests.question_bank.images import png


def image(name: str = "map.png", rgb: tuple[int, int, int] = (200, 30, 30), size: int = 2):
    return MediaFile(name, "image/png", png(size, size, rgb))


def image_question(
    question_id: str,
    picture: MediaFile,
    *,
    alt: str = "A map of the Euphrates valley",
    category: str | None = "geography",
    points: float = 1.0,
) -> dict[str, Any]:
    """A multiple-choice question in HTML whose prompt shows ``picture`` (right answer ``a``)."""
    data: dict[str, Any] = {
        "id": question_id,
        "type": "multiple_choice",
        "prompt": f'<p>Which river is this?</p><img src="{plugin_url(picture.name)}" alt="{alt}">',
        "text_format": "html",
        "category": category,
        "choices": [
            {"id": "a", "text": "Euphrates", "weight": 1},
            {"id": "b", "text": "Tigris", "weight": 0},
        ],
        "files": [picture.to_dict()],
    }
    if points != 1.0:
        data["points"] = points
    return data
