"""Benchmarks that print figures. Run one as `python -m bench.<name>` from the repository."""
