"""The review server and project file: the safety rules, edits saved at once, the TMX."""

from __future__ import annotations

import http.client
import importlib.metadata
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from test_review_support import demo_alignment_fast, make_project

from align.errors import AlignError
from tmx.reader import iter_units
from tmx.review import load_project, project_path_for, review_server
from tmx.review.server import STATIC


@pytest.fixture(scope="module")
def demo_alignment_quick(demo_pair):
    return demo_alignment_fast(demo_pair)


@pytest.fixture
def server(tmp_path, demo_alignment_quick):
    server = review_server(make_project(demo_alignment_quick, tmp_path))
    server.start()
    yield server
    server.shutdown()
    server.server_close()


def ask(server, method: str, path: str, body: object = None, headers: dict | None = None,
        token: str | None = None) -> tuple[int, bytes]:
    """One request; ``path`` is relative to the token (``token`` replaces the real one)."""
    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    sent = {"Host": url.netloc}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent |= {"Content-Type": "application/json", "Origin": f"http://{url.netloc}",
                 "Content-Length": str(len(data))}
    sent |= headers or {}
    connection.putrequest(method, f"/{token or server.token}/{path}", skip_host=True)
    for name, value in sent.items():
        connection.putheader(name, value)
    connection.endheaders(data)
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


def test_the_page_and_the_alignment_are_served_to_the_token_holder(server):
    status, page = ask(server, "GET", "p/0/")
    assert status == 200 and b"review.js" in page
    status, data = ask(server, "GET", "p/0/data")
    project = json.loads(data)
    assert status == 200 and project["src"]["lang"] == "zh" and project["beads"]
    status, script = ask(server, "GET", "static/review.js")
    assert status == 200 and b"http" not in script  # nothing fetched from elsewhere
    assert urlsplit(server.url).hostname == "127.0.0.1" and server.server_address[0] == "127.0.0.1"


