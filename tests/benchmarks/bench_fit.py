"""Benchmark and probe: what Fit to Window costs per lesson, and what it shows.

Run:  python3 tests/benchmarks/bench_fit.py [--sizes 1024x700,1400x900] [--lessons xor,circles]
                                            [--record OUT.json] [--compare BEFORE.json]

Not collected by pytest (its name is bench_*.py). For every bundled lesson at each window size
it opens the lesson as the tests do (the Lesson panel closed, the default layout for the size,
the panels at step 0, then Fit), and walks one step-through with F7 to Update, fitting again
in each phase. At each of these states it records what the student sees of the canvas: the
view's zoom, every layer card's position, and every edge number's text and plate (a null plate:
shown on hover only).

It prints per lesson and size the CPU time (``time.process_time``: the machine is shared, the
wall clock follows the others' load) of its fits (each from the zoom 1: ms per fit; Fit keeps the
texts' size and zoom it found per layout, so these are a phase's fits), of the lesson's first fit
(from the zoom 1 with nothing kept, as a lesson opens: a search of the texts' size) and of one
``relayout`` of the scene at the fitted zoom (ms), and the totals; and how many layouts of the scene
(``NetworkScene.relayout``) its fits took, a figure the machine's load does not move.

``--record`` writes the states to a JSON file; ``--compare`` reads one such file and lists every
state whose zoom, card places or numbers differ from this run's by more than 1e-6 relative (or
whose texts differ): run it on the code before a change with ``--record``, then after with
``--compare``, to know the change moved nothing a student sees.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for folder in (ROOT, os.path.join(ROOT, "tests", "desktop")):
    if folder not in sys.path:
        sys.path.insert(0, folder)

SIZES = ((1024, 700), (1400, 900))
#: relative tolerance of ``--compare`` (float noise)
TOLERANCE = 1e-6


def canvas_state(window) -> dict:
    """What the canvas shows: {"zoom", "cards": {name: [x, y]}, "numbers": {edge key: [text, x, y, w, h]}}."""
    view, scene = window.canvas, window.scene
    cards = {name: [item.pos().x(), item.pos().y()] for name, item in scene.layer_items.items()}
    numbers = {}
    for connection in scene.connection_items.values():
        if connection.bundled:
            continue
        for edge in connection.items:
            rect = edge.label_rect()
            place = [] if rect.isNull() else [rect.x(), rect.y(), rect.width(), rect.height()]
            numbers["/".join(map(str, edge.key))] = [edge.label_size()[0] if place else ""] + place
    return {"zoom": view.transform().m11(), "cards": cards, "numbers": numbers}


def timed_fit(window, times: list[float], layouts: list[int] | None = None) -> None:
    """Fit to Window from the zoom 1 (as a lesson opens), its CPU time appended to ``times`` and the
    layouts of the scene it took (``NetworkScene.relayout``: what a fit costs, whatever the machine's
    load) to ``layouts``."""
    from PySide6.QtWidgets import QApplication

    view, scene = window.canvas, window.scene
    view._zoom_to(1.0)
    counted = [0]
    relayout = scene.relayout

    def counting_relayout() -> None:
        counted[0] += 1
        relayout()

    scene.relayout = counting_relayout  # (on the instance: the fit's calls go through it)
    started = time.process_time()
    try:
        view.fit()
    finally:
        times.append(time.process_time() - started)
        del scene.relayout
    if layouts is not None:
        layouts.append(counted[0])
    QApplication.instance().processEvents()


def settle_events(app, seconds: float = 0.3) -> None:
    """Process events for ``seconds`` (the step's panels and the canvas's own refit arrive by events)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def walk_lesson(window, name: str, size: tuple[int, int], layouts: list[int]) -> tuple[dict, list[float], float, float]:
    """({state: canvas_state}, CPU seconds per fit, CPU seconds of one relayout, CPU seconds of the
    lesson's first fit: with no text size and zoom kept for its layouts, ``fit_zoom.fit_readable``);
    the layouts each fit took appended to ``layouts``, the first fit's first."""
    from PySide6.QtWidgets import QApplication

    from test_editor_readable import open_at

    app = QApplication.instance()
    open_at(window, name, size)
    fits: list[float] = []
    window.scene.chosen_text_floors.clear()  # the first Fit of a lesson: no text size or zoom kept for it
    window.scene.too_large_floors.clear()
    first: list[float] = []
    timed_fit(window, first, layouts)
    timed_fit(window, fits, layouts)
    states = {"opened": canvas_state(window)}
    started = time.process_time()
    window.scene.relayout()
    relayout = time.process_time() - started
    stepper = getattr(window, "stepper", None)
    if stepper is None or window.document.network.problems():
        return states, fits, relayout, first[0]
    stepper.next_layer()
    for _ in range(40):
        deadline = time.monotonic() + 20
        while window.view_state.stepping is None and time.monotonic() < deadline:
            app.processEvents()
        step = window.view_state.stepping
        if step is None:
            break
        settle_events(app)
        label = f"{step.phase} {step.layer}"
        states[label + " as it came"] = canvas_state(window)
        timed_fit(window, fits, layouts)
        states[label] = canvas_state(window)
        if step.phase == "update":
            break
        stepper.next_layer()
        app.processEvents()
    stepper.cancel()
    app.processEvents()
    return states, fits, relayout, first[0]


