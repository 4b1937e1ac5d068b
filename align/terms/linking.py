"""Choosing each term's translation: candidates, evidence, competitive linking.

Candidates come from co-occurrence (Dice over the aligned segments) and from word
alignment (the phrase each occurrence of the term aligns to). Each is weighed with
CC-CEDICT glosses, the pinyin of names (汪淼 ↔ Wang) and the encoder's similarity of
the two strings; then competitive linking (Melamed 2000): the strongest pairs are
linked first and a linked target is not given to another term.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from align.terms.candidates import (
    COORDINATION_MARKS,
    EN_COORDINATORS,
    NAME_TAGS,
    ChineseTerms,
    contains,
    is_furniture_term,
    key,
    parts,
)
from align.terms.confidence import probability
from align.terms.cooccurrence import SourceFinder, cooccurrences, shortlist
from align.terms.counting import CorpusPass, Counts, Finder, TermCount, verb_phrases
from align.terms.evidence import compound_parts, coordinative, dictionary_support, glossed_by, transliteration
from align.terms.model import GlossaryOptions
from align.terms.wordalign import PhraseTable

# The bundled encoder tells a term's translations from its neighbours' only weakly (cosines
# within a few hundredths), so its similarity breaks near-ties and no more.
_SIMILARITY = 0.03
_SHORTLIST = 8  #: target candidates per term that get the dictionary and encoder checks


@dataclass
class Candidate:
    """A possible translation of one source term, with the evidence for it."""

    src: int  #: index of the source term
    tgt: str  #: the target, as counted (``key``)
    cooc: int
    dice: float
    words: int  #: length of the target, in words: among equals the longer is more specific
    support: float = 0.0  #: CC-CEDICT glosses of the whole term
    composed: float = 0.0  #: CC-CEDICT glosses of its words
    sound: float = 0.0  #: share of the term's characters the target spells in pinyin (names)
    similarity: float = 0.0  #: encoder cosine minus the mean over the term's shortlist, halved, capped
    aligned: float = 0.0  #: share of the term's occurrences whose words align to exactly this target

    @property
    def score(self) -> float:
        evidence = 0.3 * (self.support + self.sound) + 0.1 * self.composed + self.similarity
        return self.dice + 0.5 * self.aligned + evidence + 0.03 * (self.words - 1)

    @property
    def confidence(self) -> float:
        """Probability that the pair is right (see ``align.terms.confidence``)."""
        return probability(self)



def source_finder(src_lang: str, terms: Iterable[str], longer: Mapping[str, TermCount] | None = None,
                  ) -> SourceFinder:
    """(segment text, its cached candidates) → {key: surface} of the chosen source terms in it.

    Chinese terms are found as strings (fragment growing made terms the cache does not
    list); an occurrence inside one of a longer term (利亚 in 以利亚撒) does not count,
    unless it is the object of a verb phrase (see ``Finder.outermost``)."""
    wanted = set(terms)
    if src_lang == "zh":
        table = longer or {}
        finder = Finder(wanted | set(table))
        verbs = verb_phrases(table)
        return lambda text, found: {t: t for _, _, t in finder.outermost(text, wanted, verbs)}
    return lambda text, found: {k: t for t, _ in found if (k := key(t, src_lang)) in wanted}


def link(candidates: list[Candidate], src_terms: list[str], anchors: list[tuple[str, str]],
         src_lang: str, tgt_lang: str, holds: Callable[[str, str], bool] | None = None,
         ) -> dict[int, Candidate]:
    """Competitive linking: best pairs first; a target taken by another term, or a longer
    phrase around it, is no longer available (indirect associations lose), unless the term
    ``holds`` the other (by default: contains it)."""
    holds = holds or (lambda outer, inner: contains(outer, inner, src_lang))
    linked: list[tuple[str, str]] = list(anchors)
    done: dict[int, Candidate] = {}

    def free(cand: Candidate, src: str, tgt: str) -> bool:
        for s, t in linked:
            if t == tgt and cand.support < 0.5 and cand.aligned < 0.5:
                return False  # unless the dictionary or the term's own word links say so:
                # synonyms 帐幕, 会幕 → tabernacle
            if t != tgt and contains(tgt, t, tgt_lang) and not holds(src, s) and not (
                    t in _conjuncts(tgt, tgt_lang) and _conjunctions(src, src_lang)):
                return False  # "LORD God" for 神 once 耶和华 has LORD; but a coordination
                # translates a coordinative term (男女: "men and women", though 妇女 has women)
        return True

    anchored = {s for s, _ in anchors}
    # among equal scores the longer rendering: "Yu Zhan'ao" rather than "Yu Zhan"
    for cand in sorted(candidates, key=lambda c: (-round(c.score, 9), -len(c.tgt), c.src, c.tgt)):
        src, tgt = src_terms[cand.src], cand.tgt
        if cand.src in done or src in anchored or not free(cand, src, tgt):
            continue
        done[cand.src] = cand
        linked.append((src, tgt))
    return done


def _maximal(freqs: dict[str, int], lang: str) -> list[str]:
    """The candidates not always found inside one longer candidate ("Wei" of "Zhang Wei"):
    a translation is the longest string that co-occurs as often. A coordination hides no
    part ("deradicalization" of "counter-terrorism and deradicalization")."""
    inside = {part for longer, f in freqs.items() if not _conjunctions(longer, lang)
              for part in parts(longer, lang) if freqs.get(part) == f}
    return sorted(k for k in freqs if k not in inside)


def _length_in_words(target: str, lang: str) -> int:
    return len(target.split()) if lang != "zh" else max(1, len(target) // 2)


def _cooccurring(state: CorpusPass, src_terms: list[str], present: SourceFinder, tgt_counts: Counts,
                 options: GlossaryOptions, min_cooc: int) -> dict[int, list[Candidate]]:
    """Per source term, its best target candidates by Dice among significant pairs; a candidate
    inside another that co-occurs with the term just as often adds nothing ("Yu Zhan")."""
    tgt_lang = options.tgt_lang
    tgt_terms = _maximal({k: v.freq for k, v in tgt_counts.table.items()
                          if v.freq >= min_cooc and not is_furniture_term(k)}, tgt_lang)
    sources = {k: i for i, k in enumerate(src_terms)}
    targets = {k: i for i, k in enumerate(tgt_terms)}
    keys, counts, f_src, f_tgt, bilingual = cooccurrences(state, sources, targets, present, tgt_lang,
                                                          4 * options.max_distinct)
    buckets = shortlist(keys, counts, f_src, f_tgt, bilingual, len(tgt_terms), min_cooc, _SHORTLIST)
    # the best target of each term: a target that adds one of those at its edge ("affordable"
    # + "essential medicines and vaccines") holds the translation of a term it does not contain
    claimed: dict[str, set[str]] = {}
    for src, bucket in buckets.items():
        if bucket:
            claimed.setdefault(tgt_terms[max(bucket, key=lambda a: a.dice).tgt], set()).add(src_terms[src])

    def holds_other(src: str, longer: str, shorter: str) -> bool:
        edge = _without_edge(longer, shorter, tgt_lang)
        return any(not contains(src, other, options.src_lang) for other in claimed.get(edge, ()))

    out: dict[int, list[Candidate]] = {}
    for src, bucket in buckets.items():
        term, joins = src_terms[src], _conjunctions(src_terms[src], options.src_lang)
        wholes = [tgt_terms[o.tgt] for o in bucket if _conjunctions(tgt_terms[o.tgt], tgt_lang) <= joins]
        targets = {tgt_terms[a.tgt]: a for a in bucket}
        out[src] = [
            Candidate(src, target, a.cooc, a.dice, _length_in_words(target, tgt_lang))
            for target, a in targets.items()
            if not any(targets[o].cooc == a.cooc and o != target and contains(o, target, tgt_lang)
                       and not holds_other(term, o, target) for o in wholes)
            and not any(holds_other(term, target, shorter) for shorter in targets)]
    return out


def _without_edge(target: str, part: str, lang: str) -> str:
    """What ``target`` holds besides ``part`` when ``part`` starts or ends it, else ""."""
    glue = "" if lang == "zh" else " "
    if target.startswith(part + glue):
        return target[len(part + glue):]
    if target.endswith(glue + part):
        return target[: -len(glue + part)]
    return ""


def _add_aligned(by_term: dict[int, list[Candidate]], src_terms: list[str], phrases: PhraseTable,
                 options: GlossaryOptions, tags: dict[str, str], chinese: ChineseTerms) -> None:
    """Add the phrases each term's words align to, and the share of alignments to every candidate."""
    tgt_lang = options.tgt_lang

    def piece_of(term: str, longer: str, phrase: str) -> bool:
        """Is ``phrase`` a piece of the term's translation ``longer``: a person's name cut
        (Zhang of Zhang Wei, when Wei aligned elsewhere), or one modifier left out before the
        same head ("medicines and vaccines" of 基本药品和疫苗), or words the dictionary glosses
        the term by? Not when ``longer`` holds words of its neighbours ("benefits arising
        from" the utilization of 利用遗传资源) or another head ("vulnerable situations")."""
        if tags.get(term, "") in NAME_TAGS or options.src_lang != "zh":
            return True
        extra = " ".join(w for w in longer.split() if w not in phrase.split())
        modifier = longer.endswith(" " + phrase) and len(longer.split()) == len(phrase.split()) + 1
        return modifier or glossed_by(term, term_words(term), extra)

    @cache
    def term_words(term: str) -> list[str]:  # jieba once per term, not per candidate
        return chinese.plain_words(term)

    for src, term in enumerate(src_terms):
        group = by_term.setdefault(src, [])
        known = {c.tgt for c in group}
        for cand in group:
            cand.aligned = phrases.share(term, cand.tgt)
        for phrase in phrases.candidates(term, 1):  # conditioned on the term: once is evidence
            if phrase in known:
                continue
            cooc, dice = phrases.association(term, phrase)
            # inside a candidate that meets the term as often, and a piece of it: that one
            # takes its share
            longer = [c for c in group if c.cooc == cooc and contains(c.tgt, phrase, tgt_lang)
                      and piece_of(term, c.tgt, phrase)]
            for cand in longer:
                cand.aligned = max(cand.aligned, phrases.share(term, phrase))
            if not longer:
                group.append(Candidate(src, phrase, cooc, dice, _length_in_words(phrase, tgt_lang),
                                       aligned=phrases.share(term, phrase)))
        if not group:
            del by_term[src]


