"""Indicator 1 (who is in each pay band) and the Model Employer gap at Band 8a and above.

Both read ``data.frames["workforce"]``: one row per member of staff in post at 31 March of
``year`` (the WRES reporting year), weighted by ``count``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.codes.bands import (
    BAND_ORDER,
    MEDICAL_ROWS,
    SENIOR_BANDS,
    SENIOR_MEDICAL_MANAGER,
    UNRECOGNISED,
    UNRECOGNISED_COLUMN,
)
from wres_core.codes.text import code_width
from wres_core.dataset import Dataset
from wres_core.indicators._common import ALL, OVERALL, counts, dimensions, group_values
from wres_core.schema import CLINICAL_LEVELS, GROUP_LEVELS
from wres_core.stats import wilson_ci

INDICATOR = 1

CLINICAL_PAY_BAND = "clinical_pay_band"
# Breakdowns indicator 1 always gives (where the data has their columns), drill-down or not.
BASE_DIMENSIONS = ("clinical", "pay_band", CLINICAL_PAY_BAND)
CONSULTANT = "Consultant"
SMM_NOTE = "of which row: included in Consultant"
# Used instead when some flagged senior medical managers are not on a Consultant row, so
# that the note stays true and nobody subtracts them from Consultant.
SMM_NOTE_MIXED = "of which row: included in their own band rows (not all in Consultant)"

MODEL_EMPLOYER_COLUMNS = (
    "year",
    "pay_band",
    "staff",
    "bme_staff",
    "bme_share",
    "target_share",
    "target_source",
    "gap",
    "additional_bme_needed",
)


def _check_groups(groups: str) -> None:
    if groups not in GROUP_LEVELS:
        raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}; got {groups!r}")


def _band_order(df: pd.DataFrame) -> list[str]:
    """Pay band rows in canonical order: the column's own categories (the loader sets
    them to BAND_ORDER), else BAND_ORDER followed by any other value found."""
    col = df["pay_band"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(b) for b in col.cat.categories]
    extra = sorted({str(b) for b in col.dropna().unique()} - set(BAND_ORDER))
    return [*BAND_ORDER, *extra]


def _level_order(df: pd.DataFrame, dim: str) -> list[str]:
    """The display order of a dimension's levels (category order, else sorted)."""
    if dim == OVERALL:
        return [ALL]
    if dim == "pay_band":
        return _band_order(df)
    col = df[dim]
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(v) for v in col.cat.categories]
    return sorted({str(v) for v in col.dropna().unique()})


