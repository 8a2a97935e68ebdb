"""Disciplinary cases as indicator 3 counts them: people entering a formal disciplinary
investigation, each person once a year (data contract §2, seed guidance).

A case-management (employee relations) export holds every kind of case: capability,
grievance, sickness absence, bullying and harassment as well as disciplinary. Where the file
has a ``case_type`` column only the disciplinary cases count; the others are left out and
counted in a finding, so the user sees what was set aside and why.

    >>> kinds, unread = case_types(pd.Series(["Gross Misconduct", "Capability", "Disc appeal",
    ...                                       "Investigation", None], dtype="string"))
    >>> kinds.tolist(), unread.tolist()
    (['Disciplinary', 'Capability', 'Appeal', <NA>, <NA>], [False, False, False, True, False])
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from wres_core import columns as cols
from wres_core import values as vals
from wres_core.findings import Finding

DISCIPLINARY = "Disciplinary"

# Each case type and the words (reduced by ``columns.key``) that name it. A value is the
# first type one of whose words it contains: "Appeal" and "Informal" come first because an
# appeal against a disciplinary outcome is not a new entry into the process, nor is an
# informal discussion a formal investigation; and "Disciplinary" comes before the
# rest so that "Conduct (formal)" or "Gross misconduct" is never read as anything else.
CASE_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Appeal", ("appeal",)),
    ("Informal", ("informal",)),
    (DISCIPLINARY, ("disciplin", "conduct")),
    ("Capability", ("capability", "performance")),
    ("Sickness Absence", ("sickness", "absence", "attendance", "illhealth")),
    ("Bullying and Harassment", ("bullying", "harassment", "dignityatwork", "respectatwork")),
    ("Grievance", ("grievance",)),
    ("Probation", ("probation",)),
    ("Whistleblowing", ("whistleblow", "speakup", "raisingconcern")),
    ("Employment Tribunal", ("tribunal",)),
    ("Flexible Working", ("flexibleworking",)),
    ("Organisational Change", ("organisationalchange", "redundancy", "restructur")),
)


def case_type(text: str) -> str | None:
    """The case type a value names, or None.

    >>> case_type("DISCIPLINARY - FORMAL"), case_type("Sickness absence (long term)")
    ('Disciplinary', 'Sickness Absence')
    >>> case_type("Disciplinary appeal"), case_type("Investigation") is None
    ('Appeal', True)
    """
    k = cols.key(text)
    for name, words in CASE_TYPES:
        if any(w in k for w in words):
            return name
    return None


def case_types(values: pd.Series, extra: Mapping[str, str] | None = None,
               ) -> tuple[pd.Series, pd.Series]:
    """Each row's case type (``string``; NA where blank or unreadable), and which rows hold
    a value that could not be read. ``extra``: the user's mapping rows (raw value -> a case
    type such as 'Disciplinary'), read before the built-in words."""
    own = {str(raw).strip(): canon for raw, canon in (extra or {}).items()}

    def read(text: str) -> str | None:
        return case_type(own.get(text.strip(), text))

    kinds = vals.by_unique(values, read, "string")
    return kinds, (values.notna() & kinds.isna()).astype(bool)


def listing(counts: pd.Series) -> str:
    """``counts`` (value -> rows) in words, largest first: "51 Capability, 3 Grievance"."""
    ordered = counts.sort_values(ascending=False, kind="stable")
    return ", ".join(f"{int(n)} {v}" for v, n in ordered.items())


def disciplinary_only(df: pd.DataFrame, *, where: str, file: str, sheet: str = "",
                      header: str = "case_type", extra: Mapping[str, str] | None = None,
                      ) -> tuple[pd.DataFrame, list[Finding]]:
    """The disciplinary cases of one table (every row where it has no ``case_type``, or
    where that column is wholly blank), and findings naming what was left out: each other
    case type with its number of cases (weighted by ``count``), and any value that could not
    be read as a case type (those rows are left out too, as they are not known to be
    disciplinary). ``where`` names the table, ``header`` the column as the file names it."""
    if "case_type" not in df.columns or df.empty or df["case_type"].isna().all():
        return df, []
    kinds, unread = case_types(df["case_type"], extra)
    keep = (kinds == DISCIPLINARY).fillna(False).to_numpy(dtype=bool)
    weight = df["count"]
    findings: list[Finding] = []
    others = weight[kinds.notna() & ~keep].groupby(kinds[kinds.notna() & ~keep]).sum()
    others = others[others > 0]
    if len(others):
        findings.append(Finding(
            "info", "other_case_types",
            f"{where}: indicator 3 counts formal disciplinary cases only, so "
            f"{int(others.sum())} other case(s) in column '{header}' were left out: "
            f"{listing(others)}.", file=file, sheet=sheet, column=header))
    blank = df["case_type"].isna()
    if unread.any() or blank.any():
        bad = weight[unread].groupby(df["case_type"][unread].astype("string")).sum()
        parts = [f"'{v}' ({int(n)} case{'s' if n != 1 else ''})"
                 for v, n in bad.sort_values(ascending=False, kind="stable").items()]
        if blank.any():
            parts.append(f"{int(weight[blank].sum())} case(s) with no case type")
        findings.append(Finding(
            "warning", "unknown_case_type",
            f"{where}: {', '.join(parts)} in column '{header}' could not be read as "
            "disciplinary or another case type, and were left out of indicator 3.",
            file=file, sheet=sheet, column=header,
            hint="Fill in the case type, or add rows to a mapping file: kind 'disciplinary', "
                 f"column '{header}', the raw value, and 'Disciplinary' (or the type it is)."))
    return df[keep].reset_index(drop=True), findings
