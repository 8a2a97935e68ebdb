"""Statistics of the ethnicity pay gap: intervals of a gap between two groups' pay, and the
test of a change in a gap between two years.

A gap is (reference figure - group figure) / reference figure x 100 = 100 (1 - R), where R
is the ratio of the group's figure (mean or median hourly pay) to the reference's. Both
intervals are worked on log R, where the two groups' uncertainties add:

- mean: the standard error of each mean is s / sqrt(n) (sample standard deviation, Welch's
  unpooled variances), so se(log R)^2 = s_g^2 / (n_g m_g^2) + s_r^2 / (n_r m_r^2) (the delta
  method);
- median: the standard error of each median is the distribution-free one of McKean and
  Schrader (1984), (X(n-c+1) - X(c)) / (2 z) with c = round((n + 1) / 2 - z sqrt(n / 4)),
  from the order statistics (no resampling, so the same data always give the same
  interval), divided by the median for its log.

The 95% interval of R is exp(log R +- z se), and of the gap 100 (1 - R) with its ends
swapped. A change between years is a z test on the difference of the two years' log R,
each standard error read back from its interval.
"""

from __future__ import annotations

import numpy as np

from wres_core.stats import Z95, normal_sf


def gap_interval(group: np.ndarray, reference: np.ndarray, se_group: np.ndarray,
                 se_reference: np.ndarray, z: float = Z95
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gap in percent and its interval, from the two figures and their standard errors
    (NaN where a figure or a standard error is missing or a figure is not positive).

    >>> g, lo, hi = gap_interval(np.array([9.0]), np.array([10.0]), np.array([0.0]),
    ...                          np.array([0.0]))
    >>> round(float(g[0]), 6), round(float(lo[0]), 6), round(float(hi[0]), 6)
    (10.0, 10.0, 10.0)
    """
    group, reference = np.asarray(group, float), np.asarray(reference, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (group > 0) & (reference > 0)
        ratio = np.where(ok, group / reference, np.nan)
        gap = 100.0 * (1.0 - ratio)
        se = np.sqrt((np.asarray(se_group, float) / group) ** 2
                     + (np.asarray(se_reference, float) / reference) ** 2)
        log_r = np.log(ratio)
        low = 100.0 * (1.0 - np.exp(log_r + z * se))
        high = 100.0 * (1.0 - np.exp(log_r - z * se))
    return gap, low, high


def mean_se(sd: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Standard error of a mean (NaN below two people)."""
    n = np.asarray(n, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n >= 2, np.asarray(sd, float) / np.sqrt(n), np.nan)


def median_ranks(n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The 1-based ranks (c, n - c + 1) whose values give a median's standard error.

    >>> [r.tolist() for r in median_ranks(np.array([100, 3]))]
    [[41, 1], [60, 3]]
    """
    n = np.asarray(n, float)
    c = np.clip(np.round((n + 1) / 2 - z * np.sqrt(n / 4)), 1, np.maximum(n, 1))
    return c.astype(np.int64), (n - c + 1).astype(np.int64)


def gap_change_p(gap1, low1, high1, gap2, low2, high2, z: float = Z95):
    """Two-sided p-value that a pay gap changed between two years, from each year's gap and
    95% interval (worked on log R; see the module docstring). NaN where either is missing;
    where neither year's interval has any width (ties at a pay point), 1.0 when nothing
    moved and NaN when it did (no spread to test against).

    >>> g, lo, hi = (float(v[0]) for v in gap_interval(
    ...     np.array([9.0]), np.array([10.0]), np.array([0.1]), np.array([0.1])))
    >>> g2, lo2, hi2 = (float(v[0]) for v in gap_interval(
    ...     np.array([8.0]), np.array([10.0]), np.array([0.1]), np.array([0.1])))
    >>> gap_change_p(g, lo, hi, g, lo, hi), gap_change_p(g, lo, hi, g2, lo2, hi2) < 0.05
    (1.0, True)
    """
    arrays = [np.asarray(x, float) for x in (gap1, low1, high1, gap2, low2, high2)]
    gap1, low1, high1, gap2, low2, high2 = np.broadcast_arrays(*arrays)
    with np.errstate(divide="ignore", invalid="ignore"):
        def log_ratio(g):
            return np.log(1.0 - g / 100.0)

        def se(low, high):
            return (log_ratio(low) - log_ratio(high)) / (2 * z)

        moved = log_ratio(gap2) - log_ratio(gap1)
        spread = np.sqrt(se(low1, high1) ** 2 + se(low2, high2) ** 2)
        stat = np.abs(moved) / spread
    sf = np.asarray(normal_sf(np.where(np.isfinite(stat), stat, 0.0)), dtype=float)
    out = np.where(spread > 0, np.clip(2.0 * sf, 0.0, 1.0),
                   np.where(np.abs(moved) < 1e-12, 1.0, np.nan))
    out = np.where(np.isfinite(moved) & np.isfinite(spread), out, np.nan)
    return float(out) if out.ndim == 0 else out
