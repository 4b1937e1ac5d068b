"""Building a glossary: the stages in order, and one entry per chosen term."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from align.terms.candidates import TERM_EDGE_WORDS, ChineseTerms, EnglishTerms, extractor, key
from align.terms.confidence import MIN_CONFIDENCE, features
from align.terms.counting import CorpusPass, Counts, TermCount, grow_fragments, read_corpus
from align.terms.linking import source_finder, translate
from align.terms.model import Glossary, GlossaryEntry, GlossaryOptions, NoSourceTextError, Segment
from align.terms.termhood import termhood
from align.terms.variants import add_variants, full_forms
from align.terms.wordalign import PhraseTable, phrase_table


def _part_of_speech(tag: str) -> str:
    if tag.startswith("v+"):
        return "verb"
    tag = tag.lstrip("+")
    if tag.startswith("n") or tag in {"j", "l", "i", "eng", "un", "vn", "s"}:
        return "noun"
    return {"v": "verb", "a": "adjective", "an": "noun", "b": "adjective"}.get(tag, "other")


def _example_score(text: str, lang: str) -> int:
    """Prefer a mid-length example sentence (first one wins among equals)."""
    size = len(text) if lang == "zh" else len(text) // 3
    return 0 if 12 <= size <= 60 else abs(size - 36)


def build_glossary(
    segments: Iterable[Segment],
    options: GlossaryOptions,
    encoder=None,
    progress: Callable[[int], None] = lambda n: None,
) -> Glossary:
    """Terms of the source side ranked by termhood, with translations where the corpus shows them."""
    user = list(options.user_entries)
    src_x = extractor(options.src_lang, [u.src for u in user], options.stop_words)
    tgt_x = extractor(options.tgt_lang, [u.tgt for u in user if u.tgt], options.stop_words)
    state = read_corpus(segments, src_x, tgt_x, progress, options.processes)
    try:
        if not state.segments:
            raise NoSourceTextError(options.src_lang)
        src_counts, tgt_counts = Counts(options.max_distinct), Counts(options.max_distinct)
        weights = state.weights()
        for record in state.records():
            for term, tag in record.src_terms:
                src_counts.add(key(term, options.src_lang), tag, record.doc, weights[record.doc])
            for term, tag in record.tgt_terms:
                tgt_counts.add(key(term, options.tgt_lang), tag, record.doc)
        src_terms, scores, src_counts, general = _rank(state, src_counts, src_x, options)
        present = source_finder(options.src_lang, src_terms, src_counts.table)
        chinese = src_x if isinstance(src_x, ChineseTerms) else tgt_x
        english = src_x if isinstance(src_x, EnglishTerms) else tgt_x
        phrases = _aligned_phrases(state, src_terms, src_counts, options, chinese, english)
        links = translate(state, src_terms, present, tgt_counts, options, encoder, chinese, phrases,
                          {k: v.tag for k, v in src_counts.table.items()})
        entries = _entries(state, src_terms, scores, links, present, src_counts, tgt_counts, options)
        entries = [e for e in entries if e.user or key(e.src, options.src_lang) not in general
                   or _is_name(e.tgt or e.unsure, options.tgt_lang)]
        if isinstance(src_x, ChineseTerms):
            entries = [e for e in entries if e.user or e.tgt or not _use_of_term(e, src_x, src_counts)]
        if options.tgt_lang == "en" and state.bilingual:
            add_variants(entries, full_forms(entries, ((set(present(r.src_text, r.src_terms)), r.tgt_text)
                                                       for r in state.records() if r.tgt_text)))
    finally:
        state.close()
    return Glossary(options.src_lang, options.tgt_lang, entries, state.segments, state.bilingual,
                    len(state.docs))


def _aligned_phrases(state: CorpusPass, src_terms: list[str], src_counts: Counts, options: GlossaryOptions,
                     chinese: ChineseTerms, english: EnglishTerms) -> PhraseTable | None:
    """The phrase table of the terms from word alignment, when asked for and the corpus is aligned."""
    if not options.word_alignment or not state.bilingual:
        return None
    return phrase_table(state, src_terms, src_counts.table, options.src_lang, options.tgt_lang,
                        chinese, english)


def _rank(state: CorpusPass, counts: Counts, extractor: ChineseTerms | EnglishTerms, options: GlossaryOptions,
          ) -> tuple[list[str], dict[str, float], Counts, set[str]]:
    """The ``top`` source terms (user terms first), their termhood, the counts used, and
    which of them are general words."""
    lang = options.src_lang
    corpus_words = state.src_chars / 1.5 if lang == "zh" else state.src_chars / 6
    scores, general = termhood(counts, lang, extractor, options.min_freq, corpus_words)
    user_keys = list(dict.fromkeys(key(u.src, lang) for u in options.user_entries))
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    if isinstance(extractor, ChineseTerms):  # recount the best candidates as strings, mending cut-up names
        pool = list(dict.fromkeys(user_keys + ranked[: 3 * options.top]))
        tags = {k: counts.table[k].tag for k in pool if k in counts.table}
        counts = grow_fragments(state, pool, tags, set(user_keys), extractor)
        scores, general = termhood(counts, lang, extractor, options.min_freq, corpus_words)
        ranked = sorted(scores, key=lambda k: (-scores[k], k))
    chosen = [k for k in ranked if k not in user_keys][: max(options.top - len(user_keys), 0)]
    return user_keys + chosen, scores, counts, general


def _use_of_term(entry: GlossaryEntry, chinese: ChineseTerms, counts: Counts) -> bool:
    """Is the entry a verb governing a term found more often on its own (呼吁人权高专办: a use of
    人权高专办)? Then it is listed only when translated as a unit (吩咐摩西: commanded Moses);
    an object never found alone makes one term with its verb (抵御灾害能力: resilience)."""
    rest = chinese.governed_object(entry.src)
    return bool(rest) and rest in counts.table and counts.table[rest].freq > entry.src_freq


def _is_name(text: str, lang: str) -> bool:
    """Is ``text`` written as a name (General Assembly, Bachelet)? A general word is a term
    after all when it is translated by one (大会 of the UN: the General Assembly)."""
    if lang != "en":
        return False
    words = [w for w in text.split() if w.lower() not in TERM_EDGE_WORDS]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    from wordfreq import word_frequency

    return len(words) >= 2 or word_frequency(words[0].lower(), "en") < 1e-5



def _entries(state, src_terms, scores, links, present, src_counts, tgt_counts, options,
             ) -> list[GlossaryEntry]:
    """One entry per source term, with surface forms and an example read from the cache."""
    src_lang, tgt_lang = options.src_lang, options.tgt_lang
    user = {key(u.src, src_lang): u for u in options.user_entries}
    target_of = {s: (c.tgt if c else key(user[s].tgt, tgt_lang)) for s, c in links.items()
                 if c is None or c.confidence >= MIN_CONFIDENCE}
    surfaces: dict[str, Counter] = {}
    examples: dict[str, tuple[int, str, str]] = {}
    tgt_frequency: dict[str, int] = {}  # segments where the term and its translation meet
    for record in state.records():
        src_text, tgt_text = record.src_text, record.tgt_text
        found = present(src_text, record.src_terms)
        if not found:
            continue
        tgt_present = _surfaces(tgt_text, record.tgt_terms, target_of.values(), tgt_lang)
        for k, term in found.items():
            surfaces.setdefault(k, Counter())[term] += 1
            if (t := target_of.get(k)) is not None and t in tgt_present:
                tgt_frequency[t] = tgt_frequency.get(t, 0) + 1
            t = target_of.get(k)
            if t is not None and t not in tgt_present:
                continue
            if t is not None:
                surfaces.setdefault("\0" + t, Counter())[tgt_present[t]] += 1
            rank = _example_score(src_text, src_lang)
            if k not in examples or rank < examples[k][0]:
                examples[k] = (rank, src_text, tgt_text)

    def surface(k: str, fallback: str) -> str:
        tally = surfaces.get(k)
        return tally.most_common(1)[0][0] if tally else fallback

    entries = []
    for k in src_terms:
        t, cand = target_of.get(k, ""), links.get(k)
        unsure = cand.tgt if cand and not t else ""
        _, example_src, example_tgt = examples.get(k, (0, "", ""))
        row = src_counts.table.get(k, TermCount(0, 0, 0, "", 0.0))
        entries.append(GlossaryEntry(
            src=user[k].src if k in user else surface(k, k),
            tgt=user[k].tgt if k in user else (surface("\0" + t, t) if t else ""),
            src_freq=row.freq, docs=row.docs,
            tgt_freq=(tgt_counts.freq(t) or tgt_frequency.get(t, 0)) if t else 0,
            confidence=1.0 if k in user else (cand.confidence if t and cand else 0.0),
            termhood=round(scores.get(k, 0.0), 3), example_src=example_src,
            example_tgt=example_tgt if t else "", part_of_speech=_part_of_speech(row.tag),
            user=k in user, evidence=tuple(features(cand)) if cand else (), unsure=unsure,
        ))
    # in an aligned corpus, the terms whose translation it shows come first
    entries.sort(key=lambda e: (state.bilingual > 0 and not e.tgt, -e.termhood, e.src))
    return entries


def _surfaces(text: str, candidates: list, targets: Iterable[str], lang: str) -> dict[str, str]:
    """Key → surface of the target candidates and the chosen translations found in ``text``
    (a translation found by word alignment need not be a candidate: "the vulnerable")."""
    out: dict[str, str] = {}
    for term, _ in candidates:
        out.setdefault(key(term, lang), term)
    folded = key(text, lang)
    for target in targets:
        if target not in out and (at := _find_words(folded, target, lang)) >= 0:
            out[target] = text[at : at + len(target)]
    return out


def _find_words(text: str, phrase: str, lang: str) -> int:
    """Where ``phrase`` starts in ``text`` as whole words (any place for Chinese), or -1."""
    at = text.find(phrase)
    while at >= 0 and lang != "zh" and (
            (at > 0 and text[at - 1].isalnum()) or text[at + len(phrase) : at + len(phrase) + 1].isalnum()):
        at = text.find(phrase, at + 1)
    return at
