"""A plotly figure kept as plain dicts while a builder works on it, made into a
``go.Figure`` once at the end.

Plotly's object API validates and copies on every call (``update_layout``, ``add_vline``,
``make_subplots``, a template given by name): building the workforce page's charts that way
took about 0.6 s of the 1 s a filter change took on the server. ``Fig`` does the same few
calls on dicts and gives plotly the finished spec, which it does not validate again: the
tests validate every builder's output instead (``tests/test_figures_spec.py``), so an
invalid property still fails there. The spec the browser gets is the one the object API
made: the same traces, shapes, annotations, axes and template.

No Streamlit here, so that the exports can use it too.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence

import plotly.graph_objects as go

_AXIS = re.compile(r"^([xy])axis(\d*)$")
# make_subplots' spacing between the panels of a row (share_bars: Non-clinical | Clinical).
PANEL_SPACING = 0.08


@functools.cache
def _template(name: str) -> dict:
    import plotly.io as pio

    return pio.templates[name].to_plotly_json()


def template(name: str | None = "plotly_white") -> dict:
    """A registered plotly template as a plain dict, built once per process (resolving and
    validating it by name cost about 10 ms a figure); each figure gets its own copy. None:
    plotly's default template, as ``go.Figure()`` would take it (in the app, Streamlit's
    placeholder template, whose colours the browser fills in from the Streamlit theme)."""
    if name is None:
        import plotly.io as pio

        default = pio.templates.default
        if not isinstance(default, str):
            return default.to_plotly_json() if default is not None else {}
        name = default
    return copy.deepcopy(_template(name))


@functools.cache
def _grid(panels: int, titled: bool) -> dict:
    """The layout ``make_subplots`` gives one row of ``panels`` with a shared y axis
    (axes, domains and, if ``titled``, the title annotations with placeholder text)."""
    from plotly.subplots import make_subplots

    titles = [str(i) for i in range(panels)] if titled else None
    layout = make_subplots(rows=1, cols=panels, shared_yaxes=True,
                           horizontal_spacing=PANEL_SPACING,
                           subplot_titles=titles).to_plotly_json()["layout"]
    layout.pop("template", None)
    return layout


def _merge(into: dict, update: dict) -> None:
    """Plotly's update: nested dicts merge, anything else replaces."""
    for key, value in update.items():
        old = into.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            _merge(old, value)
        else:
            into[key] = copy.deepcopy(value) if isinstance(value, dict) else value


