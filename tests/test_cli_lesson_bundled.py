"""Every bundled guided lesson: `lesson --format json --answers` gives the numbers of `trace` (after
`train --steps k` where a question's step is k), to 1e-12 relative, through the real commands."""

from __future__ import annotations

import json

import pytest

import core
from cli_support import run_command
from desktop.cli import lesson as cli_lesson
from desktop.cli import trace as cli_trace
from desktop.cli import train as cli_train

GUIDED = [e for e in core.list_examples() if core.load_network(e.path).lesson is not None]


def test_there_are_at_least_six_guided_lessons():
    assert len(GUIDED) >= 6


def _trace_value(doc: dict, q: dict, output_layer: str) -> float:
    kind = q["kind"]
    if kind == "loss":
        return doc["loss"]
    if kind in ("a", "z", "delta", "output"):
        layer = output_layer if kind == "output" else q["layer"]
        field = "a" if kind == "output" else kind
        rows = doc["layers"][layer][field]
        assert len(rows) == 1, "a one-sample question is about a batch of one"
        return rows[0][q["unit"]]
    part = {"dL/dw": "gradients", "dL/db": "gradients", "weight_after_step": "updated",
            "bias_after_step": "updated", "weight_after_steps": "before"}[kind]
    if kind in ("dL/db", "bias_after_step"):
        return doc[part]["biases"][q["layer"]][q["unit"]]
    return doc[part]["weights"][f"{q['source']}->{q['target']}"][q["j"]][q["i"]]


@pytest.mark.parametrize("example", GUIDED, ids=[e.name for e in GUIDED])
def test_lesson_answers_equal_the_trace_of_the_trained_file(example, tmp_path, capsys):
    status, out, err = run_command(cli_lesson.main, capsys, example.path, "--format", "json", "--answers")
    assert status == 0, err
    sheet = json.loads(out)
    output_layer = core.load_network(example.path).output_layer
    questions = [s["question"] for s in sheet["steps"] if s["question"] is not None]
    assert len(questions) >= 5
    traces: dict = {}
    for q in questions:
        k, sample = q["step"], q["sample"]
        if k not in traces:
            source = example.path
            if k > 0:
                source = tmp_path / f"trained_{k}.bpnet"
                status, _, err = run_command(cli_train.main, capsys, example.path, "--steps", k, "--out", source,
                                             "--allow-worse", "--quiet")
                assert status == 0, err
            traces[k] = {"file": source}
        if sample not in traces[k]:
            args = [traces[k]["file"], "--format", "json"] + ([] if sample is None else ["--sample", sample])
            status, out, err = run_command(cli_trace.main, capsys, *args)
            assert status == 0, err
            traces[k][sample] = json.loads(out)
        expected = _trace_value(traces[k][sample], q, output_layer)
        assert q["answer"] == pytest.approx(expected, rel=1e-12, abs=0), q
