"""`backprop-studio train` refuses targets the file's loss cannot take, in the window's words, before any step
(it trained xor's binary_cross_entropy on a CSV target of 100.5 to a "training loss −0.778 -> −930088")."""

from __future__ import annotations

import core
from cli_support import one_line_error, run_command
from desktop.cli import train as cli_train


def test_train_refuses_a_target_the_loss_cannot_take(tmp_path, capsys, monkeypatch):
    (tmp_path / "scores.csv").write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,100.5\n", encoding="utf-8")
    net = core.load_network(core.example_path("xor"))
    net.dataset = core.load_csv(str(tmp_path / "scores.csv"), ["a", "b"], ["y"])
    core.save_network(net, str(tmp_path / "mine.bpnet"))
    monkeypatch.chdir(tmp_path)
    status, out, err = run_command(cli_train.main, capsys, "mine.bpnet", "--steps", "50", "--out", "out.bpnet")
    assert status == 2 and "loss" not in out
    one_line_error(err, "mine.bpnet: the binary_cross_entropy loss needs targets between 0 and 1: "
                        "scores.csv, line 5, column 'y' holds 100.5 (for such numbers use mse and an identity output")
    assert not (tmp_path / "out.bpnet").exists()
