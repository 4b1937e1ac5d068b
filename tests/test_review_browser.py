"""The review page in a real browser (headless Chromium, system chromedriver), driven by
the keyboard against a real `align review` process, which is killed mid-session."""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from test_review_support import chrome, demo_alignment_fast, make_project

from align.review import Edit, Review
from align.text import HAN
from align.units import units
from tmx.reader import iter_units
from tmx.review import load_project, review_server

REPO = Path(__file__).resolve().parents[1]
#: Words in the names of the fonts that carry Chinese glyphs on Linux, macOS and Windows.
CJK_FONT_MARKS = ("CJK", "Han", "WenQuanYi", "Hei", "Song", "Ming", "Kai", "YaHei", "PingFang",
                  "DengXian", "Droid Sans Fallback", "AR PL")


class ReviewProcess:
    """`align review PROJECT --no-browser` in its own process; its URL from stdout."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli", "review", str(project), "--no-browser"], cwd=REPO,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "CI": "1"})
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), self.process.stderr.read()

    def kill(self) -> None:
        """As a crash would: no clean shutdown, no chance to save anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    yield driver
    driver.quit()


def open_page(driver, url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")


def press(driver, keys: str, edits: int | None = None) -> None:
    """Type ``keys`` on the page; with ``edits``, wait until the server has answered and the
    page shows that many edits made."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    ActionChains(driver).send_keys(keys).perform()
    if edits is not None:
        body = driver.find_element("tag name", "body")
        WebDriverWait(driver, 20).until(
            lambda d: body.get_attribute("data-pending") == "0"
            and body.get_attribute("data-edits") == str(edits))


def rows(driver) -> list[tuple[int, int]]:
    """The page's beads as (source sentences, target sentences) per row."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.bead')].map(r => "
        "[r.querySelectorAll('.src .s').length, r.querySelectorAll('.tgt .s').length]);")


def test_keyboard_edits_survive_a_crash_and_reach_the_tmx(tmp_path, demo_pair, browser, tmx_dtd):
    alignment = demo_alignment_fast(demo_pair)
    project_file = make_project(alignment, tmp_path)
    original = Review.of(alignment).beads
    merge_at = next(n for n, (a, b) in enumerate(itertools.pairwise(original))
                    if a.src and a.tgt and b.src and b.tgt)
    expected = Review.of(alignment)
    expected.apply(Edit("merge", merge_at, "today"))
    split_at = next(n for n, b in enumerate(expected.beads)
                    if n > merge_at + 1 and len(b.src) >= 2 and len(b.tgt) >= 2)
    expected.apply(Edit("split", split_at, "today", "src", expected.beads[split_at].src[1]))

    server = ReviewProcess(project_file)
    open_page(browser, server.url)
    assert len(rows(browser)) == len(original)
    press(browser, "j" * merge_at + "m", edits=1)
    press(browser, "j" * (split_at - merge_at) + "s", edits=2)
    page_rows = rows(browser)
    assert page_rows == [[len(b.src), len(b.tgt)] for b in expected.beads]

    server.kill()
    server = ReviewProcess(project_file)
    open_page(browser, server.url)
    assert rows(browser) == page_rows
    assert browser.find_element("tag name", "body").get_attribute("data-edits") == "2"

    press(browser, "jx", edits=3)  # one more edit (a sentence with no counterpart) ...
    assert rows(browser) != page_rows
    press(browser, "u", edits=2)  # ... undone
    assert rows(browser) == page_rows
    press(browser, "w")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda d: "wrote" in d.find_element("id", "status").text)
    server.kill()

    tmx = tmp_path / "demo.tmx"
    assert tmx_dtd.validate(etree.parse(str(tmx))), tmx_dtd.error_log
    written = list(iter_units(tmx))
    saved = load_project(project_file)
    assert [(b.src, b.tgt) for b in saved.review.beads] == [(b.src, b.tgt) for b in expected.beads]
    assert [(u.variants["zh-CN"], u.variants["en-US"]) for u in written] == [
        (u.src, u.tgt) for u in units(expected.alignment(alignment))]
    before = {(u.src, u.tgt) for u in units(alignment)}
    changed = {(u.variants["zh-CN"], u.variants["en-US"]) for u in written} - before
    reviewed = [u for u in written if "x-reviewed" in u.props]
    edited = [b for b in expected.beads if b.reviewed and b.src and b.tgt]
    assert len(reviewed) == len(edited) == 3  # the merged bead and the two halves of the split
    assert changed <= {(u.variants["zh-CN"], u.variants["en-US"]) for u in reviewed}
    assert all(u.props["x-score"] == "1" for u in reviewed)
    assert all(float(u.props["x-score"]) < 1 or "x-reviewed" in u.props for u in written)


def test_the_page_draws_chinese_and_finds_text_in_both_languages(tmp_path, demo_pair, browser):
    """The glyphs of the Chinese side come from a font that has them (not boxes): what
    Chromium reports drawing them with (DevTools CSS.getPlatformFontsForNode). Search
    finds either language; n goes to the weakest bead."""
    from selenium.webdriver.common.keys import Keys

    alignment = demo_alignment_fast(demo_pair)
    server = review_server(make_project(alignment, tmp_path))
    server.start()
    try:
        open_page(browser, server.url)
        browser.execute_cdp_cmd("DOM.enable", {})
        browser.execute_cdp_cmd("CSS.enable", {})
        root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
        node = browser.execute_cdp_cmd(
            "DOM.querySelector", {"nodeId": root, "selector": ".bead:nth-child(2) .side.src .s"})
        fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
        text = browser.find_element("css selector", ".bead:nth-child(2) .side.src .s").text
        han = len(re.findall(f"[{HAN}]", text))
        chinese_glyphs = sum(f["glyphCount"] for f in fonts["fonts"]
                             if any(mark in f["familyName"] for mark in CJK_FONT_MARKS))
        assert han > 5 and chinese_glyphs >= han, fonts

        current = "return document.querySelector('.bead.cur').innerText;"
        for query in ("Guangzhou", "广州"):
            press(browser, Keys.ESCAPE + "/" + query + "\n")
            assert query in browser.execute_script(current)
        weakest = sorted(b.confidence for b in alignment.beads if b.is_pair)
        press(browser, Keys.ESCAPE)
        for confidence in weakest[:2]:  # n walks the beads weakest first
            press(browser, "n")
            shown = browser.execute_script("return document.querySelector('.bead.cur .conf').innerText;")
            assert shown == f"{confidence:.2f}"
    finally:
        server.shutdown()
        server.server_close()
