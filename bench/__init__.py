"""Benchmarks of portal-archive (issue 9): ``python -m bench [--quick] [--output DIR]``.

Each figure is a ratio measured side by side in one run, against what an operator would
otherwise use: bare Scrapy, trafilatura, raw warcio. ``make bench`` writes docs/benchmarks.md
and docs/benchmarks.json; ``--quick`` runs every step at a tiny size so the smoke test keeps
the code from rotting (its numbers mean nothing).
"""

from pathlib import Path

# The repository root: where `python -m bench.…` resolves, whatever the caller's working directory.
REPO = Path(__file__).resolve().parents[1]
