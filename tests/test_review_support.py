"""Shared by the review tests (no tests here): the demo pair as a review project, and
Chromium driven by Selenium with the system chromedriver (skips when either is absent)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import HashingEncoder

from align.encoders import CachedEncoder
from align.pipeline import PairOptions, align_documents, read_pair
from align.types import Alignment
from tmx.review import TmxOptions, create_project

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def demo_alignment_fast(demo_pair: tuple[Path, Path]) -> Alignment:
    """The demo texts, segmented as `align pair` does and aligned with the instant hashing
    encoder: real sentences and a real bead path, without minutes of encoding."""
    options = PairOptions()
    src, tgt = read_pair(str(demo_pair[0]), str(demo_pair[1]), options)
    return align_documents(src, tgt, CachedEncoder(HashingEncoder()), options)


def make_project(alignment: Alignment, folder: Path, name: str = "demo.tmx") -> Path:
    """A review project in ``folder`` (as `align pair -o demo.tmx --review` makes); its path."""
    return create_project(alignment, folder / name, TmxOptions(cat_segments=False)).path


def chrome(width: int = 1400, height: int = 900):
    """Headless Chromium through the system chromedriver; skips when they are not installed."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = next((b for b in map(shutil.which, CHROMIUM) if b), None)
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium "
                    "chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--lang=en-US"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=driver_path)
    return webdriver.Chrome(options=options, service=service)
