"""Exports of the results table: the WRES workbook (.xlsx) and the action notes.

- :mod:`wres_core.exports.report`: :class:`Report`, what an export is of (engine, query,
  years, words for titles, action notes), and the texts every export carries;
- :mod:`wres_core.exports.workbook`: the WRES workbook, openpyxl only;
- :mod:`wres_core.exports.notes`: the action notes file (load / dump, validated).

The evidence pack (HTML) and chart images need plotly, which the core does not use: they are
in ``dashboard.pack`` and ``dashboard.images``, built from the same :class:`Report`.
"""

from wres_core.exports.notes import Note, NotesError
from wres_core.exports.report import Report, report_for
from wres_core.exports.workbook import build_workbook, workbook_bytes

__all__ = ["Note", "NotesError", "Report", "build_workbook", "report_for", "workbook_bytes"]
