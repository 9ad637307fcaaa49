"""Build the student executable in one command, and prove that it works.

    python packaging/build.py [--dist DIR] [--work DIR] [--skip-install] [--skip-smoke] [--no-archive]

1. installs the pinned build requirements (the ``package`` extra of pyproject.toml:
   PyInstaller and its hooks) with pip;
2. runs PyInstaller on ``packaging/backprop-studio.spec`` → ``DIR/backprop-studio/``
   (and ``DIR/Backprop Studio.app`` on macOS);
3. Linux: puts the ``.desktop`` file, the icons and ``install-desktop-entry.sh`` into the
   bundle, and checks with ``ldd`` that every library Qt's xcb platform plugin needs is
   in the bundle, apart from ``SYSTEM_BASICS`` (glibc, libxcb, OpenGL): a library that
   is "not found" means the build machine lacks it (install ``XCB_BUILD_PACKAGES``);
4. starts the built executable with ``--smoke`` offscreen (it opens a bundled lesson,
   trains in the worker thread, renders a colormap heatmap, saves and reloads) and
   requires exit status 0 and the "smoke OK" line;
5. prints the bundle's size with a breakdown, and fails when a Linux bundle exceeds
   ``--max-mb`` (200 MB);
6. packs the bundle: ``.tar.gz`` on Linux, ``.zip`` on Windows and macOS (the .app).

Exit status 0 when every step passed; otherwise 1 with a message saying which failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "backprop-studio.spec"
APP_NAME = "backprop-studio"
MAC_APP = "Backprop Studio.app"
SMOKE_TIMEOUT_S = 300
SMOKE_OK = "backprop-studio smoke OK"
REPORT_ENV = "BACKPROP_STUDIO_SMOKE_REPORT"  # same name as in desktop/smoke.py
MB = 1_000_000


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


# ------------------------------------------------------------------------ steps
def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def build_requirements() -> list[str]:
    """The pinned PyInstaller requirements: the ``package`` extra of pyproject.toml."""
    return list(pyproject()["project"]["optional-dependencies"]["package"])


def install_requirements() -> None:
    requirements = build_requirements()
    log("installing " + " ".join(requirements))
    run([sys.executable, "-m", "pip", "install", "--quiet", *requirements], "pip install")


def run_pyinstaller(dist: Path, work: Path) -> None:
    log(f"PyInstaller: {SPEC.relative_to(REPO)} -> {dist}")
    started = time.perf_counter()
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)], "PyInstaller")
    log(f"PyInstaller finished in {time.perf_counter() - started:.0f} s")


def add_linux_extras(bundle: Path) -> None:
    """The .desktop file, PNG icons and the menu-entry installer, at the top of the bundle."""
    sys.path.insert(0, str(REPO / "packaging"))
    from make_icons import PNG_SIZES, make_icons

    shutil.copy2(REPO / "packaging" / "backprop-studio.desktop", bundle / "backprop-studio.desktop")
    installer = bundle / "install-desktop-entry.sh"
    shutil.copy2(REPO / "packaging" / "install-desktop-entry.sh", installer)
    installer.chmod(0o755)
    icons = bundle / "icons"
    make_icons(icons)
    for stale in [*icons.glob("*.ico"), *icons.glob("*.icns")]:
        stale.unlink()
    missing = [s for s in PNG_SIZES if not (icons / f"backprop-studio-{s}.png").is_file()]
    if missing:
        raise BuildError(f"icon sizes {missing} were not rendered")
    log("added backprop-studio.desktop, install-desktop-entry.sh and icons/ to the bundle")


def executable(dist: Path) -> Path:
    """The program to smoke-test: inside the .app on macOS (that is what students start)."""
    if sys.platform == "darwin":
        return dist / MAC_APP / "Contents" / "MacOS" / APP_NAME
    return dist / APP_NAME / (APP_NAME + (".exe" if sys.platform == "win32" else ""))


def smoke_test(program: Path) -> str:
    """Run ``program --smoke`` offscreen; the OK line, or BuildError with what it printed."""
    if not program.is_file():
        raise BuildError(f"no executable at {program}")
    log(f"smoke test: {program.name} --smoke (offscreen)")
    with tempfile.TemporaryDirectory(prefix="backprop-smoke-") as tmp:
        report = Path(tmp) / "smoke.txt"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{REPORT_ENV: str(report)})
        try:
            done = subprocess.run([str(program), "--smoke"], env=env, cwd=tmp, capture_output=True,
                                  text=True, timeout=SMOKE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise BuildError(f"the smoke test did not finish within {SMOKE_TIMEOUT_S} s") from None
        line = report.read_text(encoding="utf-8").strip() if report.is_file() else ""
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or not line.startswith(SMOKE_OK):
        raise BuildError(f"the smoke test failed (exit status {done.returncode}):\n{output or line or '(no output)'}")
    return line


def folder_size(path: Path) -> int:
    """Bytes of every regular file below ``path`` (symbolic links are not followed)."""
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def size_breakdown(bundle: Path) -> list[tuple[str, int]]:
    """(group, bytes) for the bundle, largest first: Qt, NumPy, Python, system libraries, ..."""
    internal = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    groups: dict[str, int] = {}
    for f in bundle.rglob("*"):
        if not f.is_file() or f.is_symlink():
            continue
        rel = f.relative_to(internal).as_posix() if f.is_relative_to(internal) else "../" + f.name
        groups[_group(rel)] = groups.get(_group(rel), 0) + f.lstat().st_size
    return sorted(groups.items(), key=lambda kv: -kv[1])


def _group(rel: str) -> str:
    low = rel.lower()
    if low.startswith("../"):
        return "executable (with the Python code archive), desktop entry, icons"
    if low.startswith("pyside6/qt/lib/libicu") or low.startswith("pyside6/qt/lib/icu"):
        return "ICU (Unicode data Qt needs)"
    if low.startswith("pyside6/qt/plugins") or low.startswith("pyside6/plugins"):
        return "Qt plugins"
    if low.startswith("pyside6/qt/") or "qt6" in low:
        return "Qt libraries"
    if low.startswith(("pyside6/", "shiboken6/")) or "pyside6" in low or "shiboken6" in low:
        return "PySide6 bindings"
    if low.startswith("numpy.libs/") or "openblas" in low:
        return "OpenBLAS and Fortran runtime (NumPy)"
    if low.startswith("numpy"):
        return "NumPy"
    if low.startswith("pyqtgraph"):
        return "pyqtgraph data (colormaps, icons)"
    if low.startswith("resources/"):
        return "lessons and icons (resources)"
    if "python" in low or low == "base_library.zip" or "lib-dynload" in low:
        return "Python runtime and standard library"
    return "other system libraries"


def report_size(bundle: Path, max_mb: float | None) -> int:
    total = folder_size(bundle)
    log(f"bundle {bundle}: {total / MB:.1f} MB unpacked")
    for group, size in size_breakdown(bundle):
        log(f"  {size / MB:7.1f} MB  {group}")
    biggest = sorted((f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()),
                     key=lambda f: -f.lstat().st_size)[:8]
    log("largest files: " + ", ".join(f"{f.name} {f.lstat().st_size / MB:.1f} MB" for f in biggest))
    if max_mb is not None and total > max_mb * MB:
        raise BuildError(f"the bundle is {total / MB:.1f} MB, over the budget of {max_mb:.0f} MB")
    return total


def make_archive(dist: Path) -> Path:
    """tar.gz (Linux) or zip (Windows; macOS zips the .app with ditto to keep its links)."""
    version = pyproject()["project"]["version"]
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = dist / f"{APP_NAME}-{version}-{system}-{platform.machine().lower()}"
    if sys.platform.startswith("linux"):
        archive = base.with_name(base.name + ".tar.gz")
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(dist / APP_NAME, arcname=APP_NAME)
    elif sys.platform == "darwin":
        archive = base.with_name(base.name + ".zip")
        run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(dist / MAC_APP), str(archive)], "ditto")
    else:
        archive = Path(shutil.make_archive(str(base), "zip", root_dir=dist, base_dir=APP_NAME))
    log(f"archive {archive} ({archive.stat().st_size / MB:.1f} MB)")
    return archive


def run(command: list[str], what: str) -> None:
    done = subprocess.run(command, cwd=REPO)
    if done.returncode != 0:
        raise BuildError(f"{what} failed with exit status {done.returncode}")


# ------------------------------------------------------ Linux: the X11 platform
#: What a target Linux itself provides to Qt's xcb plugin (the X client basics and OpenGL,
#: glibc): these stay out of the bundle (PyInstaller leaves them out on purpose).
#: Everything else the plugin needs must be inside the bundle.
SYSTEM_BASICS = ("linux-vdso.so", "ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so",
                 "libxcb.so.1", "libGL.so", "libEGL.so", "libGLX.so", "libGLdispatch.so", "libOpenGL.so")
#: Debian/Ubuntu packages of the X11 helper libraries to install on the build machine
XCB_BUILD_PACKAGES = ("libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
                      "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1")


def xcb_plugins(bundle: Path) -> list[Path]:
    """Qt's X11 platform plugin and its GL integrations inside the bundle."""
    return sorted(p for p in bundle.rglob("*.so")
                  if p.parent.name in ("platforms", "xcbglintegrations") and "xcb" in p.name)


