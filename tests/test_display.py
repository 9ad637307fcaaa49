"""No display: a clear message and exit 2 before Qt starts, instead of Qt's SIGABRT blaming
xcb-cursor0 (issue 14, point 3); and --screenshot names that Qt cannot write (point 6)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.display import X11_PACKAGES, display_problem, missing_x11_libraries

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _env(**changes):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")
    env.update(changes)
    return env


def test_no_display_on_linux_says_what_to_do_instead():
    problem = display_problem({}, "linux", loadable=lambda name: True)
    assert "no display" in problem and "DISPLAY" in problem
    assert "--screenshot" in problem and "train" in problem and "QT_QPA_PLATFORM=offscreen" in problem
    assert all(package in problem for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"))


@pytest.mark.parametrize("environ,platform", [
    ({"DISPLAY": ":0"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({}, "win32"),
    ({}, "darwin"),
])
def test_a_display_or_a_chosen_platform_is_no_problem(environ, platform):
    assert display_problem(environ, platform, loadable=lambda name: True) is None


def test_missing_x11_helper_libraries_are_named_with_their_packages():
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    problem = display_problem({"DISPLAY": ":0"}, "linux", loadable=lambda name: name not in absent)
    assert "libxcb-icccm.so.4" in problem and "libxcb-keysyms.so.1" in problem
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem
    assert "libxcb-cursor" not in problem  # only what is missing
    # choosing the platform explicitly skips the check (Qt then says for itself)
    assert display_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux",
                           loadable=lambda name: name not in absent) is None
    assert missing_x11_libraries(lambda name: True) == []
    assert set(X11_PACKAGES.values()) >= absent


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is how Linux finds a display")
def test_the_program_without_a_display_exits_2_with_one_line_instead_of_aborting(tmp_path):
    done = subprocess.run([sys.executable, "-m", "desktop"], env=_env(), cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backprop-studio: error: no display")
    assert "xcb-cursor0 is needed" not in done.stderr


@pytest.mark.parametrize("name,fragment", [("shot", "found none"), ("shot.pdfx", "found '.pdfx'")])
def test_a_screenshot_name_qt_cannot_write_lists_the_formats(tmp_path, name, fragment):
    done = subprocess.run([sys.executable, "-m", "desktop", "--screenshot", name], env=_env(QT_QPA_PLATFORM="offscreen"),
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert "image extension" in line and ".png" in line and ".jpg" in line and fragment in line
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_screenshot_onto_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    done = subprocess.run([sys.executable, "-m", "desktop", "--screenshot", "pipe.png"],
                          env=_env(QT_QPA_PLATFORM="offscreen"), cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_a_bundled_lesson_by_name_opens_in_the_window(tmp_path):
    done = subprocess.run([sys.executable, "-m", "desktop", "spiral", "--screenshot", "spiral.png"],
                          env=_env(QT_QPA_PLATFORM="offscreen"), cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "spiral.png").stat().st_size > 10000
