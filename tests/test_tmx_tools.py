"""`align tmx merge|stats|filter` and the write → read → write round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

import cli
from tmx import render
from tmx.formats import tmx_document
from tmx.reader import header_props, iter_units

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="3.6" segtype="sentence"
 o-tmf="OmegaT TMX" adminlang="EN-US" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="zh-CN"><seg>他笑了。</seg></tuv><tuv xml:lang="en-US"><seg>He laughed.</seg></tuv></tu>
<tu tuid="x">
<tuv xml:lang="zh-CN"><seg>按<bpt i="1">&lt;b&gt;</bpt>这里<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
<tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>只有一边。</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1653819120")


@pytest.fixture
def small(make_alignment):
    return make_alignment(
        ["今天天气很好。", "我们去公园。", "控制\x01字符与<标记>&。", "他笑了。"],
        ["The weather is fine.", "We go to the park.", "Control & <markup>.", "He laughed."],
        [((0,), (0,), 0.91), ((1,), (1,), 0.35), ((2,), (2,), 0.7), ((3,), (3,), 0.6)],
    )


def run(*args: str | Path):
    return CliRunner().invoke(cli.app, [str(a) for a in args])


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_write_read_write_gives_identical_bytes(demo_alignment, small, epoch, tmp_path):
    for alignment in (demo_alignment, small):
        for cat in (False, True):
            first = write(tmp_path / "first.tmx", render(alignment, "tmx", cat_segments=cat))
            units = list(iter_units(first))
            again = tmx_document(units, next(iter(units[0].variants)), header=header_props(first))
            assert again == first.read_bytes()


def test_filter_at_zero_and_merge_of_one_file_give_the_file_back(small, epoch, tmp_path):
    original = write(tmp_path / "a.tmx", render(small, "tmx"))
    assert run("tmx", "filter", original, "--min-score", "0", "-o", tmp_path / "f.tmx").exit_code == 0
    assert (tmp_path / "f.tmx").read_bytes() == original.read_bytes()
    assert run("tmx", "merge", original, "-o", tmp_path / "m.tmx", "-q").exit_code == 0
    assert (tmp_path / "m.tmx").read_bytes() == original.read_bytes()


def test_merge_drops_duplicates_and_one_sided_units(small, make_alignment, tmp_path, tmx_dtd):
    a = write(tmp_path / "a.tmx", render(small, "tmx"))
    b = write(tmp_path / "b.tmx", OTHER_TOOL)
    result = run("tmx", "merge", a, b, a, "-o", tmp_path / "c.tmx")
    assert result.exit_code == 0, result.output
    assert "11 TUs read from 3 files" in result.stderr and "5 written" in result.stderr
    root = etree.parse(str(tmp_path / "c.tmx")).getroot()
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == ["1", "2", "3", "4", "5"]
    sources = [tu.findtext("tuv/seg") for tu in tus]
    assert sources == ["今天天气很好。", "我们去公园。", "控制字符与<标记>&。", "他笑了。", "按这里。"]
    # Props of our TUs survive; the other tool's TU has none.
    assert tus[0].find("prop[@type='x-score']").text == "0.9100"
    assert tus[4].find("prop") is None


def test_stats_counts_languages_beads_scores_and_duplicates(small, tmp_path):
    a = write(tmp_path / "a.tmx", render(small, "tmx"))
    run("tmx", "merge", a, write(tmp_path / "b.tmx", OTHER_TOOL), "-o", tmp_path / "c.tmx", "-q")
    result = run("tmx", "stats", tmp_path / "c.tmx")
    assert result.exit_code == 0, result.output
    lines = dict(line.split("\t") for line in result.stdout.splitlines())
    assert lines["translation units"] == "5"
    assert lines["duplicates"] == "0"
    assert lines["language zh-CN"].startswith("5 TUs")
    assert lines["bead 1-1"] == "4"
    assert lines["scored"].startswith("4 (mean 0.640")
    assert lines["score < 0.5"] == "1"
    assert lines["unscored"] == "1"
    dup = run("tmx", "stats", write(tmp_path / "d.tmx", OTHER_TOOL.replace(
        "</body>", '<tu><tuv xml:lang="zh-CN"><seg>他笑了。</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>He laughed.</seg></tuv></tu></body>')))
    assert "duplicates\t1" in dup.stdout


def test_filter_keeps_scores_at_or_above_and_unscored(small, tmp_path, tmx_dtd):
    merged = tmp_path / "c.tmx"
    run("tmx", "merge", write(tmp_path / "a.tmx", render(small, "tmx")),
        write(tmp_path / "b.tmx", OTHER_TOOL), "-o", merged, "-q")
    result = run("tmx", "filter", merged, "--min-score", "0.6", "-o", tmp_path / "g.tmx")
    assert result.exit_code == 0, result.output
    assert "4 of 5 TUs kept (1 without a score, kept)" in ANSI.sub("", result.stderr)
    root = etree.parse(str(tmp_path / "g.tmx")).getroot()
    assert tmx_dtd.validate(root)
    scores = [tu.findtext("prop[@type='x-score']") for tu in root.iter("tu")]
    assert scores == ["0.9100", "0.7000", "0.6000", None]


@pytest.mark.parametrize(("content", "fragment"), [
    ("<tmx version='1.4'><body><tu>", "not a well-formed TMX"),
    ("<html><body>no</body></html>", "not a TMX file"),
    (None, "cannot read"),
])
@pytest.mark.parametrize("command", ["merge", "stats", "filter"])
def test_bad_tmx_is_one_line_on_stderr_and_no_output(tmp_path, content, fragment, command):
    bad = tmp_path / "bad.tmx"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out.tmx"
    args = {"merge": ["merge", bad, "-o", out], "stats": ["stats", bad],
            "filter": ["filter", bad, "--min-score", "0.5", "-o", out]}[command]
    result = run("tmx", *args)
    assert result.exit_code == 2
    lines = ANSI.sub("", result.stderr).splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], lines
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.tmx")]


def test_external_entities_never_reach_the_output(tmp_path):
    secret = write(tmp_path / "secret.txt", "TOP-SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg>'
           '</tuv><tuv xml:lang="zh"><seg>秘密</seg></tuv></tu></body></tmx>')
    result = run("tmx", "merge", write(tmp_path / "xxe.tmx", xxe), "-o", "-", "-q")
    assert "TOP-SECRET" not in result.output