def test_a_wrong_or_missing_token_gets_nothing(server):
    wrong = "x" * len(server.token)
    for path in ("p/0/", "p/0/data", "static/review.js"):
        assert ask(server, "GET", path, token=wrong)[0] == 404
    assert ask(server, "POST", "p/0/edit", {"op": "merge", "bead": 0}, token=wrong)[0] == 404
    status, _ = ask(server, "GET", "", token=server.token[:-1])
    assert status == 404


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"}, {"Origin": "null"},
    {"Origin": "http://127.0.0.1:1"}, {"Sec-Fetch-Site": "cross-site"},
])
def test_requests_from_another_origin_are_refused(server, headers):
    assert ask(server, "GET", "p/0/data", headers=headers)[0] == 403
    status, _ = ask(server, "POST", "p/0/edit", {"op": "merge", "bead": 0}, headers=headers)
    assert status == 403
    assert json.loads(ask(server, "GET", "p/0/data")[1])["edits"] == 0


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1", "0.0.0.0:8000"])
def test_another_host_header_is_refused(server, host):
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1."""
    assert ask(server, "GET", "p/0/data", headers={"Host": host})[0] == 403


@pytest.mark.parametrize("path", [
    "static/../../../../etc/passwd", "static/..%2f..%2fpyproject.toml", "static/%2e%2e/project.py",
    "static/../project.py", "static/review.html/../../../demo.align.json", "p/../../etc/passwd",
    "p/1/data", "p/-1/data", "p/0/../../demo.align.json", "demo.align.json", "static/",
])
def test_no_url_reaches_a_file_outside_the_page(server, path):
    status, body = ask(server, "GET", path)
    assert status == 404 and b"root:" not in body and b"align-review" not in body


def test_a_post_must_be_json(server):
    status, _ = ask(server, "POST", "p/0/edit", headers={"Content-Type": "text/plain"})
    assert status == 415
    status, _ = ask(server, "POST", "p/0/edit", {"op": "erase", "bead": 0})
    assert status == 409


def test_every_edit_is_on_disk_when_answered_and_the_tmx_marks_it(server, tmx_dtd):
    project_file = server.sessions[0].project.path
    status, answer = ask(server, "POST", "p/0/edit", {"op": "merge", "bead": 3})
    change = json.loads(answer)
    assert status == 200 and change["start"] == 3 and change["removed"] == 2 and change["edits"] == 1
    saved = load_project(project_file)
    assert saved.review.beads == server.sessions[0].project.review.beads
    assert ask(server, "POST", "p/0/undo", {})[0] == 200
    assert load_project(project_file).review.position == 0
    assert ask(server, "POST", "p/0/redo", {})[0] == 200
    status, answer = ask(server, "POST", "p/0/write", {})
    assert status == 200
    tmx = project_file.parent / "demo.tmx"
    assert etree.parse(str(tmx)).docinfo and tmx_dtd.validate(etree.parse(str(tmx)))
    merged = saved.review.beads[3]
    reviewed = [u for u in iter_units(tmx) if "x-reviewed" in u.props]
    assert len(reviewed) == 1 and reviewed[0].props["x-score"] == "1"
    assert reviewed[0].props["x-bead"] == f"{len(merged.src)}-{len(merged.tgt)}"
    assert json.loads(answer)["tus"] == sum(1 for _ in iter_units(tmx))


def test_a_project_cannot_point_its_tmx_outside_its_folder(tmp_path, demo_alignment_quick):
    path = make_project(demo_alignment_quick, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for bad in ("../elsewhere.tmx", "/tmp/x.tmx", "demo.align.json"):
        path.write_text(json.dumps(data | {"tmx": bad}), encoding="utf-8")
        with pytest.raises(AlignError, match="same folder"):
            load_project(path)


def test_a_damaged_project_is_one_clear_error(tmp_path, demo_alignment_quick):
    path = make_project(demo_alignment_quick, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["original"] = data["original"][1:]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AlignError, match="damaged"):
        load_project(path)
    with pytest.raises(AlignError, match="no such review project"):
        load_project(tmp_path / "other.tmx")


def test_a_corpus_folder_lists_its_pairs_weakest_first(tmp_path, demo_alignment_quick):
    (tmp_path / "tmx").mkdir()
    strong = make_project(demo_alignment_quick, tmp_path / "tmx", "001_a.tmx")
    weak = make_project(demo_alignment_quick, tmp_path / "tmx", "002_b.tmx")
    project = load_project(weak)
    project.review.original = [type(b)(b.src, b.tgt, b.confidence / 2) for b in project.review.original]
    project.review.beads = project.review.original
    project.save()
    (tmp_path / "pairs.tsv").write_text(
        "zh\ten\tscore\tzh_coverage\ten_coverage\ttus\ttmx\n"
        "a.zh.txt\ta.en.txt\t0.900\t1.00\t1.00\t50\ttmx/001_a.tmx\n"
        "b.zh.txt\tb.en.txt\t0.800\t1.00\t1.00\t50\ttmx/002_b.tmx\n"
        "c.zh.txt\tc.en.txt\t0.700\t1.00\t1.00\t50\ttmx/../../outside.tmx\n", encoding="utf-8")
    server = review_server(tmp_path)
    server.start()
    try:
        pairs = json.loads(ask(server, "GET", "pairs")[1])
        assert [p["src"] for p in pairs] == ["b.zh.txt", "a.zh.txt", "c.zh.txt"]
        assert pairs[-1]["project"] is None
        opened = {p["src"]: p["project"] for p in pairs[:2]}
        assert server.sessions[opened["b.zh.txt"]].project.path == weak
        assert server.sessions[opened["a.zh.txt"]].project.path == strong
        assert ask(server, "GET", f"p/{opened['b.zh.txt']}/data")[0] == 200
        assert ask(server, "GET", "")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_project_file_sits_beside_the_tmx():
    assert project_path_for(Path("out/report.tmx")) == Path("out/report.align.json")


def test_the_page_ships_with_the_package():
    """Every file of the page is one the server serves, and a regular install (CI runs
    `pip install .`) carries them all as package data."""
    folder = Path(__file__).resolve().parents[1] / "tmx" / "review" / "static"
    assert sorted(p.name for p in folder.iterdir()) == sorted(STATIC)
    dist = importlib.metadata.distribution("align")
    if json.loads(dist.read_text("direct_url.json") or "{}").get("dir_info", {}).get("editable"):
        pytest.skip("editable install: the page is read from the repository")
    shipped = {Path(str(f)).name for f in dist.files or () if "review/static" in str(f)}
    assert set(STATIC) <= shipped
