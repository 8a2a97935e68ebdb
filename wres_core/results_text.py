"""The results table as text a person can read in a terminal (``wres indicators --format
table``): one line per figure, each figure rounded as the dashboard shows it
(``wres_core.display``), its 95% interval, the non-adverse verdict of a relative likelihood,
the change on the year before, and "withheld" wherever publication-safe mode withholds a
figure or a count. Nothing is recomputed: every cell is a results-table cell, written out.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wres_core.display import (
    MEASURE_LABELS,
    fmt_count,
    fmt_interval,
    fmt_value,
    indicator_label,
    missing,
    range_verdict,
)
from wres_core.display import change_verdict as _change_verdict
from wres_core.exports.report import STANDARD_NOTE_PREFIXES, extra_notes
from wres_core.schema import RESULT_KEY

WITHHELD = "withheld"
NOT_AVAILABLE = "not available"
CAUTION_MARK = "†"
WITHHELD_PREFIX = STANDARD_NOTE_PREFIXES[0]  # "withheld:", every withheld note's start

COLUMNS = ("Year", "Ind", "Measure", "Group", "Breakdown", "Level", "Numerator",
           "Denominator", "Figure", "95% interval", "Non-adverse range", "Change", "Note")
# Columns of figures: right-aligned, so that the decimal points line up. "Ind" is not one:
# it holds a name ("Pay gap") as well as numbers.
_RIGHT = frozenset({"Year", "Numerator", "Denominator", "Figure", "95% interval"})
# Columns dropped when no row has anything in them (no relative likelihood, no change).
_OPTIONAL = frozenset({"Non-adverse range", "Change", "Note"})
GAP = "  "


def _flag(v: object) -> bool:
    return False if v is None or v is pd.NA or (isinstance(v, float) and v != v) else bool(v)


def _count(v: object, withheld: bool) -> str:
    if missing(v):
        return WITHHELD if withheld else ""
    return fmt_count(v)


def _withholds(note: object) -> bool:
    """The row's note says publication-safe mode withheld something in it. A shown figure
    can have withheld counts (a 0% that the shown zeros give, its base withheld): the note
    says so though ``suppressed`` (the figure is withheld) is False."""
    return isinstance(note, str) and any(p.strip().startswith(WITHHELD_PREFIX)
                                         for p in note.split(";"))


def rows_text(table: pd.DataFrame, changes: pd.DataFrame | None = None) -> list[dict[str, str]]:
    """Each results row as the table's cells (text), in the table's order.

    >>> t = pd.DataFrame({"year": [2026, 2026], "indicator": [2, 2],
    ...     "measure": ["relative_likelihood", "likelihood"], "group": ["BME", "BME"],
    ...     "dimension": ["overall", "overall"], "level": ["All", "All"],
    ...     "numerator": [pd.NA, pd.NA], "denominator": [pd.NA, 8.0], "value": [1.2549, pd.NA],
    ...     "ci_low": [0.9, pd.NA], "ci_high": [1.8, pd.NA], "note": ["", "withheld: small"],
    ...     "caution": [False, True], "suppressed": [False, True]})
    >>> [(r["Figure"], r["95% interval"], r["Non-adverse range"], r["Numerator"])
    ...  for r in rows_text(t)]
    [('1.25', '0.90 to 1.80', 'unclear', ''), ('withheld', 'withheld', '', 'withheld')]
    """
    verdicts: dict[tuple, str] = {}
    if changes is not None and not changes.empty:
        for c in changes.to_dict("records"):
            word = _change_verdict(c.get("direction"), c.get("change"), c.get("p_value"))
            if word:
                verdicts[tuple(c[k] for k in RESULT_KEY)] = word
    out = []
    for r in table.to_dict("records"):
        measure = str(r["measure"])
        withheld = _flag(r.get("suppressed"))
        # A missing count or interval beside a shown figure reads "withheld", not blank,
        # where publication-safe mode withheld it (issue 14).
        part = withheld or _withholds(r.get("note"))
        value = r.get("value")
        verdict = ""
        if withheld:
            figure = WITHHELD
            interval = WITHHELD if missing(r.get("ci_low")) else \
                fmt_interval(measure, r.get("ci_low"), r.get("ci_high"))
        elif missing(value):
            figure, interval = NOT_AVAILABLE, ""
        else:
            figure = fmt_value(measure, value)
            if _flag(r.get("caution")):
                figure += f" {CAUTION_MARK}"
            interval = (WITHHELD if part and missing(r.get("ci_low"))
                        else fmt_interval(measure, r.get("ci_low"), r.get("ci_high")))
            verdict = range_verdict(measure, value, r.get("ci_low"), r.get("ci_high"))
        out.append({
            "Year": str(int(r["year"])),
            "Ind": indicator_label(r["indicator"]),
            "Measure": MEASURE_LABELS.get(measure, measure),
            "Group": str(r["group"]),
            "Breakdown": str(r["dimension"]),
            "Level": str(r["level"]),
            "Numerator": _count(r.get("numerator"), part),
            "Denominator": _count(r.get("denominator"), part),
            "Figure": figure,
            "95% interval": interval,
            "Non-adverse range": verdict,
            "Change": verdicts.get(tuple(r[k] for k in RESULT_KEY), ""),
            # The standard withheld / caution words are said once, in the legend.
            "Note": "; ".join(extra_notes(r.get("note"))),
        })
    return out


def results_text(table: pd.DataFrame, changes: pd.DataFrame | None = None, *,
                 legend: Sequence[str] = ()) -> str:
    """The results table as aligned columns of text, a rule under the header and the
    ``legend`` lines (what "withheld" and † mean) after it.

    >>> t = pd.DataFrame({"year": [2026], "indicator": [1], "measure": ["share"],
    ...     "group": ["BME"], "dimension": ["overall"], "level": ["All"], "numerator": [1234.0],
    ...     "denominator": [4000.0], "value": [30.85], "ci_low": [29.44], "ci_high": [32.3],
    ...     "note": [""], "caution": [False], "suppressed": [False]})
    >>> print(results_text(t), end="")
    Year  Ind  Measure         Group  Breakdown  Level  Numerator  Denominator  Figure    95% interval
    ----  ---  --------------  -----  ---------  -----  ---------  -----------  ------  --------------
    2026  1    share of staff  BME    overall    All        1,234        4,000   30.9%  29.4% to 32.3%
    """  # noqa: E501
    rows = rows_text(table, changes)
    if not rows:
        return "No figures for these files and options.\n"
    cols = [c for c in COLUMNS if c not in _OPTIONAL or any(r[c] for r in rows)]
    width = {c: max(len(c), *(len(r[c]) for r in rows)) for c in cols}

    def line(cells: dict[str, str]) -> str:
        return GAP.join(cells[c].rjust(width[c]) if c in _RIGHT else cells[c].ljust(width[c])
                        for c in cols).rstrip()

    lines = [line({c: c for c in cols}), line({c: "-" * width[c] for c in cols})]
    lines.extend(line(r) for r in rows)
    if legend:
        lines.append("")
        lines.extend(legend)
    return "\n".join(lines) + "\n"
