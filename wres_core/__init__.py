"""WRES Explorer's calculation core: loading, codes, the nine indicators, statistics and exports.

Pure Python and pandas: nothing here imports streamlit or plotly.
"""

__version__ = "0.1.0"