def _with_clinical_pay_band(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``clinical_pay_band`` ("Non-clinical: Band 5", "Clinical: Consultant"), ordered
    by clinical then band; put ``clinical`` in the order Non-clinical, Clinical.

    Worked out on the few distinct (clinical, band) pairs and spread over the rows by their
    codes: a national workforce has millions of rows and a few dozen labels."""
    bands = _band_order(df)
    c_codes, c_vals = _text_codes(df["clinical"])
    b_codes, b_vals = _text_codes(df["pay_band"])
    if "Clinical" not in c_vals:
        c_vals = [*c_vals, "Clinical"]
    clinical_code = c_vals.index("Clinical")
    is_medical = np.isin(np.asarray(b_vals, dtype=object), MEDICAL_ROWS)
    medical = (b_codes >= 0) & (is_medical[np.maximum(b_codes, 0)] if len(b_vals) else False)
    # A medical grade is clinical (its staff group is): where the flag is missing, say so,
    # so that the clinical and clinical_pay_band rows count the same people.
    c_codes = np.where(medical & (c_codes < 0), clinical_code, c_codes)
    # Medical grades sit only under Clinical in the band split, whatever the flag says.
    side = np.where(medical, clinical_code, c_codes)
    held = np.bincount(c_codes + 1, minlength=len(c_vals) + 1)[1:] > 0  # no sort of rows
    present = {c_vals[i] for i in np.flatnonzero(held)}
    order = [*CLINICAL_LEVELS, *sorted(present - set(CLINICAL_LEVELS))]
    # Code -1 (missing) picks the trailing -1; the codes are made in pandas' own width and
    # are valid by construction.
    to_order = np.array([order.index(v) if v in order else -1 for v in c_vals] + [-1],
                        dtype=code_width(len(order)))
    clinical = pd.Categorical.from_codes(to_order[c_codes], dtype=pd.CategoricalDtype(order),
                                         validate=False)
    labels = [
        f"{c}: {b}"
        for c in order
        for b in bands
        if not (b in MEDICAL_ROWS and c != "Clinical")
    ]
    position = {label: i for i, label in enumerate(labels)}
    # One extra row and column of -1 for a missing side or band (code -1 picks them).
    table = np.full((len(c_vals) + 1, len(b_vals) + 1), -1, dtype=code_width(len(labels)))
    for i, c in enumerate(c_vals):
        for j, b in enumerate(b_vals):
            table[i, j] = position.get(f"{c}: {b}", -1)
    combined = table[side, b_codes]
    return df.assign(
        clinical=pd.Series(clinical, index=df.index),
        clinical_pay_band=pd.Series(pd.Categorical.from_codes(
            combined, dtype=pd.CategoricalDtype(labels), validate=False), index=df.index),
    )


def _with_unrecognised_band(df: pd.DataFrame) -> pd.DataFrame:
    """The pay band rows with one more, "Unrecognised band", last: the staff whose band or
    grade the loader could not read (its ``unrecognised_band`` column). Data quality shows
    it beside the bands; ``clinical_pay_band`` (made before) and every other figure that
    splits by band leave those staff out, as they do staff with no band."""
    if UNRECOGNISED_COLUMN not in df.columns or not df[UNRECOGNISED_COLUMN].notna().any():
        return df
    band = df["pay_band"]
    if not isinstance(band.dtype, pd.CategoricalDtype):
        band = band.astype(pd.CategoricalDtype(_band_order(df)))
    if UNRECOGNISED not in band.cat.categories:
        band = band.cat.add_categories([UNRECOGNISED])
    unread = df[UNRECOGNISED_COLUMN].notna().to_numpy() & band.isna().to_numpy()
    codes = band.cat.codes.to_numpy().copy()
    codes[unread] = band.cat.categories.get_loc(UNRECOGNISED)
    return df.assign(pay_band=pd.Categorical.from_codes(codes, dtype=band.dtype))


def _text_codes(col: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Row codes (-1 where missing) and the text of the values they stand for."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        text = pd.Series(col.cat.categories).astype("string")
        return col.cat.codes.to_numpy(dtype=np.int64), [str(v) for v in text]
    codes, uniques = pd.factorize(col.astype("string"), use_na_sentinel=True)
    return codes.astype(np.int64), [str(v) for v in uniques]


def _clinical_in_order(clinical: pd.Series) -> pd.Series:
    """The clinical flag as a category ordered Non-clinical, Clinical (then anything else)."""
    present = {str(v) for v in clinical.dropna().unique()}
    order = [*CLINICAL_LEVELS, *sorted(present - set(CLINICAL_LEVELS))]
    return clinical.astype(pd.CategoricalDtype(order))


def _senior_medical_managers(df: pd.DataFrame, groups: str, group_list: list[str]) -> pd.DataFrame:
    """Counts for the "of which" row ``pay_band`` = "Senior medical manager", with its note."""
    if "senior_medical_manager" not in df.columns:
        return pd.DataFrame()
    flagged = df[df["senior_medical_manager"].fillna(False).astype(bool)]
    if flagged.empty:
        return pd.DataFrame()
    flagged = flagged.assign(_smm=SENIOR_MEDICAL_MANAGER)
    out = counts(flagged, groups=groups, dims=["_smm"], group_list=group_list)
    out["dimension"] = "pay_band"
    not_consultant = (
        flagged["pay_band"].astype("string").ne(CONSULTANT).fillna(True)
        if "pay_band" in flagged.columns
        else pd.Series(True, index=flagged.index)
    )
    mixed_years = set(flagged.loc[not_consultant, "year"].astype(int))
    out["note"] = np.where(out["year"].isin(mixed_years), SMM_NOTE_MIXED, SMM_NOTE)
    return out


def shares(cnt: pd.DataFrame) -> pd.DataFrame:
    """Turn ``counts()`` output into share rows: each group's percent of its row.

    ``cnt`` has columns ``year, dimension, level, group, n``. Adds ``numerator`` (n),
    ``denominator`` (n summed over the groups of the same year, dimension and level),
    ``value`` and the Wilson 95% interval ``ci_low``/``ci_high``, all in percent::

        value = 100 * n / denominator

    Shared by indicator 1 and indicator 9's workforce share, so both give the same figure.

    >>> cnt = pd.DataFrame({"year": [2024, 2024], "dimension": ["overall"] * 2,
    ...     "level": ["All"] * 2, "group": ["White", "BME"], "n": [3, 1]})
    >>> shares(cnt)[["group", "numerator", "denominator", "value"]].values.tolist()
    [['White', 3, 4, 75.0], ['BME', 1, 4, 25.0]]
    """
    den = cnt.groupby(["year", "dimension", "level"], sort=False)["n"].transform("sum")
    low, high = wilson_ci(cnt["n"].to_numpy(dtype=float), den.to_numpy(dtype=float))
    return cnt.assign(
        numerator=cnt["n"],
        denominator=den,
        value=100.0 * cnt["n"] / den,
        ci_low=100.0 * low,
        ci_high=100.0 * high,
    )


def indicator_1(
    data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """WRES indicator 1: the ethnic make-up of the workforce in each pay band.

    For every year of ``data.frames["workforce"]`` and every row (a dimension and one of its
    levels), measure ``share`` for each group::

        share = 100 * people in group / people in the row

    with ``numerator`` = people in the group, ``denominator`` = people in the row (headcount,
    ``count`` summed) and ``ci_low``/``ci_high`` the Wilson 95% interval, also in percent.
    The shares of the groups in a row add up to 100: every group of the chosen level that is
    present anywhere in the workforce (any year) has a row, with 0 where the row has none of
    it. Unknown ethnicity is a group of its own, so it is in every denominator.

    Dimensions, in this order:

    - ``overall``: level "All", the whole workforce (the comparison line of the indicator);
    - ``clinical``: "Non-clinical", "Clinical";
    - ``pay_band``: every canonical band present that year, in ``BAND_ORDER``, plus the
      "of which" row "Senior medical manager" after Consultant where staff are flagged
      ``senior_medical_manager``. Its ``note`` is "of which row: included in Consultant":
      these staff are already counted in Consultant, so never add it to the band rows;
    - ``clinical_pay_band``: "Non-clinical: Band 5", ..., "Clinical: Band 5", ...,
      "Clinical: Consultant": Agenda for Change (and Other) bands split by clinical, the
      medical grades under Clinical only;
    - each ``by`` drill-down the frame carries (others are skipped, not an error).

    A level only has rows in the years it has staff, so no row has a zero denominator.
    ``caution`` and ``suppressed`` are left False (the disclosure step sets them). Rows
    whose band is missing count in ``overall`` and ``clinical`` only. A medical grade whose
    clinical flag is missing counts as Clinical (its staff group is clinical); one flagged
    Non-clinical keeps that flag in ``clinical`` but, like every medical grade, sits under
    "Clinical: <grade>" in ``clinical_pay_band``. Other rows with no clinical flag are left
    out of ``clinical`` and ``clinical_pay_band``.

    >>> cat = lambda v, c: pd.Categorical(v, categories=c)
    >>> wf = pd.DataFrame({"year": [2024] * 3, "org": cat([""] * 3, [""]),
    ...     "count": [3, 1, 4], "wres_group": cat(["White", "BME", "BME"], ["White", "BME"]),
    ...     "pay_band": cat(["Band 5", "Band 5", "Band 6"], BAND_ORDER),
    ...     "clinical": cat(["Clinical"] * 3, ["Non-clinical", "Clinical"])})
    >>> r = indicator_1(Dataset(frames={"workforce": wf}))
    >>> r[r.dimension == "pay_band"][["level", "group", "numerator", "value"]].values.tolist()
    [['Band 5', 'White', 3.0, 75.0], ['Band 5', 'BME', 1.0, 25.0], ['Band 6', 'White', 0.0, 0.0], ['Band 6', 'BME', 4.0, 100.0]]
    """  # noqa: E501
    _check_groups(groups)
    df = data.get("workforce")
    if df is None or df.empty:
        return results.empty()
    base = list(BASE_DIMENSIONS[:2])
    if "clinical" in df.columns and "pay_band" in df.columns:
        df = _with_clinical_pay_band(df)
        base.append(CLINICAL_PAY_BAND)
    elif "clinical" in df.columns:
        df = df.assign(clinical=_clinical_in_order(df["clinical"].astype("string")))
    if "pay_band" in df.columns:
        df = _with_unrecognised_band(df)
    dims = dimensions(df, by, base=base)
    group_list = group_values(df, groups)

    parts = [counts(df, groups=groups, dims=dims, group_list=group_list)]
    if "pay_band" in dims:
        parts.append(_senior_medical_managers(df, groups, group_list))
    cnt = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    if cnt.empty:
        return results.empty()
    if "note" not in cnt.columns:
        cnt["note"] = ""
    cnt["note"] = cnt["note"].fillna("")

    # Order by year, then dimension, level and group as displayed, so that the table never
    # depends on the order of the input rows.
    dim_rank = {d: i for i, d in enumerate(dims)}
    level_rank: dict[tuple[str, str], float] = {}
    for d in dims:
        for i, lvl in enumerate(_level_order(df, d)):
            level_rank[(d, lvl)] = float(i)
    consultant = level_rank.get(("pay_band", CONSULTANT), math.inf)
    level_rank[("pay_band", SENIOR_MEDICAL_MANAGER)] = consultant + 0.5
    group_rank = {g: i for i, g in enumerate(group_list)}
    keys = zip(cnt["dimension"], cnt["level"], strict=True)
    cnt = cnt.assign(
        _d=cnt["dimension"].map(dim_rank),
        _l=[level_rank.get(key, math.inf) for key in keys],
        _g=cnt["group"].map(group_rank),
    )
    cnt = cnt.sort_values(["year", "_d", "_l", "level", "_g"], kind="stable")

    out = shares(cnt).assign(indicator=INDICATOR, measure="share")
    return results.frame(out.drop(columns=["n", "_d", "_l", "_g"]))


def model_employer(
    data: Dataset, *, year: int, targets: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """The Model Employer gap: BME representation at Band 8a and above against a target.

    For each of Band 8a, 8b, 8c, 8d, 9 and VSM that has staff in ``year`` (bands with nobody
    are left out), from ``data.frames["workforce"]`` (every organisation in the frame
    together: filter it first to see one)::

        bme_share    = 100 * bme_staff / staff
        target_share = targets[band] if given, else the BME share of the whole workforce
                       of that year (100 * BME staff / all staff, indicator 1 "overall")
        gap          = bme_share - target_share          (percentage points; < 0 = short)
        additional_bme_needed = max(0, ceil(target_share / 100 * staff - bme_staff))

    ``staff`` counts everyone in the band, **including staff whose ethnicity is unknown**,
    so the BME share is over all staff, as in indicator 1 (not over those of known
    ethnicity). ``additional_bme_needed`` is how many more BME staff the band would need at
    its current size to reach the target (a head count, rounded up; 0 when it already
    meets the target).

    Parameters
    ----------
    data : Dataset
    year : int
        WRES reporting year (31 March snapshot).
    targets : mapping of band name to percent (0 to 100), optional
        The organisation's own target BME share per band; bands not given use the overall
        workforce share. Unknown band names or values outside 0 to 100 raise ValueError.

    Returns
    -------
    pandas.DataFrame
        One row per band, in band order, with columns ``year`` (int64), ``pay_band``
        (string), ``staff``, ``bme_staff`` (int64), ``bme_share``, ``target_share``
        (Float64, percent), ``target_source`` ("overall workforce" or "target"), ``gap``
        (Float64, percentage points) and ``additional_bme_needed`` (int64). Empty (with
        these columns) when there is no workforce for ``year`` or no staff at Band 8a and
        above.

    >>> cat = lambda v, c: pd.Categorical(v, categories=c)
    >>> wf = pd.DataFrame({"year": [2024] * 4, "count": [60, 30, 9, 1],
    ...     "wres_group": cat(["White", "BME", "White", "BME"], ["White", "BME", "Unknown"]),
    ...     "pay_band": cat(["Band 5", "Band 5", "Band 8a", "Band 8a"], BAND_ORDER)})
    >>> me = model_employer(Dataset(frames={"workforce": wf}), year=2024)
    >>> me[["pay_band", "staff", "bme_share", "target_share", "gap", "additional_bme_needed"]
    ...    ].values.tolist()
    [['Band 8a', 10, 10.0, 31.0, -21.0, 3]]
    """
    if targets is None:
        targets = {}
    unknown = sorted(set(targets) - set(SENIOR_BANDS))
    if unknown:
        raise ValueError(
            f"targets are for Band 8a and above ({', '.join(SENIOR_BANDS)}); "
            f"not: {', '.join(map(str, unknown))}"
        )
    for band, target in targets.items():
        if not (target is not None and 0 <= float(target) <= 100):
            raise ValueError(f"target for {band} must be a percent from 0 to 100; got {target!r}")

    df = data.get("workforce")
    empty = _model_employer_frame([])
    if df is None or df.empty or "pay_band" not in df.columns:
        return empty
    df = df[df["year"].astype("int64") == int(year)]
    if df.empty:
        return empty

    people = df["count"].astype("int64")
    is_bme = df["wres_group"].astype("string").eq("BME").fillna(False).to_numpy(dtype=bool)
    overall = 100.0 * people[is_bme].sum() / people.sum()
    band = df["pay_band"].astype("string")
    rows = []
    for name in SENIOR_BANDS:
        in_band = band.eq(name).fillna(False).to_numpy(dtype=bool)
        staff = int(people[in_band].sum())
        if staff == 0:
            continue
        bme = int(people[in_band & is_bme].sum())
        share = 100.0 * bme / staff
        own = name in targets
        target = float(targets[name]) if own else overall
        # Round before ceil: 30% of 10 is 3.0000000000000004 in floating point, not 4 people.
        needed = math.ceil(round(target / 100.0 * staff - bme, 9))
        rows.append(
            {
                "year": int(year),
                "pay_band": name,
                "staff": staff,
                "bme_staff": bme,
                "bme_share": share,
                "target_share": target,
                "target_source": "target" if own else "overall workforce",
                "gap": share - target,
                "additional_bme_needed": max(0, needed),
            }
        )
    return _model_employer_frame(rows)


def _model_employer_frame(rows: list[dict]) -> pd.DataFrame:
    dtypes = {
        "year": "int64",
        "pay_band": "string",
        "staff": "int64",
        "bme_staff": "int64",
        "bme_share": "Float64",
        "target_share": "Float64",
        "target_source": "string",
        "gap": "Float64",
        "additional_bme_needed": "int64",
    }
    df = pd.DataFrame(rows, columns=list(MODEL_EMPLOYER_COLUMNS))
    return df.astype(dtypes)


__all__ = ["MODEL_EMPLOYER_COLUMNS", "indicator_1", "model_employer", "shares"]


def model_employer_withheld(results: pd.DataFrame, gaps: pd.DataFrame, *,
                            year: int) -> set[str]:
    """The bands of a Model Employer table (``gaps``, from :func:`model_employer`) that a
    publication-safe view must withhold: exactly those whose indicator 1 BME share, or its
    count or base, the results table ``results`` withholds or cannot show for ``year``. The
    gap and the staff short are computed from those same counts, so showing them would give
    back what the table withholds.

    >>> results = pd.DataFrame({
    ...     "year": [2026, 2026, 2026], "indicator": [1, 1, 1],
    ...     "measure": ["share"] * 3, "group": ["BME"] * 3,
    ...     "dimension": ["pay_band"] * 3, "level": ["Band 8a", "Band 8b", "Band 9"],
    ...     "numerator": [12.0, None, 15.0], "denominator": [40.0, 20.0, 30.0],
    ...     "suppressed": [False, True, False]})
    >>> gaps = pd.DataFrame({"pay_band": ["Band 8a", "Band 8b"]})
    >>> sorted(model_employer_withheld(results, gaps, year=2026))
    ['Band 8b']
    """
    rows = results[(results["indicator"] == 1) & (results["measure"] == "share")
                   & (results["year"] == year) & (results["dimension"] == "pay_band")
                   & (results["group"] == "BME")]
    hidden = (rows["suppressed"].astype("boolean").fillna(False).to_numpy(dtype=bool)
              | rows["numerator"].isna().to_numpy() | rows["denominator"].isna().to_numpy())
    return set(rows["level"].astype(str)[hidden]) & set(gaps["pay_band"].astype(str))