def translate(state: CorpusPass, src_terms: list[str], present: SourceFinder, tgt_counts: Counts,
              options: GlossaryOptions, encoder, chinese: ChineseTerms, phrases: PhraseTable | None,
              tags: dict[str, str],
              ) -> dict[str, Candidate | None]:
    """Source key → the linked candidate (None for a user's pair), for the terms whose
    translation the corpus shows; a candidate below ``MIN_CONFIDENCE`` is kept too (the
    entry lists no translation, but its evidence is still what the confidence model is
    fitted on: the fit then does not depend on the weights it produces)."""
    src_lang, tgt_lang = options.src_lang, options.tgt_lang
    if not state.bilingual:
        return {}
    min_cooc = 2 if options.min_freq > 1 else 1
    by_term = _cooccurring(state, src_terms, present, tgt_counts, options, min_cooc)
    if phrases is not None:
        _add_aligned(by_term, src_terms, phrases, options, tags, chinese)
    _drop_partial(by_term, src_terms, tags, src_lang, tgt_lang)
    _add_evidence(by_term, src_terms, src_lang, encoder, chinese)
    anchors = [(key(u.src, src_lang), key(u.tgt, tgt_lang)) for u in options.user_entries if u.tgt]
    candidates = [c for group in by_term.values() for c in group]
    holds = _holder(chinese) if src_lang == "zh" else None
    linked = link(candidates, src_terms, anchors, src_lang, tgt_lang, holds)
    out: dict[str, Candidate | None] = {src_terms[i]: c for i, c in linked.items()}
    for s, _ in anchors:
        out[s] = None
    _whole_names(state, out, present, tags, options)
    return out


