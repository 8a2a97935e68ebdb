"""The ``wres`` command people install: the core's commands (``wres_core.cli``: check,
indicators, report) plus what belongs to the user interface, added through
``wres_core.cli_extras``: ``wres app`` (the dashboard) and the evidence pack
(``wres report --out FILE.html``), whose charts are drawn with plotly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from wres_app import launch
from wres_core import cli as core
from wres_core.cli_extras import Command, Extras


def _pack_bytes(report) -> bytes:
    # Imported when a pack is asked for: plotly and the chart code take a second to load.
    from dashboard.pack import pack_bytes

    return pack_bytes(report)


EXTRAS = Extras(
    commands=(Command("app", "open the dashboard in your browser (your data stays on this "
                      "machine)", launch.configure, launch.run),),
    report_writers={".html": _pack_bytes},
)


def main(argv: Sequence[str] | None = None) -> int:
    return core.main(argv, extras=EXTRAS)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
