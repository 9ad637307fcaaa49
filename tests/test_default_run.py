"""The README's test command needs only what the README's setup installs (issue 24, point 5): the
tests that need more (the PyInstaller bundle, Chromium) are deselected by default, visibly, and
run with their marker."""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPT_IN = ["tests/packaging/test_bundle.py", "tests/test_print_worksheet.py"]


def _collect(*options: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-n", "0",
                           *options, *OPT_IN], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


def test_the_default_run_deselects_the_opt_in_tests_and_says_so():
    out = _collect()
    assert "no tests collected" in out and "deselected" in out, out
    assert "::" not in out  # not one test of them is selected


def test_each_marker_selects_its_tests():
    for marker, path in (("packaging", OPT_IN[0]), ("print", OPT_IN[1])):
        selected = [line for line in _collect("-m", marker).splitlines() if "::" in line]
        assert selected and all(line.startswith(path) for line in selected), (marker, selected)