def differences(before: dict, after: dict, where: str) -> list[str]:
    """What differs between two ``canvas_state``s (numbers beyond ``TOLERANCE`` relative)."""
    def close(a, b) -> bool:
        return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1.0)

    out = []
    if not close(before["zoom"], after["zoom"]):
        out.append(f"{where}: zoom {before['zoom']:.6g} → {after['zoom']:.6g}")
    for kind in ("cards", "numbers"):
        for key in sorted(set(before[kind]) | set(after[kind])):
            a, b = before[kind].get(key), after[kind].get(key)
            if a is None or b is None or len(a) != len(b) or any(
                    x != y if isinstance(x, str) else not close(x, y) for x, y in zip(a, b)):
                out.append(f"{where}: {kind} {key} {a} → {b}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fit to Window's CPU time per lesson, and what it shows.")
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--lessons", default="", help="comma-separated lesson names (default: all)")
    parser.add_argument("--record", help="write every state to this JSON file")
    parser.add_argument("--compare", help="list the states that differ from this JSON file's")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import core
    from desktop import errors
    from desktop.app import ensure_app, parse_size
    from desktop.main_window import MainWindow

    ensure_app()
    errors.install(interactive=False)
    wanted = [name.strip() for name in args.lessons.split(",") if name.strip()]
    names = wanted or [example.name for example in core.list_examples()]
    window = MainWindow(restore_layout=False)
    window.show()
    record: dict[str, dict] = {}
    all_fits, all_relayouts, all_first, all_layouts, all_first_layouts = [], [], [], [], []
    for text in args.sizes.split(","):
        size = parse_size(text.strip())
        for name in names:
            layouts: list[int] = []
            states, fits, relayout, first = walk_lesson(window, name, size, layouts)
            record[f"{text.strip()} {name}"] = states
            all_fits += fits
            all_relayouts.append(relayout)
            all_first.append(first)
            all_layouts += layouts[1:]
            all_first_layouts.append(layouts[0])
            print(f"{text.strip():>9} {name:<28} fit {1000 * sum(fits) / len(fits):7.1f} ms CPU "
                  f"(×{len(fits)}, {sum(layouts[1:]) / len(fits):4.1f} layouts), relayout {1000 * relayout:6.1f} ms CPU, "
                  f"first fit {1000 * first:6.1f} ms CPU ({layouts[0]} layouts)", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    print(f"all: {len(all_fits)} fits, {1000 * sum(all_fits) / len(all_fits):.1f} ms CPU per fit "
          f"({sum(all_fits):.2f} s); relayout {1000 * sum(all_relayouts) / len(all_relayouts):.1f} ms CPU "
          f"per lesson; first fit {1000 * sum(all_first) / len(all_first):.1f} ms CPU per lesson, "
          f"at most {1000 * max(all_first):.1f}; layouts: {sum(all_layouts) / len(all_layouts):.2f} per fit, "
          f"{sum(all_first_layouts) / len(all_first_layouts):.1f} per first fit, at most {max(all_first_layouts)}")
    if args.record:
        with open(args.record, "w", encoding="utf-8") as f:
            json.dump(record, f)
    if args.compare:
        with open(args.compare, encoding="utf-8") as f:
            before = json.load(f)
        found = []
        for lesson, states in before.items():
            now = record.get(lesson)
            if now is None:
                continue
            for state, shown in states.items():
                if state not in now:
                    found.append(f"{lesson} {state}: not reached")
                else:
                    found += differences(shown, now[state], f"{lesson} {state}")
        print("\n".join(found) if found else f"no difference from {args.compare}")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
