"""The nine WRES indicators, each a pure function from a Dataset to results-table rows."""
