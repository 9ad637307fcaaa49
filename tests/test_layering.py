"""core/ never imports Qt: checked in a fresh interpreter, not just agreed."""

from __future__ import annotations

import subprocess
import sys
import textwrap


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
