"""View builders shared by the pages and the evidence pack.

A builder takes the figures (results tables, never raw rows) and the chart words of one
view and returns the section's charts with the rows behind each (:class:`Chart`); a page
draws them with Streamlit (``dashboard.tables.show_chart``), the pack writes them to HTML
and the chart ZIP to PNG, so the three show the same charts. No streamlit here.
"""

from dashboard.views.chart import Chart, Words

__all__ = ["Chart", "Words"]