def _holder(chinese: ChineseTerms) -> Callable[[str, str], bool]:
    """Does a Chinese term hold another, as a string or as its abbreviation (联合国人权事务高级
    专员 holds 高专, so "High Commissioner" linked to 高专 can be part of its translation)? A
    word jieba keeps whole is read as the dictionary words it is made of (高级专员: 高级 专员)."""
    @lru_cache(maxsize=4096)
    def words(term: str) -> list[str]:
        return [part for w, _ in chinese.words(term) for part in compound_parts(w) or [w]]

    return lambda outer, inner: inner in outer or abbreviates(inner, words(outer))


def abbreviates(short: str, words: list[str]) -> bool:
    """Is ``short`` made of the first characters of two or more consecutive ``words``, as
    Chinese abbreviates (高专 of 高级 专员, 人权高专 of 人权 事务 高级 专员: no, a word is skipped;
    高专办 of 高级 专员 办事处: yes)?"""
    def spelled(rest: str, at: int, used: int) -> bool:
        if not rest:
            return used >= 2
        if at == len(words):
            return False
        word = words[at]
        return any(rest.startswith(word[:n]) and spelled(rest[n:], at + 1, used + 1)
                   for n in range(1, min(len(word), len(rest)) + 1))

    return len(short) >= 2 and any(spelled(short, at, 0) for at in range(len(words)))


