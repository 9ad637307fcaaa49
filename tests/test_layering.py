"""The layering is checked, not just agreed: core/ never imports Qt (in a fresh interpreter),
and the import-linter contracts of pyproject.toml are kept."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_loads_neither_pyside6_nor_pyqtgraph():
    script = textwrap.dedent(
        """
        import sys
        import numpy as np
        import core
        net = core.Network("layering")
        net.add_layer("x", 2)
        net.add_layer("h", 3, activation="tanh")
        net.add_layer("y", 1, activation="sigmoid")
        net.connect("x", "h")
        net.connect("h", "y")
        net.dataset = core.generate("xor", samples=8, seed=0)
        net.training.batch_size = 4
        net.forward(np.zeros((1, 2)))
        trainer = core.Trainer(net)
        trainer.run(epochs=2)
        core.gradcheck(net, net.dataset.inputs, net.dataset.targets)
        core.explain_gradient(net, "x", "h", 0, 0, [0, 1], [1])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"))
        print("LOADED:", loaded)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "LOADED: []" in out.stdout, out.stdout


def test_import_linter_contracts_are_kept():
    """The import-linter contracts in pyproject.toml ([tool.importlinter]) hold: the same
    `lint-imports` check .ci/run runs, so a plain `pytest` checks the layering too."""
    script = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    out = subprocess.run(
        [sys.executable, "-c", script, "--no-cache", "--no-logo"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout, out.stdout
