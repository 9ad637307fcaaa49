"""The lesson worksheets printed by a real browser: Debian's Chromium prints the HTML to PDF on A4
and on Letter, and pypdf reads the pages back: every question's text is there, each question whole
on one page, no page wider than the paper and no text past its right edge.

Marked ``print`` (``python3 -m pytest -m print``): it needs the ``chromium`` program and the
``pypdf`` package, which ``.ci/run`` installs (about 3 s per printed page set).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

import core
from core.lesson import Action, Lesson, LessonStep, Question
from core.lesson_worksheet import worksheet_html

pytestmark = pytest.mark.print

PAPERS = {"A4": (595.28, 841.89), "letter": (612.0, 792.0)}  # points
GUIDED = [e.name for e in core.list_examples() if core.load_network(e.path).lesson is not None]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("the print test needs Debian's chromium (apt-get install chromium; .ci/run installs it)")
    return found


def _print(html: str, paper: str, tmp_path) -> "pypdf.PdfReader":  # noqa: F821
    try:
        import pypdf
    except ImportError:
        pytest.fail("the print test needs pypdf (in the test extra: pip install -e '.[test]')")
    page = tmp_path / f"sheet-{paper}.html"
    page.write_text(html.replace("</head>", f"<style>@page {{ size: {paper} }}</style></head>", 1), encoding="utf-8")
    pdf = tmp_path / f"sheet-{paper}.pdf"
    profile = tmp_path / "profile"
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pypdf.PdfReader(str(pdf))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _check_pages(reader, paper: str, questions: list[str]) -> None:
    width, height = PAPERS[paper]
    pages = []
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=1), f"a page is not {paper} wide"
        assert float(page.mediabox.height) == pytest.approx(height, abs=1)
        right, sizes = [], []

        def visit(text, cm, tm, font, size, right=right, sizes=sizes):
            if text.strip():
                right.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
                sizes.append(size * tm[0] * cm[0])

        pages.append(_plain(page.extract_text(visitor_text=visit)))
        assert right, "an empty page"
        assert max(right) < width - 20, f"text starts past the right margin on a {paper} page"
        # Chromium shrinks a page whose content is wider than the paper: the text must print at its
        # CSS sizes (body 10.5 pt, notes 9 pt, headings 12 and 16 pt), never smaller
        assert min(sizes) >= 9 - 0.05, f"the {paper} page was shrunk to fit: text at {min(sizes):.2f} pt"
    for question in questions:
        assert any(question in text for text in pages), f"{question!r} is not whole on one page"


def _question_lines(net) -> list[str]:
    """The start of each question as the worksheet writes it: "Q3. dL/dw[i→y][0,0] (…)"."""
    from core.lesson import question_context, question_label

    return [_plain(f"Q{k + 1}. {question_label(q, net)} ({question_context(q, net)})") for k, q in net.lesson.questions()]


@pytest.mark.parametrize("name", GUIDED)
def test_guided_lesson_prints_on_a4_and_letter(name, tmp_path):
    net = core.load_network(core.example_path(name))
    questions = _question_lines(net)
    assert questions
    paper = "A4" if GUIDED.index(name) % 2 == 0 else "letter"
    answers = GUIDED.index(name) % 3 == 0
    reader = _print(worksheet_html(net, answers=answers), paper, tmp_path)
    _check_pages(reader, paper, questions)


def test_a_wide_network_and_long_words_stay_inside_the_page(tmp_path):
    net = core.Network("twenty inputs")
    net.add_layer("x", 20)
    net.add_layer("y", 3, activation="sigmoid")
    net.connect("x", "y", weights=[[0.123456789 * (j + 1) * (-1) ** i for i in range(20)] for j in range(3)])
    net.dataset = core.Dataset([[0.5] * 20], [[1.0, 0.0, 1.0]])
    long_word = "backpropagation" * 12
    steps = [LessonStep(f"A very long word: {long_word}. *Emphasis* and a list:\n\n- one\n- two")]
    steps += [LessonStep(f"Question {k}", Action("train", steps=1),
                         Question("dL/dw", source="x", target="y", j=k % 3, i=k)) for k in range(20)]
    net.lesson = Lesson("Wide", tuple(steps))
    questions = _question_lines(net)
    for paper in PAPERS:
        reader = _print(worksheet_html(net, answers=paper == "A4"), paper, tmp_path)
        _check_pages(reader, paper, questions)
        assert len(reader.pages) >= 2
        text = _plain(" ".join(p.extract_text() for p in reader.pages))
        assert re.search(r"columns 18 to 19", text), "the wide matrix is split into tables that fit"
        words = set(text.split())
        for row in net.weights["x", "y"]:
            for value in row:  # every number whole, none broken across lines
                assert core.notation.exact_enough(value, 6) in words
