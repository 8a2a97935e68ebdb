"""Where the dashboard's files are: app.py, pages/, .streamlit/config.toml and data/sample.

In an installed wheel they are the copy it carries (``wres_app/bundle``, put there by
setup.py's build step); run from a checkout (``make run``, an editable install, the tests)
they are the checkout's own, at its top level. app.py finds its pages relative to itself, so
whichever copy runs is complete.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLE = PACKAGE / "bundle"
CHECKOUT = PACKAGE.parent
# What the bundle holds, relative to the checkout's top level (setup.py copies these; a new
# page under pages/ is picked up by the pattern).
FILES = ("app.py", "pages/*.py", ".streamlit/config.toml", "data/sample/*")


def home() -> Path:
    """The folder holding app.py, pages/, .streamlit/ and data/sample."""
    return BUNDLE if (BUNDLE / "app.py").is_file() else CHECKOUT


def app_script() -> Path:
    return home() / "app.py"


def config_file() -> Path:
    return home() / ".streamlit" / "config.toml"


def sample_dir() -> Path:
    return home() / "data" / "sample"
