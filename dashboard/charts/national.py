"""National reference lines (``wres_core.national``): the published national figure for the
chart's WRES year, drawn as a black dash-dot line or marker named "national" in the legend,
where the sidebar's switch is on. A year without a published figure draws nothing and the
legend says so (with the latest published year), so a missing line is never a silent gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dashboard import theme
from dashboard.charts.labels import Label
from dashboard.charts.layout import _scatter
from dashboard.figure import Fig
from wres_core import national
from wres_core.national import NationalFigure

COLOUR = theme.NHS_BLACK
DASH = "dashdot"
# One symbol per series (open stars, unlike any group's marker), outlined in the group's
# colour: two national points in one year (White, BME) are told apart by shape and colour.
SYMBOLS = ("star-triangle-up-open", "star-square-open", "star-diamond-open")


def _series(recs: Iterable[dict]) -> list[tuple[str, NationalFigure]]:
    """The national series behind the rows drawn: (group, series), each once."""
    out: dict[tuple[str, str], NationalFigure] = {}
    for r in recs:
        group = str(r.get("group"))
        fig = national.series(int(r["indicator"]), str(r["measure"]), group)
        if fig is not None:
            out.setdefault((group, fig.name), fig)
    return [(g, f) for (g, _), f in out.items()]


def _fmt(fig: NationalFigure, v: float) -> str:
    return f"{v:.1f}%" if fig.unit == "percent" else f"{v:.2f}"


def _names(found: list[tuple[str, NationalFigure]], label: Label) -> list[str]:
    """Legend names: "national, NHS trusts" alone; with several series, by group where the
    groups differ, else by the series' own name."""
    if len(found) == 1:
        return ["national, NHS trusts"]
    if len({g for g, _ in found}) == len(found):
        return [f"national ({label(g)}), NHS trusts" for g, _ in found]
    return [f"national: {f.name.replace('BME', label('BME'))}" for _, f in found]


def _span(years: Sequence[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"


def _none_name(missing: list[NationalFigure], years: Sequence[int]) -> str:
    """One legend entry for every series with no figure in the years shown."""
    latest = max(max(f.values) for f in missing)
    if len(missing) == 1:
        f = missing[0]
        return (f"national, NHS trusts: none published for {_span(years)} (latest "
                f"{latest}: {_fmt(f, f.values[latest])})")
    return f"national, NHS trusts: none published for {_span(years)} (latest: {latest})"


def values(recs: Iterable[dict], years: Iterable[int]) -> list[float]:
    """The national figures a chart of these rows and years would draw (for its axis)."""
    ys = set(years)
    return [v for _, fig in _series(recs) for y, v in fig.values.items() if y in ys]


def _legend_only(fig: Fig, name: str) -> None:
    fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=name, hoverinfo="skip",
                           line={"color": COLOUR, "dash": DASH, "width": 1.5},
                           showlegend=True, meta={"national": True}))


def by_year(fig: Fig, recs: Sequence[dict], years: Sequence[int], *, label: Label) -> list[str]:
    """On a chart with the WRES year along x: the national figure of each year shown that
    has one, one marked line per series; the legend's names, in order."""
    found = _series(recs)
    legend, missing = [], []
    for i, ((group, series), name) in enumerate(zip(found, _names(found, label),
                                                    strict=True)):
        points = [(y, series.values[y]) for y in years if y in series.values]
        if not points:
            missing.append(series)
            continue
        colour = theme.group_colour(group)
        fig.add_trace(_scatter(
            x=[y for y, _ in points], y=[v for _, v in points], mode="lines+markers",
            name=name, line={"color": COLOUR, "dash": DASH, "width": 1.5},
            marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 14, "color": colour,
                    "line": {"color": colour, "width": 2}},
            hovertext=[f"{name}, {y}: {_fmt(series, v)} ({national.SOURCE})"
                       for y, v in points],
            hovertemplate="%{hovertext}<extra></extra>", cliponaxis=False,
            meta={"national": True, "group": group, "values": dict(points)}))
        legend.append(name)
    if missing:
        legend.append(_none_name(missing, years))
        _legend_only(fig, legend[-1])
    return legend


def at_year(fig: Fig, recs: Sequence[dict], year: int, *, label: Label,
            panel: int | str | None = None) -> list[str]:
    """On a chart of one year with the value along x: a vertical line at each national
    figure published for that year; the legend's names."""
    found = _series(recs)
    legend, missing = [], []
    for (group, series), name in zip(found, _names(found, label), strict=True):
        v = series.values.get(int(year))
        if v is None:
            missing.append(series)
        else:
            name = f"{name}, {year} ({_fmt(series, v)})"
            fig.add_vline(v, line={"color": COLOUR, "dash": DASH, "width": 2}, panel=panel)
            fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=name,
                                   line={"color": COLOUR, "dash": DASH, "width": 2},
                                   hoverinfo="skip", showlegend=True,
                                   meta={"national": True, "group": group, "value": v}))
            legend.append(name)
    if missing:
        legend.append(_none_name(missing, [int(year)]))
        _legend_only(fig, legend[-1])
    return legend
