"""The ``align`` command: parses arguments, calls the library, reports on stderr."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

import align
from align.aligner import AlignConfig
from align.collection import Settings
from align.docpair import PairingConfig
from align.encoders import DEFAULT_ENCODER, CachedEncoder, load_encoder
from align.errors import AlignError, NotATranslationError
from align.evaluate import evaluate_paths
from align.pipeline import PairOptions, align_documents, read_pair
from align.reader import MAX_BYTES
from align.terms import GlossaryOptions, build_glossary
from align.terms.sources import classify, glossary_languages, input_segments
from align.units import units
from align.verdict import judge_alignment
from tmx import FORMATS, check_output, format_for, write_atomically
from tmx import tools as tmx_tools
from tmx.docs import build_corpus
from tmx.glossary import read_stop_list, read_user_glossary, tmx_segments
from tmx.report import render_pair_report
from tmx.review import ReviewServer, TmxOptions, create_project, review_server

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Align Chinese–English documents into translation memories.",
)
stderr = Console(stderr=True, highlight=False)

_MAX_SIZE_HELP = "Largest input file, in MB (encoding takes about 5 minutes per MB)."
_VECTOR_CACHE_HELP = ("Folder keeping sentence vectors by content and encoder: a re-run, `align docs`, "
                      "`align pair` or `align glossary` on the same text reads them instead of encoding.")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"align {align.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Align Chinese–English documents into translation memories."""


#: The flag that sets each library setting an error may point to (AlignError.setting).
_FLAGS = {"languages": "--src-lang/--tgt-lang", "max_bytes": "--max-size", "force": "--force"}


@contextmanager
def _errors_as_one_line(flags: dict[str, str] | None = None):
    """Every failure the user can fix becomes 'error: ...' and exit status 2, naming the
    flag that would help (``flags`` overrides the usual ones for one command)."""
    try:
        yield
    except AlignError as exc:
        flag = {**_FLAGS, **(flags or {})}.get(exc.setting or "")
        hint = "" if not flag else f" ({flag})" if exc.value is None else f" ({flag} {exc.value})"
        stderr.print(f"[red]error:[/red] {escape(str(exc))}{hint}", soft_wrap=True)
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
        help="Also write an HTML review report to this file: summary, alignment path, the "
        "weakest beads with their neighbours, then every bead in document order.")] = None,
    review: Annotated[bool, typer.Option(
        help="Then correct the alignment in the browser (saved beside the TMX as "
        "NAME.align.json; reopen it with `align review`).")] = False,
    browser: Annotated[bool, typer.Option(help="--review: open the page in a browser.")] = True,
    vector_cache: Annotated[Path | None, typer.Option(help=_VECTOR_CACHE_HELP)] = None,
    force: Annotated[bool, typer.Option(
        help="Align even when the files do not look like translations of each other.")] = False,
) -> None:
    """Align a document and its translation sentence by sentence.

    Refuses (nothing written) when too little of either file aligns with confidence
    to be a translation of the other; --force aligns anyway.
    """
    started = time.perf_counter()
    with _errors_as_one_line():
        check_output(output, report)  # before minutes of encoding, not after
        output_format = format_for("alignment", output, fmt)
        if review and (output == "-" or output_format.name != "tmx"):
            raise AlignError("--review corrects a TMX file: give -o FILE.tmx")
        options = PairOptions(
            src_lang=src_lang, tgt_lang=tgt_lang, presplit=presplit, windows=windows,
            max_bytes=max_size * 2**20,
            config=replace(AlignConfig(), max_align=max_align, lexical=lexical),
        )
        src_doc, tgt_doc = read_pair(str(src), str(tgt), options)
        model = CachedEncoder(load_encoder(encoder), vector_cache)
        with _progress(quiet) as progress:
            result = align_documents(src_doc, tgt_doc, model, options, progress)
        verdict = judge_alignment(result)
        if not verdict.translates and not force:
            raise NotATranslationError(verdict.refusal(src.name, tgt.name))
        cat = output_format.accepts("cat_segments") and not sentence_tus
        data = output_format.write(result, min_score=min_score, src_locale=src_locale,
                                   tgt_locale=tgt_locale, cat_segments=cat)
        _emit(data, output)
        if report is not None:
            write_atomically(report, render_pair_report(result, min_score=min_score,
                                                        cat_segments=cat))
        if not quiet:
            written = len(units(result, min_score, cat))
            seconds = time.perf_counter() - started
            stderr.print(result.summary(written, seconds, verdict.coverage_line()), soft_wrap=True)
        if review:
            project = create_project(result, output, TmxOptions(cat, min_score, src_locale, tgt_locale))
            _serve(review_server(project.path), browser)


