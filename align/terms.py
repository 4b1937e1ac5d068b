"""A glossary of the recurring terms of a corpus and, when it is aligned, their translations.

1. Candidates. Chinese: jieba words with their dictionary part-of-speech tags
   (nouns, names, abbreviations of two or more characters) and noun phrases of
   2–4 words. English: sacremoses tokens, n-grams of up to 7 words that neither
   start nor end with a stop word. Page furniture is dropped first: short
   unpunctuated lines that repeat (``详细报道``), known patterns (``Web editor:``).
2. Termhood: C-value (Frantzi, Ananiadou & Mima 2000), so a phrase's parts are
   not counted again where they only occur inside it, times the spread over
   documents, times (Chinese) how much more frequent the term is here than in
   general Chinese, using the word frequencies of jieba's dictionary.
3. Translation: Dice of a term and each target n-gram over the aligned
   segments, kept when significant by log-likelihood (G² ≥ 10.83, p < 0.001),
   re-ranked with CC-CEDICT glosses, the pinyin of names (汪淼 ↔ Wang) and the
   encoder's similarity of the two strings, then competitive linking (Melamed
   2000): the strongest pairs are linked first and a linked target is not given
   to another term.

The corpus is read once: the candidates of each segment go to a temporary
file that the later passes re-read, and the count tables are pruned at a cap,
so memory does not grow with the size of a TMX file.
"""

from __future__ import annotations

import json
import logging
import math
import re
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO

import numpy as np

from align import cedict
from align.errors import AlignError

SUPPORTED = ("zh", "en")
_G2_P001 = 10.83  #: log-likelihood ratio critical value, 1 degree of freedom, p < 0.001
_MAX_EN_WORDS = 8
_MAX_ZH_WORDS = 4
_MAX_ZH_CHARS = 12
_SHORTLIST = 8  #: target candidates per term that get the dictionary and encoder checks
_MIN_CONFIDENCE = 0.45  #: below this a term is listed without translation
# The bundled encoder tells a term's translations from its neighbours' only weakly (cosines
# within a few hundredths), so its similarity breaks near-ties and no more.
_SIMILARITY = 0.03

# jieba's dictionary tags (ICTCLAS set) that can be, or end, a term.
_NOUNS = frozenset({"n", "nz", "ns", "nt", "nw", "ng", "vn", "j", "l", "i", "eng", "un", "an"})
_NAMES = frozenset({"nr", "nrt", "nrfg"})  # person names: terms alone, never inside a phrase
_INSIDE = (_NOUNS - {"un"}) | {"a", "b"}  # may stand inside a phrase (unknown words: names, alone)
_STARTS = (_INSIDE - {"b"}) | {"v"}  # verb-object phrases: 干涉内政, 侵犯人权
# One-character heads of abbreviated institution names (人权高专办, 外交部) that jieba tags as verbs.
_INSTITUTION_HEADS = frozenset("办部委局署院会厅处司组团社")
# HMM-found (unknown) words starting or ending with these are fragments, not names: 我要, 神说.
_FUNCTION_CHARS = frozenset("的了在和与及或是为被把将向对从就也都又还着过说要必若凡所这那之其"
                           "我你他她它们中上下里有不只个件位匹条名")
# Common surnames: jieba often leaves one standing alone before the given name (陈 清扬, 余 占 鳌).
_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
                      "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾"
                      "毛郝龚邵万钱严覃武戴莫孔汤")
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_PUNCT_ZH = re.compile(r"[。！？!?,，:：;；.]")

_EN_STOP_WORDS = """
a about above after again against all also am an and any are aren as at be because been before being
below between both but by can cannot could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself let
me more most my myself no nor not of off on once only or other ought our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up upon very was we were what when where which while who whom why
with would you your yours yourself yourselves 's 't 'll 're 've 'd 'm said says say also will shall
may might must thou thee thy thine ye unto hath shalt saith doth art wilt hast didst mr ms mrs
one two three four five six seven eight nine ten twelve twenty thirty forty fifty hundred thousand
first second third
"""
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_EN_WORD = re.compile(r"^[\w][\w'&.\-]*$")
_EN_TAIL = re.compile(r"^'[^\W\d_]{2,}$")  # what sacremoses splits off Zhan'ao: part of a word
_NUMBER = re.compile(r"^[\d.,:/\-]+$")

# Page furniture: never a term, and a segment matching _FURNITURE_LINE is not read at all.
_FURNITURE_TERMS = frozenset({
    "详细报道", "阅读更多", "展示更多", "责任编辑", "原标题", "图片来源", "来源", "编辑", "分享", "打印",
    "关闭窗口", "网站地图", "版权所有", "首页", "上一篇", "下一篇", "相关新闻", "相关阅读", "返回顶部",
    "web editor", "skip to content", "recommended articles", "last updated", "photos",
    "feature image", "copyright", "all rights reserved", "related articles", "bianji",
})
_FURNITURE_LINE = re.compile(
    r"^\s*(\(?web editor:|url:|author:|title:|content:|skip to content|责任编辑[:：]|图片来源[:：]|来源[:：]|"
    r"[\d-]+ [\d:]+ last updated)|(»|>>|∨)\s*$",
    re.IGNORECASE,
)


