"""Cutting a corpus into words and candidates on worker processes, in order.

jieba and sacremoses are pure Python, so reading a large corpus takes one core; chunks of
segments go to one worker process per free core (each builds its own extractors from what
they were made of), and the results come back in the corpus's order, so the glossary does
not depend on which worker finishes first. A small corpus, or one core, is read in this
process: starting the workers would cost more than it saves. As always with spawned
processes, a script that asks for them runs under ``if __name__ == "__main__":`` (the
workers import it), so the library reads in-process unless asked (``GlossaryOptions.processes``;
the command line asks for one per free core).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

from align.cores import free_cores
from align.terms.candidates import ChineseTerms, EnglishTerms

Extractor = ChineseTerms | EnglishTerms
#: The words and candidates of each side of a segment (source words, source candidates,
#: target words, target candidates); no target words when it has no translation.
Analysis = tuple[list[str], list[tuple[str, str]], list[str], list[tuple[str, str]]]
Item = TypeVar("Item")

PARALLEL_FROM = 4_000  #: segments from which the corpus is read on worker processes
_CHUNK = 500  #: segments per task
_MAX_WORKERS = 4

_extractors: tuple[Extractor, Extractor] | None = None  #: a worker's own


def analyse(src: Extractor, tgt: Extractor, src_text: str, tgt_text: str) -> Analysis:
    src_words, src_terms = src.analyse(src_text)
    tgt_words, tgt_terms = tgt.analyse(tgt_text) if tgt_text else ([], [])
    return src_words, src_terms, tgt_words, tgt_terms


def _start_worker(src: Extractor, tgt: Extractor) -> None:
    global _extractors
    _extractors = (src, tgt)


def _analyse_chunk(texts: list[tuple[str, str]]) -> list[Analysis]:
    assert _extractors is not None
    return [analyse(*_extractors, src_text, tgt_text) for src_text, tgt_text in texts]


def analysed(items: Iterable[tuple[Item, str, str]], src: Extractor, tgt: Extractor, processes: int = 1,
             ) -> Iterator[tuple[Item, str, str, Analysis]]:
    """Each (item, source text, target text) with the analysis of its texts, in order, read on
    up to ``processes`` workers (0: one per free core); the items are read as they are needed
    (a few chunks ahead), so the corpus may be a stream."""
    items = iter(items)
    head = list(islice(items, PARALLEL_FROM))
    workers = min(free_cores(), processes or free_cores(), _MAX_WORKERS)
    if len(head) < PARALLEL_FROM or workers < 2:
        for item, src_text, tgt_text in chain(head, items):
            yield item, src_text, tgt_text, analyse(src, tgt, src_text, tgt_text)
        return
    # spawned, not forked: this process may run threads (the encoder's), and the workers stay
    # its own children, so their CPU time is counted as this run's
    context = multiprocessing.get_context("spawn")
    chunks = _chunks(chain(head, items))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(src, tgt)) as pool:
        pending: deque[tuple[list[tuple[Item, str, str]], Future]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_analyse_chunk, [(s, t) for _, s, t in chunk])))
                if len(pending) > 2 * workers:
                    yield from _done(*pending.popleft())
            while pending:
                yield from _done(*pending.popleft())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _chunks(items: Iterator[tuple[Item, str, str]]) -> Iterator[list[tuple[Item, str, str]]]:
    while chunk := list(islice(items, _CHUNK)):
        yield chunk


def _done(chunk: list[tuple[Item, str, str]], result: Future) -> Iterator[tuple[Item, str, str, Analysis]]:
    for (item, src_text, tgt_text), analysis in zip(chunk, result.result(), strict=True):
        yield item, src_text, tgt_text, analysis
