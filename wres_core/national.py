"""National reference figures: NHS trusts in England, from NHS England's WRES data analysis
reports, each labelled with its WRES year. One table, read by the methodology page (which
lists it) and by the charts (which draw a figure as a benchmark line where the chart's year
has one). They are benchmarks, never targets, and never used in a calculation.

A figure is looked up by what a results row holds (indicator, measure, group) and a WRES
year; a year the reports did not publish has no figure (None), never a neighbour's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SOURCE = "NHS England, WRES data analysis reports (NHS trusts in England)"


@dataclass(frozen=True, kw_only=True)
class NationalFigure:
    """One published national series: what it is (in words and as results-table keys), its
    unit ("percent" or "ratio"), and its value by WRES year."""

    name: str
    indicator: int
    measures: tuple[str, ...]
    group: str
    unit: str
    values: Mapping[int, float] = field(default_factory=dict)


FIGURES: tuple[NationalFigure, ...] = (
    # The workforce figure is the comparator of indicator 9's workforce share too.
    NationalFigure(name="BME share of the workforce", indicator=1,
                   measures=("share", "workforce_share"), group="BME", unit="percent",
                   values={2016: 17.7, 2021: 22.4, 2022: 24.2, 2023: 26.4, 2024: 28.6}),
    NationalFigure(name="Indicator 2 (relative likelihood, appointment from shortlisting)",
                   indicator=2, measures=("relative_likelihood",), group="BME", unit="ratio",
                   values={2016: 1.57, 2020: 1.61, 2022: 1.54, 2023: 1.59}),
    NationalFigure(name="Indicator 3 (relative likelihood, formal disciplinary)", indicator=3,
                   measures=("relative_likelihood",), group="BME", unit="ratio",
                   values={2016: 1.56, 2021: 1.14, 2022: 1.14, 2023: 1.03}),
    NationalFigure(name="BME share of trust board members", indicator=9,
                   measures=("board_share",), group="BME", unit="percent",
                   values={2016: 7.1, 2021: 12.6, 2022: 13.2, 2023: 15.6, 2024: 16.5}),
    NationalFigure(name="Indicator 6 (harassment from staff), BME", indicator=6,
                   measures=("percent",), group="BME", unit="percent", values={2024: 24.9}),
    NationalFigure(name="Indicator 6 (harassment from staff), White", indicator=6,
                   measures=("percent",), group="White", unit="percent", values={2024: 20.7}),
)


def series(indicator: int, measure: str, group: str) -> NationalFigure | None:
    """The national series for rows of this indicator, measure and group, or None.

    >>> series(9, "workforce_share", "BME").name
    'BME share of the workforce'
    >>> series(4, "relative_likelihood", "BME") is None
    True
    """
    for fig in FIGURES:
        if fig.indicator == indicator and measure in fig.measures and fig.group == group:
            return fig
    if measure == "workforce_share" and indicator == 9:
        return series(1, "share", group)
    return None


def value(indicator: int, measure: str, group: str, year: int) -> float | None:
    """The published national figure for that WRES year, or None where none was published.

    >>> value(6, "percent", "White", 2024), value(2, "relative_likelihood", "BME", 2024)
    (20.7, None)
    """
    fig = series(indicator, measure, group)
    return None if fig is None else fig.values.get(int(year))


def by_year_text(fig: NationalFigure) -> str:
    """A series' values in words, for the methodology page's table.

    >>> by_year_text(FIGURES[1])
    '2016: 1.57; 2020: 1.61; 2022: 1.54; 2023: 1.59'
    """
    unit = "%" if fig.unit == "percent" else ""
    fmt = "{:.1f}" if fig.unit == "percent" else "{:.2f}"
    return "; ".join(f"{y}: {fmt.format(v)}{unit}" for y, v in sorted(fig.values.items()))