@dataclass
class Segment:
    """One aligned unit, or one sentence of a monolingual corpus (``tgt`` empty)."""

    src: str
    tgt: str = ""
    doc: str = ""  #: document name, for the spread of a term over documents


@dataclass(frozen=True)
class UserEntry:
    """A pair from the user's own glossary: always listed, and linked before anything else."""

    src: str
    tgt: str


@dataclass
class GlossaryOptions:
    """What to extract and how much."""

    src_lang: str = "zh"
    tgt_lang: str = "en"
    min_freq: int = 2
    top: int = 500
    stop_words: frozenset[str] = frozenset()
    user_entries: tuple[UserEntry, ...] = ()
    max_distinct: int = 2_000_000  #: candidates kept before rare ones are pruned (4× as many pairs)


@dataclass
class GlossaryEntry:
    """One term, its translation ("" when none was found) and the evidence for it."""

    src: str
    tgt: str
    src_freq: int
    tgt_freq: int
    docs: int
    confidence: float
    termhood: float
    example_src: str = ""
    example_tgt: str = ""
    part_of_speech: str = "other"  #: noun, verb, adjective or other (TBX-Basic values)
    user: bool = False

    @property
    def monolingual(self) -> bool:
        return not self.tgt


@dataclass
class Glossary:
    """The entries, best term first, and what the corpus held."""

    src_lang: str
    tgt_lang: str
    entries: list[GlossaryEntry]
    segments: int = 0
    bilingual_segments: int = 0
    documents: int = 0


# --- candidates -----------------------------------------------------------------------


@cache
def _jieba_with_tags():
    """A jieba tokenizer of our own (never jieba's global one) and its word → POS tag table."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer).word_tag_tab


class _Chinese:
    """jieba words with dictionary tags → single-word terms and 2–4 word noun phrases."""

    lang = "zh"

    def __init__(self, extra_terms: Iterable[str], stop_words: frozenset[str]) -> None:
        extra = list(extra_terms)
        # user terms go into a fresh tokenizer; without them one shared instance is enough
        self._jieba, self._tags = _jieba_with_tags() if not extra else _jieba_with_tags.__wrapped__()
        for term in extra:
            self._jieba.add_word(term, freq=None, tag="nz")
            self._tags[term] = "nz"
        self._stop = stop_words

    def general_frequency(self, term: str) -> float:
        """Relative frequency of ``term`` in jieba's dictionary (general Chinese), smoothed."""
        return (self._jieba.FREQ.get(term, 0) + 1) / self._jieba.total

    def is_common_word(self, text: str) -> bool:
        return self._jieba.FREQ.get(text, 0) >= 50

    def _tag(self, word: str) -> str:
        tag = self._tags.get(word)
        if tag:
            return tag
        if word.isascii() and word.isalnum() and any(c.isalpha() for c in word):
            return "eng"
        if _CJK.match(word) and word[0] not in _FUNCTION_CHARS and word[-1] not in _FUNCTION_CHARS:
            return "un"  # a word jieba's HMM found: usually a name or a domain word
        return "x"

    def words(self, text: str) -> list[tuple[str, str]]:
        """jieba's words of ``text`` with their tags; spaces are tagged x (they break phrases)."""
        return [(w, self._tag(w) if w.strip() else "x") for w in self._jieba.cut(text)]

    def candidates(self, text: str) -> list[tuple[str, str]]:
        """(term, tag of its head word) for every candidate occurrence in ``text``."""
        words = self.words(text)
        out = []
        for i, (word, tag) in enumerate(words):
            if (tag in _NOUNS or tag in _NAMES) and len(word) >= 2 and word not in self._stop:
                out.append((word, tag))
            if word in _SURNAMES:
                out.extend((name, "nr") for name in _names_after(word, words[i + 1 : i + 3]))
            if tag not in _STARTS or word in self._stop or (len(word) == 1 and (
                    tag == "v" or word in _FUNCTION_CHARS)):
                continue
            for j in range(i + 1, min(i + _MAX_ZH_WORDS, len(words))):
                last, last_tag = words[j]
                head = len(last) == 1 and last in _INSTITUTION_HEADS
                if (last_tag not in _INSIDE and not head) or last in _FUNCTION_CHARS:
                    break
                term = "".join(w for w, _ in words[i : j + 1])
                if len(term) > _MAX_ZH_CHARS:
                    break
                if (last_tag in _NOUNS or last in _INSTITUTION_HEADS) and last not in self._stop:
                    # "+": a phrase, "v+": a verb phrase (吩咐摩西), which does not hide its parts
                    out.append((term, ("v+" if tag == "v" else "+") + last_tag))
        return out


def _names_after(surname: str, following: list[tuple[str, str]]) -> Iterator[str]:
    """Surname + the next one or two characters, when jieba cut a full name into pieces."""
    name = surname
    for word, _ in following:
        if not _CJK.match(word) or word[0] in _FUNCTION_CHARS or word[-1] in _FUNCTION_CHARS:
            return
        name += word
        if len(name) > 3:
            return
        yield name


