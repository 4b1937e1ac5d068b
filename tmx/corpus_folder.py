"""The corpus folder of ``align docs``, written as the work finishes.

Each aligned pair leaves its TMX, its review project and report page and,
last, its row in ``.align/done/``: a pair whose row exists is finished,
whatever happened to the run after. The run's own state (``manifest.tsv``, the
pairing, the creation date every TMX carries) sits in ``.align/`` too, so a
run on the same folder continues where the last one stopped and writes the
same bytes; a run on other inputs moves the files of the pairs it no longer
has to ``.align/replaced/``. ``corpus.tmx`` is streamed from the pairs' files
and ``report.html`` indexes the pairs' pages, so neither holds the corpus whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path

from lxml import etree

from align.collection import Entry
from align.docpair import DocumentPair, Pairing, Skipped, Unpaired
from align.errors import AlignError
from align.language import locale
from align.types import Alignment
from tmx.formats import creation_date, tmx_document
from tmx.output import write_atomically
from tmx.reader import header_props
from tmx.report import PairStats, render_corpus_report, render_pair_report
from tmx.review import TmxOptions, create_project, project_path_for

STATE = ".align"
#: The verdict column of pairs.tsv: not yet aligned, a translation, or not one after all.
_VERDICTS = {None: "", True: "translation", False: "not a translation"}
#: Confidence under which the report counts a TU as weak.
REPORT_THRESHOLD = 0.5


def _cell(value: object) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(value))


def _tsv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    lines = ["\t".join(header), *("\t".join(_cell(v) for v in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def tmx_name(number: int, src: str, tgt: str) -> str:
    """The file name of pair ``number`` (from 1) in ``tmx/``."""
    stem = "_".join(re.sub(r"[^\w.-]+", "-", Path(p).stem)[:40] for p in (src, tgt))
    return f"{number:03d}_{stem}.tmx"


def page_name(tmx: str) -> str:
    """The file name of a pair's report page, beside its TMX."""
    return tmx.removesuffix(".tmx") + ".html"