def library_sources(library: Path, bundle: Path) -> dict[str, str | None]:
    """Every shared library ``library`` needs (``ldd``, transitively) → the file it resolves to,
    or None for "not found"; the bundle's folders are searched first, as at run time."""
    internal = bundle / "_internal"
    folders = [internal, *sorted({p.parent for p in internal.rglob("libQt6Core.so*")})]
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(map(str, folders)))
    done = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BuildError(f"ldd {library.name} failed: {done.stderr.strip() or done.stdout.strip()}")
    found: dict[str, str | None] = {}
    for line in done.stdout.splitlines():
        name, arrow, place = line.strip().partition(" => ")
        if arrow:
            found[name] = None if place.startswith("not found") else place.split(" (")[0]
    return found


def check_xcb_libraries(bundle: Path) -> str:
    """Fail unless every library Qt's xcb plugin needs is found, and found inside the bundle,
    apart from ``SYSTEM_BASICS``; returns a one-line summary."""
    plugins = xcb_plugins(bundle)
    if not plugins:
        raise BuildError("the bundle has no Qt xcb platform plugin (libqxcb.so): it could not open a window on Linux")
    missing, outside, inside = set(), set(), set()
    for plugin in plugins:
        for name, place in library_sources(plugin, bundle).items():
            if place is None:
                missing.add(name)
            elif Path(place).resolve().is_relative_to(bundle.resolve()):
                inside.add(name)
            elif not name.startswith(SYSTEM_BASICS):
                outside.add(f"{name} ({place})")
    if missing:
        raise BuildError(f"Qt's xcb platform plugin needs {', '.join(sorted(missing))}, which this build machine "
                         f"lacks, so the bundle could not open a window: install them (Debian/Ubuntu: "
                         f"apt-get install {XCB_BUILD_PACKAGES}) and build again")
    if outside:
        raise BuildError("Qt's xcb platform plugin would load these from the target system instead of the "
                         f"bundle: {', '.join(sorted(outside))}")
    return f"xcb platform plugin: all {len(inside)} libraries it needs are in the bundle (ldd)"


