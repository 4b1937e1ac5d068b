"""The ``align`` command: parses arguments, calls the library, reports on stderr."""

from __future__ import annotations

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
from align.encoders import DEFAULT_ENCODER, CachedEncoder, load_encoder
from align.errors import AlignError
from align.evaluate import evaluate_paths
from align.pipeline import PairOptions, align_documents, read_pair
from align.types import Alignment
from tmx import FORMATS, check_writable, format_for, render, write_atomically

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Align Chinese–English documents into translation memories.",
)
stderr = Console(stderr=True, highlight=False)


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
        f"{written} TUs written; mean confidence {mean:.3f}; {seconds:.1f} s"
    )


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
    encoder: Annotated[str, typer.Option(
        help="'e5' (bundled) or a sentence-transformers model name or folder.")] = DEFAULT_ENCODER,
    max_align: Annotated[int, typer.Option(
        min=2, max=8, help="Most sentences in one bead, both sides together.")] = 5,
    windows: Annotated[int, typer.Option(
        min=1, max=4, help="Also embed runs of up to N sentences (N times slower; 1 = each "
        "sentence once).")] = 1,
    min_score: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Drop TUs whose confidence is below this.")] = 0.0,
    max_size: Annotated[int, typer.Option(help="Largest input file, in MB.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Align a document and its translation sentence by sentence."""
    started = time.perf_counter()
    with _errors_as_one_line():
        if output != "-":
            check_writable(output)  # before minutes of encoding, not after
        fmt = format_for(output, fmt)
        if fmt not in FORMATS:
            raise AlignError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        options = PairOptions(
            src_lang=src_lang, tgt_lang=tgt_lang, presplit=presplit, windows=windows,
            max_bytes=max_size * 2**20, config=replace(AlignConfig(), max_align=max_align),
        )
        src_doc, tgt_doc = read_pair(str(src), str(tgt), options)
        model = CachedEncoder(load_encoder(encoder))
        with _progress(quiet) as progress:
            result = align_documents(src_doc, tgt_doc, model, options, progress)
        data = render(result, fmt, min_score,
                      **({"src_locale": src_locale, "tgt_locale": tgt_locale}
                         if fmt == "tmx" else {}))
        _emit(data, output)
        if not quiet:
            written = sum(1 for b in result.beads if b.is_pair and b.confidence >= min_score)
            stderr.print(_summary(result, written, time.perf_counter() - started), soft_wrap=True)


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


if __name__ == "__main__":
    app()
