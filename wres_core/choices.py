"""What a query may ask of the loaded data, and what to say when it asks for what is not
there: the columns a filter may name and their values, and the years loaded (data contract
§6: a filter or a year that matches nothing is an error that names the choices, never an
empty answer).

    >>> import pandas as pd
    >>> from wres_core.dataset import Dataset
    >>> wf = pd.DataFrame({"year": [2024], "count": [1], "department": ["Cardiology"]})
    >>> data = Dataset(frames={"workforce": wf})
    >>> resolve_where(data, [("Department", ("cardiology",))])
    (('department', ('cardiology',)),)
    >>> print(problems(data, [("department", ("Radiology",))], years=[2023]))
    ['--where department=Radiology matches no row; department is one of: Cardiology', \
'--year 2023 is not loaded; the years loaded are: 2024']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wres_core import columns as cols
from wres_core.dataset import Dataset
from wres_core.schema import ETHNICITY_COLUMNS, SURVEY_ITEMS

Where = Sequence[tuple[str, Sequence[str]]]

# Columns of the tidy frames no filter may name: the year has --year, counts and ids are
# not categories, ethnicity is what every indicator compares, and the rest say where a row
# came from or are answers and figures.
NOT_FILTERS = frozenset({
    "year", "count", "person_id", "vacancy_id", "source_file", "source_row", "matched",
    "survey_year", "fte", "hourly_pay", "date_opened", "indicator", "group", "percent",
    "responses", "appointed", "shortlisted", *ETHNICITY_COLUMNS, *SURVEY_ITEMS,
})
# How many of a column's values a message lists before "and N more".
LISTED = 25


def filter_columns(data: Dataset) -> list[str]:
    """The columns a ``--where`` may name: those some loaded kind has, in a stable order."""
    seen: dict[str, None] = {}
    for df in data.frames.values():
        for c in df.columns:
            if c not in NOT_FILTERS and c not in seen and _held(df[c]):
                seen[c] = None
    return sorted(seen)


def _held(s: pd.Series) -> bool:
    """Whether the column holds a value (an ``org`` column of blanks does not; nor does a
    yes/no column that says the same for everyone, as ``senior_medical_manager`` does
    where the file had no such column)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.nunique(dropna=True) > 1
    if isinstance(s.dtype, pd.CategoricalDtype):
        return any(str(v).strip() for v in s.cat.categories)
    return bool(s.notna().any()) and bool(s.dropna().astype(str).str.strip().ne("").any())


def _column(data: Dataset, name: str) -> str | None:
    """The frame column a filter's column name means: the name itself, or a header that
    stands for it ('Pay Band', 'Ethnic Origin', 'Department')."""
    available = filter_columns(data)
    if name in available:
        return name
    canon = cols.canonical(name)
    if canon == "medical_grade":
        canon = "pay_band"
    if canon in available:
        return canon
    keyed = {cols.key(c): c for c in available}
    return keyed.get(cols.key(name))


def resolve_where(data: Dataset, where: Where) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``where`` with each column as the frames name it (unknown ones left as given)."""
    return tuple((_column(data, c) or c, tuple(v)) for c, v in where)


def values_of(data: Dataset, column: str) -> list[str]:
    """Every value the column holds in any kind, as the results table shows it."""
    found: set[str] = set()
    for df in data.frames.values():
        if column in df.columns:
            s = df[column]
            uniques = s.cat.categories[np.unique(s.cat.codes[s.cat.codes >= 0])] \
                if isinstance(s.dtype, pd.CategoricalDtype) else s.dropna().unique()
            found.update(str(v) for v in uniques)
    return sorted(found, key=lambda v: (cols.key(v), v))


def _listed(values: Sequence[str]) -> str:
    shown = ", ".join(values[:LISTED])
    return shown + (f" and {len(values) - LISTED} more" if len(values) > LISTED else "")


def problems(data: Dataset, where: Where, years: Sequence[int] | None = None) -> list[str]:
    """Plain messages for each part of a query that matches nothing in ``data``: a filter
    column no kind has, a filter value no row holds, filters that each match rows but no row
    together, a year not loaded. Empty when the query can be answered."""
    from wres_core.api import _matches, filter_data

    out: list[str] = []
    columns = filter_columns(data)
    resolved = resolve_where(data, where)
    for (given, allowed), (column, _) in zip(where, resolved, strict=True):
        if column not in columns:
            out.append(f"--where {given}=... names no column of the data loaded; the columns "
                       f"are: {_listed(columns) or '(none)'}")
            continue
        for value in allowed:
            hit = any(_matches(df[column], column, [value]).any()
                      for df in data.frames.values() if column in df.columns)
            if not hit:
                out.append(f"--where {given}={value} matches no row; {column} is one of: "
                           f"{_listed(values_of(data, column))}")
    if not out and len(resolved) > 1:
        kept = filter_data(data, resolved)
        if not any(len(df) for df in kept.frames.values()):
            shown = " ".join(f"--where {c}={','.join(v)}" for c, v in where)
            out.append(f"{shown}: each filter matches some rows, but no row matches them all")
    loaded = data.years
    for year in years or ():
        if year not in loaded:
            out.append(f"--year {year} is not loaded; the years loaded are: "
                       f"{', '.join(map(str, loaded)) or '(none)'}")
    return out
