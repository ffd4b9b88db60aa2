"""Benchmarks: each prints its figures beside the target and a same-run baseline where one applies."""
