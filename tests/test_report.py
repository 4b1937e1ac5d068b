"""Tests for the HTML review report (tmx.report) and ``align pair --report``.

Unit tests use hand-made alignments, so every expected number follows from the
beads written in the test. One test opens the demo pair's report in headless
Chromium (skipped when it is not installed) and reads the DOM after the page's
JavaScript ran.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
from test_cli import assert_one_line_error, files_in, run

from align.docpair import DocumentPair, Pairing, Skipped, Unpaired
from align.types import Alignment
from align.units import units
from tmx.report import PairStats, render_corpus_report, render_pair_report

HOSTILE = '<script>alert("x")</script> & "quotes" \'apos\' </td></table><img src=x onerror=alert(1)>'
VOID = {"meta", "input", "br", "img", "hr", "link"}


class BalanceChecker(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()


def check_balanced(data: bytes) -> list[str]:
    """Every element closed in order; returns the start tags seen."""
    checker = BalanceChecker()
    checker.feed(data.decode("utf-8"))
    checker.close()
    assert checker.stack == ["html"] or checker.stack == [], checker.stack
    return checker.tags


def parse(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data.decode("utf-8"))


@pytest.fixture
def weak_alignment(make_alignment) -> Alignment:
    """Seven beads: 1-1s of mixed confidence, a 2-1, a deletion, an insertion, with ties."""
    zh = [f"第{i}句。" for i in range(8)]
    en = [f"Sentence {i}." for i in range(7)]
    return make_alignment(zh, en, [
        ((0,), (0,), 0.9),
        ((1, 2), (1,), 0.35),
        ((3,), (), 0.0),
        ((4,), (2,), 0.62),
        ((), (3,), 0.0),
        ((5,), (4,), 0.35),
        ((6,), (5,), 0.48),
        ((7,), (6,), 0.97),
    ])


def bead_rows(root, scope: str = "//table[contains(@class, 'all')]") -> list:
    return root.xpath(f"{scope}/tbody/tr")


def track_points(root, scope: str = "") -> list[tuple[float, float]]:
    (path,) = root.xpath(f"{scope}//svg//path[@class='track']")
    return [tuple(map(float, p.split(","))) for p in re.findall(r"[-\d.]+,[-\d.]+", path.get("d"))]


def stat(root, name: str, scope: str = "") -> str:
    (node,) = root.xpath(f"{scope}//*[@data-stat='{name}']")
    return node.text_content().strip()


# --- the page as a whole ----------------------------------------------------------------


def test_report_is_balanced_utf8_html_with_language_tags(weak_alignment):
    data = render_pair_report(weak_alignment)
    tags = check_balanced(data)
    assert data.startswith(b"<!DOCTYPE html>")
    assert b'<meta charset="utf-8">' in data[:200]
    root = parse(data)
    rows = bead_rows(root)
    zh_cells = [td for row in rows for td in row.xpath("td[@lang='zh']")]
    en_cells = [td for row in rows for td in row.xpath("td[@lang='en']")]
    assert len(zh_cells) == sum(bool(b.src) for b in weak_alignment.beads)
    assert len(en_cells) == sum(bool(b.tgt) for b in weak_alignment.beads)
    assert "第1句。" in zh_cells[1].text_content() and "第2句。" in zh_cells[1].text_content()
    assert tags.count("script") == 1 and tags.count("style") == 1


def test_report_is_self_contained_and_deterministic(weak_alignment):
    data = render_pair_report(weak_alignment)
    assert data == render_pair_report(weak_alignment)
    root = parse(data)
    assert not root.xpath("//*[@src] | //link | //iframe | //object | //embed")
    hrefs = [el.get("href") for el in root.xpath("//*[@href]")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    ids = set(root.xpath("//@id"))
    assert {h[1:] for h in hrefs} <= ids | {"top"}
    assert b"url(" not in data and b"@import" not in data


def test_hostile_text_is_escaped_everywhere(make_alignment):
    alignment = make_alignment(
        [HOSTILE + "\x00\ud800", "第二句。"], [HOSTILE, "Second."],
        [((0,), (0,), 0.2), ((1,), (1,), 0.9)],
        src_name=f"{HOSTILE}.zh.txt", tgt_name="b&b.en.txt",
    )
    data = render_pair_report(alignment, title=HOSTILE)
    tags = check_balanced(data)
    assert tags.count("script") == 1 and "img" not in tags
    root = parse(data)
    assert root.xpath("string(//title)") == HOSTILE
    first = bead_rows(root)[0]
    # The text survives intact, as text (characters XML/HTML cannot carry are dropped).
    assert first.xpath("string(td[@lang='zh']/span[@class='s'])") == HOSTILE
    assert first.xpath("string(td[@lang='en']/span[@class='s'])") == HOSTILE
    assert f"{HOSTILE}.zh.txt" in root.xpath("string(//p[@class='docs'])")


# --- summary, path, weakest first -------------------------------------------------------


def test_summary_numbers(weak_alignment):
    root = parse(render_pair_report(weak_alignment, threshold=0.5))
    pairs = [b.confidence for b in weak_alignment.beads if b.is_pair]  # 0.9 .35 .62 .35 .48 .97
    assert stat(root, "tus") == "6"
    assert stat(root, "gaps") == "2"
    assert stat(root, "under") == "50.0%"  # 0.35, 0.35, 0.48 of six
    assert stat(root, "mean") == f"{sum(pairs) / len(pairs):.3f}"
    counts = {el.get("data-kind-count"): int(el.text) for el in root.xpath("//*[@data-kind-count]")}
    assert counts == {"1-1": 5, "2-1": 1, "1-0": 1, "0-1": 1}
    # A different threshold moves the share, nothing else.
    assert stat(parse(render_pair_report(weak_alignment, threshold=0.4)), "under") == "33.3%"


def test_rows_in_document_order_with_gaps_shown(weak_alignment):
    rows = bead_rows(parse(render_pair_report(weak_alignment)))
    assert [int(r.get("data-n")) for r in rows] == list(range(1, len(weak_alignment.beads) + 1))
    assert [r.get("data-kind") for r in rows] == [b.kind for b in weak_alignment.beads]
    deletion, insertion = rows[2], rows[4]
    assert "gap" in deletion.get("class").split() and "gap" in insertion.get("class").split()
    assert deletion.xpath("td[3]/@class") == ["gap"] and not deletion.xpath("td[3]/@lang")
    assert insertion.xpath("td[2]/@class") == ["gap"] and not insertion.xpath("td[2]/@lang")
    assert "weak" in rows[1].get("class").split() and "weak" not in rows[3].get("class").split()


def test_svg_path_has_one_point_per_bead_moving_forward(weak_alignment):
    root = parse(render_pair_report(weak_alignment))
    points = track_points(root)
    assert len(points) == len(weak_alignment.beads)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # SVG's y axis points down
    assert xs[2] > xs[1] and ys[2] == ys[1]  # a deletion moves along the source axis only
    assert xs[4] == xs[3] and ys[4] < ys[3]  # an insertion along the target axis only
    dots = root.xpath("//svg//a")
    assert [a.get("href") for a in dots] == [f"#b{n}" for n in range(1, len(points) + 1)]
    assert len(root.xpath("//svg//circle[@class='gap']")) == 2


def weakest_items(root) -> list:
    return root.xpath("//details[@class='weakest']/ol/li")


def test_weakest_beads_come_weakest_first_with_their_neighbours(weak_alignment, monkeypatch):
    import tmx.report

    monkeypatch.setattr(tmx.report, "WEAKEST", 2)  # the gaps, beads 3 and 5: one shared neighbour
    root = parse(render_pair_report(weak_alignment))
    [item] = weakest_items(root)
    assert item.get("data-n") == "3" and item.get("data-beads") == "3 5"
    assert item.xpath("a/@href") == ["#b3", "#b5"] and root.xpath("//tr[@id='b3']")
    shown = [int(r.get("data-n")) for r in item.xpath(".//tbody/tr")]
    assert shown == [2, 3, 4, 5, 6]  # bead 4, neighbour of both, once
    focus = [int(r.get("data-n")) for r in item.xpath(".//tr[contains(@class, 'focus')]")]
    assert focus == [3, 5]
    assert not item.xpath(".//tr/@id")  # ids stay unique: only the main table has them


def test_weakest_beads_never_show_a_bead_twice(make_alignment, monkeypatch):
    import tmx.report

    monkeypatch.setattr(tmx.report, "WEAKEST", 4)
    conf = [0.9, 0.91, 0.92, 0.93, 0.2, 0.1, 0.94, 0.95, 0.96, 0.97, 0.98, 0.3, 0.99, 0.4, 0.97]
    n = len(conf)
    alignment = make_alignment([f"第{i}句。" for i in range(n)], [f"S {i}." for i in range(n)],
                               [((i,), (i,), c) for i, c in enumerate(conf)])
    items = weakest_items(parse(render_pair_report(alignment)))
    # Weakest first: bead 6 (0.1) with its neighbour 5 (0.2); then 12 and 14 (0.3, 0.4).
    assert [li.get("data-beads") for li in items] == ["5 6", "12 14"]
    rows = [int(r.get("data-n")) for li in items for r in li.xpath(".//tbody/tr")]
    assert rows == [4, 5, 6, 7, 11, 12, 13, 14, 15]
    assert len(rows) == len(set(rows))


# --- TUs counted as the TMX holds them -------------------------------------------------------


@pytest.fixture
def dialogue(make_alignment) -> Alignment:
    """“……。”他说。 is two sentences to us, one segment to a CAT tool: TMX merges the beads."""
    return make_alignment(["“是的。”", "汪淼说。", "第三句。", "第四句。"],
                          ['"Yes."', "Wang Miao said.", "Third.", "Fourth."],
                          [((0,), (0,), 0.8), ((1,), (1,), 0.7), ((2,), (2,), 0.9), ((3,), (3,), 0.3)])


@pytest.mark.parametrize(("min_score", "cat"), [(0.0, True), (0.0, False), (0.5, True), (0.5, False)])
def test_report_counts_the_tus_the_tmx_holds(dialogue, min_score, cat):
    from tmx import render

    tmx = lxml.etree.fromstring(render(dialogue, "tmx", min_score, cat_segments=cat))
    root = parse(render_pair_report(dialogue, min_score=min_score, cat_segments=cat))
    assert stat(root, "tus") == str(len(tmx.findall("body/tu")))
    assert stat(root, "tus") == {(0.0, True): "3", (0.0, False): "4", (0.5, True): "2",
                                 (0.5, False): "3"}[min_score, cat]


def test_corpus_report_counts_the_tus_of_corpus_tmx(dialogue):
    from tmx.formats import to_tmx

    pairing = Pairing("zh", "en", [DocumentPair("d.zh.txt", "d.en.txt", 0.9, 1.0, 1.0)], [])
    tmx = lxml.etree.fromstring(to_tmx([dialogue], 0.0, cat_segments=True))
    stats = PairStats.of(dialogue, 0.5, 0.0, cat_segments=True)
    root = parse(render_corpus_report(pairing, [stats], ["tmx/001_d.html"]))
    assert root.xpath("string(//table[@class='corpus']/tbody/tr/td[5])") == \
        str(len(tmx.findall("body/tu"))) == "3"


def test_pair_report_counts_the_tus_of_the_tmx_written(tmp_path, fake_encoder):
    zh = tmp_path / "d.zh.txt"
    zh.write_text("“是的。”汪淼说。他走了。\n第二段。\n", encoding="utf-8")
    en = tmp_path / "d.en.txt"
    en.write_text('"Yes." Wang Miao said. He left.\nThe second paragraph.\n', encoding="utf-8")
    for extra in ([], ["--sentence-tus"], ["--min-score", "0.3"]):
        out, report = tmp_path / "d.tmx", tmp_path / "d.html"
        result = run("pair", zh, en, "-o", out, "--report", report, "-q", *extra)
        assert result.exit_code == 0, result.output
        tus = lxml.etree.parse(str(out)).getroot().findall("body/tu")
        assert stat(parse(report.read_bytes()), "tus") == str(len(tus)), extra


def test_pair_help_describes_the_report_as_it_is():
    help_text = " ".join(run("pair", "--help").output.replace("│", " ").split())
    assert "weakest beads first" not in help_text
    assert "weakest beads with their neighbours, then every bead in document order" in help_text


# --- corpus report ----------------------------------------------------------------------


def test_corpus_report_rows_link_to_the_pair_pages(weak_alignment, make_alignment):
    other = make_alignment(["一。", "二。"], ["One.", "Two."], [((0,), (0,), 0.8), ((1,), (1,), 0.3)])
    pairing = Pairing("zh", "en", [DocumentPair("a.zh.txt", "a.en.txt", 0.91, 1.0, 1.0),
                                   DocumentPair(HOSTILE, "b.en.txt", 0.55, 0.34, 0.98)],
                      [Unpaired("seeds/x.txt", "en", "seeds/y.txt", 0.123),
                       Unpaired("lonely.txt", "zh", None, 0.0)],
                      [Skipped("notes.txt", "language 'de', not zh or en")])
    stats = [PairStats.of(a, 0.5) for a in (weak_alignment, other)]
    pages = ["tmx/001_a.html", 'tmx/002_<b">.html']
    data = render_corpus_report(pairing, stats, pages)
    tags = check_balanced(data)
    assert tags.count("script") == 1 and "img" not in tags and "section" in tags
    root = parse(data)
    assert not root.xpath("//section[@class='pair']")  # each pair is on its own page
    rows = root.xpath("//table[@class='corpus']/tbody/tr")
    assert [r.xpath("string(td[2])") for r in rows] == ["a.zh.txt ↔ a.en.txt", f"{HOSTILE} ↔ b.en.txt"]
    assert [r.xpath("string(td[2]/a/@href)") for r in rows] == pages
    assert [r.xpath("string(td[3])") for r in rows] == ["0.910", "0.550"]
    assert [r.xpath("string(td[4])") for r in rows] == ["100%", "34%"]
    assert [r.xpath("string(td[5])") for r in rows] == [str(s.tus) for s in stats]
    assert rows[1].xpath("string(td[7])") == "50.0%"
    leftovers = [[td.text_content() for td in r] for r in root.xpath("//table[@class='unpaired']/tbody/tr")]
    assert leftovers == [["seeds/x.txt", "en", "seeds/y.txt", "0.123"], ["lonely.txt", "zh", "—", "—"]]
    skipped = [[td.text_content() for td in r] for r in root.xpath("//table[@class='skipped']/tbody/tr")]
    assert skipped == [["notes.txt", "language 'de', not zh or en"]]
    assert (stat(root, "pairs"), stat(root, "unpaired"), stat(root, "skipped")) == ("2", "2", "1")


def test_corpus_report_without_pairs():
    root = parse(render_corpus_report(Pairing("zh", "en", [], [Unpaired("a.txt", "en", None, 0.0)]), [], []))
    assert "No document pairs" in root.text_content()
    assert not root.xpath("//section[@class='pair']")
    assert not root.xpath("//table[@class='skipped']")


# --- align pair --report ------------------------------------------------------------------


def test_pair_writes_the_report_beside_the_tmx(demo_pair, fake_encoder, tmp_path):
    out, report = tmp_path / "demo.tmx", tmp_path / "demo.html"
    result = run("pair", *demo_pair, "-o", out, "--report", report, "-q")
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path) == ["demo.html", "demo.tmx"]
    root = parse(report.read_bytes())
    tus = lxml.etree.parse(str(out)).getroot().findall("body/tu")
    assert stat(root, "tus") == str(len(tus))
    assert len(track_points(root)) == len(bead_rows(root))


def test_pair_report_into_missing_folder_fails_before_aligning(demo_pair, fake_encoder, tmp_path):
    result = run("pair", *demo_pair, "-o", tmp_path / "a.tmx", "--report", tmp_path / "no" / "a.html")
    assert_one_line_error(result, "does not exist")
    assert fake_encoder.calls == 0
    assert files_in(tmp_path) == []


def test_pair_report_and_output_must_differ(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "a.tmx"
    assert_one_line_error(run("pair", *demo_pair, "-o", out, "--report", out), "same file")
    assert files_in(tmp_path) == []


# --- the demo report in a real browser ------------------------------------------------------


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browse(html: Path, profile: Path, *action: str) -> subprocess.CompletedProcess:
    """Headless Chromium with a fresh profile and no network of its own."""
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
         "--hide-scrollbars", *action, html.as_uri()],
        capture_output=True, timeout=120, check=True,
    )


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_demo_report_in_headless_chromium(demo_alignment, tmp_path):
    page = tmp_path / "demo.html"
    page.write_bytes(render_pair_report(demo_alignment))

    shot = tmp_path / "demo.png"
    _browse(page, tmp_path / "profile1", f"--screenshot={shot}", "--window-size=1200,1000")
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000, "a blank page compresses to a few KB"

    dom = _browse(page, tmp_path / "profile2", "--dump-dom").stdout
    root = lxml.html.document_fromstring(dom.decode("utf-8"))
    beads = demo_alignment.beads
    pairs = [b.confidence for b in beads if b.is_pair]
    assert stat(root, "tus") == str(len(units(demo_alignment)))
    assert stat(root, "mean") == f"{sum(pairs) / len(pairs):.3f}"
    under = sum(c < 0.5 for c in pairs)
    assert stat(root, "under") == f"{100 * under / len(pairs):.1f}%"
    assert len(track_points(root)) == len(beads)
    # The script ran: it revealed the filter controls and counted the rows.
    (controls,) = root.xpath("//div[@class='controls']")
    assert controls.get("hidden") is None
    assert controls.xpath("string(output)") == f"{len(beads)} of {len(beads)} beads shown"
    assert len(root.xpath("//table[contains(@class, 'all')]/tbody/tr[@id]")) == len(beads)


def test_report_names_the_signature_that_made_the_alignment(demo_alignment):
    page = render_pair_report(demo_alignment).decode("utf-8")
    assert demo_alignment.signature.startswith("align:")
    signature = lxml.html.fromstring(page).xpath("//p[@class='signature']/code/text()")
    assert signature == [demo_alignment.signature]
