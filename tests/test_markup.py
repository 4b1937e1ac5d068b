"""Input formats: HTML (main text only), DOCX (paragraphs in order) and Markdown,
chosen by extension or sniffed. Every file is made here, small."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from align.errors import AlignError
from align.markup import input_kind
from align.reader import read_document

ZH = ["外交部副部长马朝旭28日接受媒体采访。", "这是巴切莱特就任以来首次访华。"]
EN = ["Vice Foreign Minister Ma Zhaoxu gave an interview on the 28th.",
      "This is Bachelet's first visit to China since she took office."]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Site title | News</title>
<style>p {{ color: red }}</style><script>var menu = "菜单脚本";</script></head>
<body>
<header class="site"><a href="/">首页</a> <a href="/news">新闻</a></header>
<nav><ul><li><a href="/a">国际</a></li><li><a href="/b">国内</a></li></ul></nav>
<div class="breadcrumb">首页 &gt; 新闻</div>
<article>
  <header><h1>{title}</h1></header>
  <p>{first}</p>
  <p>{second_a}
  {second_b}</p>
  <figure><img src="x.png"><figcaption>图片说明</figcaption></figure>
</article>
<aside>相关阅读：其他新闻</aside>
<div class="links"><a href="/1">一</a> <a href="/2">二</a> <a href="/3">三</a></div>
<footer>版权所有 © 2022</footer>
<noscript>请启用脚本</noscript>
</body></html>
"""


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def page(title: str = "马朝旭介绍巴切莱特访华情况") -> str:
    return PAGE.format(title=title, first=ZH[0], second_a=ZH[1][:6], second_b=ZH[1][6:])


def docx(paragraphs: list[str], table: list[str] = (), extra: str = "") -> bytes:
    """A minimal but real .docx: the parts Word and LibreOffice need, one run per paragraph."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    if table:
        cells = "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in table)
        body += f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"
    document = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                f"<w:document xmlns:w='{w}'><w:body>{body}{extra}</w:body></w:document>")
    types = ("<?xml version='1.0' encoding='UTF-8'?><Types xmlns='http://schemas.openxmlformats.org"
             "/package/2006/content-types'><Default Extension='xml' ContentType='application/xml'/>"
             "<Override PartName='/word/document.xml' ContentType='application/vnd.openxmlformats-"
             "officedocument.wordprocessingml.document.main+xml'/></Types>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# --- HTML ------------------------------------------------------------------------------


def test_html_keeps_the_article_and_drops_page_furniture(tmp_path):
    doc = read_document(write(tmp_path, "news.html", page()))
    assert doc.paragraphs == ["马朝旭介绍巴切莱特访华情况", *ZH]
    assert doc.lang == "zh"
    assert doc.name == "news.html"


def test_html_without_article_drops_nav_scripts_headers_and_link_lists(tmp_path):
    html = page().replace("<article>", "<div>").replace("</article>", "</div>")
    html = html.replace("<header><h1>", "<h1>").replace("</h1></header>", "</h1>")
    text = "\n".join(read_document(write(tmp_path, "news.htm", html)).paragraphs)
    for furniture in ("菜单脚本", "首页", "国际", "版权所有", "相关阅读", "请启用脚本", "color", "图片说明"):
        assert furniture not in text
    assert text.split("\n") == ["马朝旭介绍巴切莱特访华情况", *ZH]


def test_html_line_breaks_entities_and_legacy_encodings(tmp_path):
    html = ("<html><head><meta charset='gbk'></head><body><p>第一行<br>第二行。</p>"
            "<p>Fish &amp; chips&nbsp;cost £5.</p></body></html>")
    doc = read_document(write(tmp_path, "old.htm", html.encode("gb18030")), lang="zh")
    assert doc.paragraphs == ["第一行", "第二行。", "Fish & chips\u00a0cost £5."]


@pytest.mark.parametrize("name", ["page", "page.txt", "download.php"])
def test_html_is_sniffed_when_the_name_does_not_say(tmp_path, name):
    doc = read_document(write(tmp_path, name, "\ufeff" + page()))
    assert doc.paragraphs[1:] == ZH


def test_html_with_only_furniture_is_refused_as_empty(tmp_path):
    html = "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
    with pytest.raises(AlignError, match=r"empty .*HTML"):
        read_document(write(tmp_path, "nav.html", html))


# --- DOCX ------------------------------------------------------------------------------


def test_docx_paragraphs_in_order_with_tables(tmp_path):
    data = docx([EN[0], "", EN[1]], table=["Cell one.", "Cell two."])
    doc = read_document(write(tmp_path, "report.docx", data))
    assert doc.paragraphs == [EN[0], EN[1], "Cell one.", "Cell two."]
    assert doc.lang == "en"


def test_docx_skips_deleted_text_and_keeps_runs_together(tmp_path):
    extra = ("<w:p><w:r><w:t>Split </w:t></w:r><w:r><w:t>runs</w:t></w:r><w:del><w:r>"
             "<w:delText>deleted</w:delText></w:r></w:del><w:r><w:tab/><w:t>stay one.</w:t>"
             "</w:r></w:p>")
    doc = read_document(write(tmp_path, "tracked.docx", docx([EN[0]], extra=extra)))
    assert doc.paragraphs == [EN[0], "Split runs stay one."]


def test_docx_is_sniffed_without_extension(tmp_path):
    doc = read_document(write(tmp_path, "attachment", docx(ZH)))
    assert doc.paragraphs == ZH


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04 not really a zip", "not a readable .docx"),
    (None, "not a Word .docx"),
])
def test_bad_docx_is_refused_in_one_line(tmp_path, data, message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "a zip, but no Word document")
        data = buffer.getvalue()
    with pytest.raises(AlignError, match=message) as err:
        read_document(write(tmp_path, "bad.docx", data))
    assert "\n" not in str(err.value)


# --- Markdown --------------------------------------------------------------------------

MARKDOWN = f"""# Ma Zhaoxu on the *visit*

