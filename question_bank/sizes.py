"""A number of bytes as people read it, the one rule for every message that says a size."""

from __future__ import annotations

KIB = 1024
MIB = 1024 * 1024


def human_size(count: int) -> str:
    """512 bytes, 200 KB (whole kilobytes), 5 MB or 1.5 MB (one decimal, dropped when 0).

    Kilobytes and megabytes are 1024 and 1024 x 1024 bytes; halves round to even.
    """
    if count >= MIB:
        return f"{round(count / MIB, 1):g} MB"
    if count >= KIB:
        return f"{round(count / KIB):g} KB"
    return f"{count} bytes"
