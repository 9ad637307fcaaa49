"""`backprop-studio lesson`: --check a lesson written by hand; worksheets as text, JSON and HTML; no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import core
from cli_support import one_line_error, run_command
from desktop.cli import lesson as cli_lesson
from desktop.__main__ import main as entry_main

SIGMOID = {
    "format": "backprop-studio.network",
    "version": 1,
    "name": "one sigmoid neuron",
    "layers": [
        {"name": "x", "units": 1},
        {"name": "h", "units": 1, "activation": "sigmoid", "bias": [0.1]},
        {"name": "y", "units": 1, "activation": "identity", "bias": [0.0]},
    ],
    "connections": [{"from": "x", "to": "h", "weights": [[0.5]]}, {"from": "h", "to": "y", "weights": [[0.8]]}],
    "training": {"loss": "half_mse", "optimizer": {"name": "sgd", "learning_rate": 0.5}, "batch_size": 1},
    "dataset": {"inputs": [[1.0]], "targets": [[0.6]]},
    "lesson": {
        "version": 1,
        "title": "By hand",
        "steps": [
            {"text": "Compute **z** and *a*:\n\n- z = w·x + b\n- a = σ(z)"},
            {"text": "What is a?", "question": {"kind": "a", "layer": "h", "unit": 0}},
            {"text": "Its gradient", "question": {"kind": "dL/dw", "source": "x", "target": "h", "j": 0, "i": 0}},
            {"text": "Train", "action": {"kind": "train", "steps": 3}},
            {"text": "After three", "question": {"kind": "weight_after_steps", "source": "h", "target": "y",
                                                 "j": 0, "i": 0, "step": 3, "tolerance": 0.01}},
        ],
    },
}


def _file(tmp_path, doc=SIGMOID, name="lesson.bpnet"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _run(capsys, *argv):
    return run_command(cli_lesson.main, capsys, *argv)


def test_check_prints_every_question_with_its_answer(tmp_path, capsys):
    path = _file(tmp_path)
    status, out, err = _run(capsys, path, "--check")
    assert status == 0 and err == ""
    net = core.load_network(path)
    a = float(core.trace_step(net).layers["h"].a[0, 0])
    assert f"{path}: lesson 'By hand', 5 steps, 3 questions: valid" in out
    assert f"step 2: a_h0 (the lesson's one sample and starting weights) = {core.format_number(a, 6)}" in out
    assert f"[exact {a!r}; to 3 significant digits]" in out
    assert "step 5: w[h→y][0,0] after 3 steps" in out and "within ±0.01" in out


def test_check_warns_about_misspelt_keys_and_reports_a_bad_place(tmp_path, capsys):
    doc = json.loads(json.dumps(SIGMOID))
    doc["lesson"]["steps"][1]["quesiton"] = doc["lesson"]["steps"][1].pop("question")
    status, out, err = _run(capsys, _file(tmp_path, doc), "--check")
    assert status == 0
    assert "warning: lesson.steps[1].quesiton is not a lesson field; it is ignored" in out
    doc["lesson"]["steps"][2]["question"]["target"] = "q"
    status, out, err = _run(capsys, _file(tmp_path, doc), "--check")
    assert status == 2
    one_line_error(err, "lesson.steps[2].question.target", "no layer called 'q'")


def test_a_question_without_an_answer_fails_the_check(tmp_path, capsys):
    doc = json.loads(json.dumps(SIGMOID))
    doc["dataset"] = {"inputs": [[1.0], [2.0]], "targets": [[0.6], [0.7]]}
    doc["training"]["batch_size"] = 2
    status, out, err = _run(capsys, _file(tmp_path, doc), "--check")
    assert status == 2
    one_line_error(err, "lesson.steps[1].question", "give the question a sample")


def test_a_file_without_a_lesson_is_a_one_line_error(capsys):
    status, _, err = _run(capsys, "xor", "--format", "json")
    assert status == 2
    one_line_error(err, "xor", "has no lesson")


def test_json_worksheet_has_the_issue_s_shape(tmp_path, capsys):
    path = _file(tmp_path)
    status, out, _ = _run(capsys, path, "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["lesson"] == "By hand" and doc["network"] == "one sigmoid neuron"
    assert [s["index"] for s in doc["steps"]] == [0, 1, 2, 3, 4]
    assert doc["steps"][0] == {"index": 0, "text": SIGMOID["lesson"]["steps"][0]["text"], "action": None,
                               "question": None}
    assert doc["steps"][1]["question"] == {"kind": "a", "layer": "h", "unit": 0, "sample": None, "step": 0,
                                           "tolerance": {"significant_digits": 3}}
    assert doc["steps"][3]["action"] == {"kind": "train", "steps": 3}
    status, out, _ = _run(capsys, path, "--format", "json", "--answers")
    keyed = json.loads(out)
    question = keyed["steps"][2]["question"]
    assert list(question) == ["kind", "source", "target", "j", "i", "sample", "step", "answer", "tolerance"]
    assert question["answer"] == core.trace_step(core.load_network(path)).weights("x", "h", "gradient")[0, 0]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_worksheet_has_blanks_or_answers_and_no_script(tmp_path, capsys):
    path = _file(tmp_path)
    out_file = tmp_path / "sheet.html"
    assert _run(capsys, path, "--format", "html", "--out", out_file)[0] == 0
    page = out_file.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(page)
    text = " ".join(parser.text)
    assert "script" not in parser.tags
    assert "Q2. a_h0" in text and "Q3. dL/dw[x→h][0,0]" in text
    assert page.count('class="blank"') == 3
    assert "<strong>z</strong>" in page and "<li>z = w·x + b</li>" in page
    assert "@page" in page and "size: A4" not in page  # the printer's paper: A4 or Letter
    assert _run(capsys, path, "--format", "html", "--answers", "--out", out_file)[0] == 0
    keyed = out_file.read_text(encoding="utf-8")
    a = core.trace_step(core.load_network(path)).layers["h"].a[0, 0]
    assert 'class="blank"' not in keyed and core.format_number(a, 6) in keyed


def test_text_worksheet(tmp_path, capsys):
    status, out, _ = _run(capsys, _file(tmp_path), "--format", "text")
    assert status == 0
    assert "Q2. a_h0 (the lesson's one sample and starting weights) = ________________" in out
    assert "Do: Train 3 steps" in out and "  • z = w·x + b" in out


def test_bad_arguments(tmp_path, capsys):
    path = _file(tmp_path)
    status, _, err = _run(capsys, path, "--check", "--answers")
    assert status == 2
    one_line_error(err, "--check")
    status, _, err = _run(capsys, path, "--format", "pdf")
    assert status == 2
    one_line_error(err, "--format")
    status, _, err = _run(capsys, path, "--out", tmp_path)
    assert status == 2
    one_line_error(err, "not a regular file")


def test_the_entry_point_runs_lesson_without_qt(tmp_path):
    path = _file(tmp_path)
    code = ("import sys; from desktop.__main__ import main; status = main(['lesson', sys.argv[1], '--check']); "
            "assert 'PySide6' not in sys.modules, 'lesson imported Qt'; sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout
    assert entry_main(["lesson", str(path), "--format", "json"]) == 0