class _English:
    """sacremoses tokens → n-grams of up to 7 words not starting or ending with a stop word."""

    lang = "en"

    def __init__(self, extra_terms: Iterable[str], stop_words: frozenset[str]) -> None:
        from sacremoses import MosesTokenizer

        self._moses = MosesTokenizer("en")
        self._stop = _EN_STOP | {w.lower() for w in stop_words}
        self._extra = {_join(self.tokens(t)).lower() for t in extra_terms}
        self._longest = max((len(t.split()) for t in self._extra), default=0)

    def tokens(self, text: str) -> list[str]:
        return self._moses.tokenize(text, escape=False)

    def general_frequency(self, term: str) -> float:
        return 0.0  # no general-English reference is shipped: every term counts as specific

    def _edge(self, token: str) -> bool:
        """Can ``token`` start or end a term?"""
        return (len(token) > 1 and token.lower() not in self._stop and not _NUMBER.match(token)
                and bool(_EN_WORD.match(token)))

    def candidates(self, text: str) -> list[tuple[str, str]]:
        tokens = self.tokens(text)
        tail = [bool(_EN_TAIL.match(t)) and t.lower() not in self._stop for t in tokens]
        inner = [bool(_EN_WORD.match(t)) or t == "'s" or tail[n] for n, t in enumerate(tokens)]
        edge = [self._edge(t) for t in tokens]
        out = []
        for i in range(len(tokens)):
            phrase, regular = "", edge[i]
            for j in range(i, min(i + max(_MAX_EN_WORDS, self._longest), len(tokens))):
                if not inner[j] and j - i >= self._longest:
                    break
                phrase += tokens[j] if not phrase or tokens[j].startswith("'") else " " + tokens[j]
                regular = regular and inner[j] and j - i < _MAX_EN_WORDS
                if (regular and (edge[j] or (tail[j] and j > i))) or phrase.lower() in self._extra:
                    out.append((phrase, ""))
        return out


def _join(tokens: list[str]) -> str:
    """Tokens back into text: a split-off "'s" or "'ao" rejoins its word (Pharaoh's, Zhan'ao)."""
    return "".join(t if t.startswith("'") or not n else " " + t for n, t in enumerate(tokens))


def _extractor(lang: str, extra: Iterable[str], stop: frozenset[str]) -> _Chinese | _English:
    if lang not in SUPPORTED:
        raise AlignError(f"glossaries support zh and en terms, not {lang!r}; use --lang-pair zh-en or en-zh")
    return _Chinese(extra, stop) if lang == "zh" else _English(extra, stop)


def key(term: str, lang: str) -> str:
    """The form terms are counted under: English case-folded (LORD and Lord are one term)."""
    return term.lower() if lang != "zh" else term


def _contains(outer: str, inner: str, lang: str) -> bool:
    """Is ``inner`` part of ``outer`` (whole words for English; Zhan'ao holds Zhan)?"""
    if lang == "zh":
        return inner in outer
    return f" {inner} ".replace("'", " '") in f" {outer} ".replace("'", " '")


def _parts(term: str, lang: str) -> Iterator[str]:
    """The proper sub-strings of a term that could themselves be terms."""
    if lang == "zh":
        for size in range(2, len(term)):
            for start in range(len(term) - size + 1):
                yield term[start : start + size]
    else:
        words = term.split()
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                yield " ".join(words[start : start + size])


def _length(term: str, lang: str) -> float:
    """Term length for C-value: words for English, two-character units for Chinese."""
    return len(term) / 2 if lang == "zh" else len(term.split())


def is_furniture_term(term: str) -> bool:
    """Page furniture ("详细报道", "Web editor ..."): never a term, nor a translation."""
    low = term.lower()
    return low in _FURNITURE_TERMS or any(f in low for f in _FURNITURE_TERMS if len(f) >= 4 and " " in f)


def _short_unpunctuated(text: str, lang: str) -> bool:
    """Line-sized page furniture candidates: 详细报道, Photos, China (a section label)."""
    size = len(text.replace(" ", "")) if lang == "zh" else len(text.split())
    return size <= (16 if lang == "zh" else 6) and not _PUNCT_ZH.search(text)


# --- reading the corpus once ---------------------------------------------------------------


@dataclass
class _Counts:
    """Occurrences, documents, head tag and document-balanced frequency of each candidate of
    one language (pruned at a cap). Documents are counted as runs: a corpus lists each
    document's segments together."""

    cap: int
    table: dict[str, list] = field(default_factory=dict)  # key -> [freq, docs, last doc, tag, balanced]
    pruned_below: int = 0

    def add(self, term_key: str, tag: str, doc: int, weight: float = 1.0) -> None:
        row = self.table.get(term_key)
        if row is None:
            self.table[term_key] = [1, 1, doc, tag, weight]
            if len(self.table) > self.cap:
                self._prune()
        else:
            row[0] += 1
            row[4] += weight
            if row[2] != doc:
                row[1] += 1
                row[2] = doc

    def _prune(self) -> None:
        """Drop the rarest candidates until a quarter of the cap is free (lossy counting)."""
        while len(self.table) > self.cap * 3 // 4:
            self.pruned_below += 1
            self.table = {k: v for k, v in self.table.items() if v[0] > self.pruned_below}

    def freq(self, term_key: str) -> int:
        row = self.table.get(term_key)
        return row[0] if row else 0


@dataclass
class _Pass:
    """What the first reading leaves behind: the candidate file and corpus-wide tallies."""

    cache: IO[str]
    segments: int = 0
    bilingual: int = 0
    src_chars: int = 0
    docs: dict[str, int] = field(default_factory=dict)
    doc_chars: list[int] = field(default_factory=list)
    repeats: Counter = field(default_factory=Counter)  # short unpunctuated lines -> count


