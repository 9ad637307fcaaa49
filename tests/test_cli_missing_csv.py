"""Review 21, finding 4: `train`, `trace` and `export` need the data, so a network file whose CSV is
missing is refused, in the words the window uses ("xor.csv was not found beside mine.bpnet")."""

from __future__ import annotations

import pytest

import core
from cli_support import one_line_error, run_command
from desktop.cli import export as cli_export
from desktop.cli import trace as cli_trace
from desktop.cli import train as cli_train


@pytest.mark.parametrize("command, extra", [(cli_train.main, ("--epochs", "1")), (cli_trace.main, ()),
                                            (cli_export.main, ("--to", "numpy", "--out", "net.py"))])
def test_a_missing_csv_is_refused_in_the_windows_words(tmp_path, capsys, monkeypatch, command, extra):
    (tmp_path / "xor.csv").write_text("a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    net = core.load_network(core.example_path("xor"))
    net.dataset = core.load_csv(str(tmp_path / "xor.csv"), ["a", "b"], ["label"])
    core.save_network(net, str(tmp_path / "mine.bpnet"))
    (tmp_path / "xor.csv").unlink()
    monkeypatch.chdir(tmp_path)
    status, _, err = run_command(command, capsys, "mine.bpnet", *extra)
    assert status == 2
    one_line_error(err, "xor.csv was not found beside mine.bpnet: put it back there", "Load CSV… again")