# ------------------------------------------------------------------------ main
def check_tools() -> None:
    """PyInstaller on Linux runs ldd, objdump and objcopy; say so before it fails obscurely."""
    if sys.platform.startswith("linux"):
        missing = [tool for tool in ("ldd", "objdump", "objcopy") if shutil.which(tool) is None]
        if missing:
            raise BuildError(f"PyInstaller needs {', '.join(missing)}: install binutils (apt-get install binutils)")


def build(args) -> None:
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    check_tools()
    if not args.skip_install:
        install_requirements()
    run_pyinstaller(dist, work)
    bundle = dist / APP_NAME
    if sys.platform.startswith("linux"):
        add_linux_extras(bundle)
        log(check_xcb_libraries(bundle))
    if not args.skip_smoke:
        log(smoke_test(executable(dist)))
    report_size(bundle, args.max_mb if sys.platform.startswith("linux") else None)
    if not args.no_archive:
        make_archive(dist)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(REPO / "dist"), help="output folder (default: dist/)")
    parser.add_argument("--work", default=str(REPO / "build" / "pyinstaller"),
                        help="PyInstaller's work folder (default: build/pyinstaller/)")
    parser.add_argument("--skip-install", action="store_true", help="do not pip-install the build requirements")
    parser.add_argument("--skip-smoke", action="store_true", help="do not run the built program's smoke test")
    parser.add_argument("--no-archive", action="store_true", help="do not pack a tar.gz/zip")
    parser.add_argument("--max-mb", type=float, default=200.0, help="size budget of the Linux bundle (MB)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        build(args)
    except BuildError as exc:
        log(f"FAILED: {exc}")
        return 1
    log("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