@app.command("review")
def review_command(
    path: Annotated[Path, typer.Argument(
        help="A review project (NAME.align.json, or the TMX beside it) or a corpus folder of "
        "`align docs`.")],
    browser: Annotated[bool, typer.Option(help="Open the page in a browser.")] = True,
) -> None:
    """Correct an alignment in the browser; every edit is saved at once, "Write TMX"
    writes the corrected TMX."""
    with _errors_as_one_line():
        _serve(review_server(path), browser)


def _serve(server: ReviewServer, browser: bool) -> None:
    """Serve the review page until Ctrl-C; its address on stdout."""
    typer.echo(server.url)
    stderr.print(f"review at {server.url} (only this computer can open it); edits are saved as "
                 "you make them; Ctrl-C to stop", soft_wrap=True)
    server.run(open_page=browser)
    stderr.print("stopped; every edit is saved")


@app.command()
def docs(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="Documents and folders (searched recursively for .txt, .md, .html, .docx), any "
        "mix of languages.")] = None,
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Output folder (created if needed); a run on a folder an "
        "earlier run left unfinished continues it.")] = Path("corpus"),
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
    workers: Annotated[int | None, typer.Option(
        min=0, help="Processes of a local Dask cluster; 0 = this process only. Default: the "
        "cores (this process alone for fewer than 64 documents).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on an existing Dask cluster, e.g. tcp://host:8786; its workers must see the "
        "inputs and the output folder at the same paths.")] = None,
    vector_cache: Annotated[Path | None, typer.Option(
        help=_VECTOR_CACHE_HELP + " Default: .align/vectors in the output folder.")] = None,
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
        check_output(output, folder=True)
        settings = Settings(
            encoder=partial(load_encoder, encoder), encoder_id=encoder,
            store=str((vector_cache or output / ".align" / "vectors").absolute()),
            pairing=PairingConfig(threshold=threshold),
            options=PairOptions(max_bytes=max_size * 2**20), max_bytes=max_size * 2**20,
            min_score=min_score, cat_segments=not sentence_tus)
        with _progress(quiet) as progress:
            run = build_corpus(sources, output, settings, workers, scheduler, dry_run, progress,
                               log=(lambda line: None) if quiet else stderr.print)
        if not quiet:
            stderr.print(f"{run.summary(output, dry_run)}; {time.perf_counter() - started:.1f} s",
                         soft_wrap=True)


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
    vector_cache: Annotated[Path | None, typer.Option(help=_VECTOR_CACHE_HELP)] = None,
) -> None:
    """Recurring terms of a corpus and their translations, as TBX or a CAT-tool glossary."""
    started = time.perf_counter()
    with _errors_as_one_line():
        check_output(output)
        output_format = format_for("glossary", output, fmt)
        langs = lang_pair.lower().split("-")
        if len(langs) != 2 or langs[0] == langs[1] or not all(langs):
            raise AlignError(f"--lang-pair {lang_pair!r}: give two languages, e.g. zh-en")
        src_lang, tgt_lang = langs
        stop = read_stop_list(stop_list) if stop_list else frozenset()
        pair_options = PairOptions(presplit=presplit, max_bytes=max_size * 2**20)
        sources = classify(inputs, pair_options)
        src_lang, tgt_lang = glossary_languages(sources, src_lang, tgt_lang)
        user = read_user_glossary(user_glossary, src_lang, tgt_lang) if user_glossary else ()
        if encoder == "none" and sources.pairs:
            raise AlignError("documents must be aligned first, which needs an encoder: drop --encoder none")
        model = None if encoder == "none" else CachedEncoder(load_encoder(encoder), vector_cache)
        options = GlossaryOptions(src_lang=src_lang, tgt_lang=tgt_lang, min_freq=min_freq, top=top,
                                  stop_words=stop, user_entries=user, processes=0)
        with _progress(quiet) as progress:
            segments = (tmx_segments(sources.tmx, src_lang, tgt_lang) if sources.tmx else
                        input_segments(sources, src_lang, pair_options, model, progress))
            result = build_glossary(segments, options, model, progress("terms", None))
        _emit(output_format.write(result, source=", ".join(p.name for p in inputs)), output)
        if not quiet:
            translated = sum(not e.monolingual for e in result.entries)
            stderr.print(f"{len(result.entries)} terms, {translated} with a translation; "
                         f"{result.segments} segments ({result.bilingual_segments} aligned) in "
                         f"{result.documents} documents; {time.perf_counter() - started:.1f} s",
                         soft_wrap=True)


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
        check_output(output)
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
        check_output(output)
        data, read, written, unscored = tmx_tools.filter_units(tmx_file, min_score)
        _emit(data, output)
        if not quiet:
            stderr.print(f"{written} of {read} TUs kept ({unscored} without a score, kept)",
                         soft_wrap=True)


if __name__ == "__main__":
    app()
