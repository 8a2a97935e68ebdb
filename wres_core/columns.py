"""Column names and kinds: which of the user's headers means which canonical column, and
which kind of data a table holds.

Headers match ignoring case, spaces, underscores and punctuation (data contract §2, §7).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from wres_core.schema import MAPPING_KIND

# canonical column -> the headers real extracts use for it (matched by `key`).
ALIASES: dict[str, tuple[str, ...]] = {
    "year": ("year", "reporting year", "wres year", "financial year", "fin year", "fy",
             "survey year", "snapshot year", "census year"),
    "org": ("org", "organisation code", "org code", "organisation name", "trust", "trust code",
            "provider", "provider code", "employer", "organisation id"),
    "count": ("count", "headcount", "number", "n", "frequency", "people", "staff count"),
    "person_id": ("person id", "personid", "employee number", "employee no", "employee id",
                  "staff number", "assignment number", "nhs unique id", "nhsuniqueid",
                  "unique nhs identifier", "esr number", "payroll number"),
    "ethnicity": ("ethnicity", "ethnic origin", "ethnic group", "ethnic category",
                  "ethnicity code", "ethnic origin code", "ethnic background", "ethnicity group",
                  "what is your ethnic background"),
    "pay_band": ("pay band", "band", "banding", "afc band", "agenda for change band",
                 "pay scale", "payscale", "grade", "pay grade", "pay grade name", "grade name"),
    "medical_grade": ("medical grade", "medical and dental grade", "doctor grade",
                      "grade code", "medical grade name"),
    "senior_medical_manager": ("senior medical manager", "smm", "senior medical managers"),
    "staff_group": ("staff group", "job staff group", "staffgroup", "occupational group",
                    "staff group name"),
    "clinical": ("clinical", "clinical non clinical", "clinical nonclinical", "is clinical",
                 "clinical flag", "clinical or non clinical"),
    "occupation": ("occupation", "occupation code", "job role", "position title",
                   "area of work", "job title", "role title", "occupation name"),
    "department": ("department", "dept", "organisation", "ward", "cost centre", "team",
                   "service", "department name", "unit"),
    "directorate": ("directorate", "division", "care group", "business unit",
                    "clinical business unit"),
    "site": ("site", "location", "base", "hospital", "work location"),
    "fte": ("fte", "wte", "contracted wte", "contracted fte", "whole time equivalent",
            "full time equivalent"),
    # Ordinary basic pay per hour at 31 March (the ethnicity pay gap); ESR's "Hourly Rate".
    "hourly_pay": ("hourly pay", "hourly rate", "basic hourly rate", "hourly pay rate",
                   "hourly rate of pay", "basic hourly pay", "ordinary hourly pay",
                   "hourly basic pay", "pay per hour", "rate per hour", "hourly wage"),
    "gender": ("gender", "sex"),
    "contract": ("contract", "assignment category", "type of contract", "contract type",
                 "employment type"),
    "primary": ("primary", "primary assignment", "primary flag", "is primary"),
    "appointed": ("appointed", "appointed yes no", "was appointed", "appointment", "offered",
                  "offer made", "successful", "hired"),
    "shortlisted": ("shortlisted", "short listed", "shortlisted yes no", "was shortlisted"),
    "stage": ("stage", "status", "application status", "application stage",
              "recruitment stage", "outcome", "application outcome"),
    "vacancy_id": ("vacancy id", "vacancy", "vacancy number", "vacancy reference",
                   "job reference", "job ref", "advert id", "job id"),
    "internal": ("internal", "internal applicant", "internal candidate", "internal external",
                 "is internal"),
    "date_opened": ("date opened", "opened", "case opened", "start date", "date of case",
                    "case start date", "investigation start date", "date case opened",
                    "case open date", "open date", "date"),
    "case_type": ("case type", "type of case", "case category", "er case type",
                  "employee relations case type", "case classification", "nature of case"),
    "course": ("course", "course name", "training", "training course", "course title",
               "programme", "activity", "cpd"),
    "indicator": ("indicator", "wres indicator", "indicator number"),
    "group": ("group", "ethnic group name", "breakdown", "category", "population"),
    "percent": ("percent", "percentage", "pct", "score", "value", "result", "%"),
    "responses": ("responses", "base", "base number of responses", "n responses",
                  "number of responses", "respondents", "base size"),
    "voting": ("voting", "voting member", "is voting", "voting yes no", "board voting"),
    "executive": ("executive", "executive member", "is executive", "exec",
                  "executive non executive", "exec non exec"),
    "role": ("role", "board role", "position", "title"),
    # mapping files
    "kind": ("kind", "data kind", "file kind"),
    "column": ("column", "field"),
    "raw": ("raw", "raw value", "from", "local value", "value in file"),
    "canonical": ("canonical", "to", "canonical value", "maps to", "standard value"),
}

# What each kind needs, as alternatives: every inner tuple needs one of its columns.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "workforce": (("year",), ("ethnicity",), ("pay_band", "medical_grade"),
                  ("staff_group", "clinical")),
    "recruitment": (("year",), ("ethnicity",), ("appointed", "stage")),
    "disciplinary": (("year",), ("person_id", "ethnicity")),
    "training": (("year",), ("person_id", "ethnicity")),
    "survey": (("year",), ("ethnicity",)),
    "survey_summary": (("year",), ("indicator",), ("group",), ("percent",), ("responses",)),
    "board": (("year",), ("ethnicity",), ("voting",), ("executive",)),
    MAPPING_KIND: (("kind",), ("column",), ("raw",), ("canonical",)),
}

# Where a column differs in meaning by kind, a kind may claim an alias first.
_KIND_ALIASES: dict[str, dict[str, str]] = {
    "survey_summary": {"value": "percent", "base": "responses"},
}

# The words in a file or sheet name that give its kind; checked in this order.
_NAME_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (MAPPING_KIND, ("mapping", "mappings", "lookup", "code map")),
    ("survey_summary", ("survey summary", "surveysummary", "survey results", "benchmark report",
                        "wres survey", "survey percentages")),
    ("survey", ("survey", "staffsurvey", "nhsss", "nss", "questionnaire", "respondent")),
    ("recruitment", ("recruitment", "recruit", "trac", "nhs jobs", "nhsjobs", "shortlist",
                     "applicant", "applications", "vacancies", "appointments")),
    ("disciplinary", ("disciplinary", "discipline", "employee relations", "er cases",
                      "conduct", "investigation")),
    ("training", ("training", "cpd", "learning", "development", "courses")),
    ("board", ("board",)),
    ("workforce", ("workforce", "esr", "staff in post", "staffinpost", "headcount", "staff list",
                   "establishment", "sip")),
)

_YEAR_SPELLING = {"year", "financial_year", "survey_year"}


def key(name: str) -> str:
    """A header reduced to lower-case letters and digits, for matching.

    >>> key("Ethnic Origin"), key("pay_band"), key(" AfC-Band "), key("%")
    ('ethnicorigin', 'payband', 'afcband', '%')
    """
    k = re.sub(r"[^0-9a-z]+", "", str(name).casefold())
    return k or str(name).strip()


# key -> (canonical column, rank); a lower rank is a more specific alias and wins a tie.
_LOOKUP: dict[str, tuple[str, int]] = {}
for _canon, _aliases in ALIASES.items():
    for _rank, _alias in enumerate((_canon, *_aliases)):
        _LOOKUP.setdefault(key(_alias), (_canon, _rank))

# When a file has two columns for one canonical name ("Pay Band" and "Grade"), the less
# specific one takes its second meaning.
_SECOND_CHOICE = {"pay_band": "medical_grade", "department": "directorate", "year": "survey_year"}

_ORG_LEVEL = re.compile(r"^orgl(\d)$")


def canonical(name: str, kind: str = "") -> str | None:
    """The canonical column a header stands for, or None.

    >>> canonical("Employee Number"), canonical("Grade"), canonical("Staff Group")
    ('person_id', 'pay_band', 'staff_group')
    """
    k = key(name)
    if kind in _KIND_ALIASES and k in _KIND_ALIASES[kind]:
        return _KIND_ALIASES[kind][k]
    if k in _LOOKUP:
        return _LOOKUP[k][0]
    if k in _survey_item_keys():
        return k
    return None


def _rank(name: str) -> int:
    return _LOOKUP.get(key(name), ("", 99))[1]


@functools.cache
def _survey_item_keys() -> frozenset[str]:
    from wres_core.schema import SURVEY_ITEMS

    items = {key(i) for i in SURVEY_ITEMS}
    items.update({"q14a", "q14b", "q14c", "q15", "q16b", "q13a", "q13b", "q13c", "q14", "q15b"})
    return frozenset(items)


def header_score(cells: Sequence[str]) -> int:
    """How many cells of a candidate header row name a known column (for header detection)."""
    return sum(1 for c in cells if canonical(c) is not None or _ORG_LEVEL.match(key(c)))


def rename_map(columns: Iterable[str], kind: str = "") -> tuple[dict[str, str], list[str]]:
    """Map the user's headers to canonical names, first match wins.

    ESR ``Org L3`` to ``Org L7``: the lowest level present is the department and the one
    above it the directorate (data contract §7), unless the file names those columns itself.
    Returns the mapping and the headers left unused.
    """
    cols = list(columns)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    org_levels: list[tuple[int, str]] = []
    for col in sorted(cols, key=_rank):
        m = _ORG_LEVEL.match(key(col))
        if m:
            org_levels.append((int(m.group(1)), col))
            continue
        canon = canonical(col, kind)
        if canon in taken:
            canon = _SECOND_CHOICE.get(canon)
        if canon and canon not in taken:
            mapping[col] = canon
            taken.add(canon)
    org_levels.sort()
    for canon, (_, col) in zip(("department", "directorate"), reversed(org_levels), strict=False):
        if canon not in taken:
            mapping[col] = canon
            taken.add(canon)
    unused = [c for c in cols if c not in mapping]
    return mapping, unused


def satisfied(kind: str, present: Iterable[str]) -> list[tuple[str, ...]]:
    """The requirement alternatives of ``kind`` that ``present`` columns leave unmet."""
    have = set(present)
    return [alt for alt in REQUIRED[kind] if not have.intersection(alt)]


def kind_from_name(name: str) -> str | None:
    """The kind a file or sheet name suggests.

    >>> kind_from_name("ESR_workforce_2024.csv"), kind_from_name("Staff Survey 2023")
    ('workforce', 'survey')
    >>> kind_from_name("notes.csv") is None
    True
    """
    text = " " + re.sub(r"[^0-9a-z]+", " ", name.casefold()) + " "
    squashed = re.sub(r"[^0-9a-z]+", "", name.casefold())
    for kind, words in _NAME_WORDS:
        for w in words:
            if f" {w} " in text or (len(w) > 5 and w.replace(" ", "") in squashed):
                return kind
    return None


def kind_words() -> frozenset[str]:
    """Every word that names a kind of file (``kind_from_name``'s words, split): a file's
    name minus these and its years is what the file says about whose data it is.

    >>> {"workforce", "staff", "post", "disciplinary"} <= kind_words()
    True
    """
    return frozenset(w for _, words in _NAME_WORDS for phrase in words for w in phrase.split())


def kind_from_columns(present: Iterable[str]) -> str | None:
    """The kind whose required columns the table has, preferring the most specific."""
    # The year may come from the file name, so it decides nothing here.
    have = set(present) | {"year"}
    for kind in (MAPPING_KIND, "survey_summary", "recruitment", "board"):
        if not satisfied(kind, have):
            return kind
    if have & _survey_item_keys() and "ethnicity" in have:
        return "survey"
    if "course" in have and not satisfied("training", have):
        return "training"
    if {"date_opened", "case_type"} & have and not satisfied("disciplinary", have):
        return "disciplinary"
    if not satisfied("workforce", have):
        return "workforce"
    return None

