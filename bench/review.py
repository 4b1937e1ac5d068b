"""Review page speed: time to load a 3,000-bead alignment and to apply an edit, in Chromium.

The alignment is the demo pair (aligned with the instant hashing encoder of the
tests) repeated until it has ``--beads`` beads: real sentences, real bead
shapes. The baseline is the demo pair itself (67 beads), measured in the same
run, so the ratio says what size costs on a noisy machine. An edit is timed
from the key press to the page showing the server's answer (the project file
saved, with fsync, before the answer); edits alternate merge (m) and undo (u).
Writes the "Review page" section of BENCHMARKS.md.

    python bench/review.py [--beads 3000] [--edits 20]
    python bench/review.py --screenshot docs/review.png   # the README's picture (real encoder)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import DEMO_EN, DEMO_ZH  # noqa: E402
from run import write_section  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from test_review_support import chrome, demo_alignment_fast, make_project  # noqa: E402

from align.types import Alignment, Bead, Sentences  # noqa: E402
from tmx.review import review_server  # noqa: E402


def tiled(alignment: Alignment, beads: int) -> Alignment:
    """``alignment`` repeated (sentences, paragraphs and beads shifted) to ``beads`` beads."""
    times = -(-beads // len(alignment.beads))

    def side(s: Sentences) -> Sentences:
        paragraphs = max(s.paragraph) + 1
        return Sentences(s.lang, s.texts * times,
                         [p + k * paragraphs for k in range(times) for p in s.paragraph],
                         s.name, s.spacing * times)

    n_src, n_tgt = len(alignment.src), len(alignment.tgt)
    out = [Bead(tuple(i + k * n_src for i in b.src), tuple(j + k * n_tgt for j in b.tgt),
                b.confidence) for k in range(times) for b in alignment.beads]
    return Alignment(side(alignment.src), side(alignment.tgt), out)


def measure(driver, alignment: Alignment, folder: Path, edits: int) -> dict[str, float]:
    """Seconds to load the page (navigation to every bead drawn) and per edit (median)."""
    server = review_server(make_project(alignment, folder))
    server.start()
    try:
        started = time.perf_counter()
        driver.get(server.url)
        body = driver.find_element("tag name", "body")
        WebDriverWait(driver, 120, poll_frequency=0.01).until(
            lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")
        load = time.perf_counter() - started
        body = driver.find_element("tag name", "body")
        in_page = float(body.get_attribute("data-load-ms")) / 1000
        ActionChains(driver).send_keys("j" * 10).perform()
        times, in_page_edits = [], []
        for n in range(edits):
            key, count = ("m", 1) if n % 2 == 0 else ("u", 0)
            started = time.perf_counter()
            ActionChains(driver).send_keys(key).perform()
            WebDriverWait(driver, 60, poll_frequency=0.005).until(
                lambda d, count=count: body.get_attribute("data-pending") == "0"
                and body.get_attribute("data-edits") == str(count))
            times.append(time.perf_counter() - started)
            in_page_edits.append(float(body.get_attribute("data-edit-ms")) / 1000)
        return {"beads": len(alignment.beads), "load": load, "in_page": in_page,
                "edit": statistics.median(times), "edit_max": max(times),
                "edit_in_page": statistics.median(in_page_edits),
                "bytes": server.sessions[0].project.path.stat().st_size}
    finally:
        server.shutdown()
        server.server_close()


def screenshot(path: Path) -> None:
    """The demo pair aligned by the bundled encoder: on its weakest bead, the one before
    it confirmed."""
    from align.encoders import CachedEncoder, load_encoder
    from align.pipeline import PairOptions, align_documents, read_pair

    options = PairOptions()
    src, tgt = read_pair(str(DEMO_ZH), str(DEMO_EN), options)
    alignment = align_documents(src, tgt, CachedEncoder(load_encoder("e5")), options)
    driver = chrome(1400, 820)
    with tempfile.TemporaryDirectory() as tmp:
        server = review_server(make_project(alignment, Path(tmp), "bachelet-visit.tmx"))
        server.start()
        try:
            driver.get(server.url)
            WebDriverWait(driver, 60).until(
                lambda d: d.find_element("tag name", "body").get_attribute("data-ready") == "1")
            ActionChains(driver).send_keys("nkc").perform()
            time.sleep(1)
            driver.save_screenshot(str(path))
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=3000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--screenshot", type=Path, help="only take the README's screenshot")
    args = parser.parse_args()
    if args.screenshot:
        return screenshot(args.screenshot)
    demo = demo_alignment_fast((DEMO_ZH, DEMO_EN))
    driver = chrome()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "small").mkdir()
            (Path(tmp) / "large").mkdir()
            small = measure(driver, demo, Path(tmp) / "small", args.edits)
            large = measure(driver, tiled(demo, args.beads), Path(tmp) / "large", args.edits)
    finally:
        driver.quit()
    rows = [
        f"| {r['beads']:,} | {r['bytes'] / 1e6:.2f} | {r['load']:.2f} | {r['in_page']:.2f} | "
        f"{r['edit'] * 1000:.0f} | {r['edit_max'] * 1000:.0f} | {r['edit_in_page'] * 1000:.0f} | "
        f"{r['load'] / small['load']:.1f} | {r['edit_in_page'] / small['edit_in_page']:.1f} |"
        for r in (small, large)]
    text = (
        "`python bench/review.py`: the review page (`align review`) in headless Chromium "
        "driven by Selenium, on 2 cores shared with other jobs. Load: from navigation until "
        "the page holds every bead's row (in page: fetching the alignment and building the rows; "
        "rows off screen are laid out when scrolled to, CSS content-visibility). Edit: "
        f"median (and worst) of {args.edits} key presses, alternately m (merge) and u (undo), "
        "from the key press to the page showing the change, the project file saved with fsync "
        "first; in page: from the request to the redrawn rows, without Selenium's polling. "
        "Ratios are to the demo pair measured in the same run.\n\n"
        "| beads | project file MB | load s | in page s | edit ms | worst edit ms | "
        "edit in page ms | load ratio | edit ratio (in page) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + "\n".join(rows) + "\n")
    print(text)
    write_section("Review page", text)


if __name__ == "__main__":
    main()
