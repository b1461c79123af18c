"""Importing legal documents from files, folders, archives and JSON corpora.

`run_import` is the single entry point used by the `phapluat import` command, the editorial upload and
the benchmarks. Sources are adapters registered in `sources.py`.
"""
from .runner import ImportSummary, run_import

__all__ = ["ImportSummary", "run_import"]
