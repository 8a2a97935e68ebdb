"""Statistics the official WRES return does not give: intervals, tests and labels.

Everything here is vectorised: each argument may be a scalar, a numpy array or a pandas
Series (nullable ``Int64`` / ``Float64`` included, ``<NA>`` read as NaN), and the arguments
are broadcast together. Numeric functions return numpy float arrays, or Python floats when
every argument is a scalar; the labelling functions return strings, numpy arrays of strings,
or a Series (on the Series' index) when an argument is a Series.

Nothing raises, warns or returns inf because a count is zero or missing: a figure that
cannot be computed is NaN. Impossible counts (negative, a numerator above its denominator,
a zero denominator) also give NaN. Arguments whose shapes do not broadcast, or Series with
different indexes, raise ``ValueError``.

The methods are those named in the methodology (``shared/spec/methodology.md``, "Statistics
the official return does not give"):

- relative likelihood (a/n1)/(c/n2) with Katz's log interval, Haldane-Anscombe corrected
  where a cell of the 2x2 table is zero;
- Wilson's score interval for a proportion and Newcombe's hybrid score interval (method 10)
  for a difference of two proportions;
- two-sided z tests for a change between two years, of a relative likelihood (on the log
  scale) or of a proportion (pooled two-proportion test).

These are aids to reading, not official figures.

References
----------
Katz D, Baptista J, Azen SP, Pike MC (1978). Obtaining confidence intervals for the risk
ratio in cohort studies. Biometrics 34: 469-474.
Newcombe RG (1998a). Two-sided confidence intervals for the single proportion: comparison
of seven methods. Statistics in Medicine 17: 857-872.
Newcombe RG (1998b). Interval estimation for the difference between independent
proportions: comparison of eleven methods. Statistics in Medicine 17: 873-890.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = [
    "ADVERSE",
    "FAVOURABLE",
    "INSIDE",
    "NON_ADVERSE_RULE",
    "OUTSIDE",
    "UNCLEAR",
    "NON_ADVERSE",
    "NON_ADVERSE_LABEL",
    "NOT_COMPUTABLE",
    "Z95",
    "change_direction",
    "classify_relative_likelihood",
    "katz_ci",
    "log_ratio_change_p",
    "non_adverse_verdict",
    "newcombe_ci",
    "normal_sf",
    "prop_change_p",
    "ratio",
    "rr_change_p",
    "wilson_ci",
]

#: The 97.5th percentile of the standard normal distribution (two-sided 95% intervals).
Z95 = 1.959963984540054

#: NHS England's "non-adverse" range for a relative likelihood (four-fifths rule), inclusive.
NON_ADVERSE = (0.80, 1.25)

NON_ADVERSE_LABEL = "non-adverse"
ADVERSE = "adverse"
FAVOURABLE = "favourable"
NOT_COMPUTABLE = "not computable"

_BETTER = ("lower", "higher", "closer_to_1", "closer_to_0")


# --------------------------------------------------------------------------- helpers


def _to_float_array(x, name: str) -> np.ndarray:
    """One argument as a float array, with ``<NA>`` / None as NaN."""
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):  # Series, Index, arrays
        try:
            return np.array(x.to_numpy(dtype=float, na_value=np.nan), dtype=float)
        except (TypeError, ValueError):
            x = x.to_numpy(dtype=object)
    if x is None or (pd.api.types.is_scalar(x) and pd.isna(x)):
        return np.asarray(np.nan)
    try:
        return np.array(x, dtype=float)
    except (TypeError, ValueError):
        pass
    obj = np.asarray(x, dtype=object)
    try:
        flat = pd.to_numeric(pd.Series(obj.ravel(), dtype=object), errors="raise")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name!r} must be numeric; got {x!r}") from exc
    return flat.to_numpy(dtype=float, na_value=np.nan).reshape(obj.shape)


def _series_index(named: dict) -> pd.Index | None:
    """The common index of the Series arguments (None if there are none)."""
    index, first = None, None
    for name, value in named.items():
        if isinstance(value, pd.Series):
            if index is None:
                index, first = value.index, name
            elif not value.index.equals(index):
                raise ValueError(
                    f"Series arguments {first!r} and {name!r} have different indexes; align "
                    "them first, or pass .to_numpy() to combine them by position"
                )
    return index


def _broadcast(named: dict) -> tuple[list[np.ndarray], bool]:
    """Broadcast the arguments together; also say whether every one was a scalar."""
    _series_index(named)
    arrays = [_to_float_array(v, k) for k, v in named.items()]
    try:
        out = np.broadcast_arrays(*arrays)
    except ValueError:
        shapes = ", ".join(f"{k}={a.shape}" for k, a in zip(named, arrays, strict=True))
        msg = f"arguments have shapes that do not broadcast together: {shapes}"
        raise ValueError(msg) from None
    scalar = all(a.ndim == 0 for a in arrays)
    return [np.array(a, dtype=float) for a in out], scalar


def _out(x: np.ndarray, scalar: bool):
    """A float for scalar input, else the array."""
    return float(x) if scalar else x


def _out_bool(x: np.ndarray, scalar: bool):
    return bool(x) if scalar else x


def _finite(*arrays: np.ndarray) -> np.ndarray:
    ok = np.ones(np.shape(arrays[0]), dtype=bool)
    for a in arrays:
        ok &= np.isfinite(a)
    return ok


def _valid_counts(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """k of n is a possible count: finite, n > 0 and 0 <= k <= n."""
    with np.errstate(invalid="ignore"):
        return _finite(k, n) & (n > 0) & (k >= 0) & (k <= n)


def _katz_log(a, n1, c, n2):
    """ln RR, its Katz SE, the Haldane flag and validity (all arrays of one shape).

    Haldane-Anscombe +0.5 to every cell of the 2x2 table where a cell is zero.
    """
    valid = _valid_counts(a, n1) & _valid_counts(c, n2)
    corrected = valid & ((a == 0) | (c == 0) | (a == n1) | (c == n2))
    half = np.where(corrected, 0.5, 0.0)
    a_, c_ = a + half, c + half
    n1_, n2_ = n1 + 2 * half, n2 + 2 * half
    with np.errstate(divide="ignore", invalid="ignore"):
        log_rr = np.log(a_ / n1_) - np.log(c_ / n2_)
        se = np.sqrt(1 / a_ - 1 / n1_ + 1 / c_ - 1 / n2_)
    log_rr = np.where(valid, log_rr, np.nan)
    se = np.where(valid, se, np.nan)
    return log_rr, se, corrected, valid


def _wilson(k, n, z):
    """Wilson bounds as arrays (NaN where k of n is not a possible count)."""
    valid = _valid_counts(k, n) & np.isfinite(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        z2 = z * z
        centre = (k + z2 / 2) / (n + z2)
        half = z * np.sqrt(k * (n - k) / n + z2 / 4) / (n + z2)
        low = np.clip(centre - half, 0.0, 1.0)
        high = np.clip(centre + half, 0.0, 1.0)
    low = np.where(k == 0, 0.0, low)  # exact, not -1e-17 clipped
    high = np.where(k == n, 1.0, high)
    return np.where(valid, low, np.nan), np.where(valid, high, np.nan)


# --------------------------------------------------------------------------- public API


def normal_sf(x):
    """Survival function of the standard normal distribution, P(Z > x).

    Computed as ``erfc(x / sqrt(2)) / 2`` (``math.erfc``, accurate in the far tail).

    Parameters
    ----------
    x : float, array-like or Series
        Standard normal deviate(s).

    Returns
    -------
    float or numpy.ndarray
        P(Z > x); NaN where ``x`` is NaN.

    Examples
    --------
    >>> round(normal_sf(0.0), 4), round(normal_sf(Z95), 4)
    (0.5, 0.025)
    >>> normal_sf([-1.0, float("nan")]).round(4)
    array([0.8413,    nan])
    """
    (x,), scalar = _broadcast({"x": x})
    out = np.array([0.5 * math.erfc(v / math.sqrt(2.0)) for v in x.ravel()], dtype=float)
    return _out(out.reshape(x.shape), scalar)


def ratio(a, n1, c, n2):
    """Relative likelihood of two rates, (a/n1) / (c/n2).

    .. math:: RR = \\frac{a / n_1}{c / n_2}

    Parameters
    ----------
    a, n1 : float, array-like or Series
        Events and people in the compared group (numerator of the ratio).
    c, n2 : float, array-like or Series
        Events and people in the reference group (denominator of the ratio).

    Returns
    -------
    float or numpy.ndarray
        The ratio; NaN where n1 or n2 is 0 (or negative), c is 0 (so c/n2 is 0), a or c is
        negative, or any argument is missing. ``a`` may exceed ``n1`` (a rate, such as several
        cases per person), unlike in :func:`katz_ci`.

    Examples
    --------
    The WRES indicator 2 worked example: 46.99% of White shortlisted applicants appointed
    against 14.65% of BME ones.

    >>> round(ratio(46.99, 100, 14.65, 100), 2)
    3.21
    >>> ratio([20, 0, 5], [100, 100, 0], [10, 10, 10], [120, 120, 120]).round(4)
    array([2.4, 0. , nan])
    """
    (a, n1, c, n2), scalar = _broadcast({"a": a, "n1": n1, "c": c, "n2": n2})
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = _finite(a, n1, c, n2) & (n1 > 0) & (n2 > 0) & (a >= 0) & (c > 0)
        out = np.where(ok, (a / n1) / (c / n2), np.nan)
    return _out(out, scalar)


def katz_ci(a, n1, c, n2, z=Z95):
    """Confidence interval of the relative likelihood (a/n1)/(c/n2), Katz's log method.

    .. math::

        SE = \\sqrt{\\frac{1}{a} - \\frac{1}{n_1} + \\frac{1}{c} - \\frac{1}{n_2}}, \\qquad
        (low, high) = \\exp\\left(\\ln RR \\mp z \\, SE\\right)

    Where a cell of the 2x2 table is zero (a = 0, c = 0, a = n1 or c = n2), 0.5 is added to
    every cell for the interval only (Haldane-Anscombe): a + 0.5, n1 + 1, c + 0.5, n2 + 1, and
    ``corrected`` is True there. The corrected interval is centred on the corrected ratio,
    so with a = 0 it does not contain the point estimate 0, and with c = 0 it is finite
    although :func:`ratio` is NaN.

    Parameters
    ----------
    a, n1 : float, array-like or Series
        Events and people in the compared group; 0 <= a <= n1.
    c, n2 : float, array-like or Series
        Events and people in the reference group; 0 <= c <= n2.
    z : float, default Z95
        Normal deviate for the confidence level (1.96 for 95%).

    Returns
    -------
    low, high : float or numpy.ndarray
        Bounds of the interval; NaN where n1 or n2 is 0, a count is missing, negative or
        above its denominator.
    corrected : bool or numpy.ndarray of bool
        True where the Haldane-Anscombe correction was applied (False where NaN).

    Examples
    --------
    20 of 100 against 10 of 120: RR = 2.4, SE = sqrt(1/20 - 1/100 + 1/10 - 1/120).

    >>> low, high, corrected = katz_ci(20, 100, 10, 120)
    >>> round(low, 4), round(high, 4), corrected
    (1.1785, 4.8874, False)
    >>> low, high, corrected = katz_ci([0, 5], [50, 0], [4, 3], [60, 40])
    >>> low.round(4), high.round(4), corrected
    (array([0.0073,    nan]), array([2.4104,    nan]), array([ True, False]))
    """
    (a, n1, c, n2, z), scalar = _broadcast({"a": a, "n1": n1, "c": c, "n2": n2, "z": z})
    log_rr, se, corrected, _ = _katz_log(a, n1, c, n2)
    low, high = np.exp(log_rr - z * se), np.exp(log_rr + z * se)
    return _out(low, scalar), _out(high, scalar), _out_bool(corrected, scalar)


def wilson_ci(k, n, z=Z95):
    """Wilson score interval for a proportion k/n.

    .. math::

        \\frac{k + z^2/2}{n + z^2} \\mp
        \\frac{z}{n + z^2} \\sqrt{\\frac{k (n - k)}{n} + \\frac{z^2}{4}}

    Parameters
    ----------
    k, n : float, array-like or Series
        Successes and trials; 0 <= k <= n.
    z : float, default Z95
        Normal deviate for the confidence level.

    Returns
    -------
    low, high : float or numpy.ndarray
        Bounds as proportions in [0, 1] (exactly 0 where k = 0 and 1 where k = n); NaN where
        n is 0 or the count is missing or impossible.

    Examples
    --------
    Newcombe (1998a), Table I: 81 of 263.

    >>> low, high = wilson_ci(81, 263)
    >>> round(low, 4), round(high, 4)
    (0.2553, 0.3662)
    >>> low, high = wilson_ci([0, 3], [20, 0])
    >>> low.round(4), high.round(4)
    (array([ 0., nan]), array([0.1611,    nan]))
    """
    (k, n, z), scalar = _broadcast({"k": k, "n": n, "z": z})
    low, high = _wilson(k, n, z)
    return _out(low, scalar), _out(high, scalar)


def newcombe_ci(k1, n1, k2, n2, z=Z95):
    """Newcombe's hybrid score interval (method 10) for a difference p1 - p2.

    With Wilson intervals (l1, u1) for p1 = k1/n1 and (l2, u2) for p2 = k2/n2:

    .. math::

        low = (p_1 - p_2) - \\sqrt{(p_1 - l_1)^2 + (u_2 - p_2)^2}, \\qquad
        high = (p_1 - p_2) + \\sqrt{(u_1 - p_1)^2 + (p_2 - l_2)^2}

    Parameters
    ----------
    k1, n1 : float, array-like or Series
        Successes and trials in the first group (for a WRES gap: BME).
    k2, n2 : float, array-like or Series
        Successes and trials in the second group (White).
    z : float, default Z95
        Normal deviate for the confidence level.

    Returns
    -------
    low, high : float or numpy.ndarray
        Bounds of p1 - p2 as proportions (multiply by 100 for percentage points); NaN where
        n1 or n2 is 0 or a count is missing or impossible.

    Examples
    --------
    Newcombe (1998b), Table II: 56/70 against 48/80.

    >>> low, high = newcombe_ci(56, 70, 48, 80)
    >>> round(low, 4), round(high, 4)
    (0.0524, 0.3339)
    """
    (k1, n1, k2, n2, z), scalar = _broadcast({"k1": k1, "n1": n1, "k2": k2, "n2": n2, "z": z})
    l1, u1 = _wilson(k1, n1, z)
    l2, u2 = _wilson(k2, n2, z)
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = k1 / n1, k2 / n2
        d = p1 - p2
        low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    ok = np.isfinite(l1) & np.isfinite(l2)
    low = np.where(ok, np.clip(low, -1.0, 1.0), np.nan)
    high = np.where(ok, np.clip(high, -1.0, 1.0), np.nan)
    return _out(low, scalar), _out(high, scalar)


def rr_change_p(a1, n1, c1, m1, a2, n2, c2, m2):
    """Two-sided p-value that a relative likelihood changed between two years.

    Year 1 has RR1 = (a1/n1)/(c1/m1), year 2 RR2 = (a2/n2)/(c2/m2), from independent
    samples. With Katz standard errors of ln RR (see :func:`katz_ci`):

    .. math::

        z = \\frac{\\ln RR_2 - \\ln RR_1}{\\sqrt{SE_1^2 + SE_2^2}}, \\qquad
        p = 2 \\, P(Z > |z|)

    Where a cell of a year's 2x2 table is zero, that year's ln RR and SE are both taken from
    the Haldane-Anscombe corrected table (+0.5 to every cell).

    Parameters
    ----------
    a1, n1, c1, m1 : float, array-like or Series
        Year 1: events and people in the compared group, then in the reference group.
    a2, n2, c2, m2 : float, array-like or Series
        Year 2, likewise.

    Returns
    -------
    float or numpy.ndarray
        p in [0, 1]; NaN where either year's relative likelihood cannot be computed (a zero
        denominator, c = 0, or an impossible or missing count). Symmetric in the order of
        the years.

    Examples
    --------
    >>> round(rr_change_p(20, 100, 10, 120, 30, 100, 10, 120), 4)
    0.4143
    >>> rr_change_p([20, 20], [100, 100], [10, 0], [120, 120], 20, 100, 10, 120).round(4)
    array([ 1., nan])
    """
    (a1, n1, c1, m1, a2, n2, c2, m2), scalar = _broadcast(
        {"a1": a1, "n1": n1, "c1": c1, "m1": m1, "a2": a2, "n2": n2, "c2": c2, "m2": m2}
    )
    l1, se1, _, ok1 = _katz_log(a1, n1, c1, m1)
    l2, se2, _, ok2 = _katz_log(a2, n2, c2, m2)
    ok = ok1 & ok2 & (c1 > 0) & (c2 > 0)  # RR itself computable in both years
    with np.errstate(divide="ignore", invalid="ignore"):
        zz = (l2 - l1) / np.sqrt(se1**2 + se2**2)
    p = np.clip(2.0 * np.asarray(normal_sf(np.abs(zz)), dtype=float), 0.0, 1.0)
    return _out(np.where(ok, p, np.nan), scalar)


#: Alias of :func:`rr_change_p` (the test is on the log ratio of the two relative likelihoods).
log_ratio_change_p = rr_change_p


def prop_change_p(k1, n1, k2, n2):
    """Two-sided p-value that two independent proportions differ (pooled z test).

    .. math::

        \\bar p = \\frac{k_1 + k_2}{n_1 + n_2}, \\qquad
        z = \\frac{k_2/n_2 - k_1/n_1}{\\sqrt{\\bar p (1 - \\bar p) (1/n_1 + 1/n_2)}}, \\qquad
        p = 2 \\, P(Z > |z|)

    Equivalent to Pearson's chi-squared test of the 2x2 table without continuity correction.

    Parameters
    ----------
    k1, n1 : float, array-like or Series
        Year 1 successes and trials.
    k2, n2 : float, array-like or Series
        Year 2 successes and trials.

    Returns
    -------
    float or numpy.ndarray
        p in [0, 1]; 1.0 where the pooled proportion is 0 or 1 (both proportions equal, no
        variation); NaN where n1 or n2 is 0 or a count is missing or impossible.

    Examples
    --------
    >>> round(prop_change_p(56, 70, 48, 80), 4)
    0.008
    >>> prop_change_p([0, 5], [10, 0], [0, 5], [20, 10])
    array([ 1., nan])
    """
    (k1, n1, k2, n2), scalar = _broadcast({"k1": k1, "n1": n1, "k2": k2, "n2": n2})
    ok = _valid_counts(k1, n1) & _valid_counts(k2, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        zz = (k2 / n2 - k1 / n1) / np.sqrt(var)
    p = np.clip(2.0 * np.asarray(normal_sf(np.abs(zz)), dtype=float), 0.0, 1.0)
    p = np.where(var > 0, p, 1.0)
    return _out(np.where(ok, p, np.nan), scalar)


def _labels_out(labels: np.ndarray, scalar: bool, index: pd.Index | None):
    if scalar:
        return str(labels)
    if index is not None:
        return pd.Series(labels.ravel(), index=index)
    return labels


def classify_relative_likelihood(value):
    """Place a relative likelihood (indicators 2 to 4) against the non-adverse range.

    NHS England's non-adverse range is 0.80 to 1.25 inclusive (the four-fifths rule, set in
    2019 for indicator 3; the methodology applies the same band to indicators 2 and 4). In
    every WRES relative likelihood a value above 1 is worse for BME staff.

    ============================  =================
    value                         label
    ============================  =================
    0.80 <= value <= 1.25         "non-adverse"
    value > 1.25                  "adverse" (worse for BME staff than White)
    0 <= value < 0.80             "favourable" (better for BME staff than White)
    NaN, <NA>, inf or negative    "not computable"
    ============================  =================

    The value is compared unrounded: 1.2504 shows as 1.25 but is "adverse".

    Parameters
    ----------
    value : float, array-like or Series
        Relative likelihood(s).

    Returns
    -------
    str, numpy.ndarray of str or pandas.Series of str
        The label(s); a Series on the input's index for Series input.

    Examples
    --------
    >>> classify_relative_likelihood(3.21)
    'adverse'
    >>> classify_relative_likelihood(pd.Series([0.8, 1.25, 0.5, None])).tolist()
    ['non-adverse', 'non-adverse', 'favourable', 'not computable']
    """
    index = _series_index({"value": value})
    (v,), scalar = _broadcast({"value": value})
    lo, hi = NON_ADVERSE
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(v) & (v >= 0)
        labels = np.select(
            [~ok, v > hi, v < lo],
            [NOT_COMPUTABLE, ADVERSE, FAVOURABLE],
            default=NON_ADVERSE_LABEL,
        ).astype(object)
    return _labels_out(labels, scalar, index)


#: Verdicts of :func:`non_adverse_verdict`.
INSIDE, OUTSIDE, UNCLEAR = "inside", "outside", "unclear"

#: The rule :func:`non_adverse_verdict` applies, in words (for the methodology page, the
#: exports and docs/methodology.md).
NON_ADVERSE_RULE = (
    "A relative likelihood is called inside the non-adverse range (0.80 to 1.25) only when "
    "its whole 95% interval lies inside the range, and outside only when the whole interval "
    "lies outside it (all above 1.25, or all below 0.80). Where the interval crosses an edge "
    "of the range the verdict is \"not clearly inside or outside\", whatever the rounded "
    "figure shows: 1.2549 shows as 1.25, but with an interval of 1.05 to 1.50 it is not "
    "called inside. A figure without an interval is judged on its unrounded value."
)


def non_adverse_verdict(value, ci_low=None, ci_high=None):
    """Judge a relative likelihood against the non-adverse range on its 95% interval: the
    one rule (:data:`NON_ADVERSE_RULE`) the dashboard, the pack and the command line show.

    ======================================================  ====================
    interval (or, without one, the unrounded value)        verdict
    ======================================================  ====================
    wholly within 0.80 to 1.25                              "inside"
    wholly above 1.25, or wholly below 0.80                 "outside"
    crosses 0.80 or 1.25                                    "unclear"
    value NaN, <NA>, inf or negative                        "not computable"
    ======================================================  ====================

    Each end of the interval is placed as :func:`classify_relative_likelihood` places a
    value (the range is inclusive), so the verdict never depends on rounding.

    >>> non_adverse_verdict(1.2549, 1.05, 1.50)     # shows as 1.25: not called inside
    'unclear'
    >>> non_adverse_verdict(1.10, 0.85, 1.25), non_adverse_verdict(1.9, 1.3, 2.8)
    ('inside', 'outside')
    >>> non_adverse_verdict(0.5, 0.3, 0.79), non_adverse_verdict(1.2549)
    ('outside', 'outside')
    >>> non_adverse_verdict(pd.Series([1.0, None]), pd.Series([0.9, None]),
    ...                     pd.Series([1.1, None])).tolist()
    ['inside', 'not computable']
    """
    index = _series_index({"value": value, "ci_low": ci_low, "ci_high": ci_high}
                          if ci_low is not None or ci_high is not None else {"value": value})
    (v, lo, hi), scalar = _broadcast({"value": value,
                                      "ci_low": np.nan if ci_low is None else ci_low,
                                      "ci_high": np.nan if ci_high is None else ci_high})
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(v) & (v >= 0)
        has_ci = np.isfinite(lo) & np.isfinite(hi) & (lo >= 0)
        # Without an interval both ends are the value itself.
        lo = np.where(has_ci, lo, v)
        hi = np.where(has_ci, hi, v)
        low_end, high_end = NON_ADVERSE
        inside = (lo >= low_end) & (hi <= high_end)
        outside = (lo > high_end) | (hi < low_end)
        labels = np.select([~ok, inside, outside], [NOT_COMPUTABLE, INSIDE, OUTSIDE],
                           default=UNCLEAR).astype(object)
    return _labels_out(labels, scalar, index)


def change_direction(old, new, p, *, better: str, alpha: float = 0.05):
    """Label a change between two years, calling it a change only where p < alpha.

    ==================================================  ==================
    condition                                           label
    ==================================================  ==================
    old or new missing (or, for "closer_to_1", < 0)     "not computable"
    p >= alpha, p missing, or no difference             "no clear change"
    p < alpha and new is better than old                "better"
    p < alpha and new is worse than old                 "worse"
    ==================================================  ==================

    "Better" depends on ``better``: "lower" (new < old), "higher" (new > old),
    "closer_to_1" for relative likelihoods (:math:`|\\ln new| < |\\ln old|`, so 0.8 and 1.25
    are equally far from 1, and 0 is farther than any positive value) or "closer_to_0" for
    gaps and differences (|new| < |old|). Distances equal up to rounding are no change.

    Parameters
    ----------
    old, new : float, array-like or Series
        The figure in the earlier and the later year.
    p : float, array-like or Series
        Two-sided p-value of the change (:func:`rr_change_p`, :func:`prop_change_p`).
    better : {"lower", "higher", "closer_to_1", "closer_to_0"}
        Which way is better for this figure.
    alpha : float, default 0.05
        Significance level, in (0, 1).

    Returns
    -------
    str, numpy.ndarray of str or pandas.Series of str
        The label(s); a Series on the input's index where an argument is a Series.

    Raises
    ------
    ValueError
        If ``better`` or ``alpha`` is not one of the allowed values, or the shapes do not
        broadcast.

    Examples
    --------
    >>> change_direction(1.6, 1.1, 0.01, better="closer_to_1")
    'better'
    >>> change_direction(1.6, 1.1, 0.20, better="closer_to_1")
    'no clear change'
    >>> change_direction([20.0, 20.0, None], [25.0, 25.0, 10.0], [0.001, None, 0.001],
    ...                  better="lower").tolist()
    ['worse', 'no clear change', 'not computable']
    """
    if better not in _BETTER:
        raise ValueError(f"better must be one of {', '.join(_BETTER)}; got {better!r}")
    if not (isinstance(alpha, int | float) and 0 < alpha < 1):
        raise ValueError(f"alpha must be a number between 0 and 1; got {alpha!r}")
    index = _series_index({"old": old, "new": new, "p": p})
    (old, new, p), scalar = _broadcast({"old": old, "new": new, "p": p})
    computable = np.isfinite(old) & np.isfinite(new)
    with np.errstate(divide="ignore", invalid="ignore"):
        if better == "lower":
            old_d, new_d = old, new
        elif better == "higher":
            old_d, new_d = -old, -new
        elif better == "closer_to_1":
            computable &= (old >= 0) & (new >= 0)  # 0 is infinitely far from 1
            old_d, new_d = np.abs(np.log(old)), np.abs(np.log(new))
        else:
            old_d, new_d = np.abs(old), np.abs(new)
        # Equal distances up to rounding (0.8 and 1.25 on the log scale) are no change.
        gap = np.abs(new_d - old_d)
        tie = (new_d == old_d) | (
            np.isfinite(gap) & (gap <= 1e-12 * np.maximum(np.abs(old_d), np.abs(new_d)))
        )
        significant = computable & (p < alpha) & ~tie
        labels = np.select(
            [~computable, significant & (new_d < old_d), significant & (new_d > old_d)],
            [NOT_COMPUTABLE, "better", "worse"],
            default="no clear change",
        ).astype(object)
    return _labels_out(labels, scalar, index)
