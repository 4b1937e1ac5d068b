"""The ``align`` command: parses arguments, calls the library, reports on stderr."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from align.aligner import AlignConfig
from align.collection import align_pairs, check_output, read_collection, write_corpus
from align.corpus import classify, input_segments
from align.docpair import PairingConfig, pair_documents
from align.encoders import DEFAULT_ENCODER, CachedEncoder, load_encoder
from align.errors import AlignError
from align.evaluate import evaluate_paths
from align.pipeline import PairOptions, align_documents, read_pair
from align.reader import MAX_BYTES
from align.terms import GlossaryOptions, build_glossary
from align.types import Alignment
from align.units import units
from align.verdict import judge_alignment
from tmx import FORMATS, check_writable, format_for, render, write_atomically
from tmx import tools as tmx_tools
from tmx.glossary import GLOSSARY_FORMATS, glossary_format_for, read_user_glossary, render_glossary
from tmx.report import render_pair_report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Align Chinese–English documents into translation memories.",
)
stderr = Console(stderr=True, highlight=False)
_MAX_SIZE_HELP = "Largest input file, in MB (encoding takes about 5 minutes per MB)."


@contextmanager
def _errors_as_one_line():
    """Every failure the user can fix becomes 'error: ...' and exit status 2."""
    try:
        yield
    except AlignError as exc:
        stderr.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        stderr.print("interrupted; no output written")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:  # stdout closed early (| head): not an error of anyone's
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # quiet exit flush
        raise typer.Exit(0) from None
    except Exception as exc:  # a bug of ours: still one line, but say so
        stderr.print(f"[red]internal error:[/red] {type(exc).__name__}: {escape(str(exc))} "
                     "(please report it with the command you ran)", soft_wrap=True)
        raise typer.Exit(1) from None


@contextmanager
def _progress(quiet: bool):
    """A rich progress display on stderr; yields a factory of 'advance' callbacks."""
    if quiet or not stderr.is_terminal:  # no bar (and no stray blank line) in logs and pipes
        yield lambda description, total: (lambda n: None)
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(), console=stderr, transient=True,
    ) as bar:
        def factory(description: str, total: int) -> Callable[[int], None]:
            task = bar.add_task(description, total=total)
            return lambda n: bar.advance(task, n)
        yield factory


def _summary(result: Alignment, written: int, seconds: float) -> str:
    kinds = Counter(b.kind for b in result.beads)
    pairs = [b.confidence for b in result.beads if b.is_pair]
    mean = sum(pairs) / len(pairs) if pairs else 0.0
    order = sorted(kinds, key=lambda k: (-kinds[k], k))
    return (
        f"{len(result.src)} {result.src.lang} / {len(result.tgt)} {result.tgt.lang} sentences; "
        f"beads {', '.join(f'{k}: {kinds[k]}' for k in order)}; "
        f"{written} TUs written; mean confidence {mean:.3f}; {seconds:.1f} s "
        f"({', '.join(f'{k} {v:.1f}' for k, v in result.seconds.items())}); "
        f"{result.encoder_calls} texts encoded"
    )


def _check_output(output: str) -> None:
    """Fail early when ``output`` cannot be written; ``-`` (stdout) always can."""
    if output != "-":
        check_writable(output)


def _emit(data: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomically(output, data)


@app.command()
def pair(
    src: Annotated[Path, typer.Argument(help="Source document (e.g. Chinese).")],
    tgt: Annotated[Path, typer.Argument(help="Its translation (e.g. English).")],
    output: Annotated[str, typer.Option("-o", "--output", help="Output file; - for stdout.")] = "-",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help=f"One of {', '.join(FORMATS)}; default from the extension, else tmx."
    )] = None,
    presplit: Annotated[bool, typer.Option(
        help="Inputs hold one sentence per line: skip segmentation.")] = False,
    src_lang: Annotated[str | None, typer.Option(help="Source language code; default: detect.")] = None,
    tgt_lang: Annotated[str | None, typer.Option(help="Target language code; default: detect.")] = None,
    src_locale: Annotated[str | None, typer.Option(
        help="xml:lang for the source in TMX (default zh → zh-CN, en → en-US, ...).")] = None,
    tgt_locale: Annotated[str | None, typer.Option(help="xml:lang for the target in TMX.")] = None,
    sentence_tus: Annotated[bool, typer.Option(
        help="TMX: one TU per bead, even where a CAT tool's segment spans several "
        "(e.g. “……。”他说。); default: merge beads to CAT-tool segments.")] = False,
    encoder: Annotated[str, typer.Option(
        help="'e5' (bundled) or a sentence-transformers model name or folder.")] = DEFAULT_ENCODER,
    max_align: Annotated[int, typer.Option(
        min=2, max=8, help="Most sentences in one bead, both sides together.")] = AlignConfig().max_align,
    lexical: Annotated[float, typer.Option(
        min=0.0, help="Weight of CC-CEDICT word matches in bead scores (zh-en only); "
        "0 = embeddings alone.")] = AlignConfig().lexical,
    windows: Annotated[int, typer.Option(
        min=1, max=4, help="Also embed runs of up to N sentences (N times slower; 1 = each "
        "sentence once).")] = 1,
    min_score: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Drop TUs whose confidence is below this.")] = 0.0,
    max_size: Annotated[int, typer.Option(min=1, help=_MAX_SIZE_HELP)] = MAX_BYTES // 2**20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    report: Annotated[Path | None, typer.Option(
        help="Also write an HTML review report (weakest beads first) to this file.")] = None,
    force: Annotated[bool, typer.Option(
        help="Align even when the files do not look like translations of each other.")] = False,
) -> None:
    """Align a document and its translation sentence by sentence.

    Refuses (exit 1, nothing written) when too little of either file aligns
    with confidence to be a translation of the other; --force aligns anyway.
    """
    started = time.perf_counter()
    with _errors_as_one_line():
        _check_output(output)  # before minutes of encoding, not after
        if report is not None:
            check_writable(report)
            if output != "-" and report.resolve() == Path(output).resolve():
                raise AlignError(f"{report}: --report and --output name the same file")
        fmt = format_for(output, fmt)
        if fmt not in FORMATS:
            raise AlignError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        options = PairOptions(
            src_lang=src_lang, tgt_lang=tgt_lang, presplit=presplit, windows=windows,
            max_bytes=max_size * 2**20,
            config=replace(AlignConfig(), max_align=max_align, lexical=lexical),
        )
        src_doc, tgt_doc = read_pair(str(src), str(tgt), options)
        model = CachedEncoder(load_encoder(encoder))
        with _progress(quiet) as progress:
            result = align_documents(src_doc, tgt_doc, model, options, progress)
        verdict = judge_alignment(result)
        if not verdict.translates and not force:
            raise AlignError(verdict.refusal(src.name, tgt.name))
        cat = fmt == "tmx" and not sentence_tus
        data = render(result, fmt, min_score,
                      **({"src_locale": src_locale, "tgt_locale": tgt_locale,
                          "cat_segments": cat} if fmt == "tmx" else {}))
        _emit(data, output)
        if report is not None:
            write_atomically(report, render_pair_report(result))
        if not quiet:
            written = len(units(result, min_score, cat))
            line = _summary(result, written, time.perf_counter() - started)
            stderr.print(f"{line}; {verdict.coverage_line()}", soft_wrap=True)


@app.command()
def docs(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Documents and folders (searched recursively for .txt, .md, .html, .docx), any "
        "mix of languages.")] = None,
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Output folder (created if needed).")] = Path("corpus"),
    zh: Annotated[list[Path] | None, typer.Option(
        "--zh", help="Chinese documents or folders (language not detected); repeatable.")] = None,
    en: Annotated[list[Path] | None, typer.Option(
        "--en", help="English documents or folders (language not detected); repeatable.")] = None,
    dry_run: Annotated[bool, typer.Option(
        help="Only pair: write pairs.tsv, unpaired.tsv and skipped.tsv, no alignment or TMX.")] = False,
    threshold: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Lowest pair score accepted as a translation.")] = 0.5,
    sentence_tus: Annotated[bool, typer.Option(
        help="TMX: one TU per bead instead of CAT-tool segments.")] = False,
    encoder: Annotated[str, typer.Option(
        help="'e5' (bundled) or a sentence-transformers model name or folder.")] = DEFAULT_ENCODER,
    min_score: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Drop TUs whose confidence is below this.")] = 0.0,
    max_size: Annotated[int, typer.Option(min=1, help=_MAX_SIZE_HELP)] = MAX_BYTES // 2**20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Find which Chinese and English documents translate each other, then align every pair.

    Writes pairs.tsv, unpaired.tsv, skipped.tsv, tmx/ (one TMX per pair), corpus.tmx and
    report.html (the review report of every pair) into the output folder.
    """
    started = time.perf_counter()
    with _errors_as_one_line():
        sources = [(p, None) for p in inputs or []]
        sources += [(p, "zh") for p in zh or []] + [(p, "en") for p in en or []]
        if not sources:
            raise AlignError("give documents or folders to pair (or --zh DIR --en DIR)")
        check_output(output)
        model = CachedEncoder(load_encoder(encoder))
        with _progress(quiet) as progress:
            found = read_collection(sources, output, max_size * 2**20, progress)
            pairing = pair_documents(found.documents, model, PairingConfig(threshold=threshold),
                                     progress=progress)
            pairing.skipped[:0] = found.skipped
            cat = not sentence_tus
            aligned = None if dry_run else align_pairs(
                pairing, found.documents, model, PairOptions(), min_score, cat, progress)
        write_corpus(output, pairing, aligned, min_score, cat)
        if not quiet:
            partial = sum(p.partial for p in pairing.pairs)
            tus = sum(p.tus or 0 for p in pairing.pairs)
            stderr.print(
                f"{len(found.documents) + len(found.skipped)} documents: {len(pairing.pairs)} pairs "
                f"({partial} partial), {len(pairing.unpaired)} unpaired, {len(pairing.skipped)} "
                f"skipped; {pairing.encoded} sentences embedded to pair them"
                + ("" if dry_run else f"; {tus} TUs in {output / 'corpus.tmx'}, review "
                   f"{output / 'report.html'}")
                + f"; {time.perf_counter() - started:.1f} s", soft_wrap=True)


