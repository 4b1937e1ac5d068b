"""Candidate terms of one segment: jieba words and noun phrases (Chinese), n-grams (English).

Chinese: jieba words with their dictionary part-of-speech tags (nouns, names,
abbreviations of two or more characters) and noun phrases of 2–4 words.
English: sacremoses tokens, n-grams of up to 8 words that neither start nor end
with a function word. Page furniture (``详细报道``, ``Web editor:``) is never a term.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import cache

from align import cedict
from align.terms.model import SUPPORTED, UnsupportedLanguageError
from align.text import EN_FUNCTION_WORDS, is_han_word

_MAX_EN_WORDS = 8
_MAX_ZH_WORDS = 4
_MAX_ZH_CHARS = 12
Candidate = tuple[str, str]  #: (term as written, tag of its head word)

# jieba's dictionary tags (ICTCLAS set) that can be, or end, a term.
_NOUNS = frozenset({"n", "nz", "ns", "nt", "nw", "ng", "vn", "j", "l", "i", "eng", "un", "an"})
_NAMES = frozenset({"nr", "nrt", "nrfg"})  # person names: terms alone, never inside a phrase
_INSIDE = (_NOUNS - {"un"}) | {"a", "b"}  # may stand inside a phrase (unknown words: names, alone)
_STARTS = (_INSIDE - {"b"}) | {"v", "nrt"}  # verb-object phrases: 干涉内政; places: 多哈发展回合
# One-character heads of abbreviated institution names (人权高专办, 外交部) that jieba tags as verbs.
_INSTITUTION_HEADS = frozenset("办部委局署院会厅处司组团社")
# HMM-found (unknown) words starting or ending with these are fragments, not names: 我要, 神说.
FUNCTION_CHARS = frozenset("的了在和与及或是为被把将向对从就也都又还着过说要必若凡所这那之其此该各每"
                           "经依按并而即我你他她它们中上下里有不只个件位匹条名")
# Common surnames: jieba often leaves one standing alone before the given name (陈 清扬, 余 占 鳌).
_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
                      "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾"
                      "毛郝龚邵万钱严覃武戴莫孔汤")
#: Conjunctions that may join two nouns inside a term (信息和通信技术).
CONJUNCTIONS = frozenset("和及与")
#: What joins coordinated things in Chinese: the conjunctions, the enumeration comma, 或.
COORDINATION_MARKS = CONJUNCTIONS | frozenset("、或")
#: English words that join two coordinated things ("counter-terrorism and deradicalization").
EN_COORDINATORS = frozenset({"and", "or"})
#: Tags of a person's name, with jieba's tag of an unknown word: a transliterated name or
#: its second piece when jieba cut it in two (巴切 | 莱特).
NAME_TAGS = _NAMES | {"un"}
#: One-character adverbs that prefix a noun term as "least" does (最不发达国家: least developed
#: countries); jieba leaves them standing alone.
_DEGREE_PREFIX = ("最", "不")
#: jieba's tags of set phrases (习用语) and idioms (成语).
_SET_PHRASES = frozenset({"l", "i"})
_PUNCT_ZH = re.compile(r"[。！？!?,，:：;；.]")

#: Words that never start or end an English term, besides the function words of align.text:
#: numbers, ordinals, reflexives, titles and the clitics sacremoses splits off.
_TERM_EDGE_WORDS = """
's 't 'll 're 've 'd 'm above after against aren because before below between both cannot didst doing
during further hast having hers herself himself itself myself ought ours ourselves saith theirs
themselves through until while yours yourself yourselves mr mrs ms
one two three four five six seven eight nine ten twelve twenty thirty forty fifty hundred thousand
first second third
"""
TERM_EDGE_WORDS = EN_FUNCTION_WORDS | frozenset(_TERM_EDGE_WORDS.split())
_EN_WORD = re.compile(r"^[\w][\w'&.\-]*$")
_EN_TAIL = re.compile(r"^'[^\W\d_]{2,}$")  # what sacremoses splits off Zhan'ao: part of a word
_NUMBER = re.compile(r"^[\d.,:/\-]+$")

# Page furniture: never a term, and a segment matching FURNITURE_LINE is not read at all.
_FURNITURE_TERMS = frozenset({
    "详细报道", "阅读更多", "展示更多", "责任编辑", "原标题", "图片来源", "来源", "编辑", "分享", "打印",
    "关闭窗口", "网站地图", "版权所有", "首页", "上一篇", "下一篇", "相关新闻", "相关阅读", "返回顶部",
    "web editor", "skip to content", "recommended articles", "last updated", "photos",
    "feature image", "copyright", "all rights reserved", "related articles", "bianji",
})
FURNITURE_LINE = re.compile(
    r"^\s*(\(?web editor:|url:|author:|title:|content:|skip to content|责任编辑[:：]|图片来源[:：]|来源[:：]|"
    r"[\d-]+ [\d:]+ last updated)|(»|>>|∨)\s*$",
    re.IGNORECASE,
)


@cache
def _jieba_with_tags():
    """A jieba tokenizer of our own (never jieba's global one) and its word → POS tag table."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer).word_tag_tab


class _Rebuilt:
    """Pickled as what it is made from (a worker process builds its own tokenizer)."""

    _args: tuple

    def __reduce__(self) -> tuple[type, tuple]:
        return type(self), self._args


class ChineseTerms(_Rebuilt):
    """jieba words with dictionary tags → single-word terms and 2–4 word noun phrases."""

    lang = "zh"

    def __init__(self, extra_terms: Iterable[str], stop_words: frozenset[str]) -> None:
        extra = list(extra_terms)
        self._args = (extra, stop_words)
        # user terms go into a fresh tokenizer; without them one shared instance is enough
        self._jieba, self._tags = _jieba_with_tags() if not extra else _jieba_with_tags.__wrapped__()
        for term in extra:
            self._jieba.add_word(term, freq=None, tag="nz")
            self._tags[term] = "nz"
        self._stop = stop_words

    def general_frequency(self, term: str) -> float:
        """Relative frequency of ``term`` in jieba's dictionary (general Chinese), smoothed. A
        word jieba's dictionary lacks but CC-CEDICT lists (生活方式: lifestyle) is a word of
        the language all the same: wordfreq's frequency, when higher, stands for it. So does it
        for a set phrase (长时间: a long time), which jieba's counts understate: its corpus was
        counted with the phrase mostly cut into its words."""
        listed = self._jieba.FREQ.get(term, 0)
        smoothed = (listed + 1) / self._jieba.total
        if self._tags.get(term) in _SET_PHRASES or (not listed and term in cedict.dictionary()):
            return max(smoothed, _wordfreq_zh(term))
        return smoothed

    def governed_object(self, term: str) -> str:
        """What follows the verb ``term`` opens with, when that verb governs it (呼吁 | 人权高专办:
        to call on OHCHR), by CC-CEDICT's first gloss ("to ..."), rather than modifies it
        (例行 | 记者会: a routine press conference); else ""."""
        words = self.words(term)
        verb = words[0][0] if len(words) > 1 and words[0][1] == "v" and _verb_only(words[0][0]) else ""
        return term[len(verb):] if verb else ""

    def is_common_word(self, text: str) -> bool:
        return self._jieba.FREQ.get(text, 0) >= 50

    def _tag(self, word: str) -> str:
        tag = self._tags.get(word)
        if tag in _NAMES and _common_noun(word):
            return "n"  # jieba's "name" 小岛屿 is 小 + 岛屿: a noun (小岛屿发展中国家)
        if len(word) == 2 and word[0] == word[1] and tag not in _NAMES:
            return "r"  # 人人 (everyone), 处处: a reduplicated word distributes, as a pronoun does
        if tag == "n" and _verb_only(word):
            return "v"  # 有权 (to have the right to): a verb, though jieba's dictionary says noun
        if tag:
            return tag
        if word.isascii() and word.isalnum() and any(c.isalpha() for c in word):
            return "eng"
        if is_han_word(word) and word[0] not in FUNCTION_CHARS and word[-1] not in FUNCTION_CHARS:
            return "un"  # a word jieba's HMM found: usually a name or a domain word
        return "x"

    def words(self, text: str) -> list[tuple[str, str]]:
        """jieba's words of ``text`` with their tags; spaces are tagged x (they break phrases)."""
        return self._mended([(w, self._tag(w) if w.strip() else "x") for w in self._jieba.cut(text)])

    def plain_words(self, text: str) -> list[str]:
        """jieba's words of ``text``, without their tags."""
        return [w for w, _ in self.words(text)]

    def _mended(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Two neighbouring words joined when together they are a CC-CEDICT word that jieba's
        dictionary lacks (可 | 持续: 可持续, sustainable; 通信 | 技术): a term is never cut
        inside a word of the language. The word is a noun when its second piece is one, else
        an adjective (可持续 modifies the noun after it)."""
        out: list[tuple[str, str]] = []
        for word, tag in words:
            if out and _mendable(out[-1][0], word) and (joined := out[-1][0] + word) in cedict.dictionary() \
                    and not self._jieba.FREQ.get(joined):
                out[-1] = (joined, tag if tag in _NOUNS else "a")
            else:
                out.append((word, tag))
        return out

    def candidates(self, text: str) -> list[tuple[str, str]]:
        """(term, tag of its head word) for every candidate occurrence in ``text``."""
        return self.analyse(text)[1]

    def analyse(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The words of ``text`` (spaces too) and its candidates: the corpus is cut into words
        once, and the word alignment reads the words back."""
        words = self.words(text)
        return [w for w, _ in words], self._candidates(_prefixed(words))

    def _candidates(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out = []
        for i, (word, tag) in enumerate(words):
            if (tag in _NOUNS or tag in _NAMES) and len(word) >= 2 and word not in self._stop:
                out.append((word, tag))
            if word in _SURNAMES:
                out.extend((name, "nr") for name in _names_after(word, words[i + 1 : i + 3]))
            if tag == "un" and i + 1 < len(words) and words[i + 1][1] in NAME_TAGS:
                out.append((word + words[i + 1][0], "nr"))  # 巴切 + 莱特: a transliterated name jieba cut
            if tag not in _STARTS or word in self._stop or (len(word) == 1 and (
                    tag == "v" or word in FUNCTION_CHARS)):
                continue
            out.extend(self._phrases(words, i))
        return out

    def _phrases(self, words: list[tuple[str, str]], i: int) -> Iterator[Candidate]:
        """The phrases starting at word ``i``: nouns and modifiers ending in a noun (人权理事会),
        or in a verb or adjective used as a noun after a noun (全球人权治理, 性别平等);
        one conjunction may join two nouns inside (信息和通信技术, 国际和平及安全)."""
        tag, joined = words[i][1], False
        for j in range(i + 1, min(i + _MAX_ZH_WORDS + 1, len(words))):
            last, last_tag = words[j]
            before = words[j - 1][1]
            term = "".join(w for w, _ in words[i : j + 1])
            if len(term) > _MAX_ZH_CHARS:
                return
            if last in CONJUNCTIONS and not joined and before in _NOUNS and j + 1 < len(words) and (
                    words[j + 1][1] in _NOUNS):
                joined = True
                continue
            nominal = (last_tag in ("v", "a") and len(last) >= 2 and before in _NOUNS
                       and last not in self._stop and _has_noun_gloss(last))
            head = len(last) == 1 and last in _INSTITUTION_HEADS
            if nominal:
                yield term, ("v+" if tag == "v" else "+") + "vn"
                return
            if (last_tag not in _INSIDE and not head) or last in FUNCTION_CHARS:
                return
            if (last_tag in _NOUNS or head) and last not in self._stop:
                # "+": a phrase, "v+": a verb phrase (吩咐摩西), which does not hide its parts
                yield term, ("v+" if tag == "v" else "+") + last_tag


@cache
def _wordfreq_zh(word: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(word, "zh")


def _mendable(left: str, right: str) -> bool:
    """Can ``left`` + ``right`` be one word: Chinese content words, three characters or more?"""
    return (len(left) + len(right) >= 3 and is_han_word(left) and is_han_word(right)
            and not {left[0], left[-1], right[0], right[-1]} & FUNCTION_CHARS)


def _prefixed(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Words with the degree prefix 最不 joined to the noun after it (最不 + 发达国家)."""
    out: list[tuple[str, str]] = []
    for word, tag in words:
        if tag in _NOUNS and len(out) >= len(_DEGREE_PREFIX) and tuple(
                w for w, _ in out[-len(_DEGREE_PREFIX):]) == _DEGREE_PREFIX:
            del out[-len(_DEGREE_PREFIX):]
            word = "".join(_DEGREE_PREFIX) + word
        out.append((word, tag))
    return out


def _common_noun(name: str) -> bool:
    """Is a word jieba's dictionary calls a person's name really a modified noun: no
    surname first, a dictionary word of two characters or more last (小 + 岛屿)? A
    transliterated name (以利 of 以利亚撒) is neither."""
    return name[0] not in _SURNAMES and not cedict.is_surname(name[0]) and any(
        name[i:] in cedict.dictionary() for i in range(1, len(name) - 1))


_GLOSS_REFERENCE = ("CL:", "surname", "variant", "old variant", "see ", "used in", "abbr")


@cache
def _verb_only(word: str) -> bool:
    """Is the first CC-CEDICT gloss of ``word`` a verb ("to have the right to")?"""
    glosses = [g for g in cedict.dictionary().get(word, "").split("/")
               if g.strip() and not g.startswith(_GLOSS_REFERENCE)]
    return bool(glosses) and glosses[0].startswith("to ")


_NOUN_SUFFIX = re.compile(r"^[a-z]+(tion|sion|ity|ance|ence|ment|dom|ness|ship|ism|ure)$")


def _has_noun_gloss(word: str) -> bool:
    """Does CC-CEDICT render ``word`` (a verb or adjective to jieba) by a derived noun too
    (治理: governance, 平等: equality)? Then it can head a term after a noun."""
    return any(_NOUN_SUFFIX.match(g) for g in cedict.glosses(word))


def _names_after(surname: str, following: list[tuple[str, str]]) -> Iterator[str]:
    """Surname + the next one or two characters, when jieba cut a full name into pieces."""
    name = surname
    for word, _ in following:
        if not is_han_word(word) or word[0] in FUNCTION_CHARS or word[-1] in FUNCTION_CHARS:
            return
        name += word
        if len(name) > 3:
            return
        yield name


class EnglishTerms(_Rebuilt):
    """sacremoses tokens → n-grams of up to 7 words not starting or ending with a stop word."""

    lang = "en"

    def __init__(self, extra_terms: Iterable[str], stop_words: frozenset[str]) -> None:
        from sacremoses import MosesTokenizer

        extra_terms = list(extra_terms)
        self._args = (extra_terms, stop_words)
        self._moses = MosesTokenizer("en")
        self._stop = TERM_EDGE_WORDS | {w.lower() for w in stop_words}
        self._extra = {join_tokens(self.tokens(t)).lower() for t in extra_terms}
        self._longest = max((len(t.split()) for t in self._extra), default=0)

    def tokens(self, text: str) -> list[str]:
        return self._moses.tokenize(text, escape=False)

    def general_frequency(self, term: str) -> float:
        """Relative frequency of ``term`` in general English (wordfreq), at least one in 10⁸."""
        from wordfreq import word_frequency

        return max(word_frequency(term, "en"), 1e-8)

    def _edge(self, token: str) -> bool:
        """Can ``token`` start or end a term?"""
        return (len(token) > 1 and token.lower() not in self._stop and not _NUMBER.match(token)
                and bool(_EN_WORD.match(token)))

    def candidates(self, text: str) -> list[tuple[str, str]]:
        return self.analyse(text)[1]

    def analyse(self, text: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The tokens of ``text`` and its candidates (see ``ChineseTerms.analyse``)."""
        tokens = self.tokens(text)
        return tokens, self._candidates(tokens)

    def _candidates(self, tokens: list[str]) -> list[tuple[str, str]]:
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


def join_tokens(tokens: list[str]) -> str:
    """Tokens back into text: a split-off "'s" or "'ao" rejoins its word (Pharaoh's, Zhan'ao)."""
    return "".join(t if t.startswith("'") or not n else " " + t for n, t in enumerate(tokens))


def extractor(lang: str, extra: Iterable[str], stop: frozenset[str]) -> ChineseTerms | EnglishTerms:
    if lang not in SUPPORTED:
        raise UnsupportedLanguageError(lang)
    return ChineseTerms(extra, stop) if lang == "zh" else EnglishTerms(extra, stop)


def key(term: str, lang: str) -> str:
    """The form terms are counted under: English case-folded (LORD and Lord are one term)."""
    return term.lower() if lang != "zh" else term


def contains(outer: str, inner: str, lang: str) -> bool:
    """Is ``inner`` part of ``outer`` (whole words for English; Zhan'ao holds Zhan)?"""
    if lang == "zh":
        return inner in outer
    return f" {inner} ".replace("'", " '") in f" {outer} ".replace("'", " '")


def parts(term: str, lang: str) -> Iterator[str]:
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


def term_length(term: str, lang: str) -> float:
    """Term length for C-value: words for English, two-character units for Chinese."""
    return len(term) / 2 if lang == "zh" else len(term.split())


def is_furniture_term(term: str) -> bool:
    """Page furniture ("详细报道", "Web editor ..."): never a term, nor a translation."""
    low = term.lower()
    return low in _FURNITURE_TERMS or any(f in low for f in _FURNITURE_TERMS if len(f) >= 4 and " " in f)


def short_unpunctuated(text: str, lang: str) -> bool:
    """Line-sized page furniture candidates: 详细报道, Photos, China (a section label)."""
    size = len(text.replace(" ", "")) if lang == "zh" else len(text.split())
    return size <= (16 if lang == "zh" else 6) and not _PUNCT_ZH.search(text)


