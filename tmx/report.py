"""A self-contained HTML review report of an alignment, with the weak spots first.

A translator checks a TM by looking where the aligner was unsure, not by reading
every entry. The report is one file that opens from disk with no network: inline
CSS, an inline SVG of the alignment path and a few lines of JavaScript for
sorting and filtering (the page is complete without them). No dates go in, so
the same alignment always gives the same bytes.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import align
from align.types import Alignment, Bead, Sentences
from align.units import units
from tmx.formats import xml_safe

if TYPE_CHECKING:  # only the type: pairing's imports are not needed to render
    from align.docpair import Pairing

#: How many of the lowest-confidence beads the "weakest beads" section shows.
WEAKEST = 10
_BINS = 10  # bins of the confidence histogram
_PLOT = 320  # side of the square plot area of the path picture, in px
_LEFT, _TOP, _RIGHT, _BOTTOM = 46, 12, 12, 40  # margins around it, room for the axes


def _esc(text: str) -> str:
    """Text safe in HTML content and quoted attributes."""
    return html.escape(xml_safe(text), quote=True)


def _hue(confidence: float) -> int:
    """0 → red, 0.5 → amber, 1 → green: the colour scale used everywhere in the report."""
    return round(120 * min(max(confidence, 0.0), 1.0))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


@dataclass
class PairStats:
    """The summary numbers of one alignment, as shown at the top of its section."""

    kinds: list[tuple[str, int]]  #: bead type and count, most frequent first
    beads: int
    tus: int  #: the TUs the TMX (or TSV, JSONL) written with the same options holds
    under: int  #: TUs whose confidence is below the threshold
    gaps: int  #: insertions and deletions
    mean: float  #: mean confidence of the TUs
    histogram: list[int]  #: TUs per confidence bin of width 1 / _BINS

    @classmethod
    def of(cls, alignment: Alignment, threshold: float, min_score: float = 0.0,
           cat_segments: bool = False) -> PairStats:
        """Counted by ``align.units.units``, as the writers count: beads merged to CAT-tool
        segments, TUs under ``min_score`` and those with a blank side left out."""
        counts = Counter(b.kind for b in alignment.beads)
        pairs = [u.bead.confidence for u in units(alignment, min_score, cat_segments)]
        return cls(
            kinds=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
            beads=len(alignment.beads),
            tus=len(pairs),
            under=sum(c < threshold for c in pairs),
            gaps=sum(not b.is_pair for b in alignment.beads),
            mean=sum(pairs) / len(pairs) if pairs else 0.0,
            histogram=[sum(min(int(c * _BINS), _BINS - 1) == k for c in pairs) for k in range(_BINS)],
        )


    @classmethod
    def of_dict(cls, data: dict) -> PairStats:
        """Back from ``dataclasses.asdict`` through JSON (which has no tuples)."""
        return cls(**{**data, "kinds": [tuple(kind) for kind in data["kinds"]]})


def _side_cell(side: Sentences, ids: tuple[int, ...], other_lang: str) -> str:
    if not ids:
        return f'<td class="gap"><span>no {_esc(side.lang)} sentence ({_esc(other_lang)} only)</span></td>'
    first, last = ids[0] + 1, ids[-1] + 1
    where = f"sentence {first}" if first == last else f"sentences {first}–{last}"
    spans = "".join(f'<span class="s">{_esc(side.texts[i])}</span>' for i in ids)
    return f'<td lang="{_esc(side.lang)}">{spans}<span class="ids">{where}</span></td>'


def _row(alignment: Alignment, number: int, threshold: float, prefix: str, anchor: bool,
         focus: bool = False) -> str:
    """One bead as a table row; ``anchor`` rows carry the id the links point to."""
    bead = alignment.beads[number - 1]
    classes = ["gap" if not bead.is_pair else "weak" if bead.confidence < threshold else "ok"]
    if focus:
        classes.append("focus")
    starts = bead.src[0] if bead.src else None
    if starts and alignment.src.paragraph[starts] != alignment.src.paragraph[starts - 1]:
        classes.append("para")
    conf = f"{bead.confidence:.2f}" if bead.is_pair else "gap"
    ident = f' id="{prefix}b{number}"' if anchor else ""
    return (
        f'<tr{ident} class="{" ".join(classes)}" data-n="{number}" data-kind="{bead.kind}" '
        f'data-conf="{bead.confidence:.4f}" style="--h:{_hue(bead.confidence)}">'
        f'<td class="n"><a href="#{prefix}b{number}">{number}</a></td>'
        f"{_side_cell(alignment.src, bead.src, alignment.tgt.lang)}"
        f"{_side_cell(alignment.tgt, bead.tgt, alignment.src.lang)}"
        f'<td class="kind">{bead.kind}</td><td class="conf">{conf}</td></tr>'
    )


def _th(label: str, key: str, sortable: bool = True) -> str:
    """A column header; sortable ones sort the rows by their ``data-<key>`` (the JS does)."""
    if not sortable:
        return f'<th class="{key}">{label}</th>'
    state = ' aria-sort="ascending"' if key == "n" else ""  # rows start in document order
    return f'<th class="{key}"{state}><button type="button" data-sort="{key}">{label}</button></th>'


def _head(alignment: Alignment, sortable: bool) -> str:
    src, tgt = _esc(alignment.src.lang), _esc(alignment.tgt.lang)
    return (f'<thead><tr>{_th("#", "n", sortable)}<th>{src}</th><th>{tgt}</th>'
            f'{_th("type", "kind", sortable)}{_th("confidence", "conf", sortable)}</tr></thead>')


def _bead_points(beads: list[Bead]) -> list[tuple[int, int]]:
    """Where each bead ends on the (source count, target count) grid: a deletion moves
    right only, an insertion up only, a 1-1 diagonally."""
    points, i, j = [], 0, 0
    for bead in beads:
        i, j = i + len(bead.src), j + len(bead.tgt)
        points.append((i, j))
    return points


def _path_svg(alignment: Alignment, prefix: str) -> str:
    """Source sentence index against target index: one dot per bead, coloured by confidence.

    A straight run near the dashed diagonal is a clean alignment; horizontal or
    vertical runs are skipped blocks, and a path far from the diagonal is drift.
    """
    n, m = max(len(alignment.src), 1), max(len(alignment.tgt), 1)

    def xy(i: float, j: float) -> tuple[str, str]:
        return f"{_LEFT + i * _PLOT / n:.1f}", f"{_TOP + _PLOT - j * _PLOT / m:.1f}"

    beads = alignment.beads
    points = [xy(i, j) for i, j in _bead_points(beads)]
    radius = max(1.2, min(4.0, 240 / max(len(beads), 1)))
    dots = []
    for number, (bead, (x, y)) in enumerate(zip(beads, points, strict=True), 1):
        label = f"bead {number} · {bead.kind} · " + (f"{bead.confidence:.2f}" if bead.is_pair else "gap")
        cls = "" if bead.is_pair else ' class="gap"'
        dots.append(f'<a href="#{prefix}b{number}"><circle{cls} cx="{x}" cy="{y}" r="{radius:.1f}" '
                    f'style="--h:{_hue(bead.confidence)}"><title>{label}</title></circle></a>')
    track = " L".join(f"{x},{y}" for x, y in points)
    corner, end = ",".join(xy(0, 0)), ",".join(xy(n, m))
    bottom, right = _TOP + _PLOT, _LEFT + _PLOT
    src, tgt = _esc(alignment.src.lang), _esc(alignment.tgt.lang)
    width, height = right + _RIGHT, bottom + _BOTTOM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="alignment path: {src} sentence index against {tgt} sentence index">'
        f'<rect class="frame" x="{_LEFT}" y="{_TOP}" width="{_PLOT}" height="{_PLOT}"/>'
        f'<path class="diagonal" d="M{corner} L{end}"/>'
        + (f'<path class="track" data-points="{len(points)}" d="M{track}"/>' if points else "")
        + "".join(dots)
        + f'<text x="{_LEFT}" y="{bottom + 16}">0</text>'
        f'<text x="{right}" y="{bottom + 16}" text-anchor="end">{len(alignment.src)}</text>'
        f'<text x="{_LEFT + _PLOT / 2}" y="{bottom + 32}" text-anchor="middle">{src} sentence</text>'
        f'<text x="{_LEFT - 6}" y="{bottom}" text-anchor="end">0</text>'
        f'<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end">{len(alignment.tgt)}</text>'
        f'<text transform="translate({_LEFT - 14} {_TOP + _PLOT / 2}) rotate(-90)" '
        f'text-anchor="middle">{tgt} sentence</text></svg>'
    )


def _summary(stats: PairStats, threshold: float) -> str:
    """Headline numbers, bead types, and a histogram of TU confidences with the threshold marked."""
    kinds = "".join(f'<li><b>{k}</b> <span data-kind-count="{k}">{c}</span></li>' for k, c in stats.kinds)
    top = max(stats.histogram) or 1
    bars = "".join(
        f'<span style="--h:{_hue((k + 0.5) / _BINS)};height:{max(100 * c / top, 8 * bool(c)):.0f}%" '
        f'title="{k / _BINS:.1f}–{(k + 1) / _BINS:.1f}: {c} TUs"></span>'
        for k, c in enumerate(stats.histogram)
    )
    mark = f"{100 * min(max(threshold, 0.0), 1.0):.1f}%"
    return (
        '<div class="numbers">'
        f'<div><span class="label">translation units</span><b data-stat="tus">{stats.tus}</b></div>'
        f'<div><span class="label">mean confidence</span><b data-stat="mean">{stats.mean:.3f}</b></div>'
        f'<div class="{"alert" if stats.under else ""}"><span class="label">TUs under {threshold:g}</span>'
        f'<b data-stat="under">{_pct(stats.under, stats.tus)}</b>'
        f'<small>{stats.under} of {stats.tus}</small></div>'
        f'<div><span class="label">gaps (no counterpart)</span><b data-stat="gaps">{stats.gaps}</b></div>'
        "</div>"
        f'<p class="label">beads by type ({stats.beads} in all)</p><ul class="kinds">{kinds}</ul>'
        '<p class="label">TUs by confidence</p>'
        f'<div class="histogram"><div class="bars">{bars}'
        f'<em style="left:{mark}" title="threshold {threshold:g}"></em></div>'
        '<div class="scale"><span>0</span><span>0.5</span><span>1</span></div></div>'
    )


def _neighbourhoods(beads: list[Bead]) -> list[list[int]]:
    """The WEAKEST lowest-confidence bead numbers (gaps count as 0), grouped so that beads
    whose neighbourhoods (the bead before and after) overlap share one group, and so
    one context table: no bead is shown twice. Groups come weakest first."""
    order = sorted(range(1, len(beads) + 1), key=lambda k: (beads[k - 1].confidence, k))[:WEAKEST]
    rank = {k: r for r, k in enumerate(order)}
    groups: list[list[int]] = []
    for number in order:
        near = [g for g in groups if any(abs(number - k) <= 2 for k in g)]
        groups = [g for g in groups if g not in near] + [[k for g in near for k in g] + [number]]
    for group in groups:
        group.sort(key=rank.__getitem__)
    return sorted(groups, key=lambda g: rank[g[0]])


def _weakest(alignment: Alignment, threshold: float, prefix: str) -> str:
    """The lowest-confidence beads, each group with the beads before and after it."""
    beads = alignment.beads
    groups = _neighbourhoods(beads)
    items = []
    for group in groups:
        first, last = max(min(group) - 1, 1), min(max(group) + 1, len(beads))
        rows = "".join(_row(alignment, k, threshold, prefix, anchor=False, focus=k in group)
                       for k in range(first, last + 1))
        labels = " · ".join(
            f'<a href="#{prefix}b{k}">bead {k}</a> {beads[k - 1].kind} '
            + (f"confidence {beads[k - 1].confidence:.2f}" if beads[k - 1].is_pair else "gap")
            for k in sorted(group)
        )
        items.append(
            f'<li data-n="{group[0]}" data-beads="{" ".join(map(str, sorted(group)))}">{labels}'
            f'<table class="beads context" data-focus="{group[0]}">{_head(alignment, False)}'
            f"<tbody>{rows}</tbody></table></li>"
        )
    shown = sum(map(len, groups))
    return (f'<details class="weakest" open><summary>Weakest beads: the {shown} lowest-confidence '
            f"beads with their neighbours, weakest first</summary><ol>{''.join(items)}</ol></details>")


def _controls(stats: PairStats, threshold: float) -> str:
    kinds = "".join(f'<option value="{k}">{k}</option>' for k, _ in stats.kinds)
    return (
        '<div class="controls" hidden>'
        '<input type="search" class="q" placeholder="find text" aria-label="find text">'
        f'<select class="kind-filter" aria-label="bead type"><option value="">all types</option>{kinds}'
        "</select>"
        '<label><input type="checkbox" class="weak-only"> only under '
        f'<input type="number" class="limit" min="0" max="1" step="0.05" value="{threshold:g}" '
        'aria-label="confidence threshold"></label>'
        '<output class="shown"></output></div>'
    )


def _pair_body(alignment: Alignment, threshold: float, prefix: str, tu_options: tuple[float, bool]
               ) -> str:
    """Everything about one alignment: summary, path picture, weakest beads, all beads."""
    stats = PairStats.of(alignment, threshold, *tu_options)
    src, tgt = alignment.src, alignment.tgt
    rows = "".join(_row(alignment, k, threshold, prefix, anchor=True)
                   for k in range(1, len(alignment.beads) + 1))
    return (
        f'<p class="docs"><b>{_esc(src.name or src.lang)}</b> ({_esc(src.lang)}, {len(src)} sentences) ↔ '
        f"<b>{_esc(tgt.name or tgt.lang)}</b> ({_esc(tgt.lang)}, {len(tgt)} sentences)</p>"
        + (f'<p class="signature">Made by <code>{_esc(alignment.signature)}</code></p>'
           if alignment.signature else "") +
        f'<div class="overview"><div class="summary">{_summary(stats, threshold)}</div>'
        f"<figure>{_path_svg(alignment, prefix)}<figcaption>Alignment path: one dot per bead, "
        "coloured by confidence; hollow dots are gaps. Off the dashed diagonal means drift, flat or "
        "steep runs mean skipped blocks. Click a dot to see its row.</figcaption></figure></div>"
        f"{_weakest(alignment, threshold, prefix)}"
        f"<h3>All beads</h3>{_controls(stats, threshold)}"
        f'<table class="beads all">{_head(alignment, True)}<tbody>{rows}</tbody></table>'
    )


@cache
def _asset(name: str) -> str:
    """The report's stylesheet or script (package data), inlined so the page is one file."""
    return resources.files("tmx").joinpath("static", name).read_text(encoding="utf-8")


