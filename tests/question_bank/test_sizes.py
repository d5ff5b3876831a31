"""The one rule for saying a number of bytes (``question_bank.sizes``)."""

from __future__ import annotations

import pytest

from question_bank.sizes import human_size


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0 bytes"),
        (512, "512 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "2 KB"),  # 1.5 rounds to even
        (2560, "2 KB"),  # 2.5 rounds to even
        (200 * 1024, "200 KB"),
        (1024 * 1024 - 1, "1024 KB"),
        (1024 * 1024, "1 MB"),
        (1024 * 1024 * 3 // 2, "1.5 MB"),
        (5 * 1024 * 1024, "5 MB"),
        (6 * 1024 * 1024 + 1, "6 MB"),
        (int(10.26 * 1024 * 1024), "10.3 MB"),
    ],
)
def test_sizes_read_as_people_say_them(count, text):
    assert human_size(count) == text
