"""The Streamlit dashboard's shared parts: session state, data sources, sidebar, theme,
charts and captions. Pages in ``pages/`` import from here; nothing here computes an
indicator (that is ``wres_core``'s job)."""
