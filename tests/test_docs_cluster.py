"""``align docs`` on Dask and after crashes: the corpus folder must come out the same bytes.

The reference is the single-process path (``workers=1``) on the same small
synthetic collection with the instant HashingEncoder; a slowed copy of it
(``SlowEncoder``) keeps a run going long enough to kill something in it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import dask
import pytest

from align.collection import Settings
from align.cores import free_cores
from align.docpair import PairingConfig
from align.pipeline import PairOptions
from tests.conftest import REPO, HashingEncoder, SlowEncoder
from tests.test_docpair import doc, texts, translation, write_docs
from tmx.cluster import BLAS_THREAD_VARIABLES, SMALL_COLLECTION, runner_for
from tmx.docs import build_corpus

pytest.importorskip("distributed")

OUTPUTS = ("pairs.tsv", "unpaired.tsv", "skipped.tsv", "corpus.tmx")


def settings(folder: Path, encoder=HashingEncoder) -> Settings:
    return Settings(encoder=encoder, encoder_id=encoder.__name__, store=str(folder / "vectors"),
                    pairing=PairingConfig(), options=PairOptions(), max_bytes=2**20)


@pytest.fixture
def collection(tmp_path, monkeypatch) -> Path:
    """Six translations, a partial one, a lone document and a German one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    folder = tmp_path / "in"
    zh, en = texts(45, 9)
    write_docs(folder, [*(d for k in range(6) for d in translation(f"t{k}", 12 + 3 * k, k)),
                        doc("book.zh.txt", "zh", zh), doc("third.en.txt", "en", en[:15]),
                        doc("lone.zh.txt", "zh", texts(20, 7)[0]),
                        doc("brief.txt", "de", ["Sehr geehrte Damen und Herren, wir schreiben "
                                                "Ihnen wegen der Sitzung am Montag."])])
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    files = {name: (folder / name).read_bytes() for name in OUTPUTS}
    files |= {f"tmx/{p.name}": p.read_bytes() for p in sorted((folder / "tmx").iterdir())}
    return files


@pytest.fixture
def reference(collection, tmp_path) -> dict[str, bytes]:
    """The single-process path's corpus folder."""
    out = tmp_path / "reference"
    run = build_corpus([(collection, None)], out, settings(tmp_path), workers=0)
    assert run.workers == 1 and run.worker_peak_mb == [] and len(run.pairing.pairs) == 7
    return outputs(out)


def test_local_cluster_of_two_processes_writes_the_same_corpus(collection, reference, tmp_path):
    lines: list[str] = []
    run = build_corpus([(collection, None)], tmp_path / "out", settings(tmp_path), workers=2,
                       log=lines.append)
    assert run.workers == 2 and len(run.worker_peak_mb) == 2
    assert any("dashboard http" in line for line in lines)  # the address is printed
    assert outputs(tmp_path / "out") == reference


def test_a_local_worker_gets_the_cores_for_its_numeric_libraries(monkeypatch):
    """The encoder (OpenMP) and numpy's BLAS use the cores divided among the workers, not
    Dask's one thread, even after an earlier cluster left Dask's value in this process."""
    for name in BLAS_THREAD_VARIABLES:
        monkeypatch.setenv(name, "1")
    with runner_for(SMALL_COLLECTION, workers=1) as runner:
        environ = next(iter(runner.client.run(lambda: dict(os.environ)).values()))
    assert {environ[name] for name in BLAS_THREAD_VARIABLES} == {str(free_cores())}
    assert {os.environ[name] for name in BLAS_THREAD_VARIABLES} == {"1"}  # put back


def test_local_workers_run_without_the_profiler_that_takes_their_gil():
    with runner_for(SMALL_COLLECTION, workers=1) as runner:
        profiling = runner.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(profiling.values()) == [False]
    assert dask.config.get("distributed.worker.profile.enabled")  # this process's config kept


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = os.environ | {"PYTHONPATH": str(REPO)}
    dask = str(Path(sys.executable).parent / "dask")
    log = open(tmp_path / "cluster.log", "wb")  # noqa: SIM115 (closed below)
    scheduler = subprocess.Popen([dask, "scheduler", "--host",
                                  "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
                                 env=env, stdout=log, stderr=log)
    workers = [subprocess.Popen([dask, "worker", address, "--nthreads",
                                 "1", "--no-nanny", "--no-dashboard"], env=env, cwd=REPO,
                                stdout=log, stderr=log) for _ in range(2)]
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=60)
    yield address, workers
    for process in [*workers, scheduler]:
        process.kill()
        process.wait()
    log.close()


def test_separate_scheduler_and_workers_write_the_same_corpus(collection, reference, cluster,
                                                              tmp_path):
    address, _ = cluster
    run = build_corpus([(collection, None)], tmp_path / "out", settings(tmp_path),
                       scheduler=address)
    assert run.workers == 2
    assert outputs(tmp_path / "out") == reference


def test_a_worker_killed_mid_run_loses_nothing(collection, reference, cluster, tmp_path):
    address, workers = cluster
    out = tmp_path / "out"
    done = out / ".align" / "done"

    def kill_when_aligning() -> None:
        while not (done.is_dir() and any(done.glob("*.json"))):
            time.sleep(0.01)
        workers[0].send_signal(signal.SIGKILL)

    killer = threading.Thread(target=kill_when_aligning, daemon=True)
    killer.start()
    build_corpus([(collection, None)], out, settings(tmp_path, SlowEncoder), scheduler=address)
    killer.join(timeout=5)
    assert workers[0].wait(timeout=5) == -signal.SIGKILL  # it died during the run
    assert outputs(out) == reference


_RUN = """
import sys
from pathlib import Path
from tests.conftest import SlowEncoder\nfrom tests.test_docs_cluster import settings
from tmx.cluster import BLAS_THREAD_VARIABLES, SMALL_COLLECTION, runner_for
from tmx.docs import build_corpus
run = build_corpus([(Path(sys.argv[1]), None)], Path(sys.argv[2]), settings(Path(sys.argv[3]),
                   SlowEncoder), workers=0)
print(run.aligned)
"""


def test_a_killed_run_resumes_to_the_same_corpus_aligning_each_pair_once(collection, reference,
                                                                          tmp_path):
    out = tmp_path / "out"
    args = [sys.executable, "-c", _RUN, str(collection), str(out), str(tmp_path)]
    env = os.environ | {"PYTHONPATH": str(REPO)}
    first = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE)
    done = out / ".align" / "done"
    while len(list(done.glob("*.json")) if done.is_dir() else []) < 2:
        assert first.poll() is None, "the run ended before it could be killed"
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    finished = {p: p.stat().st_mtime_ns for p in done.glob("*.json")}
    assert 2 <= len(finished) < 7
    second = subprocess.run(args, cwd=REPO, env=env, stdout=subprocess.PIPE, check=True)
    assert int(second.stdout) == 7 - len(finished)  # only the unfinished pairs were aligned
    assert all(p.stat().st_mtime_ns == t for p, t in finished.items())  # none rewritten
    assert outputs(out) == reference