@app.command()
def glossary(
    inputs: Annotated[list[Path], typer.Argument(
        help="TMX files; or a document and its translation, or two folders of them (aligned "
        "first); or documents in one language (a monolingual term list).")],
    output: Annotated[str, typer.Option("-o", "--output", help="Output file; - for stdout.")] = "-",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="tbx, tsv (OmegaT) or csv; default from the extension, else tsv.")] = None,
    min_freq: Annotated[int, typer.Option(min=1, help="Least occurrences of a term.")] = 2,
    top: Annotated[int, typer.Option(min=1, help="Most terms listed.")] = 500,
    lang_pair: Annotated[str, typer.Option(
        help="Source and target language, e.g. zh-en or en-zh.")] = "zh-en",
    stop_list: Annotated[Path | None, typer.Option(
        help="UTF-8 file, one word or term per line: never a term, nor the first or last word "
        "of one.")] = None,
    user_glossary: Annotated[Path | None, typer.Option(
        "--glossary", help="Your glossary (TSV, CSV or TBX): its entries are kept and linked first.")] = None,
    encoder: Annotated[str, typer.Option(
        help="'e5' (bundled), a sentence-transformers model, or 'none' (no similarity check; "
        "TMX or one-language input only).")] = DEFAULT_ENCODER,
    presplit: Annotated[bool, typer.Option(help="Documents hold one sentence per line.")] = False,
    max_size: Annotated[int, typer.Option(min=1, help=_MAX_SIZE_HELP)] = MAX_BYTES // 2**20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Recurring terms of a corpus and their translations, as TBX or a CAT-tool glossary."""
    started = time.perf_counter()
    with _errors_as_one_line():
        _check_output(output)
        fmt = glossary_format_for(output, fmt)
        if fmt not in GLOSSARY_FORMATS:
            raise AlignError(f"unknown glossary format {fmt!r}; use one of {', '.join(GLOSSARY_FORMATS)}")
        langs = lang_pair.lower().split("-")
        if len(langs) != 2 or langs[0] == langs[1] or not all(langs):
            raise AlignError(f"--lang-pair {lang_pair!r}: give two languages, e.g. zh-en")
        src_lang, tgt_lang = langs
        stop = _read_stop_list(stop_list) if stop_list else frozenset()
        user = read_user_glossary(user_glossary, src_lang, tgt_lang) if user_glossary else ()
        pair_options = PairOptions(presplit=presplit, max_bytes=max_size * 2**20)
        sources = classify(inputs, pair_options)
        if sources.monolingual_lang and sources.monolingual_lang != src_lang:
            src_lang, tgt_lang = sources.monolingual_lang, src_lang
        if encoder == "none" and sources.pairs:
            raise AlignError("documents must be aligned first, which needs an encoder: drop --encoder none")
        model = None if encoder == "none" else CachedEncoder(load_encoder(encoder))
        options = GlossaryOptions(src_lang=src_lang, tgt_lang=tgt_lang, min_freq=min_freq, top=top,
                                  stop_words=stop, user_entries=user)
        seen: dict[str, int] = {}
        with _progress(quiet) as progress:
            segments = input_segments(sources, src_lang, tgt_lang, pair_options, model, progress, seen)
            try:
                result = build_glossary(segments, options, model, progress("terms", None))
            except AlignError as exc:
                if sources.tmx and "holds no" in str(exc):
                    raise AlignError(f"no {src_lang} text in {', '.join(map(str, inputs))} (languages: "
                                     f"{', '.join(sorted(seen)) or 'none'}); set --lang-pair") from None
                raise
        _emit(render_glossary(result, fmt, ", ".join(p.name for p in inputs)), output)
        if not quiet:
            translated = sum(not e.monolingual for e in result.entries)
            stderr.print(f"{len(result.entries)} terms, {translated} with a translation; "
                         f"{result.segments} segments ({result.bilingual_segments} aligned) in "
                         f"{result.documents} documents; {time.perf_counter() - started:.1f} s",
                         soft_wrap=True)


