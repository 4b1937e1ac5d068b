"""``align docs`` from end to end: the stages, on whichever runner, into a corpus folder.

1. Summarise every document (a task each): manifest row and pairing features.
2. Retrieve candidates here (small per-document summaries only), verify them
   (a task per source document), choose the pairs; saved with the manifest's hash.
3. Align each pair not finished yet (a task each); the task writes its TMX
   and row itself, so the coordinator holds rows, not alignments.
4. Write the TSV reports, ``corpus.tmx`` (streamed) and ``report.html``.

A second run on the same folder redoes 1 (reading the vectors from the cache),
reuses 2 when the manifest and settings are unchanged, and aligns only the
pairs without a row: its outputs are the same bytes as an uninterrupted run's.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.collection import (
    Settings,
    Summary,
    align_pair,
    find_files,
    summarise_batch,
    verify_batch,
)
from align.docpair import DocumentPair, Pairing, Skipped, choose_pairs
from align.errors import AlignError
from align.pipeline import ProgressFactory
from align.retrieval import candidates
from tmx.cluster import Runner, runner_for
from tmx.corpus_folder import CorpusFolder
from tmx.formats import to_tmx
from tmx.review import TmxOptions

#: Documents read and sampled per task.
_BATCH = 16
#: Source documents verified per task (each against its candidates, about 0.3 s). Each task
#: costs the coordinator and the worker's event loop a few milliseconds of messages while the
#: worker computes, which on shared cores slows the computation (bench/docs_cluster.py).
_VERIFY_BATCH = 4


@dataclass
class DocsRun:
    """What a run did, for the summary line and the benchmarks."""

    pairing: Pairing
    documents: int
    aligned: int = 0  #: pairs aligned by this run (the others were finished before)
    workers: int = 1
    worker_peak_mb: list[float] = field(default_factory=list)  #: of each worker process
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self, output: Path, dry_run: bool) -> str:
        """The one line ``align docs`` prints when done (without the time taken)."""
        pairing = self.pairing
        partial = sum(p.partial for p in pairing.pairs)
        refused = sum(p.translates is False for p in pairing.pairs)
        tus = sum(p.tus or 0 for p in pairing.pairs)
        return (f"{self.documents} documents: {len(pairing.pairs)} pairs ({partial} partial"
                + (f", {refused} not translations once aligned" if refused else "") + "), "
                f"{len(pairing.unpaired)} unpaired, {len(pairing.skipped)} skipped; "
                f"{pairing.encoded} sentences embedded to pair them"
                + ("" if dry_run else f"; {self.aligned} pairs aligned now, {tus} TUs in "
                   f"{output / 'corpus.tmx'}, review {output / 'report.html'}"))


def _rate(log: Callable[[str], None], what: str, count: int, started: float) -> float:
    seconds = time.perf_counter() - started
    log(f"{what}: {count} in {seconds:.1f} s ({count / max(seconds, 1e-9):.1f}/s)")
    return seconds


def build_corpus(
    inputs: Sequence[tuple[Path, str | None]], folder: Path, settings: Settings,
    workers: int | None = None, scheduler: str | None = None, dry_run: bool = False,
    progress: ProgressFactory | None = None, log: Callable[[str], None] = lambda line: None,
) -> DocsRun:
    """Pair the documents of ``inputs`` and (unless ``dry_run``) align every pair into
    ``folder``, continuing what an earlier run on ``folder`` left unfinished."""
    progress = progress or (lambda description, total: lambda n: None)
    files = find_files(inputs, folder)
    with runner_for(len(files), workers, scheduler) as runner:
        if runner.dashboard:
            log(f"Dask: {runner.workers} workers, dashboard {runner.dashboard}")
        run = DocsRun(Pairing(settings.src_lang, settings.tgt_lang, [], []), len(files),
                      workers=runner.workers)
        started = time.perf_counter()
        summaries, skipped = _summarise(runner, files, settings, progress)
        corpus = CorpusFolder(folder)  # not before: a run that reads nothing leaves nothing
        run.seconds["read"] = _rate(log, "documents read and sampled", len(files), started)
        key = hashlib.sha256(
            f"{corpus.write_manifest([s.entry for s in summaries])}{settings.pairing}"
            f"{skipped}{task_name(settings)}".encode()).hexdigest()
        saved = corpus.saved_pairing(key)
        if saved is None:
            run.pairing = _pair(runner, summaries, skipped, settings, progress, log, run)
            corpus.save_pairing(run.pairing, key)
        else:
            run.pairing = saved
            log(f"pairing of an earlier run reused ({len(saved.pairs)} pairs)")
        if not dry_run:
            started = time.perf_counter()
            run.aligned = _align(runner, corpus, run.pairing, summaries, settings, progress)
            run.seconds["align"] = _rate(log, "pairs aligned", run.aligned, started)
        run.worker_peak_mb = runner.worker_peak_mb()
    corpus.write_summary(run.pairing, not dry_run, corpus.run_date())
    return run


def task_name(settings: Settings) -> str:
    """What identifies the settings' encoder and alignment options in the saved state."""
    return f"{settings.encoder_id}{settings.options}{settings.min_score}{settings.cat_segments}"


