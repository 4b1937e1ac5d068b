"""The streaming TMX reader: our own TMX, CAT-tool TMX, hostile XML, broken files."""

from __future__ import annotations

import contextlib
import resource

import pytest

from align.errors import AlignError
from tmx.formats import to_tmx
from tmx.reader import TranslationUnit, iter_units

# As OmegaT 5 writes a project TMX (1.4, upper-case xml:lang codes, <bpt>/<ept> around tags).
OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
   creationtoolversion="5.7.1" segtype="sentence" srclang="ZH-CN"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="ZH-CN">
        <seg>联合国<bpt i="1" x="1">&lt;b0&gt;</bpt>人权高专办<ept i="1">&lt;/b0&gt;</ept>发表声明。</seg>
      </tuv>
      <tuv xml:lang="EN-US" changeid="anna" changedate="20240102T101010Z"
       creationid="anna" creationdate="20240102T101010Z">
        <seg>The <bpt i="1" x="1">&lt;b0&gt;</bpt>OHCHR<ept i="1">&lt;/b0&gt;</ept> issued a statement.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""

# As SDL Trados Studio exports (UTF-16 with BOM, header props, <ph> placeholders, <hi>).
TRADOS = """<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4">
<header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
 datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US" creationdate="20230405T081500Z">
<prop type="x-Recognizers">RecognizeAll</prop>
</header>
<body>
<tu tuid="17" creationdate="20230405T081512Z" creationid="PC\\user" usagecount="3">
<prop type="x-LastUsedBy">PC\\user</prop>
<prop type="x-Context">0, 0</prop>
<tuv xml:lang="en-US"><seg>Press <ph x="1" type="0"
 />Save<ph x="2" type="0" /> to keep <hi type="b">all</hi> changes.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>按<ph x="1" type="0" />保存<ph x="2" type="0"
 />以保留<hi type="b">所有</hi>更改。</seg></tuv>
</tu>
<tu><tuv lang="en-US"><seg>Old-style lang attribute.</seg></tuv>
<tuv lang="zh-CN"><seg>旧式属性。</seg></tuv></tu>
</body>
</tmx>
"""


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_back_what_to_tmx_writes(make_alignment, tmp_path):
    alignment = make_alignment(
        ["今天天气很好。", "我们去公园。", "他笑了。"],
        ["The weather is fine & we go to the <park>.", "He laughed."],
        [((0, 1), (0,), 0.91), ((2,), (1,), 0.42)],
        src_name="a.zh.txt", tgt_name="a.en.txt",
    )
    path = tmp_path / "a.tmx"
    path.write_bytes(to_tmx(alignment))
    units = list(iter_units(path))
    assert [u.variants for u in units] == [
        {"zh-CN": "今天天气很好。我们去公园。", "en-US": "The weather is fine & we go to the <park>."},
        {"zh-CN": "他笑了。", "en-US": "He laughed."},
    ]
    assert units[0].tuid == "1" and units[0].creationdate
    assert units[1].props == {"x-score": "0.4200", "x-bead": "1-1",
                              "x-source-doc": "a.zh.txt", "x-target-doc": "a.en.txt"}


def test_reads_omegat_tmx_dropping_inline_codes(tmp_path):
    [unit] = iter_units(write(tmp_path, "project_save.tmx", OMEGAT))
    assert unit == TranslationUnit(
        None, {"ZH-CN": "联合国人权高专办发表声明。", "EN-US": "The OHCHR issued a statement."}, {}, None)


def test_reads_trados_utf16_tmx_with_placeholders_and_old_lang(tmp_path):
    units = list(iter_units(write(tmp_path, "export.tmx", "\ufeff" + TRADOS, "utf-16-le")))
    assert units[0].variants == {"en-US": "Press Save to keep all changes.",
                                 "zh-CN": "按保存以保留所有更改。"}
    assert units[0].props == {"x-LastUsedBy": "PC\\user", "x-Context": "0, 0"}  # header props excluded
    assert (units[0].tuid, units[0].creationdate) == ("17", "20230405T081512Z")
    assert units[1].variants == {"en-US": "Old-style lang attribute.", "zh-CN": "旧式属性。"}


def test_billion_laughs_is_not_expanded(tmp_path):
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE tmx [{"".join(levels)}]>\n'
            '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>a &l9; b</seg></tuv>'
            '</tu></body></tmx>')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = []
    with contextlib.suppress(AlignError):  # libxml2 may refuse it outright, which is also safe
        texts = [t for u in iter_units(write(tmp_path, "bomb.tmx", text)) for t in u.variants.values()]
    assert not any("lol" in t for t in texts)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DTD">')
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
            f'<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>\n'
            '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>a &xxe; b &leak; c</seg>'
            '</tuv></tu></body></tmx>')
    texts = []
    with contextlib.suppress(AlignError):
        texts = [t for u in iter_units(write(tmp_path, "xxe.tmx", text)) for t in u.variants.values()]
    assert not any("SECRET" in t or "LEAKED" in t for t in texts)


@pytest.mark.parametrize(("content", "expected"), [
    ('<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu>\n<tu>',
     r"bad\.tmx:2: not a well"),
    ("", r"bad\.tmx:1: not a well"),
    ("<html><body>hello</body></html>", r"bad\.tmx:1: not a TMX file \(root element <html>"),
    ('<tmx><body><tu><tuv xml:lang="en"><seg>a</sag></tuv></tu></body></tmx>', r"bad\.tmx:1: not a well"),
])
def test_broken_or_foreign_files_give_one_line_errors(tmp_path, content, expected):
    path = write(tmp_path, "bad.tmx", content)
    with pytest.raises(AlignError, match=expected) as info:
        list(iter_units(path))
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(AlignError, match=r"nothere\.tmx: cannot read"):
        list(iter_units(tmp_path / "nothere.tmx"))


def test_units_stream_before_the_whole_file_is_parsed(tmp_path):
    body = "".join(f'<tu tuid="{n}"><tuv xml:lang="en"><seg>unit {n}</seg></tuv></tu>' for n in range(5000))
    path = write(tmp_path, "big.tmx", f'<tmx version="1.4"><header/><body>{body}<tu></body></tmx>')
    units = iter_units(path)
    assert next(units).variants == {"en": "unit 0"}  # the broken end has not been read yet
    with pytest.raises(AlignError, match=r"big\.tmx:1: not a well-formed"):
        for _ in units:
            pass
