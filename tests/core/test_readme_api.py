"""The README's "Python API" example runs as written (so the documented API stays true)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def python_api_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the Python API section has no python code block"
    return match.group(1)


def test_python_api_example_runs():
    namespace: dict = {}
    exec(compile(python_api_block(), "README.md (Python API)", "exec"), namespace)
    net, core = namespace["net"], namespace["core"]
    assert isinstance(net, core.Network)
    assert namespace["result"].reason in ("completed", "loss_threshold")
    assert namespace["grads"].weights["x", "h"].shape == (2, 2)
    assert namespace["y"].shape == (4, 1)