def _summarise(runner: Runner, files: Sequence[tuple[Path, str | None]], settings: Settings,
               progress: ProgressFactory) -> tuple[list[Summary], list[Skipped]]:
    """Every document's summary, in input order; the unreadable ones and those in
    neither language apart."""
    batches = [[(str(p), lang) for p, lang in files[start : start + _BATCH]]
               for start in range(0, len(files), _BATCH)]
    results: list[Summary | Skipped] = [None] * len(files)  # type: ignore[list-item]
    advance = progress("reading and sampling documents", len(files))
    for n, batch in runner.run(summarise_batch, [(b, settings) for b in batches]):
        results[n * _BATCH : n * _BATCH + len(batch)] = batch
        advance(len(batch))
    summaries = [r for r in results if isinstance(r, Summary)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    unreadable = [s for s in skipped if not s.reason.startswith("language ")]
    if len(unreadable) == len(files):
        first = unreadable[0]
        raise AlignError(f"none of the {len(files)} documents could be read (first: {first.path}: "
                         f"{first.reason})")
    return summaries, skipped


def _pair(runner: Runner, summaries: Sequence[Summary], skipped: list[Skipped],
          settings: Settings, progress: ProgressFactory, log: Callable[[str], None],
          run: DocsRun) -> Pairing:
    """Candidates from the summaries, verified on the runner, then the one-to-one choice."""
    src = [s for s in summaries if s.lang == settings.src_lang]
    tgt = [s for s in summaries if s.lang == settings.tgt_lang]
    started = time.perf_counter()
    found = candidates(src, tgt, settings.pairing.candidates) if src and tgt else {}
    run.seconds["retrieve"] = _rate(log, "candidate pairs retrieved", len(found), started)
    started = time.perf_counter()
    groups, sources = verification_sources(src, tgt, found)
    batches = [range(k, min(k + _VERIFY_BATCH, len(sources))) for k in range(0, len(sources), _VERIFY_BATCH)]
    advance = progress("verifying candidates", len(found))
    for n, results in runner.run(verify_batch, [([sources[k] for k in b], settings) for b in batches]):
        for k, signals_of in zip(batches[n], results, strict=True):
            i, js = groups[k]
            for j, signals in zip(js, signals_of, strict=True):
                found[i, j] = signals
            advance(len(js))
    run.seconds["verify"] = _rate(log, "candidate pairs verified", len(found), started)
    pairing = choose_pairs(src, tgt, found, settings.pairing, settings.src_lang, settings.tgt_lang)
    pairing.skipped, pairing.encoded = skipped, sum(s.encoded for s in summaries)
    return pairing


def verification_sources(src: Sequence[Summary], tgt: Sequence[Summary],
                       found: dict[tuple[int, int], dict[str, float]]
                       ) -> tuple[list[tuple[int, list[int]]], list[tuple]]:
    """The verification work: one source document with candidates at a time, as (its index,
    its candidates' indices) and the first two arguments of ``verify_candidates``."""
    by_src: dict[int, list[int]] = {}
    for i, j in found:
        by_src.setdefault(i, []).append(j)
    groups = sorted(by_src.items())
    return groups, [(src[i].entry, [(tgt[j].entry, found[i, j]) for j in js]) for i, js in groups]


def align_and_write(number: int, pair: DocumentPair, src: Summary, tgt: Summary,
                    settings: Settings, folder: str, date: str) -> dict:
    """One task: align pair ``number`` and write its TMX and row into the corpus folder."""
    result = align_pair(pair, src.entry, tgt.entry, settings)
    tmx = (to_tmx(result, settings.min_score, cat_segments=settings.cat_segments, date=date)
           if pair.translates else None)
    options = TmxOptions(settings.cat_segments, settings.min_score)
    return CorpusFolder(Path(folder)).write_pair(number, pair, result, tmx, options)


def _align(runner: Runner, corpus: CorpusFolder, pairing: Pairing, summaries: Sequence[Summary],
           settings: Settings, progress: ProgressFactory) -> int:
    """Align the pairs without a row yet; fill every pair's coverage and TUs from its row."""
    by_path = {s.path: s for s in summaries}
    date = corpus.run_date()
    rows = {n: corpus.finished(n) for n in range(1, len(pairing.pairs) + 1)}
    todo = [n for n, row in rows.items() if row is None]
    calls = [(n, pairing.pairs[n - 1], by_path[pairing.pairs[n - 1].src],
              by_path[pairing.pairs[n - 1].tgt], settings, str(corpus.folder), date) for n in todo]
    advance = progress("aligning pairs", len(pairing.pairs))
    advance(len(pairing.pairs) - len(todo))
    for k, row in runner.run(align_and_write, calls):
        rows[todo[k]] = row
        advance(1)
    for n, pair in enumerate(pairing.pairs, 1):
        row = rows[n]
        pair.src_coverage, pair.tgt_coverage, pair.tus, pair.translates = (
            row["src_coverage"], row["tgt_coverage"], row["tus"], row["translates"])
    return len(todo)
