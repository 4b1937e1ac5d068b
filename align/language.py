"""Which language a text is in: script counts for CJK, py3langid for the rest.

Script counting is exact for the question that matters most here (is this the
Chinese side?) and cannot be fooled by English names inside Chinese text, which
an n-gram model sometimes is. Latin-script languages go to py3langid, whose
model ships inside the package (no download).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from align.text import HAN

_HAN = re.compile(f"[{HAN}]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")

#: Languages with their own segmentation rules; others use the generic splitter.
CJK_LANGS = ("zh", "ja", "ko")
#: Default locale written into xml:lang (TMX, TBX) for a language code.
LOCALES = {"zh": "zh-CN", "en": "en-US", "de": "de-DE", "fr": "fr-FR", "ja": "ja-JP",
           "ko": "ko-KR", "es": "es-ES", "it": "it-IT", "pt": "pt-PT", "ru": "ru-RU"}

#: English names of the languages summaries name.
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English", "de": "German", "fr": "French",
                  "ja": "Japanese", "ko": "Korean", "es": "Spanish", "ru": "Russian"}


def language_name(code: str) -> str:
    """English name of a language code, the code itself when unknown."""
    return LANGUAGE_NAMES.get(code, code)


def locale(lang: str) -> str:
    """``zh`` → ``zh-CN``: the region CAT tools expect in xml:lang."""
    return LOCALES.get(lang, lang)


def primary_language(tag: str) -> str:
    """'zh-CN', 'ZH_TW', 'zh-Hans' → 'zh': the language part of a locale or xml:lang."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def detect_language(text: str, sample: int = 20000) -> str:
    """Return an ISO 639-1 code (``zh``, ``en``, ``de``, ``fr``, ...) or ``""`` if no letters."""
    text = text[:sample]
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return ""
    han, kana, hangul = (len(p.findall(text)) for p in (_HAN, _KANA, _HANGUL))
    # A CJK character carries about a word; ≥ 30 % of letters means CJK running text.
    if (han + kana + hangul) >= 0.3 * letters:
        if kana >= 0.1 * (han + kana):
            return "ja"
        if hangul > han:
            return "ko"
        return "zh"
    import py3langid  # its model loads in ~1 s: only when a Latin-script text needs it

    lang, _ = py3langid.classify(text)
    return lang


#: How sure the language model must be that a line is in the other side's language ...
UNTRANSLATED_PROBABILITY = 0.9
#: ... and how many such lines in a row make an untranslated passage: a lone line so classified
#: is mostly names ("Michel Ziegenhagen , Lausanne"), which the model cannot place.
UNTRANSLATED_RUN = 3


@cache
def _two_language_model(lang: str, other: str):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages([lang, other])
    return model


def untranslated_lines(texts: list[str], lang: str, other: str, joined: np.ndarray) -> np.ndarray:
    """Whether each line of a ``lang`` document belongs to a passage written in ``other``, the
    language of the document it is aligned with (an advertisement left untranslated): runs of
    at least ``UNTRANSLATED_RUN`` lines the model, choosing between the two languages only,
    puts in ``other``; lines flagged in ``joined`` (wordless) neither break nor make a run.
    Latin-script pairs only; all False otherwise."""
    flags = np.zeros(len(texts), dtype=bool)
    if lang in CJK_LANGS or other in CJK_LANGS or lang == other:
        return flags
    model = _two_language_model(lang, other)
    for i, text in enumerate(texts):
        guess, probability = model.classify(text)
        flags[i] = guess == other and probability > UNTRANSLATED_PROBABILITY
    out = np.zeros(len(texts), dtype=bool)
    run: list[int] = []
    for i in [*range(len(texts)), len(texts)]:
        if i < len(texts) and (flags[i] or joined[i]):
            run.append(i)
            continue
        if sum(flags[run]) >= UNTRANSLATED_RUN:
            out[run] = flags[run]
        run = []
    return out
