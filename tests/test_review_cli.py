"""`align pair --review` and `align review`: the project file, the address, the errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import cli
from tmx.review import load_project


def run(*args: str | Path):
    return CliRunner().invoke(cli.app, [str(a) for a in args])


def test_pair_review_writes_the_tmx_and_its_project_then_serves_it(
        tmp_path, demo_pair, fake_encoder, monkeypatch):
    served = []
    monkeypatch.setattr(cli, "_serve", lambda server, browser: served.append((server, browser)))
    output = tmp_path / "report.tmx"
    result = run("pair", *demo_pair, "-o", output, "--review", "--no-browser", "-q")
    assert result.exit_code == 0, result.output
    project = load_project(tmp_path / "report.align.json")
    assert project.tmx_path == output and output.is_file()
    assert len(project.base.src) > 70 and project.review.edits == []
    (server, browser), = served
    assert server.sessions[0].project.path == project.path and browser is False
    assert server.url.startswith("http://127.0.0.1:") and server.token in server.url
    server.server_close()


def test_review_needs_a_tmx_file(tmp_path, demo_pair, fake_encoder):
    for output in ("-", tmp_path / "out.tsv"):
        result = run("pair", *demo_pair, "-o", output, "--review")
        assert result.exit_code == 2 and "--review corrects a TMX file" in result.output


def test_review_of_a_missing_or_foreign_file_is_one_error_line(tmp_path):
    result = run("review", tmp_path / "nothing.align.json")
    assert result.exit_code == 2 and "no such review project" in result.output
    (tmp_path / "other.align.json").write_text('{"some": "json"}', encoding="utf-8")
    result = run("review", tmp_path / "other.align.json")
    assert result.exit_code == 2 and "not a review project" in result.output
    result = run("review", tmp_path)
    assert result.exit_code == 2 and "pairs.tsv" in result.output