def _read_corpus(
    segments: Iterable[Segment], src: _Chinese | _English, tgt: _Chinese | _English,
    progress: Callable[[int], None],
) -> _Pass:
    """Extract candidates of every segment into a temporary file (one JSON line each)."""
    state = _Pass(cache=tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115 - closed by the caller
    try:
        for segment in segments:
            src_text, tgt_text = " ".join(segment.src.split()), " ".join(segment.tgt.split())
            if src_text:
                _read_segment(state, segment.doc, src_text, tgt_text, src, tgt)
                progress(1)
    except BaseException:
        state.cache.close()
        raise
    return state


def _read_segment(state: _Pass, name: str, src_text: str, tgt_text: str, src: _Chinese | _English,
                  tgt: _Chinese | _English) -> None:
    doc = state.docs.setdefault(name, len(state.docs))
    if doc == len(state.doc_chars):
        state.doc_chars.append(0)
    state.doc_chars[doc] += len(src_text)
    short = _short_unpunctuated(src_text, src.lang)
    if short and len(state.repeats) < 1_000_000:
        state.repeats[src_text] += 1
    state.segments += 1
    state.bilingual += bool(tgt_text)
    state.src_chars += len(src_text)
    record = [doc, short, bool(_FURNITURE_LINE.search(src_text)), src_text, tgt_text,
              src.candidates(src_text), tgt.candidates(tgt_text) if tgt_text else []]
    state.cache.write(json.dumps(record, ensure_ascii=False) + "\n")


def _weights(state: _Pass) -> list[float]:
    """Per document, mean size / its size (within 0.1–10): each document weighs the same in
    termhood, so the longest one of a collection does not fill the glossary alone."""
    mean = sum(state.doc_chars) / max(len(state.doc_chars), 1)
    return [min(10.0, max(0.1, mean / max(size, 1))) for size in state.doc_chars]


def _records(state: _Pass) -> Iterator[tuple[int, str, str, list, list]]:
    """The cached segments that count: no furniture, each text once per document."""
    state.cache.seek(0)
    seen: set[int] = set()
    for line in state.cache:
        doc, short, furniture, src_text, tgt_text, src_terms, tgt_terms = json.loads(line)
        if furniture or (short and state.repeats[src_text] > 1):
            continue
        fingerprint = hash((doc, src_text, tgt_text))
        if fingerprint in seen:
            continue
        if len(seen) < 5_000_000:
            seen.add(fingerprint)
        yield doc, src_text, tgt_text, src_terms, tgt_terms


class _Finder:
    """Every occurrence of a set of Chinese terms in a text, via an index on their first two characters."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._index: dict[str, list[str]] = {}
        for term in sorted(set(terms), key=lambda t: (-len(t), t)):
            self._index.setdefault(term[:2], []).append(term)

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        for start in range(len(text) - 1):
            for term in self._index.get(text[start : start + 2], ()):
                if text.startswith(term, start):
                    yield start, term


def _substring_counts(state: _Pass, terms: list[str], tags: dict[str, str]) -> tuple[_Counts, dict]:
    """Occurrences and documents of Chinese terms as substrings, and the two characters
    on either side of each occurrence."""
    counts = _Counts(cap=len(terms) + 1)
    neighbours: dict[str, tuple[Counter, Counter]] = {t: (Counter(), Counter()) for t in terms}
    finder = _Finder(terms)
    weights = _weights(state)
    for doc, src_text, _, _, _ in _records(state):
        for start, term in finder.find(src_text):
            counts.add(term, tags.get(term, ""), doc, weights[doc])
            end = start + len(term)
            left, right = neighbours[term]
            left[src_text[max(start - 2, 0) : start]] += 1
            right[src_text[end : end + 2]] += 1
    return counts, neighbours


_OPEN = 0.9  #: a candidate with no boundary on one side this often is a piece of something longer
_MAX_GROWN = 3  #: only short candidates (name pieces) grow: longer ones are phrases


def _neighbour(context: str, side: str, chinese: _Chinese) -> str:
    """The character next to an occurrence, or '' when there is a boundary there:
    punctuation, a function word, the end of the text, or the start of a common word
    (报告 after 涉疆 is a word of its own, 亚撒 after 以利 is not)."""
    char = context[-1:] if side == "left" else context[:1]
    if not char or not _CJK.match(char) or char in _FUNCTION_CHARS or (
            len(context) == 2 and chinese.is_common_word(context)):
        return ""
    return char


def _open_share(tally: Counter, side: str, chinese: _Chinese) -> float:
    """Share of occurrences with no boundary on ``side``: near 1 for a piece of a longer word."""
    total = sum(tally.values())
    return sum(n for c, n in tally.items() if _neighbour(c, side, chinese)) / total if total else 0.0


def _grown(term: str, neighbours: tuple[Counter, Counter], chinese: _Chinese) -> str:
    """``term`` with the character that stands beside most (60%) of its occurrences, on a
    side where it (nearly) never has a boundary."""
    for side, tally in zip(("left", "right"), neighbours, strict=True):
        if _open_share(tally, side, chinese) <= _OPEN:
            continue
        chars = Counter()
        for context, n in tally.items():
            if char := _neighbour(context, side, chinese):
                chars[char] += n
        char, n = max(chars.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
        if n >= 2 and n >= 0.6 * sum(tally.values()):
            return char + term if side == "left" else term + char
    return term


def _grow_fragments(state: _Pass, pool: list[str], tags: dict[str, str], keep: set[str],
                    chinese: _Chinese) -> _Counts:
    """Mend pieces of words (亚伯 + 拉罕, 舍客 + 勒: jieba cuts unknown names into known
    words), then drop candidates that still nearly always run on into other characters
    (以利 of 以利亚撒, or a verb like 晓谕 that always takes an object). Returns the counts."""
    for _ in range(3):
        counts, neighbours = _substring_counts(state, pool, tags)
        grown = []
        for term in pool:
            new = term if term in keep or len(term) > _MAX_GROWN else _grown(
                term, neighbours[term], chinese)
            tags.setdefault(new, tags.get(term, ""))
            grown.append(new)
        grown = list(dict.fromkeys(grown))
        if grown == pool:
            break
        pool = grown
    else:
        counts, neighbours = _substring_counts(state, pool, tags)
    for term in pool:
        if term not in keep and max(_open_share(t, side, chinese) for t, side in zip(
                neighbours[term], ("left", "right"), strict=True)) > _OPEN:
            del counts.table[term]
    return counts


# --- termhood ----------------------------------------------------------------------------


def termhood(counts: _Counts, lang: str, extractor: _Chinese | _English, min_freq: int,
             corpus_words: float) -> dict[str, float]:
    """C-value × document spread × specificity, for candidates seen at least ``min_freq`` times;
    frequencies are document-balanced (see ``_weights``)."""
    table = {k: v for k, v in counts.table.items()
             if v[0] >= min_freq and not is_furniture_term(k)}
    nested_sum: Counter = Counter()
    nested_n: Counter = Counter()
    for longer, row in table.items():
        if row[3].startswith("v+"):  # 呼吁人权高专办 is a use of 人权高专办, not a longer term
            continue
        for part in set(_parts(longer, lang)):
            if part in table:
                nested_sum[part] += row[4]
                nested_n[part] += 1
    scores = {}
    for term, (_, docs, _, _, freq) in table.items():
        free = freq - nested_sum[term] / nested_n[term] if nested_n[term] else freq
        cvalue = math.log2(1 + _length(term, lang)) * max(free, 0.0)
        spread = 1 + math.log(docs)
        general = extractor.general_frequency(term)
        specific = 1.0 if not general else min(1.0, max(0.05, math.log10(freq / corpus_words / general) / 3))
        if cvalue > 0:
            scores[term] = cvalue * spread * specific
    return scores


# --- translation -------------------------------------------------------------------------


def _g2(c: np.ndarray, f_s: np.ndarray, f_t: np.ndarray, n: int) -> np.ndarray:
    """Dunning's log-likelihood ratio of a 2×2 co-occurrence table, vectorised."""
    table = [c, f_s - c, f_t - c, n - f_s - f_t + c]
    rows = [f_s, f_s, n - f_s, n - f_s]
    cols = [f_t, n - f_t, f_t, n - f_t]
    total = np.zeros_like(c, dtype=float)
    for observed, row, col in zip(table, rows, cols, strict=True):
        observed = observed.astype(float)
        expected = row.astype(float) * col / n
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * total


def _stem(word: str) -> str:
    word = word.lower().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[\w'-]+", text) if w.lower() not in _EN_STOP}


def dictionary_support(zh: str, en: str, zh_words: list[str]) -> tuple[float, float]:
    """How well CC-CEDICT supports ``en`` as a translation of ``zh``, 0–1 each: by the
    glosses of the whole term, and (weaker evidence) by those of its words ``zh_words``,
    as the F1 of English words found in the glosses and Chinese words whose glosses are used."""
    target = _content_words(en)
    if not target:
        return 0.0, 0.0
    whole = 0.0
    for gloss in cedict.glosses(zh):
        words = _content_words(gloss)
        if words:
            whole = max(whole, len(target & words) / max(len(target), len(words)))
    if len(zh_words) < 2:
        return whole, 0.0
    bags = [set().union(*(_content_words(g) for g in cedict.glosses(w))) for w in zh_words]
    found = target & set().union(*bags)
    precision = len(found) / len(target)
    recall = sum(bool(bag & target) for bag in bags) / len(bags)
    return whole, 2 * precision * recall / (precision + recall) if found else 0.0


def transliteration(zh: str, en: str) -> float:
    """Share of the characters of ``zh`` whose pinyin (CC-CEDICT readings) some consecutive
    words of ``en`` spell, in order: 王琦瑶 ↔ Wang Qiyao 1, 汪淼 ↔ Wang ½, 周瑞家 ↔ Zhou Rui's
    wife ⅔; 0 when none. Names are translated by sound, so this supports them where glosses
    cannot. One syllable alone counts only as the surname of a name CC-CEDICT does not list:
    short English words are often pinyin too (门徒 is no name, and "men" not its translation)."""
    text = re.sub(r"'s\b", "", unicodedata.normalize("NFKD", en).lower())
    words = [w for w in (re.sub(r"[^a-z]", "", w) for w in text.split()) if w]
    if not words or not _CJK.match(zh):
        return 0.0
    name = len(zh) > 1 and cedict.is_surname(zh[0]) and zh not in cedict.dictionary()
    return max(_spelled(zh, "".join(words[i:j]), name)
               for i in range(len(words)) for j in range(i + 1, len(words) + 1)) / len(zh)


def _spelled(zh: str, letters: str, name: bool) -> int:
    """The most consecutive characters of ``zh`` that ``letters`` spell exactly (see above)."""
    best = 0
    for start in range(len(zh)):
        ends = {0}  # positions in ``letters`` reachable by spelling zh[start:start + n]
        for n, char in enumerate(zh[start:], 1):
            ends = {e + len(r) for e in ends for r in cedict.readings(char) if letters.startswith(r, e)}
            if not ends:
                break
            if len(letters) in ends and (n >= 2 or (start == 0 and name)):
                best = max(best, n)
    return best


@dataclass
class _Candidate:
    src: int
    tgt: int
    cooc: int
    dice: float
    words: int  #: length of the target, in words: among equals the longer is more specific
    support: float = 0.0  #: CC-CEDICT glosses of the whole term
    composed: float = 0.0  #: CC-CEDICT glosses of its words
    sound: float = 0.0  #: share of the term's characters the target spells in pinyin (names)
    similarity: float = 0.0  #: encoder cosine minus the mean over the term's shortlist, halved, capped

    @property
    def score(self) -> float:
        evidence = 0.3 * (self.support + self.sound) + 0.1 * self.composed + self.similarity
        return self.dice + evidence + 0.03 * (self.words - 1)

    @property
    def confidence(self) -> float:
        """A 0–1 belief that the pair is right: association, raised by dictionary and pinyin."""
        doubt = (1 - self.dice) * (1 - 0.6 * self.support) * (1 - 0.2 * self.composed) * (
            1 - 0.6 * self.sound)
        return round(1 - doubt, 3)


def _source_finder(src_lang: str, terms: Iterable[str], longer: Iterable[str] = (),
                   ) -> Callable[[str, list], dict[str, str]]:
    """(segment text, its cached candidates) → {key: surface} of the chosen source terms in it.

    Chinese terms are found as strings (fragment growing made terms the cache does not
    list); an occurrence inside one of a longer term (利亚 in 以利亚撒) does not count."""
    wanted = set(terms)
    if src_lang == "zh":
        finder = _Finder(wanted | set(longer))

        def find(text: str, found: list) -> dict[str, str]:
            spans = sorted(((s, s + len(t), t) for s, t in finder.find(text)), key=lambda x: (x[0], -x[1]))
            out, reach = {}, -1
            for _, end, term in spans:
                if end > reach:  # not inside an earlier, longer occurrence
                    if term in wanted:
                        out[term] = term
                    reach = end
            return out
        return find
    return lambda text, found: {k: t for t, _ in found if (k := key(t, src_lang)) in wanted}


class _PairCounts:
    """Segment counts of (term, target) pairs, as int64 keys merged in batches. Pruned like
    ``_Counts`` (lossy counting): in a big corpus a frequent term meets nearly every target,
    so past ``cap`` distinct pairs the rarest go. A dropped pair was too rare for a Dice
    worth linking; the counts of terms and targets themselves stay exact."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.keys = np.zeros(0, dtype=np.int64)  # sorted
        self.counts = np.zeros(0, dtype=np.int64)
        self.pruned_below = 0
        self._pending = array("q")  # 8 bytes a pair, not a Python int each

    def add(self, pairs: Iterable[int]) -> None:
        self._pending.extend(pairs)
        if len(self._pending) > self.cap // 4:
            self._flush()

    def totals(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct keys, sorted, and their counts."""
        self._flush()
        return self.keys, self.counts

    def _flush(self) -> None:
        """Merge the batch into the sorted keys: no re-sort of them, so little memory on top."""
        batch, seen = np.unique(np.frombuffer(self._pending, dtype=np.int64), return_counts=True)
        self._pending = array("q")
        at = np.searchsorted(self.keys, batch)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == batch[known]
        self.counts[at[known]] += seen[known]
        self.keys = np.insert(self.keys, at[~known], batch[~known])
        self.counts = np.insert(self.counts, at[~known], seen[~known])
        if len(self.keys) > self.cap:  # drop the rarest until a quarter of the cap is free
            while len(self.keys) > self.cap * 3 // 4:
                self.pruned_below += 1
                keep = self.counts > self.pruned_below
                self.keys, self.counts = self.keys[keep], self.counts[keep]


def _cooccurrences(state: _Pass, sources: dict[str, int], targets: dict[str, int], present: Callable,
                   tgt_lang: str, cap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Segment counts of each source term, each target candidate, and each pair of them
    (at most ``cap`` pairs, see ``_PairCounts``)."""
    f_src = np.zeros(len(sources), dtype=np.int64)
    f_tgt = np.zeros(len(targets), dtype=np.int64)
    width = max(len(targets), 1)
    pairs = _PairCounts(cap)
    bilingual = 0
    for _, src_text, tgt_text, src_terms, tgt_terms in _records(state):
        if not tgt_text:
            continue
        bilingual += 1
        s_ids = {sources[k] for k in present(src_text, src_terms)}
        t_ids = {targets[k] for t, _ in tgt_terms if (k := key(t, tgt_lang)) in targets}
        f_src[list(s_ids)] += 1
        f_tgt[list(t_ids)] += 1
        pairs.add(s * width + t for s in s_ids for t in t_ids)
    return *pairs.totals(), f_src, f_tgt, bilingual


def _shortlist(keys, counts, f_src, f_tgt, n: int, words: list[int], min_cooc: int,
               ) -> dict[int, list[_Candidate]]:
    """Per source term, its best target candidates by Dice among significant pairs."""
    if n == 0 or not len(keys):
        return {}
    width = max(len(words), 1)
    often = counts >= min_cooc  # first: most pairs met once, and _g2 needs a dozen arrays
    keys, counts = keys[often], counts[often]
    s, t = keys // width, keys % width
    dice = 2 * counts / (f_src[s] + f_tgt[t])
    keep = _g2(counts, f_src[s], f_tgt[t], n) >= _G2_P001
    s, t, counts, dice = s[keep], t[keep], counts[keep], dice[keep]
    order = np.lexsort((t, -dice, s))
    out: dict[int, list[_Candidate]] = {}
    for src_id, target, cooc, score in zip(s[order].tolist(), t[order].tolist(), counts[order].tolist(),
                                           dice[order].tolist(), strict=True):
        bucket = out.setdefault(src_id, [])
        if len(bucket) < _SHORTLIST:
            bucket.append(_Candidate(src_id, target, cooc, score, words[target]))
    return out


def _link(candidates: list[_Candidate], src_terms: list[str], tgt_terms: list[str],
          anchors: list[tuple[str, str]], src_lang: str, tgt_lang: str) -> dict[int, _Candidate]:
    """Competitive linking: best pairs first; a target taken by another term, or a longer
    phrase around it, is no longer available (indirect associations lose)."""
    linked: list[tuple[str, str]] = list(anchors)
    done: dict[int, _Candidate] = {}

    def free(cand: _Candidate, src: str, tgt: str) -> bool:
        for s, t in linked:
            if t == tgt and cand.support < 0.5:
                return False  # unless the dictionary says so: synonyms 帐幕, 会幕 → tabernacle
            if t != tgt and _contains(tgt, t, tgt_lang) and not _contains(src, s, src_lang):
                return False  # "LORD God" for 神 once 耶和华 has LORD
        return True

    anchored = {s for s, _ in anchors}
    # among equal scores the longer rendering: "Yu Zhan'ao" rather than "Yu Zhan"
    for cand in sorted(candidates, key=lambda c: (-round(c.score, 9), -len(tgt_terms[c.tgt]), c.src, c.tgt)):
        src, tgt = src_terms[cand.src], tgt_terms[cand.tgt]
        if cand.src in done or src in anchored or not free(cand, src, tgt):
            continue
        done[cand.src] = cand
        linked.append((src, tgt))
    return done


# --- the whole run -------------------------------------------------------------------------


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
    src_x = _extractor(options.src_lang, [u.src for u in user], options.stop_words)
    tgt_x = _extractor(options.tgt_lang, [u.tgt for u in user if u.tgt], options.stop_words)
    state = _read_corpus(segments, src_x, tgt_x, progress)
    try:
        if not state.segments:
            raise AlignError(f"the input holds no {options.src_lang} text; check --lang-pair")
        src_counts, tgt_counts = _Counts(options.max_distinct), _Counts(options.max_distinct)
        weights = _weights(state)
        for doc, _, _, src_terms, tgt_terms in _records(state):
            for term, tag in src_terms:
                src_counts.add(key(term, options.src_lang), tag, doc, weights[doc])
            for term, tag in tgt_terms:
                tgt_counts.add(key(term, options.tgt_lang), tag, doc)
        src_terms, scores, src_counts = _rank(state, src_counts, src_x, options)
        present = _source_finder(options.src_lang, src_terms, src_counts.table)
        chinese = src_x if isinstance(src_x, _Chinese) else tgt_x
        links = _translate(state, src_terms, present, tgt_counts, options, encoder, chinese)
        entries = _entries(state, src_terms, scores, links, present, src_counts, tgt_counts, options)
    finally:
        state.cache.close()
    return Glossary(options.src_lang, options.tgt_lang, entries, state.segments, state.bilingual,
                    len(state.docs))


def _rank(state: _Pass, counts: _Counts, extractor: _Chinese | _English, options: GlossaryOptions,
          ) -> tuple[list[str], dict[str, float], _Counts]:
    """The ``top`` source terms (user terms first), their termhood, and the counts used."""
    lang = options.src_lang
    corpus_words = state.src_chars / 1.5 if lang == "zh" else state.src_chars / 6
    scores = termhood(counts, lang, extractor, options.min_freq, corpus_words)
    user_keys = list(dict.fromkeys(key(u.src, lang) for u in options.user_entries))
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    if isinstance(extractor, _Chinese):  # recount the best candidates as strings, mending cut-up names
        pool = list(dict.fromkeys(user_keys + ranked[: 3 * options.top]))
        tags = {k: counts.table[k][3] for k in pool if k in counts.table}
        counts = _grow_fragments(state, pool, tags, set(user_keys), extractor)
        scores = termhood(counts, lang, extractor, options.min_freq, corpus_words)
        ranked = sorted(scores, key=lambda k: (-scores[k], k))
    chosen = [k for k in ranked if k not in user_keys][: max(options.top - len(user_keys), 0)]
    return user_keys + chosen, scores, counts


def _maximal(freqs: dict[str, int], lang: str) -> list[str]:
    """The candidates not always found inside one longer candidate ("Wei" of "Zhang Wei"):
    a translation is the longest string that co-occurs as often."""
    inside = {part for longer, f in freqs.items() for part in _parts(longer, lang) if freqs.get(part) == f}
    return sorted(k for k in freqs if k not in inside)


def _translate(state, src_terms, present, tgt_counts, options, encoder, chinese: _Chinese):
    """Source key → (target key, candidate) for the terms whose translation the corpus shows."""
    src_lang, tgt_lang = options.src_lang, options.tgt_lang
    if not state.bilingual:
        return {}
    min_cooc = 2 if options.min_freq > 1 else 1
    tgt_terms = _maximal({k: v[0] for k, v in tgt_counts.table.items()
                          if v[0] >= min_cooc and not is_furniture_term(k)}, tgt_lang)
    sources = {k: i for i, k in enumerate(src_terms)}
    targets = {k: i for i, k in enumerate(tgt_terms)}
    keys, counts, f_src, f_tgt, bilingual = _cooccurrences(state, sources, targets, present, tgt_lang,
                                                           4 * options.max_distinct)
    words = [len(t.split()) if tgt_lang != "zh" else max(1, len(t) // 2) for t in tgt_terms]
    shortlist = _shortlist(keys, counts, f_src, f_tgt, bilingual, words, min_cooc)
    # a candidate inside another that co-occurs with the term just as often adds nothing ("Yu Zhan")
    candidates = [c for bucket in shortlist.values() for c in bucket
                  if not any(o.cooc == c.cooc and o.tgt != c.tgt
                             and _contains(tgt_terms[o.tgt], tgt_terms[c.tgt], tgt_lang)
                             for o in bucket)]
    _add_evidence(candidates, src_terms, tgt_terms, src_lang, encoder, chinese)
    anchors = [(key(u.src, src_lang), key(u.tgt, tgt_lang)) for u in options.user_entries if u.tgt]
    linked = _link(candidates, src_terms, tgt_terms, anchors, src_lang, tgt_lang)
    out = {src_terms[i]: (tgt_terms[c.tgt], c) for i, c in linked.items() if c.confidence >= _MIN_CONFIDENCE}
    for s, t in anchors:
        out[s] = (t, None)
    return out


def _add_evidence(candidates, src_terms, tgt_terms, src_lang, encoder, chinese: _Chinese) -> None:
    """Fill in dictionary support and encoder similarity for the shortlisted pairs."""
    for cand in candidates:
        src, tgt = src_terms[cand.src], tgt_terms[cand.tgt]
        zh, en = (src, tgt) if src_lang == "zh" else (tgt, src)
        cand.support, cand.composed = dictionary_support(zh, en, [w for w, _ in chinese.words(zh)])
        cand.sound = transliteration(zh, en)
    if encoder is None or not candidates:
        return
    texts = sorted({src_terms[c.src] for c in candidates} | {tgt_terms[c.tgt] for c in candidates})
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    by_term: dict[int, list[_Candidate]] = {}
    for cand in candidates:
        by_term.setdefault(cand.src, []).append(cand)
    for group in by_term.values():  # only differences between a term's candidates carry meaning
        cosines = [float(vectors[src_terms[c.src]] @ vectors[tgt_terms[c.tgt]]) for c in group]
        mean = sum(cosines) / len(cosines)
        for cand, cosine in zip(group, cosines, strict=True):
            cand.similarity = max(-_SIMILARITY, min(_SIMILARITY, 0.5 * (cosine - mean)))


def _entries(state, src_terms, scores, links, present, src_counts, tgt_counts, options,
             ) -> list[GlossaryEntry]:
    """One entry per source term, with surface forms and an example read from the cache."""
    src_lang, tgt_lang = options.src_lang, options.tgt_lang
    target_of = {s: t for s, (t, _) in links.items()}
    surfaces: dict[str, Counter] = {}
    examples: dict[str, tuple[int, str, str]] = {}
    for _, src_text, tgt_text, src_found, tgt_found in _records(state):
        found = present(src_text, src_found)
        if not found:
            continue
        tgt_present = {}
        for term, _ in tgt_found:
            tgt_present.setdefault(key(term, tgt_lang), term)
        for k, term in found.items():
            surfaces.setdefault(k, Counter())[term] += 1
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

    user = {key(u.src, src_lang): u for u in options.user_entries}
    entries = []
    for k in src_terms:
        t, cand = links.get(k, ("", None))
        _, example_src, example_tgt = examples.get(k, (0, "", ""))
        row = src_counts.table.get(k, [0, 0, 0, "", 0.0])
        entries.append(GlossaryEntry(
            src=user[k].src if k in user else surface(k, k),
            tgt=user[k].tgt if k in user else (surface("\0" + t, t) if t else ""),
            src_freq=row[0], tgt_freq=tgt_counts.freq(t) if t else 0, docs=row[1],
            confidence=1.0 if k in user else (cand.confidence if cand else 0.0),
            termhood=round(scores.get(k, 0.0), 3), example_src=example_src,
            example_tgt=example_tgt if t else "", part_of_speech=_part_of_speech(row[3]),
            user=k in user,
        ))
    entries.sort(key=lambda e: (-e.termhood, e.src))
    return entries