def _read_stop_list(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AlignError(f"{path}: cannot read the stop list ({exc})") from None
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold .align file, or folder of them.")],
    test: Annotated[Path, typer.Argument(help="Test .align file, or folder (same names).")],
) -> None:
    """Strict and lax precision, recall and F1 of TEST against GOLD."""
    with _errors_as_one_line():
        scores = evaluate_paths(gold, test).as_dict()
        typer.echo("\t".join(["", "precision", "recall", "F1"]))
        for name in ("strict", "lax"):
            typer.echo("\t".join([name, *(f"{scores[f'{name}_{m}']:.4f}" for m in ["p", "r", "f1"])]))


tmx_app = typer.Typer(no_args_is_help=True, help="Merge, inspect and filter TMX files.")
app.add_typer(tmx_app, name="tmx")
_TMX_OUT = typer.Option("-o", "--output", help="Output TMX file; - for stdout.")


@tmx_app.command("merge")
def tmx_merge(
    inputs: Annotated[list[Path], typer.Argument(help="TMX files, from align or any CAT tool.")],
    output: Annotated[str, _TMX_OUT] = "-",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Merge TMX files into one, each distinct translation unit once."""
    with _errors_as_one_line():
        _check_output(output)
        data, read, written = tmx_tools.merge(inputs)
        _emit(data, output)
        if not quiet:
            stderr.print(f"{read} TUs read from {len(inputs)} files; {read - written} duplicate or "
                         f"one-sided dropped; {written} written", soft_wrap=True)


@tmx_app.command("stats")
def tmx_stats(tmx_file: Annotated[Path, typer.Argument(help="A TMX file.")]) -> None:
    """Counts of TUs, languages, duplicates, bead types and confidence scores."""
    with _errors_as_one_line():
        for line in tmx_tools.stats(tmx_file).lines():
            typer.echo(line)


@tmx_app.command("filter")
def tmx_filter(
    tmx_file: Annotated[Path, typer.Argument(help="A TMX file.")],
    min_score: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Keep TUs whose x-score is at least this (TUs without one stay).")],
    output: Annotated[str, _TMX_OUT] = "-",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Keep the translation units whose confidence is at least --min-score."""
    with _errors_as_one_line():
        _check_output(output)
        data, read, written, unscored = tmx_tools.filter_units(tmx_file, min_score)
        _emit(data, output)
        if not quiet:
            stderr.print(f"{written} of {read} TUs kept ({unscored} without a score, kept)",
                         soft_wrap=True)


if __name__ == "__main__":
    app()