def _drop_partial(by_term: dict[int, list[Candidate]], src_terms: list[str], tags: dict[str, str],
                  src_lang: str, tgt_lang: str) -> None:
    """Drop the targets that cannot translate a term whole: one coordinating more than the
    term does (去极端化 is not "counter-terrorism and deradicalization"), and for a
    verb phrase what its object alone is (维持国际和平及安全 is not "international peace and
    security", 国际和平及安全 is: the verb went missing)."""
    index = {term: i for i, term in enumerate(src_terms)}
    for src, group in by_term.items():
        term = src_terms[src]
        joins = _conjunctions(term, src_lang)
        group[:] = [c for c in group if _conjunctions(c.tgt, tgt_lang) <= joins]
        if joins:  # one conjunct of a coordination the term is translated by: half of it
            halves = {part for c in group for part in _conjuncts(c.tgt, tgt_lang)}
            group[:] = [c for c in group if c.tgt not in halves]
        if tags.get(term, "").startswith("v+"):  # the object ends it: its best target is taken
            inner = {max(by_term[index[part]], key=lambda c: c.score).tgt
                     for part in set(parts(term, src_lang)) if term.endswith(part)
                     and index.get(part, src) != src and by_term.get(index[part])}
            group[:] = [c for c in group if c.tgt not in inner]
    for src in [src for src, group in by_term.items() if not group]:
        del by_term[src]


def _conjunctions(text: str, lang: str) -> int:
    """How many things ``text`` joins by conjunctions (信息和通信技术, "women and girls": 1; a
    coordinative compound, 男女: 1)."""
    if lang == "zh":
        return sum(c in COORDINATION_MARKS for c in text) or int(coordinative(text))
    return sum(w in _EN_CONJUNCTIONS for w in text.split()[1:-1])


_EN_CONJUNCTIONS = EN_COORDINATORS | {"&", "nor"}


def _conjuncts(text: str, lang: str) -> list[str]:
    """The conjuncts of a coordination ("men and women": men, women), [] for anything else."""
    if lang == "zh" or not _conjunctions(text, lang):
        return []
    parts, current = [], []
    for word in text.split():
        if word in _EN_CONJUNCTIONS:
            parts.append(" ".join(current))
            current = []
        else:
            current.append(word)
    return [*parts, " ".join(current)]


def _whole_names(state: CorpusPass, linked: dict[str, Candidate | None], present: SourceFinder,
                 tags: dict[str, str], options: GlossaryOptions) -> None:
    """A name is never cut: when a person's name is linked to part of its spelling (马朝旭 →
    Ma), take the longer target around it that spells the whole name (Ma Zhaoxu), if the
    corpus shows it once."""
    if options.src_lang != "zh":
        return
    cut = {s: c for s, c in linked.items() if c is not None and tags.get(s, "") in NAME_TAGS
           and 0 < transliteration(s, c.tgt, person=True) < 1}
    if not cut:
        return
    whole: dict[str, str] = {}  # the shortest such target: "ma zhaoxu", not "minister ma zhaoxu"
    for record in state.records():
        for s in present(record.src_text, record.src_terms).keys() & cut.keys():
            for target, _ in record.tgt_terms:
                folded = key(target, options.tgt_lang)
                if (contains(folded, cut[s].tgt, options.tgt_lang)
                        and transliteration(s, folded, person=True) == 1
                        and (len(folded), folded) < (len(whole.get(s, folded + " ")), whole.get(s, ""))):
                    whole[s] = folded
    for s, target in whole.items():
        linked[s].tgt, linked[s].sound = target, 1.0  # the evidence is that of the whole name


def _add_evidence(by_term: dict[int, list[Candidate]], src_terms: list[str], src_lang: str, encoder,
                  chinese: ChineseTerms) -> None:
    """Fill in dictionary support, pinyin and encoder similarity for the candidates."""
    for group in by_term.values():
        for cand in group:
            src = src_terms[cand.src]
            zh, en = (src, cand.tgt) if src_lang == "zh" else (cand.tgt, src)
            cand.support, cand.composed = dictionary_support(zh, en, chinese.plain_words(zh))
            cand.sound = transliteration(zh, en)
    if encoder is None or not by_term:
        return
    # the similarity moves a score by ±_SIMILARITY at most: only candidates that close to
    # their term's best can change places, so only those are encoded (on a large corpus
    # encoding every candidate took most of the time)
    near: list[list[Candidate]] = []
    for group in by_term.values():
        best = max(c.score for c in group)
        contenders = [c for c in group if c.score >= best - 2 * _SIMILARITY]
        if len(contenders) > 1:
            near.append(contenders)
    texts = sorted({src_terms[c.src] for g in near for c in g} | {c.tgt for g in near for c in g})
    vectors = dict(zip(texts, encoder.encode(texts), strict=True)) if texts else {}
    for group in near:  # only differences between a term's candidates carry meaning
        cosines = [float(vectors[src_terms[c.src]] @ vectors[c.tgt]) for c in group]
        mean = sum(cosines) / len(cosines)
        for cand, cosine in zip(group, cosines, strict=True):
            cand.similarity = max(-_SIMILARITY, min(_SIMILARITY, 0.5 * (cosine - mean)))
