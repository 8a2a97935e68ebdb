"""What a front end adds to the core's ``wres`` command, without the core importing it.

The core's command line (``wres_core.cli``) checks files, prints the results table and
writes the WRES workbook: nothing there needs a browser, a chart or Streamlit. The command
people install (``wres_app.cli``) adds what the user interface owns, through this small
interface: more subcommands (``wres app``, which starts the dashboard) and more report
writers (``--out FILE.html``, the evidence pack, whose charts are drawn with plotly).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from wres_core.exports.report import Report


@dataclass(frozen=True)
class Command:
    """One more subcommand: its name and one-line help, a function that adds its arguments
    (and description) to its parser, and a function that runs it and returns the exit code."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Extras:
    """Subcommands and report writers (by file suffix, e.g. ".html") a front end adds."""

    commands: Sequence[Command] = ()
    report_writers: Mapping[str, Callable[[Report], bytes]] = field(default_factory=dict)


NONE = Extras()