class Fig:
    """A figure under construction: ``data`` (trace dicts) and ``layout`` (a dict).

    ``panels``: 0 for a plain figure (``go.Figure()``); n for one row of n panels sharing
    the y axis (``make_subplots(rows=1, cols=n, shared_yaxes=True, horizontal_spacing=0.08,
    subplot_titles=titles)``), whose traces and shapes are placed with ``panel=``.
    ``template``: the registered plotly template the figure carries (None: plotly's default).
    """

    def __init__(self, *, panels: int = 0, titles: Sequence[str] | None = None,
                 template: str | None = "plotly_white") -> None:
        self.data: list[dict] = []
        self.layout: dict = {}
        self.panels = panels
        self._template = template
        if panels:
            self.layout = copy.deepcopy(_grid(panels, bool(titles)))
            for note, title in zip(self.layout.get("annotations", []), titles or (),
                                   strict=False):
                note["text"] = title

    # --- traces ---------------------------------------------------------------------
    def add_trace(self, trace: dict, *, panel: int | None = None) -> dict:
        """Add a trace (a dict with its ``type``); properties set to None are left out,
        as plotly leaves them out."""
        trace = {k: v for k, v in trace.items() if v is not None}
        if panel is not None and self.panels:
            trace["xaxis"], trace["yaxis"] = self._refs(panel)
        self.data.append(trace)
        return trace

    def _refs(self, panel: int) -> tuple[str, str]:
        suffix = "" if panel == 1 else str(panel)
        return f"x{suffix}", f"y{suffix}"

    def _has_traces(self, panel: int) -> bool:
        refs = self._refs(panel)
        return any((t.get("xaxis", "x"), t.get("yaxis", "y")) == refs for t in self.data)

    # --- layout ---------------------------------------------------------------------
    def update_layout(self, **update) -> Fig:
        _merge(self.layout, update)
        return self

    def _axes(self, letter: str, panel: int | None) -> list[str]:
        if panel is not None and self.panels:
            return [f"{letter}axis{'' if panel == 1 else panel}"]
        # Every axis of that letter the figure has, and always the first one.
        found = {k for k in self.layout if (m := _AXIS.match(k)) and m.group(1) == letter}
        return sorted(found | {f"{letter}axis"})

    def _update_axes(self, letter: str, panel: int | None, update: dict) -> Fig:
        for name in self._axes(letter, panel):
            axis = self.layout.setdefault(name, {})
            for key, value in update.items():
                if value is None:
                    # Plotly resets a compound property given None to an empty one.
                    axis[key] = {}
                else:
                    _merge(axis, {key: value})
        return self

    def update_xaxes(self, *, panel: int | None = None, **update) -> Fig:
        return self._update_axes("x", panel, update)

    def update_yaxes(self, *, panel: int | None = None, **update) -> Fig:
        return self._update_axes("y", panel, update)

    def add_annotation(self, **note) -> Fig:
        self.layout.setdefault("annotations", []).append(note)
        return self

    def _add_shape(self, shape: dict, panels: Sequence[int] | None, x_domain: bool) -> None:
        """Add a shape on one axis pair (plain figure) or on each listed panel that has a
        trace (plotly leaves empty panels out)."""
        if not self.panels or panels is None:
            targets = [("x", "y")]
        else:
            targets = [self._refs(p) for p in panels if self._has_traces(p)]
        for xref, yref in targets:
            one = dict(shape)
            one["xref"] = f"{xref} domain" if x_domain else xref
            one["yref"] = yref if x_domain else f"{yref} domain"
            self.layout.setdefault("shapes", []).append(one)

    def _panels(self, panel: int | str | None) -> list[int] | None:
        if not self.panels:
            return None
        if panel is None or panel == "all":
            return list(range(1, self.panels + 1))
        return [int(panel)]

    def add_vline(self, x: float, *, line: dict, panel: int | str | None = None,
                  layer: str | None = None) -> Fig:
        """A vertical line across the plot (``fig.add_vline``)."""
        shape = {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": dict(line)}
        if layer:
            shape["layer"] = layer
        self._add_shape(shape, self._panels(panel), x_domain=False)
        return self

    def add_hline(self, y: float, *, line: dict, layer: str | None = None) -> Fig:
        """A horizontal line across the plot (``fig.add_hline``)."""
        shape = {"type": "line", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": dict(line)}
        if layer:
            shape["layer"] = layer
        self._add_shape(shape, self._panels(None), x_domain=True)
        return self

    def add_vrect(self, x0: float, x1: float, *, fillcolor: str, line: dict,
                  layer: str | None = None) -> Fig:
        """A band across the plot between two x values (``fig.add_vrect``)."""
        shape = {"type": "rect", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
                 "fillcolor": fillcolor, "line": dict(line)}
        if layer:
            shape["layer"] = layer
        self._add_shape(shape, self._panels(None), x_domain=False)
        return self

    def add_hrect(self, y0: float, y1: float, *, fillcolor: str, line: dict,
                  layer: str | None = None, panel: int | str | None = None) -> Fig:
        """A band across the plot between two y values (``fig.add_hrect``)."""
        shape = {"type": "rect", "x0": 0, "x1": 1, "y0": y0, "y1": y1,
                 "fillcolor": fillcolor, "line": dict(line)}
        if layer:
            shape["layer"] = layer
        self._add_shape(shape, self._panels(panel), x_domain=True)
        return self

    # --- the end ----------------------------------------------------------------------
    def spec(self) -> dict:
        """The plotly figure spec (``{"data": [...], "layout": {...}}``)."""
        layout = dict(self.layout)
        chosen = template(self._template)
        if chosen:
            layout["template"] = chosen
        return {"data": self.data, "layout": layout}

    def figure(self) -> go.Figure:
        """The finished ``go.Figure``, made without validating again (see the module
        docstring: the tests validate)."""
        return go.Figure(self.spec(), _validate=False)
