"""Benchmarks: synthetic data at trust and national scale, and the timing script (see README)."""
