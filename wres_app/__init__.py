"""WRES Explorer as an installed application: the ``wres`` command people install (the core's
commands, plus ``wres app`` and the evidence pack) and the dashboard's own files.

A wheel carries the dashboard (app.py, pages/, .streamlit/config.toml and the sample) in
``wres_app/bundle``, copied there at build time by setup.py from the checkout's top level,
where they stay for ``make run``.
"""
