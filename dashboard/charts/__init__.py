"""Plotly figure builders. Every builder takes rows of the results table (never raw rows),
already narrowed by the page to what the chart shows, plus the chart's words (``ChartText``),
and returns a ``plotly.graph_objects.Figure`` that stands alone as evidence: its title says
what, who and when, its footnote (inside the figure) says the source, the base and the
suppression rule, so that a screenshot or the downloaded PNG can be quoted as it is.

Conventions shared by every builder:

- Colours are the group's constant colour (``dashboard.theme.group_colour``); meaning is
  never carried by colour alone: every series also has a marker symbol, a legend entry or a
  label in words. Reference lines are dark grey and dashed, and say what they are.
- Percent axes start at zero. Relative likelihoods are ratios: shown with two decimals on a
  log axis around 1, with the non-adverse range 0.80 to 1.25 shaded, never as percentages.
  Likelihoods (proportions) are shown as percents by plotly's own axis format, without
  changing the figure.
- Withheld figures (publication-safe mode) are drawn as the word "withheld", never as a
  number, a zero or a gap without explanation; figures that cannot be computed say "not
  available". Figures with a small base carry the caution mark (†).
- User text (department names) is escaped before plotly sees it (plotly reads a few HTML
  tags in labels), and long names are shortened on the axis (in full on hover).
- Every point carries ``customdata = [drill column, drill value, group, level, figure,
  measure, year, indicator]`` (the drill column empty where a click means nothing) and
  every trace a
  ``meta`` dict (indicator, measure, group, year, dimension) so that a click can drill down
  and a test can check each drawn figure against the results table.

The package, by indicator family with the shared parts apart: ``workforce`` (indicators 1
and 9), ``likelihood`` (2 to 4), ``survey`` (5 to 8), ``ranking`` (organisations side by
side); ``layout``, ``labels``, ``values``, ``ratio`` and ``selection`` are shared. Every
public name (and the few shared helpers ``dashboard.pay`` builds on) is importable from
``dashboard.charts`` as it was when this was one module.
"""

from dashboard.charts.labels import (
    LABEL_CHARS,
    SYMBOLS,
    Label,
    _hover,
    _label_text,
    _unique_labels,
    short_label,
    text_on,
)
from dashboard.charts.layout import (
    AXIS_PX,
    FOOT_LINE_PX,
    LEGEND_ROW_PX,
    MIN_PLOT_PX,
    REFERENCE_COLOUR,
    ROW_PX,
    TITLE_LINE_PX,
    WHOLE,
    WITHHELD_FILL,
    _cd,
    _err,
    _finish,
    _left_margin,
    _meta,
    _scatter,
    empty_figure,
    presented,
)
from dashboard.charts.likelihood import likelihood_bars, ratio_dots, ratio_trend
from dashboard.charts.ranking import ranked_dots
from dashboard.charts.ratio import RATIO_TICKS
from dashboard.charts.selection import (
    MODEBAR_REMOVE,
    drill_from_selection,
    drill_levels,
    plotly_config,
    select,
)
from dashboard.charts.survey import percent_bars, percent_dumbbell, percent_trend
from dashboard.charts.values import _num, _status
from dashboard.charts.workforce import (
    YEAR_SYMBOLS,
    model_employer_bars,
    share_bars,
    share_by_year,
)

__all__ = [
    "AXIS_PX", "FOOT_LINE_PX", "LABEL_CHARS", "LEGEND_ROW_PX", "MIN_PLOT_PX", "MODEBAR_REMOVE",
    "RATIO_TICKS", "REFERENCE_COLOUR", "ROW_PX", "SYMBOLS", "TITLE_LINE_PX", "WHOLE",
    "WITHHELD_FILL", "YEAR_SYMBOLS", "Label", "drill_from_selection", "drill_levels",
    "empty_figure",
    "likelihood_bars", "model_employer_bars", "percent_bars", "percent_dumbbell",
    "percent_trend", "plotly_config", "presented", "ranked_dots", "ratio_dots",
    "ratio_trend", "select", "share_bars", "share_by_year", "short_label", "text_on",
    # Shared helpers other builders (dashboard.pay) use; kept importable from here.
    "_cd", "_err", "_finish", "_hover", "_label_text", "_left_margin", "_meta", "_num",
    "_scatter", "_status", "_unique_labels",
]
