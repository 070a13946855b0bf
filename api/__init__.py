"""paperkg.api: the Python API in one place — build a graph directory, load it.

::

    from paperkg.api import build, load

    report = build(["papers.bib"], "paperkg-out")   # a BuildReport
    graph = load("paperkg-out")                      # a networkx.MultiDiGraph

This layer sits above ``extract``, ``graph`` and ``viz`` (it runs all three) and below
``cli``; it never prints and never imports click.
"""

from __future__ import annotations

from paperkg.graph import load

from .building import BuildReport, build

__all__ = ["BuildReport", "build", "load"]
