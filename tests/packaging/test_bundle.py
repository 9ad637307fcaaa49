"""Build the PyInstaller bundle with the README's packaging command; run it offscreen and, on
Linux, in a real X server (Xvfb, platform xcb) with the bundle's own X11 libraries.

Slow (about a minute on two cores) and needing what the README's Quick start does not
install: marked ``packaging``, which the default ``python3 -m pytest -q`` deselects
(pyproject.toml's addopts); ``python3 -m pytest -q -m packaging`` runs it (``.ci/run`` does).
It needs the pinned PyInstaller of the ``package`` extra (``pip install -e ".[package]"``) and
fails saying so when it is missing: the test never installs anything (``build.py
--skip-install``). ``packaging/build.py`` itself fails unless the bundle's smoke test passes;
this test also starts the built program again and checks what it prints.
"""

import glob
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# loaded under its own name: "build" alone could be PyPA's build package
_spec = importlib.util.spec_from_file_location("packaging_build", REPO / "packaging" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

pytestmark = pytest.mark.packaging


def _pyinstaller_problem() -> str | None:
    """Why the pinned PyInstaller of the ``package`` extra is not what is installed, or None."""
    from importlib.metadata import PackageNotFoundError, version

    wanted = next(r for r in build.build_requirements() if r.lower().startswith("pyinstaller=="))
    try:
        found = version("pyinstaller")
    except PackageNotFoundError:
        found = None
    if found != wanted.split("==")[1]:
        return (f"the packaging test needs {wanted} (found {found or 'none'}): "
                'pip install -e ".[package]" (.ci/run installs it); the test installs nothing itself')
    return None


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    problem = _pyinstaller_problem()
    if problem:
        pytest.fail(problem)
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    done = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build.py"), "--dist", str(out), "--work", str(work), "--no-archive",
         "--skip-install"],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"packaging/build.py failed:\n{output[-6000:]}"
    assert "[build] backprop-studio smoke OK" in output
    return out


def test_built_program_passes_its_smoke_test_offscreen(dist, tmp_path):
    program = build.executable(dist)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([str(program), "--smoke"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    ok = [line for line in done.stdout.splitlines() if line.startswith("backprop-studio smoke OK")]
    assert ok, done.stdout + done.stderr
    assert "save/load bit-exact" in ok[0] and "CET-D1 heatmap" in ok[0]
    assert "steps in the training process (pid " in ok[0]  # a spawned process of the bundle trained
    assert "Traceback" not in done.stderr
    assert not running_copies(program), "a process of the bundle outlived it"


def running_copies(program) -> list[int]:
    """Linux: ids of running processes started from ``program`` (its training process, say); [] elsewhere."""
    if not sys.platform.startswith("linux"):
        return []
    target, found = os.path.realpath(program), []
    for entry in glob.glob("/proc/[0-9]*/exe"):
        try:
            if os.path.realpath(os.readlink(entry)) == target:
                found.append(int(entry.split("/")[2]))
        except OSError:
            pass
    return found


def test_built_program_trains_headless_and_reports_a_bad_file_in_one_line(dist, tmp_path):
    program = build.executable(dist)
    lesson = REPO / "resources" / "examples" / "xor.bpnet"
    trained = tmp_path / "xor-trained.bpnet"
    done = subprocess.run([str(program), "train", str(lesson), "--steps", "50", "--out", str(trained)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert trained.is_file() and trained.read_text(encoding="utf-8").lstrip().startswith("{")

    bad = tmp_path / "bad.bpnet"
    bad.write_text("{ not json", encoding="utf-8")
    done = subprocess.run([str(program), "train", str(bad), "--steps", "5", "--out", str(tmp_path / "x.bpnet")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "bad.bpnet" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the size budget and .desktop entry are Linux's")
def test_linux_bundle_is_within_budget_and_carries_its_desktop_entry(dist):
    bundle = dist / build.APP_NAME
    assert build.folder_size(bundle) < 200 * build.MB
    entry = (bundle / "backprop-studio.desktop").read_text(encoding="utf-8")
    assert "Exec=backprop-studio" in entry and "Icon=backprop-studio" in entry
    assert (bundle / "icons" / "backprop-studio-256.png").is_file()
    assert os.access(bundle / "install-desktop-entry.sh", os.X_OK)
    internal = bundle / "_internal"
    # excluded on purpose: translations, unused Qt modules, wayland/eglfs plugins, the GTK theme
    assert not list(internal.rglob("qtbase_*.qm"))
    assert not list(internal.rglob("QtNetwork*")) and not list(internal.rglob("libQt6Quick*"))
    assert not list(internal.rglob("libqwayland*")) and not list(internal.rglob("libqgtk3*"))
    # kept on purpose: pyqtgraph loads these at run time
    assert list(internal.rglob("QtOpenGL.*")) and list(internal.rglob("QtOpenGLWidgets.*"))
    assert list(internal.rglob("CET-D1.csv"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="desktop entries are a Linux thing")
def test_desktop_entry_installer_points_the_menu_at_the_bundle(dist, tmp_path):
    bundle = dist / build.APP_NAME
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(["sh", str(bundle / "install-desktop-entry.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "applications" / "backprop-studio.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/backprop-studio" %f' in entry
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "backprop-studio.png").is_file()
    done = subprocess.run(["sh", str(bundle / "install-desktop-entry.sh"), "--remove"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "applications" / "backprop-studio.desktop").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
def test_linux_bundle_carries_every_library_of_the_xcb_plugin(dist):
    bundle = dist / build.APP_NAME
    assert "all" in build.check_xcb_libraries(bundle)  # ldd: nothing "not found", nothing but basics outside
    internal = bundle / "_internal"
    for library in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"):
        assert (internal / library).is_file(), library


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb and the xcb platform are Linux's")
def test_built_program_opens_a_real_window_in_xvfb(dist, tmp_path):
    """A real X server (Xvfb), platform xcb: the window opens, trains, and is grabbed to a PNG; the
    dynamic loader's log shows the X11 helper libraries came from the bundle, not the system."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: apt-get install xvfb xauth (.ci/run installs them)"
    program = build.executable(dist)
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LD_LIBRARY_PATH")}
    env.update(QT_QPA_PLATFORM="xcb", LD_DEBUG="libs", LD_DEBUG_OUTPUT=str(tmp_path / "ld"))
    done = subprocess.run([xvfb_run, "-a", "-s", "-screen 0 1600x1000x24", str(program), "--screenshot", str(shot),
                           "--train-steps", "50"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert shot.is_file() and "Traceback" not in done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50, "the grabbed window is (almost) blank"
    log = "".join(open(f, encoding="utf-8", errors="replace").read() for f in glob.glob(str(tmp_path / "ld.*")))
    internal = str((dist / build.APP_NAME / "_internal").resolve())
    for library in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        assert f"calling init: {internal}/{library}" in log, f"{library} was not loaded from the bundle"
