"""Correcting an alignment in the browser: project file, local server, page.

``review_server(path)`` opens a project file (or the one beside a TMX) or a
corpus folder of ``align docs`` and returns the server, not yet serving.
"""

from __future__ import annotations

from pathlib import Path

from tmx.review.corpus import load_corpus
from tmx.review.project import Project, TmxOptions, create_project, load_project, project_path_for
from tmx.review.server import ReviewServer, Session, can_open_browser, open_browser

__all__ = ["Project", "ReviewServer", "TmxOptions", "can_open_browser", "create_project",
           "load_project", "open_browser", "project_path_for", "review_server"]


def review_server(path: str | Path) -> ReviewServer:
    """A server for the project at ``path`` or every pair of the corpus folder ``path``."""
    path = Path(path)
    if path.is_dir():
        corpus, projects = load_corpus(path)
        return ReviewServer([Session(p) for p in projects], corpus)
    return ReviewServer([Session(load_project(path))])
