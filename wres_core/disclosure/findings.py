"""Findings in publication-safe mode: the same rule as every table (issue 14).

A finding written when the files were read may print counts: "Band 9: 14% (1 of 7)" says
that one of Band 9's seven staff has no recorded ethnicity, and "unknown for 10.0% of staff
(1 of 10)" says the same of the whole workforce. Under the people policy an Unknown count
is not withheld for its own sake, but it may be withheld to protect a small group count
beside it (secondary suppression: White 40, BME 3, Unknown 1 withholds the 1 so that 44
does not give the 3 back), and a finding printed beside the tables must not give it back.
A finding cannot know which counts the tables withheld, so in publication-safe mode such a
finding keeps the threshold it crossed and the bands it names, and leaves the figures to
the tables (indicator 1's Unknown share), which show each one where it is safe to.

Every place that prints findings (the data-quality page, ``wres check``) passes them
through :func:`publication_safe` and says, with :func:`withheld_text`, that figures were
taken out and how to see them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from wres_core.findings import Finding

# Findings whose message lists per-band figures as "<band>: <p>% (<u> of <n>)".
BAND_FIGURES = frozenset({"high_unknown_ethnicity_band"})
# Findings whose message gives the whole workforce's figures as
# "for <p>% of staff (<u> of <n>), above <t>%".
OVERALL_FIGURES = frozenset({"high_unknown_ethnicity"})
_FIGURES = re.compile(r": \d+% \([\d,]+ of [\d,]+\)")
_OVERALL = re.compile(r"for [\d.]+% of staff \([\d,]+ of [\d,]+\), above (\d+%)")
_SAFE_NOTE = (" (figures not printed here in publication-safe mode: the Unknown ethnicity "
              "table by pay band shows each band's share where it is safe to)")
_OVERALL_NOTE = (" (figures not printed here in publication-safe mode: indicator 1's "
                 "Unknown share of all staff shows it where it is safe to)")


def publication_safe(findings: Iterable[Finding], threshold: int) -> list[Finding]:
    """``findings`` as a page or export may show them beside publication-safe tables:
    per-band and whole-workforce Unknown counts and shares taken out of the messages that
    print them. ``threshold`` below 2 (publication-safe mode off) changes nothing.

    >>> f = Finding("warning", "high_unknown_ethnicity_band", "Workforce 2026: ethnicity "
    ...             "is unknown for more than 10% of staff in Band 9: 14% (1 of 7); "
    ...             "Band 8d: 12% (3 of 25).")
    >>> publication_safe([f], 10)[0].message.split(" (figures")[0] + "."
    'Workforce 2026: ethnicity is unknown for more than 10% of staff in Band 9; Band 8d.'
    >>> publication_safe([f], 0)[0] == f
    True
    >>> g = Finding("warning", "high_unknown_ethnicity", "Workforce 2024: ethnicity is "
    ...             "unknown for 10.0% of staff (1 of 10), above 5%; the indicators may not "
    ...             "reflect the whole workforce.")
    >>> publication_safe([g], 10)[0].message.split(" (figures")[0]
    'Workforce 2024: ethnicity is unknown for more than 5% of staff'
    """
    items = list(findings)
    if threshold < 2:
        return items
    out = []
    for f in items:
        if f.code in BAND_FIGURES and _FIGURES.search(f.message):
            text = _FIGURES.sub("", f.message)
            text = text[:-1] + _SAFE_NOTE + "." if text.endswith(".") else text + _SAFE_NOTE
            f = replace(f, message=text)
        elif f.code in OVERALL_FIGURES and _OVERALL.search(f.message):
            f = replace(f, message=_OVERALL.sub(
                lambda m: f"for more than {m.group(1)} of staff{_OVERALL_NOTE}", f.message))
        out.append(f)
    return out


def withheld_count(before: Sequence[Finding], after: Sequence[Finding]) -> int:
    """How many findings :func:`publication_safe` changed (``after`` is its answer for
    ``before``)."""
    return sum(a != b for a, b in zip(before, after, strict=True))


def withheld_text(n: int, how: str) -> str:
    """What a page or the command line says under findings whose figures were taken out;
    ``how`` says how to see them there. Empty when none were.

    >>> withheld_text(2, "run again with --suppress 0")
    'Publication-safe mode is on: the figures in 2 finding(s) are not printed, as they could give back a count the tables withhold. To see them, run again with --suppress 0 (for internal use only: not for publication).'
    >>> withheld_text(0, "anything")
    ''
    """  # noqa: E501
    if not n:
        return ""
    return (f"Publication-safe mode is on: the figures in {n} finding(s) are not printed, as "
            f"they could give back a count the tables withhold. To see them, {how} (for "
            "internal use only: not for publication).")