class CorpusFolder:
    """The output folder and its ``.align`` state."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state = folder / STATE
        try:
            (self.state / "done").mkdir(parents=True, exist_ok=True)
            (folder / "tmx").mkdir(exist_ok=True)
        except OSError as exc:
            raise AlignError(f"{folder}: cannot create the output folder ({exc.strerror})") from None

    def run_date(self) -> str:
        """The creation date of this corpus' TMX files, fixed by its first run."""
        file = self.state / "date"
        if not file.is_file():
            write_atomically(file, creation_date().encode("ascii"))
        return file.read_text("ascii").strip()

    def write_manifest(self, entries: Sequence[Entry]) -> str:
        """Write ``manifest.tsv``; return its hash (what the pairing depends on)."""
        data = _tsv(["path", "language", "size", "sha256"],
                    [[e.path, e.lang, e.size, e.sha256] for e in entries])
        write_atomically(self.state / "manifest.tsv", data)
        return hashlib.sha256(data).hexdigest()

    def saved_pairing(self, key: str) -> Pairing | None:
        """The pairing a previous run saved for the same manifest and settings, if any."""
        file = self.state / "pairing.json"
        if not file.is_file():
            return None
        saved = json.loads(file.read_text("utf-8"))
        if saved["key"] != key:
            return None
        return Pairing(saved["src_lang"], saved["tgt_lang"],
                       [DocumentPair(**p) for p in saved["pairs"]],
                       [Unpaired(**u) for u in saved["unpaired"]],
                       [Skipped(**s) for s in saved["skipped"]], [], saved["encoded"])

    def save_pairing(self, pairing: Pairing, key: str) -> None:
        """Keep the pairing; the files of an earlier pairing (other inputs or settings) are
        moved out of ``tmx/``, so that none is taken for a result of this one."""
        file = self.state / "pairing.json"
        if file.is_file():
            self._retire(json.loads(file.read_text("utf-8")))
        for old in (self.state / "done").iterdir():
            old.unlink()
        data = {"key": key, "src_lang": pairing.src_lang, "tgt_lang": pairing.tgt_lang,
                "pairs": [asdict(p) for p in pairing.pairs],
                "unpaired": [asdict(u) for u in pairing.unpaired],
                "skipped": [asdict(s) for s in pairing.skipped], "encoded": pairing.encoded}
        write_atomically(file, json.dumps(data).encode("utf-8"))

    def _retire(self, saved: dict) -> None:
        """Move the earlier pairing's per-pair files (a reviewed project among them) to
        ``.align/replaced/<its key>/``: out of the way, but not lost."""
        keep = self.state / "replaced" / saved["key"][:12]
        for number, pair in enumerate(saved["pairs"], 1):
            tmx = self.folder / "tmx" / tmx_name(number, pair["src"], pair["tgt"])
            for path in (tmx, project_path_for(tmx), tmx.with_name(page_name(tmx.name))):
                if path.is_file():
                    keep.mkdir(parents=True, exist_ok=True)
                    path.replace(keep / path.name)

    def _done(self, number: int, suffix: str) -> Path:
        return self.state / "done" / f"{number:06d}.{suffix}"

    def finished(self, number: int) -> dict | None:
        """Pair ``number``'s row (coverages, TUs, report figures) if it was aligned and written."""
        row = self._done(number, "json")
        return self._row(number) if row.is_file() else None

    def _row(self, number: int) -> dict:
        return json.loads(self._done(number, "json").read_text("utf-8"))

    def write_pair(self, number: int, pair: DocumentPair, result: Alignment, tmx: bytes | None,
                   options: TmxOptions) -> dict:
        """Write one pair's TMX (None: refused, no TMX) with its review project beside it,
        its report page, then its row (which marks it finished)."""
        path = self.folder / "tmx" / tmx_name(number, pair.src, pair.tgt)
        if tmx is not None:
            write_atomically(path, tmx)
            create_project(result, path, options)
        write_atomically(path.with_name(page_name(path.name)), render_pair_report(
            result, REPORT_THRESHOLD, min_score=options.min_score,
            cat_segments=options.cat_segments, index="../report.html"))
        stats = PairStats.of(result, REPORT_THRESHOLD, options.min_score, options.cat_segments)
        row = {"src_coverage": pair.src_coverage, "tgt_coverage": pair.tgt_coverage,
               "tus": pair.tus, "translates": pair.translates, "stats": asdict(stats)}
        write_atomically(self._done(number, "json"), json.dumps(row).encode("utf-8"))
        return row

    def write_summary(self, pairing: Pairing, aligned: bool, date: str) -> None:
        """The TSV reports and, for an aligned run, ``corpus.tmx`` and ``report.html``."""
        src, tgt = pairing.src_lang, pairing.tgt_lang
        names = [tmx_name(n, p.src, p.tgt) if p.translates is not False else ""
                 for n, p in enumerate(pairing.pairs, 1)]
        if aligned:
            write_atomically(self.folder / "corpus.tmx", self._corpus_tmx(names, locale(src), date))
            stats = [PairStats.of_dict(self._row(n)["stats"]) for n in range(1, len(names) + 1)]
            pages = [f"tmx/{page_name(tmx_name(n, p.src, p.tgt))}"
                     for n, p in enumerate(pairing.pairs, 1)]
            write_atomically(self.folder / "report.html", render_corpus_report(
                pairing, stats, pages, REPORT_THRESHOLD))
        write_atomically(self.folder / "pairs.tsv", _tsv(
            [src, tgt, "score", f"{src}_coverage", f"{tgt}_coverage", "tus", "tmx", "verdict"],
            [[p.src, p.tgt, f"{p.score:.3f}", f"{p.src_coverage:.2f}", f"{p.tgt_coverage:.2f}",
              "" if p.tus is None else p.tus, f"tmx/{name}" if aligned and name else "",
              _VERDICTS[p.translates]]
             for p, name in zip(pairing.pairs, names, strict=True)]))
        write_atomically(self.folder / "unpaired.tsv", _tsv(
            ["path", "language", "best_candidate", "best_score"],
            [[u.path, u.lang, u.best or "", f"{u.best_score:.3f}" if u.best else ""]
             for u in pairing.unpaired]))
        write_atomically(self.folder / "skipped.tsv", _tsv(
            ["path", "reason"], [[s.path, s.reason] for s in pairing.skipped]))

    def _corpus_tmx(self, names: Sequence[str], srclang: str, date: str) -> Iterator[bytes]:
        """Every pair's TUs in one TMX, numbered anew, one pair file at a time."""
        signatures: list[tuple[str, str]] = []
        names = [name for name in names if name]
        for name in names:
            signatures += [p for p in header_props(self.folder / "tmx" / name) if p not in signatures]
        head, tail = tmx_document([], srclang, date, signatures).split(b"<body/>")
        yield head + b"<body>\n"
        number = 0
        for name in names:
            for _, tu in etree.iterparse(str(self.folder / "tmx" / name), tag="tu",
                                         remove_blank_text=True):
                number += 1
                tu.set("tuid", str(number))
                text = etree.tostring(tu, encoding="UTF-8", pretty_print=True).rstrip()
                yield b"    " + text.replace(b"\n", b"\n    ") + b"\n"
                tu.clear()
        yield b"  </body>" + tail
