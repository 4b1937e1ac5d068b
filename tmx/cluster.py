"""Where ``align docs`` runs its tasks: in this process, or on a Dask cluster.

Both runners take a function and a list of argument tuples and yield
``(index, result)`` as tasks finish, so the caller never depends on the
order. On Dask, at most ``window`` tasks are in flight (memory is bounded by
the work in flight, not by the collection) and a task whose worker died is
re-run elsewhere by the scheduler; tasks are idempotent, so that loses and
duplicates nothing.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from align.cores import free_cores
from align.errors import AlignError

#: Without ``--workers`` or ``--scheduler``, fewer documents than this run in this process:
#: starting a local cluster costs seconds, more than a small folder takes.
SMALL_COLLECTION = 64


class Runner(Protocol):
    """Runs tasks; ``workers`` is how many processes do."""

    workers: int
    dashboard: str | None

    def run(self, fn: Callable[..., Any], calls: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        """``(i, fn(*calls[i]))`` for every call, in the order they finish."""
        ...

    def worker_peak_mb(self) -> list[float]:
        """Peak resident memory of each worker process so far (none for this process)."""
        ...


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux; NaN elsewhere)."""
    try:
        status = Path("/proc/self/status").read_text("ascii")
    except OSError:
        return float("nan")
    peak = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(peak[0]) / 1024 if peak else float("nan")


class InProcess:
    """The single-process path: tasks run one after another, here."""

    workers = 1
    dashboard = None

    def run(self, fn: Callable[..., Any], calls: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        for i, args in enumerate(calls):
            yield i, fn(*args)

    def worker_peak_mb(self) -> list[float]:
        return []


@cache
def usual_malloc() -> None:
    """Undo, in this process, the ``MALLOC_TRIM_THRESHOLD_`` a Dask nanny sets for its
    worker: with it glibc maps and unmaps every block over 128 kB, and the aligner's many
    mid-sized temporaries make verification about 3 times slower (bench/docs_cluster.py)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(-3, 32 * 2**20)  # M_MMAP_THRESHOLD
    libc.mallopt(-1, 64 * 2**20)  # M_TRIM_THRESHOLD


def _in_worker(fn: Callable[..., Any], *args: Any) -> Any:
    """Run one task in a Dask worker, its allocator set back to usual first (cheap)."""
    usual_malloc()
    return fn(*args)


class DaskRunner:
    """Tasks on a Dask cluster through ``client``, a bounded window at a time."""

    def __init__(self, client: Any, window_per_worker: int = 8) -> None:
        self.client = client
        self.workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        self.window = window_per_worker * self.workers
        self.dashboard = client.dashboard_link

    def run(self, fn: Callable[..., Any], calls: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        pending = iter(enumerate(calls))
        index: dict[str, int] = {}

        def submit() -> Any | None:
            item = next(pending, None)
            if item is None:
                return None
            future = self.client.submit(_in_worker, fn, *item[1], pure=False, retries=2)
            index[future.key] = item[0]
            return future

        first = [f for f in (submit() for _ in range(self.window)) if f is not None]
        running = as_completed(first)
        for future in running:
            result = future.result()
            i = index.pop(future.key)
            future.release()
            following = submit()
            if following is not None:
                running.add(following)
            yield i, result

    def worker_peak_mb(self) -> list[float]:
        return [v for _, v in sorted(self.client.run(peak_rss_mb).items())]


@contextmanager
def runner_for(documents: int, workers: int | None = None, scheduler: str | None = None
               ) -> Iterator[Runner]:
    """The runner ``align docs`` uses: the cluster at ``scheduler``; else a local cluster of
    ``workers`` processes (default: the cores), or this process for ``workers == 0`` and,
    by default, for a small collection."""
    if scheduler is None and (workers == 0 or (workers is None and (
            documents < SMALL_COLLECTION or free_cores() == 1))):
        yield InProcess()
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise AlignError("running on a cluster needs Dask: pip install 'dask[distributed]' "
                         "(or give --workers 0)") from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise AlignError(f"no Dask scheduler answers at {scheduler} ({exc}); start one "
                             "with 'dask scheduler' or drop --scheduler") from None
        with client:
            yield DaskRunner(client)
        return
    import dask

    n_workers = workers or free_cores()
    with (dask.config.set(QUIET_LOCAL_WORKERS),
          numeric_threads(max(1, free_cores() // n_workers)),
          LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                       dashboard_address=":0") as cluster,
          Client(cluster) as client):
        yield DaskRunner(client)


#: Dask settings for the local clusters ``align docs`` starts. A worker's monitors and its
#: statistical profiler wake its event loop every 10-100 ms; each wake-up takes the GIL from
#: the task (numpy releases it around every loop), and a 1-worker cluster lost about 15% of
#: its verification time to these hand-overs (45,000 context switches of the task thread on
#: 400 documents, 1,500 with these settings; bench/docs_cluster.py). The profile is for the
#: dashboard, which a batch run rarely needs; a cluster of the user's keeps its own settings.
QUIET_LOCAL_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def numeric_threads(threads: int) -> Iterator[None]:
    """Local workers started inside get ``threads`` for their numeric libraries (the bundled
    encoder's OpenMP, numpy's BLAS) instead of Dask's one, with which a 1-worker cluster
    encoded on one core where this process uses all of them. Dask gives a worker these
    variables from this process's environment when set there, so they are set here (and
    put back after: Dask also leaves its own values in this process's environment)."""
    saved = {name: os.environ.get(name) for name in BLAS_THREAD_VARIABLES}
    os.environ.update({name: str(threads) for name in BLAS_THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


#: The variables that size the numeric libraries' thread pools (OpenMP, MKL, OpenBLAS).
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
