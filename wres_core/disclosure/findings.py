"""Findings in publication-safe mode: the same rule as every table (issue 14).

A finding written when the files were read may print counts: "Band 9: 14% (1 of 7)" says
that one of Band 9's seven staff has no recorded ethnicity. Under the people policy an
Unknown count is not withheld for its own sake, but it may be withheld to protect a small
group count beside it (secondary suppression), and a finding printed beside the tables
must not give it back. So in publication-safe mode such a finding names the bands and
leaves the figures to the tables, which show each band's Unknown share where it is safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from wres_core.findings import Finding

# Findings whose message lists per-band figures as "<band>: <p>% (<u> of <n>)".
BAND_FIGURES = frozenset({"high_unknown_ethnicity_band"})
_FIGURES = re.compile(r": \d+% \([\d,]+ of [\d,]+\)")
_SAFE_NOTE = (" (figures not printed here in publication-safe mode: the Unknown ethnicity "
              "table by pay band shows each band's share where it is safe to)")


def publication_safe(findings: Iterable[Finding], threshold: int) -> list[Finding]:
    """``findings`` as a page or export may show them beside publication-safe tables:
    per-band counts and shares taken out of the messages that print them. ``threshold``
    below 2 (publication-safe mode off) changes nothing.

    >>> f = Finding("warning", "high_unknown_ethnicity_band", "Workforce 2026: ethnicity "
    ...             "is unknown for more than 10% of staff in Band 9: 14% (1 of 7); "
    ...             "Band 8d: 12% (3 of 25).")
    >>> publication_safe([f], 10)[0].message.split(" (figures")[0] + "."
    'Workforce 2026: ethnicity is unknown for more than 10% of staff in Band 9; Band 8d.'
    >>> publication_safe([f], 0)[0] == f
    True
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
        out.append(f)
    return out
