"""The TMX of `align pair` pre-translates a real OmegaT project.

OmegaT 3.6 (Debian's ``omegat``, installed by .ci/run) runs headless in console
mode: it segments the Chinese source document with its own default rules, puts
every exact match from ``tm/auto/`` into the target document and writes it to
``target/``. A Chinese line comes out in English when none of its segments is
left untranslated, so the share of such lines is what a translator would see.
The glossary test has OmegaT's own glossary reader load what `align glossary`
writes, through the Groovy interpreter OmegaT bundles (no JDK needed).
Skips where OmegaT is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli
from align.evaluate import parse_beads
from tests.conftest import SHARED
from tests.test_terms import corpus
from tmx.formats import to_tmx

OMEGAT = shutil.which("omegat")
pytestmark = pytest.mark.skipif(OMEGAT is None, reason="OmegaT not installed (apt-get install omegat)")
MAC_DEV = SHARED / "data" / "mac-dev-zh-en"
HAN = re.compile(r"[\u3400-\u9fff]")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en-US</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@pytest.fixture
def align_pair(e5_encoder, monkeypatch, tmp_path):
    """Runs `align pair ZH EN -o out.tmx` with the bundled encoder (loaded once)."""
    monkeypatch.setattr(cli, "load_encoder", lambda spec="e5": e5_encoder)

    def run(zh: Path, en: Path) -> Path:
        out = tmp_path / "aligned.tmx"
        result = CliRunner().invoke(cli.app, ["pair", str(zh), str(en), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
        return out

    return run


def omegat_translate(work: Path, source: Path, tmx: Path) -> list[tuple[str, str]]:
    """A fresh OmegaT project translating ``source`` with ``tmx`` in tm/auto; returns
    (source line, translated line) for every line of the document."""
    project = work / "omegat-project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copy(source, project / "source" / "document.txt")
    shutil.copy(tmx, project / "tm" / "auto" / "aligned.tmx")
    config = work / "omegat-config"  # keeps ~/.omegat out of it
    config.mkdir()
    done = subprocess.run(
        [OMEGAT, str(project), "--mode=console-translate", f"--config-dir={config}"],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    translated = (project / "target" / "document.txt").read_text(encoding="utf-8-sig")
    original = source.read_text(encoding="utf-8-sig")
    assert len(translated.splitlines()) == len(original.splitlines())
    return list(zip(original.splitlines(), translated.splitlines(), strict=True))


def english_share(lines: list[tuple[str, str]]) -> float:
    """Share of the Chinese lines that OmegaT turned wholly into English."""
    chinese = [(src, out) for src, out in lines if HAN.search(src)]
    assert chinese
    return sum(not HAN.search(out) for _, out in chinese) / len(chinese)


def test_demo_pair_pretranslates_an_omegat_project(demo_pair, align_pair, tmp_path):
    tmx = align_pair(*demo_pair)
    share = english_share(omegat_translate(tmp_path, demo_pair[0], tmx))
    assert share >= 0.9, f"only {share:.1%} of Chinese lines came out in English"


def running_text(chapter: str, beads_per_paragraph: int) -> tuple[str, str]:
    """A MAC-Dev chapter (one sentence per line) as running text: every few gold beads
    make one paragraph on both sides, so paragraphs correspond as in a real book."""
    zh = (MAC_DEV / "zh" / chapter).read_text(encoding="utf-8").splitlines()
    en = (MAC_DEV / "en" / chapter).read_text(encoding="utf-8").splitlines()
    beads = parse_beads((MAC_DEV / "gold" / f"{chapter}.align").read_text(encoding="utf-8"))
    zh_paras, en_paras = [], []
    for start in range(0, len(beads), beads_per_paragraph):
        group = beads[start : start + beads_per_paragraph]
        zh_paras.append("".join(zh[i] for b in group for i in b.src))
        en_paras.append(" ".join(en[j] for b in group for j in b.tgt))
    return ("\n\n".join(p for p in zh_paras if p) + "\n",
            "\n\n".join(p for p in en_paras if p) + "\n")


@pytest.mark.slow
@pytest.mark.skipif(not MAC_DEV.is_dir(), reason="../shared/data absent")
def test_novel_chapter_pretranslates_an_omegat_project(align_pair, tmp_path):
    # The shortest chapter (182 / 272 sentences), two gold beads a paragraph: 94% of
    # the lines come out whole (96% with one bead a line, 86% with four). The gold
    # beads themselves, written the same way, give 95% / 96% / 91%: the rest hold a
    # translator's 2-1 merge across OmegaT's segments, or OmegaT's cut between ？ and
    # ！, which no TU can match.
    zh_text, en_text = running_text("006", beads_per_paragraph=2)
    zh, en = tmp_path / "chapter.zh.txt", tmp_path / "chapter.en.txt"
    zh.write_text(zh_text, encoding="utf-8")
    en.write_text(en_text, encoding="utf-8")
    share = english_share(omegat_translate(tmp_path, zh, align_pair(zh, en)))
    assert share >= 0.9, f"only {share:.1%} of Chinese lines came out in English"


# OmegaT 3.6 hands glossary/*.tab, *.txt and *.utf8 files to this reader (.csv and .tbx to others).
READ_GLOSSARIES = """
import org.omegat.gui.glossary.GlossaryReaderTSV
def out = new PrintStream(System.out, true, "UTF-8")
args.each { path ->
    def entries = GlossaryReaderTSV.read(new File(path), false)
    out.println(entries == null ? "== not read" : "== read")
    entries?.each { out.println([it.srcText, it.locText, it.commentText].join("\\t")) }
}
"""


def omegat_read_glossaries(work: Path, paths: list[Path]) -> list[list[tuple[str, ...]] | None]:
    """Each file's entries (source, target, comment) as OmegaT's glossary reader sees them,
    None where OmegaT does not read the file as a glossary. The JVM's default charset is
    Latin-1, as on a Windows machine, so UTF-8 must be told or detected."""
    launcher = Path(OMEGAT).read_text(encoding="utf-8", errors="replace")
    jar = re.search(r"-jar\s+(\S+\.jar)", launcher)
    java = shutil.which("java")
    if not jar or not Path(jar.group(1)).is_file() or java is None:
        pytest.skip("OmegaT.jar or java not found")
    script = work / "read_glossaries.groovy"
    script.write_text(READ_GLOSSARIES, encoding="utf-8")
    done = subprocess.run(
        [java, "-Dfile.encoding=ISO-8859-1", "-cp", jar.group(1), "groovy.ui.GroovyMain", str(script),
         *map(str, paths)], capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    files: list[list[tuple[str, ...]] | None] = []
    for line in done.stdout.decode("utf-8").splitlines():
        if line in ("== read", "== not read"):
            files.append([] if line == "== read" else None)
        else:
            files[-1].append(tuple(line.split("\t")))
    assert len(files) == len(paths), done.stdout
    return files


def test_omegat_loads_our_glossary(tmp_path, make_alignment):
    segments = corpus()
    tmx = tmp_path / "corpus.tmx"
    tmx.write_bytes(to_tmx(make_alignment([s.src for s in segments], [s.tgt for s in segments],
                                          [((i,), (i,), 0.9) for i in range(len(segments))])))
    ours = tmp_path / "glossary.utf8"
    result = CliRunner().invoke(cli.app, ["glossary", str(tmx), "-o", str(ours), "--encoder", "none", "-q"])
    assert result.exit_code == 0, result.output
    rows = [tuple(line.split("\t")) for line in ours.read_text(encoding="utf-8").splitlines()]
    assert ("人权理事会", "Human Rights Council") in [row[:2] for row in rows]
    named = [tmp_path / f"glossary{ext}" for ext in (".txt", ".tab", ".tsv")]
    for path in named:
        path.write_bytes(ours.read_bytes())
    read = omegat_read_glossaries(tmp_path, [ours, *named])
    # .utf8 is read as UTF-8, .txt and .tab by detection: every entry, term, translation and
    # comment arrives as written, Chinese included
    assert read[:3] == [rows] * 3
    assert read[3] is None  # OmegaT ignores .tsv: the README says to name the file .utf8 or .txt