{EN[0]}
It was **widely** reported by [Xinhua](https://example.org/x "title").

```python
print("code is not prose")
```

- {EN[1]}
- ![logo](logo.png) Second item with `code`.

> Quoted text.

<div>raw html</div>
"""


def test_markdown_loses_its_markup_and_keeps_its_blocks(tmp_path):
    doc = read_document(write(tmp_path, "notes.md", MARKDOWN))
    assert doc.paragraphs == [
        "Ma Zhaoxu on the visit",
        f"{EN[0]} It was widely reported by Xinhua.",
        EN[1],
        "Second item with code.",
        "Quoted text.",
    ]


def test_markdown_soft_breaks_in_chinese_join_without_space(tmp_path):
    doc = read_document(write(tmp_path, "notes.markdown", f"## 标题\n\n{ZH[0]}\n{ZH[1]}\n"))
    assert doc.paragraphs == ["标题", ZH[0] + ZH[1]]


def test_markdown_is_sniffed_only_without_extension(tmp_path):
    assert input_kind(tmp_path / "README", MARKDOWN.encode()) == "md"
    # A .txt stays plain text (its lines are paragraphs), whatever it looks like.
    assert input_kind(tmp_path / "notes.txt", MARKDOWN.encode()) == "txt"
    assert input_kind(tmp_path / "README", MARKDOWN.encode(), sniff_markdown=False) == "txt"
    assert input_kind(tmp_path / "novel", "\n".join(ZH).encode()) == "txt"


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("broken.docx", b"PK\x03\x04 truncated", "not a readable .docx"),
    ("furniture.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty"),
])
def test_cli_bad_document_is_one_line_and_no_output(tmp_path, fake_encoder, name, data, fragment):
    from typer.testing import CliRunner

    import cli

    good = write(tmp_path, "good.en.md", f"# Title\n\n{EN[0]}\n")
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli.app, ["pair", str(write(tmp_path, name, data)), str(good),
                                          "-o", str(out)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and fragment in line and name in line
    assert "Traceback" not in result.output
    assert not out.exists() and fake_encoder.calls == 0


def test_cli_aligns_html_against_docx(tmp_path, fake_encoder, tmx_dtd):
    from lxml import etree
    from typer.testing import CliRunner

    import cli

    zh = write(tmp_path, "news.zh.html", page())
    en = write(tmp_path, "news.en.docx", docx(["Ma Zhaoxu on Bachelet's visit", *EN]))
    out = tmp_path / "news.tmx"
    result = CliRunner().invoke(cli.app, ["pair", str(zh), str(en), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert tmx_dtd.validate(root)
    chinese = "".join(tu.findtext("tuv/seg") for tu in root.iter("tu"))
    assert chinese == "马朝旭介绍巴切莱特访华情况" + "".join(ZH)  # and no page furniture
