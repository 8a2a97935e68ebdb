"""The words and marks of a figure: axis labels (shortened, escaped, unique), hover text,
the label beside a figure (the value, † where cautioned, or the word "withheld"), marker
symbols by group, and black or white text on a fill.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from dashboard import theme
from dashboard.captions import CAUTION_MARK, WITHHELD, esc, fmt_count, fmt_interval, fmt_value
from dashboard.charts.values import _flag, _num, _status

Label = Callable[[str], str]


LABEL_CHARS = 38  # longest category label drawn on an axis (full text on hover)


SYMBOLS = {"White": "circle", "BME": "diamond", "Unknown": "square", "All": "circle"}


_MORE_SYMBOLS = ("triangle-up", "star", "hexagon", "cross", "x", "pentagon", "triangle-down",
                 "hourglass", "bowtie", "diamond-wide")


def short_label(text: object, limit: int = LABEL_CHARS, *, wrap: int = 0) -> str:
    """A category label for an axis: shortened with an ellipsis, then escaped. ``wrap``:
    break into at most two lines of that many characters first (``<br>`` between).

    >>> short_label("Trauma & Orthopaedics")
    'Trauma &amp; Orthopaedics'
    >>> short_label("x" * 50, 10)
    'xxxxxxxxx…'
    >>> short_label("Harassment from patients or public (lower is better)", wrap=30)
    'Harassment from patients or<br>public (lower is better)'
    """
    s = str(text)
    if wrap and len(s) > wrap:
        lines = textwrap.wrap(s, wrap, break_on_hyphens=False)
        if len(lines) > 2:
            lines = [lines[0], _cut(" ".join(lines[1:]), wrap)]
        return "<br>".join(esc(line) for line in lines)
    return esc(_cut(s, limit))


def _cut(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def _unique_labels(levels: Sequence[str], limit: int = LABEL_CHARS, *,
                   wrap: int = 0) -> list[str]:
    """Axis labels for levels, unique even where two long names shorten alike."""
    out: list[str] = []
    seen: set[str] = set()
    for level in levels:
        lab = short_label(level, limit, wrap=wrap)
        while lab in seen:
            lab += "\u200b"  # zero-width space: looks the same, is another category
        seen.add(lab)
        out.append(lab)
    return out


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on a fill colour (WCAG contrast).

    >>> text_on("#ED8B00"), text_on("#005EB8")
    ('#231F20', '#FFFFFF')
    """
    def lum(hex_: str) -> float:
        chans = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    bg = lum(colour)
    black = (bg + 0.05) / (lum(theme.NHS_BLACK) + 0.05)
    white = 1.05 / (bg + 0.05)
    return theme.NHS_BLACK if black >= white else theme.NHS_WHITE


def _symbol(group: str, i: int = 0) -> str:
    return SYMBOLS.get(group, _MORE_SYMBOLS[i % len(_MORE_SYMBOLS)])


def _group_order(groups: Iterable[str]) -> list[str]:
    """Groups in reading order: BME (the compared group) first, then the other non-White
    groups as given, White, then Unknown last."""
    groups = list(dict.fromkeys(str(g) for g in groups))
    head = [g for g in groups if g == "BME"]
    mid = [g for g in groups if g not in ("BME", "White", "Unknown", "All")]
    tail = [g for g in ("White", "Unknown", "All") if g in groups]
    return head + mid + tail


def _hover_counts(row: pd.Series) -> str:
    num, den = _num(row.get("numerator")), _num(row.get("denominator"))
    if num is not None and den is not None:
        return f"{fmt_count(num)} of {fmt_count(den)}"
    if den is not None:
        return f"base {fmt_count(den)}"
    return ""


def _hover(row: pd.Series, label: Label, level: str = "") -> str:
    """Hover text for one figure: group, level, figure, interval, counts, note (escaped)."""
    measure = str(row.get("measure", ""))
    parts = [f"<b>{esc(label(str(row['group'])))}</b>"]
    if level:
        parts[0] += f" · {esc(level)}"
    status = _status(row)
    if status == "withheld":
        parts.append("withheld (publication-safe mode)")
    elif status == "missing":
        parts.append("not available")
    else:
        value = fmt_value(measure, row["value"])
        if _flag(row.get("caution")):
            value += f" {CAUTION_MARK}"
        parts.append(value)
        interval = fmt_interval(measure, row.get("ci_low"), row.get("ci_high"))
        if interval:
            parts.append(f"95% interval {interval}")
        counts = _hover_counts(row)
        if counts:
            parts.append(counts)
    note = str(row.get("note") or "")
    if note and note != "<NA>":
        parts.append(f"<i>{esc(note)}</i>")
    return "<br>".join(parts)


def _label_text(row: pd.Series, *, counts: bool = False) -> str:
    """The label drawn beside a figure: the value (with † where cautioned), or a word."""
    status = _status(row)
    if status == "withheld":
        return WITHHELD
    if status == "missing":
        return "not available"
    text = fmt_value(str(row.get("measure", "")), row["value"])
    if counts:
        c = _hover_counts(row)
        if c:
            text += f" ({c})"
    if _flag(row.get("caution")):
        text += f" {CAUTION_MARK}"
    return text


def _word(row: pd.Series) -> str:
    """What a figure that is not drawn says instead: "withheld" or "not available"."""
    return WITHHELD if _status(row) == "withheld" else "not available"