def _page(title: str, body: str, index: str | None = None) -> bytes:
    up = f' <a class="up" href="{_esc(index)}" title="all pairs">↑</a>' if index else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="align {align.__version__}">'
        f"<title>{_esc(title)}</title><style>{_asset('report.css')}</style></head>\n"
        f'<body id="top"><header><h1>{_esc(title)}{up}</h1></header>\n{body}\n'
        f"<script>{_asset('report.js')}</script></body></html>\n"
    ).encode()


def render_pair_report(alignment: Alignment, threshold: float = 0.5, title: str | None = None,
                       min_score: float = 0.0, cat_segments: bool = False,
                       index: str | None = None) -> bytes:
    """The review report of one document pair as a UTF-8 HTML page. ``min_score`` and
    ``cat_segments`` are those the TMX was written with, so the report counts its TUs;
    ``index``, the corpus report the page belongs to, is linked from its title."""
    title = title or f"Alignment review: {alignment.src.name} ↔ {alignment.tgt.name}"
    body = _pair_body(alignment, threshold, "", (min_score, cat_segments))
    return _page(title, f'<section class="pair" id="pair">{body}</section>', index)


def render_corpus_report(pairing: Pairing, stats: Sequence[PairStats], pages: Sequence[str],
                         threshold: float = 0.5, title: str | None = None) -> bytes:
    """The index page of ``align docs``: one row per document pair (its figures, linking
    to its own report page, ``pages``), then the unpaired and skipped documents. Each pair
    has a page of its own so that the index opens at once however large the corpus."""
    rows = []
    for number, (pair, pair_stats, page) in enumerate(zip(pairing.pairs, stats, pages, strict=True), 1):
        rows.append(
            f'<tr data-n="{number}" data-score="{pair.score:.4f}" data-coverage="{pair.coverage:.4f}" '
            f'data-mean="{pair_stats.mean:.4f}" '
            f'data-under="{pair_stats.under / max(pair_stats.tus, 1):.4f}">'
            f'<td class="n">{number}</td><td><a href="{_esc(page)}">{_esc(pair.src)} ↔ '
            f"{_esc(pair.tgt)}</a></td><td>{pair.score:.3f}</td><td>{100 * pair.coverage:.0f}%</td>"
            f'<td>{pair_stats.tus}</td><td style="--h:{_hue(pair_stats.mean)}" class="conf">'
            f"{pair_stats.mean:.3f}</td><td>{_pct(pair_stats.under, pair_stats.tus)}</td></tr>"
        )

    table = (
        f'<table class="corpus"><thead><tr>{_th("#", "n")}<th>pair</th>{_th("score", "score")}'
        f'{_th("coverage", "coverage")}<th>TUs</th>{_th("mean conf.", "mean")}'
        f'{_th(f"under {threshold:g}", "under")}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows else "<p>No document pairs were found.</p>"
    )
    left = "".join(
        f"<tr><td>{_esc(u.path)}</td><td>{_esc(u.lang)}</td><td>{_esc(u.best or '—')}</td>"
        f"<td>{f'{u.best_score:.3f}' if u.best else '—'}</td></tr>"
        for u in pairing.unpaired
    )
    leftovers = (
        '<table class="unpaired"><thead><tr><th>document</th><th>language</th><th>best candidate</th>'
        f"<th>score</th></tr></thead><tbody>{left}</tbody></table>" if left else "<p>None.</p>"
    )
    skipped = "".join(f"<tr><td>{_esc(s.path)}</td><td>{_esc(s.reason)}</td></tr>"
                      for s in pairing.skipped)
    not_read = (
        '<h2>Skipped inputs</h2><table class="skipped"><thead><tr><th>input</th><th>reason</th>'
        f"</tr></thead><tbody>{skipped}</tbody></table>" if skipped else ""
    )
    body = (
        f'<section class="corpus" id="corpus"><p class="docs"><b data-stat="pairs">{len(rows)}</b> '
        f'document pairs, <b data-stat="unpaired">{len(pairing.unpaired)}</b> unpaired documents, '
        f'<b data-stat="skipped">{len(pairing.skipped)}</b> inputs skipped.</p>'
        f'{table}<h2>Unpaired documents</h2>{leftovers}{not_read}</section>'
    )
    return _page(title or f"Corpus alignment review ({pairing.src_lang}–{pairing.tgt_lang})", body)
