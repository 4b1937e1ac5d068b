"""The package layout's rules: align/ is the library and never imports tmx/ or the CLI;
tmx/ (files on disk) never imports the CLI; no module grows past about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

MAX_LINES = 420


def imported_modules(path: Path) -> set[str]:
    """Top-level package of every import in a source file, including imports in functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def sources(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize(("package", "forbidden"), [("align", {"tmx", "cli"}), ("tmx", {"cli"})])
def test_dependencies_point_one_way(package, forbidden):
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & forbidden)
        for path in sources(package)
        if imported_modules(path) & forbidden
    }
    assert not offenders, f"{package}/ must not import {sorted(forbidden)}: {offenders}"


def test_the_rule_catches_an_offending_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from tmx.formats import to_tmx\n    return to_tmx\n")
    assert imported_modules(module) == {"tmx"}


def test_no_module_is_past_about_400_lines():
    long = {str(p.relative_to(REPO)): n for p in [*sources("align"), *sources("tmx"), REPO / "cli.py"]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: split them by job: {long}"
