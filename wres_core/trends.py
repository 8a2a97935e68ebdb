"""Change on the year before, and since the first year, for every figure of the results table.

:func:`changes` pairs each figure with the figure of the same key (indicator, measure,
group, dimension, level) in the year before (year - 1 exactly; a gap year gives no pair),
tests whether the change is more than chance, and labels it. With ``since=`` a year, it
pairs each later figure with that year's instead: the first-to-last change ("has the gap
changed over the three years?"), by the same tests. Two years that share no data are
independent samples, which the tests assume; indicator 3's two-year headline of the first
and last of three years pools 2 + 2 distinct years, so the first-to-last test is exact
where the year-on-year one is conservative.

p-values (two-sided; ``wres_core.stats``; NaN where they cannot be computed, including
wherever either year's figure is missing or withheld):

- rows with counts (``share``, ``board_share``, ``workforce_share``, ``likelihood*``,
  ``percent``): :func:`~wres_core.stats.prop_change_p` on the two years' numerator and
  denominator (a likelihood above 1, several cases per person, gives NaN);
- ``relative_likelihood*``: :func:`~wres_core.stats.rr_change_p` on the counts of the
  likelihood rows the ratio is computed from (the compared group and White, each year;
  see ``wres_core.disclosure.sources``), in the WRES direction of data contract §5
  (indicator 3: group over White; 2 and 4: White over group). Indicator 3's headline is
  pooled over two years, so consecutive headlines share a year of data; the test treats
  them as independent, which makes it conservative (fewer changes called);
- ``mean_gap`` and ``median_gap`` (the pay gap): a z test on the difference of the two
  years' log pay ratios, each standard error read back from its 95% interval
  (:func:`wres_core.pay_stats.gap_change_p`); better is closer to 0;
- ``gap`` (indicators 5 to 8) and ``difference`` (indicator 9): the change in a difference
  of two proportions, a Wald z test with the unpooled variances of the four proportions
  added, :func:`gap_change_p` (for indicator 9 the board and the workforce are treated as
  independent samples).

Direction (``wres_core.stats.change_direction``): "better" or "worse" only where p < 0.05,
otherwise "no clear change"; "not computable" where either figure is missing or withheld.
Which way is better:

- relative likelihoods (indicators 2 to 4): closer to 1;
- survey percents: lower for indicators 5, 6 and 8, higher for indicator 7;
- ``gap`` and ``difference``: closer to 0;
- shares (indicator 1, ``board_share``, ``workforce_share``) and likelihoods: "not
  applicable". A share's ideal is to be close to the overall share, which is a comparison
  between rows, not a direction of change; a likelihood's meaning is in its ratio.

Disclosure: compute on the full (unsuppressed) table, so that the tests use every count,
and pass the publication-safe table as ``published``: any figure withheld there is withheld
here too (value, previous, change, p-value). What is left leaks nothing, because a figure
shown in the publication-safe table has all the counts behind it shown too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_core.derived import REFERENCE
from wres_core.disclosure import sources
from wres_core.pay_stats import gap_change_p as pay_gap_change_p
from wres_core.registry import SURVEY
from wres_core.schema import RESULT_KEY
from wres_core.stats import change_direction, normal_sf, prop_change_p, rr_change_p

__all__ = [
    "ALPHA",
    "CHANGE_COLUMNS",
    "NOT_APPLICABLE",
    "NOT_COMPUTABLE",
    "better_direction",
    "changes",
    "gap_change_p",
]

NOT_APPLICABLE = "not applicable"
NOT_COMPUTABLE = "not computable"
CHANGE_COLUMNS = (*RESULT_KEY, "value", "previous", "change", "p_value", "direction")
ALPHA = 0.05

# Relative likelihoods with the compared group's likelihood on top (data contract §5).
_GROUP_OVER_WHITE = frozenset({3})
# Which way is better for each survey indicator's percent: the registry's, one place.
_SURVEY_BETTER = {i.number: i.better for i in SURVEY}
# The pay gap's figures (``indicators.pay``): counted rows, but their counts are the two
# groups' bases, not a proportion's.
PAY_GAP_MEASURES = ("mean_gap", "median_gap")


def better_direction(indicator: int, measure: str) -> str | None:
    """Which way a figure is better, as ``change_direction`` takes it; None where no
    direction applies (shares, likelihoods, anything unknown).

    >>> better_direction(3, "relative_likelihood"), better_direction(7, "percent")
    ('closer_to_1', 'higher')
    >>> better_direction(1, "share") is None
    True
    """
    if measure.startswith("relative_likelihood"):
        return "closer_to_1"
    if measure in ("gap", "difference", *PAY_GAP_MEASURES):
        return "closer_to_0"
    if measure == "percent":
        return _SURVEY_BETTER.get(int(indicator))
    return None


def gap_change_p(k1a, n1a, k1b, n1b, k2a, n2a, k2b, n2b):
    """Two-sided p-value that a difference of two proportions changed between two years.

    Year t has d_t = k_ta/n_ta - k_tb/n_tb; with independent samples

    .. math::

        z = \\frac{d_2 - d_1}{\\sqrt{\\sum_{t, g} p_{tg} (1 - p_{tg}) / n_{tg}}}, \\qquad
        p = 2 \\, P(Z > |z|)

    NaN where a count is missing or impossible (n <= 0, k < 0, k > n), and where every
    proportion is 0 or 1 but the difference moved (no variance to test against); 1.0 where
    nothing varies and nothing moved.

    >>> round(float(gap_change_p(30, 100, 20, 100, 45, 100, 20, 100)), 4)
    0.0889
    """
    arrays = [x.to_numpy(dtype=float, na_value=np.nan) if isinstance(x, pd.Series)
              else np.asarray(x, dtype=float) for x in (k1a, n1a, k1b, n1b, k2a, n2a, k2b, n2b)]
    k1a, n1a, k1b, n1b, k2a, n2a, k2b, n2b = np.broadcast_arrays(*arrays)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = np.ones(k1a.shape, dtype=bool)
        for k, n in ((k1a, n1a), (k1b, n1b), (k2a, n2a), (k2b, n2b)):
            ok &= np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0) & (k <= n)
        p = [k / n for k, n in ((k1a, n1a), (k1b, n1b), (k2a, n2a), (k2b, n2b))]
        var = sum(q * (1 - q) / n for q, n in zip(p, (n1a, n1b, n2a, n2b), strict=True))
        moved = (p[2] - p[3]) - (p[0] - p[1])
        z = moved / np.sqrt(var)
        still = np.abs(moved) < 1e-12
    sf = np.asarray(normal_sf(np.where(np.isfinite(z), np.abs(z), 0.0)), dtype=float)
    out = np.where(var > 0, np.clip(2.0 * sf, 0.0, 1.0), np.where(still, 1.0, np.nan))
    out = np.where(ok, out, np.nan)
    return float(out) if out.ndim == 0 else out


def _floats(s: pd.Series) -> np.ndarray:
    return s.to_numpy(dtype=float, na_value=np.nan)


def changes(results: pd.DataFrame, *, published: pd.DataFrame | None = None,
            since: int | None = None) -> pd.DataFrame:
    """Every figure beside the same figure in the year before, with a test and a label.

    Returns one row per figure whose key also exists in year - 1, in the order of
    ``results``, with columns ``CHANGE_COLUMNS``: the key, ``value``, ``previous``,
    ``change`` (value - previous, in the figure's own unit: percentage points for
    percents), ``p_value`` and ``direction`` ("better", "worse", "no clear change",
    "not computable" or "not applicable"). See the module docstring for the rules.

    ``published``: the publication-safe table (``wres_core.disclosure.suppress`` of
    ``results``); figures withheld there are withheld here.

    ``since``: compare each figure of a later year with the figure of this year instead of
    the year before (``previous`` is then the ``since`` year's figure); figures of that
    year and earlier get no row.

    >>> from wres_core.results import frame
    >>> t = frame([{"year": y, "indicator": 5, "measure": "percent", "group": "BME",
    ...             "dimension": "overall", "level": "All", "numerator": k,
    ...             "denominator": 200, "value": k / 2} for y, k in ((2023, 40), (2024, 70))])
    >>> c = changes(t)
    >>> c[["year", "previous", "value", "change", "direction"]].values.tolist()
    [[2024, 20.0, 35.0, 15.0, 'worse']]
    >>> t = frame([{"year": y, "indicator": 5, "measure": "percent", "group": "BME",
    ...             "dimension": "overall", "level": "All", "numerator": k,
    ...             "denominator": 200, "value": k / 2}
    ...            for y, k in ((2022, 40), (2023, 50), (2024, 70))])
    >>> changes(t, since=2022)[["year", "previous", "value", "change"]].values.tolist()
    [[2023, 20.0, 25.0, 5.0], [2024, 20.0, 35.0, 15.0]]
    """
    df = results.reset_index(drop=True)
    empty = _frame(df.iloc[0:0], [], [], [], [], [])
    if df.empty:
        return empty
    keys = list(zip(*(df[c].tolist() for c in RESULT_KEY), strict=True))
    where: dict[tuple, int] = {}
    for i, k in enumerate(keys):
        where.setdefault(k, i)
    if since is None:
        pairs = [(i, where.get((int(k[0]) - 1, *k[1:]), -1)) for i, k in enumerate(keys)]
    else:
        pairs = [(i, where.get((int(since), *k[1:]), -1) if int(k[0]) > int(since) else -1)
                 for i, k in enumerate(keys)]
    pairs = [(i, j) for i, j in pairs if j >= 0]
    if not pairs:
        return empty
    cur = np.array([i for i, _ in pairs], dtype=np.int64)
    prev = np.array([j for _, j in pairs], dtype=np.int64)

    value, num, den = _floats(df["value"]), _floats(df["numerator"]), _floats(df["denominator"])
    measure = df["measure"].astype(str).to_numpy()
    group = df["group"].astype(str).to_numpy()
    indicator = df["indicator"].astype("int64").to_numpy()

    p = prop_change_p(num[prev], den[prev], num[cur], den[cur])
    p = np.asarray(p, dtype=float).copy()
    src = sources(df)
    for n, (i, j) in enumerate(pairs):
        m = measure[i]
        if i not in src:
            continue
        p[n] = np.nan
        now, before = _roles(i, src[i], group, measure), _roles(j, src.get(j, []), group, measure)
        if now is None or before is None:
            continue
        (a_now, b_now), (a_before, b_before) = now, before
        if m.startswith("relative_likelihood"):
            if indicator[i] not in _GROUP_OVER_WHITE:  # White's likelihood on top
                a_now, b_now, a_before, b_before = b_now, a_now, b_before, a_before
            p[n] = rr_change_p(num[a_before], den[a_before], num[b_before], den[b_before],
                               num[a_now], den[a_now], num[b_now], den[b_now])
        else:  # gap, difference: (a minus b) in each year
            p[n] = gap_change_p(num[a_before], den[a_before], num[b_before], den[b_before],
                                num[a_now], den[a_now], num[b_now], den[b_now])

    # Pay gaps (not proportions): a z test on the two years' log ratios, from their intervals.
    pay = np.isin(measure[cur], PAY_GAP_MEASURES)
    if pay.any():
        low, high = _floats(df["ci_low"]), _floats(df["ci_high"])
        c, b = cur[pay], prev[pay]
        p[pay] = pay_gap_change_p(value[b], low[b], high[b], value[c], low[c], high[c])

    new, old = value[cur].copy(), value[prev].copy()
    if published is not None:
        hidden = _withheld(published)
        new[[keys[i] in hidden for i in cur]] = np.nan
        old[[keys[j] in hidden for j in prev]] = np.nan
    # No test where either figure is missing or withheld.
    p = np.where(np.isfinite(new) & np.isfinite(old), p, np.nan)

    direction = np.full(len(cur), NOT_APPLICABLE, dtype=object)
    better = np.array([better_direction(indicator[i], measure[i]) or "" for i in cur])
    for how in set(better) - {""}:
        sel = better == how
        labels = change_direction(old[sel], new[sel], p[sel], better=how, alpha=ALPHA)
        direction[sel] = np.asarray(labels, dtype=object).reshape(-1)
    return _frame(df.iloc[cur], new, old, new - old, p, direction)


def _roles(i: int, src: list[int], group: np.ndarray, measure: np.ndarray
           ) -> tuple[int, int] | None:
    """The two source rows of a ratio, gap or difference on row ``i``: (compared group or
    board, White or workforce); None unless both are there."""
    g, m = group[i], measure[i]
    if m == "difference":
        board = [j for j in src if measure[j] == "board_share" and group[j] == g]
        workforce = [j for j in src if measure[j] == "workforce_share" and group[j] == g]
        return (board[0], workforce[0]) if board and workforce else None
    own = [j for j in src if group[j] == g]
    ref = [j for j in src if group[j] == REFERENCE]
    return (own[0], ref[0]) if own and ref and g != REFERENCE else None


def _withheld(published: pd.DataFrame) -> set[tuple]:
    """Keys of the figures the publication-safe table withholds."""
    pub = published.reset_index(drop=True)
    mask = pub["suppressed"].fillna(False).to_numpy(dtype=bool)
    cols = [pub[c].tolist() for c in RESULT_KEY]
    return {k for k, out in zip(zip(*cols, strict=True), mask, strict=True) if out}


def _frame(rows: pd.DataFrame, value, previous, change, p, direction) -> pd.DataFrame:
    out = rows.loc[:, list(RESULT_KEY)].reset_index(drop=True).copy()
    out["year"] = out["year"].astype("int64")
    out["indicator"] = out["indicator"].astype("int64")
    for col in ("measure", "group", "dimension", "level"):
        out[col] = out[col].astype("string")
    for col, data in (("value", value), ("previous", previous), ("change", change),
                      ("p_value", p)):
        arr = pd.array(np.asarray(data, dtype=float), dtype="Float64")
        out[col] = pd.Series(arr).mask(np.isnan(np.asarray(data, dtype=float))).array
    out["direction"] = pd.Series(list(direction), dtype="string")
    return out.loc[:, list(CHANGE_COLUMNS)]
