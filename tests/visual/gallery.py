"""Render every lesson as a teacher would look at it: ``python tests/visual/gallery.py OUTDIR``.

A script, not a test (pytest does not collect it). For each bundled lesson and each window
size (1400×900 and 1024×700) it renders the main window, the way
``backprop-studio FILE --screenshot PNG --size WxH --train-steps N`` does
(``desktop.app.take_screenshot``), in these states, one after the other on one window:

1. ``untrained``: the file as opened (step 0);
   ``question``: in a guided lesson, its first chain-rule question after a wrong answer (the
   question, the answer box, the hint: ``lesson_wrong_answer``); then the lesson back at step 1
   and its panel closed: the student leaves the lesson to explore, so the states below show
   every number (in the lesson, what its questions ask reads "?" until answered);
2. ``forward``, ``loss``, ``backward``, ``update``: the step-through from the lesson as opened,
   as a student meets it on a fresh network, with an edge into the output selected and the
   Inspector's tab clicked for its chain rule:
   Forward after the first layer (F7), the Loss phase (F8), Backward after the output layer
   (F7: the earlier layers still "?"), Update (F8); then Cancel;
3. ``trained``: after ``--steps`` (500) training steps through the real worker;
4. ``edge``: the same, with one edge selected and the Inspector's tab clicked (it shows the
   edge's chain rule, the trajectory panel highlights its weight);
5. ``lw``: the same edge's L(w) tab (the loss as a function of this weight).

It writes ``OUTDIR/<size>/<lesson>-<state>.png`` and ``OUTDIR/index.html`` (one row per
lesson, one column per state). Open the pictures and look at every one of them before
saying a panel is done. ``--lessons xor,spiral`` and ``--sizes 1400x900`` narrow the run.

``--readme`` also renders the README's screenshots into ``docs/`` (``README_SHOTS``: the XOR
lesson with an edge selected; the spiral lesson after 6,000 steps; the Backward phase on
``one_hidden_sigmoid``; the chain-rule panel), so they always show the app as it is.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

SIZES = ("1400x900", "1024x700")
STATES = ("untrained", "question", "forward", "loss", "backward", "update", "trained", "edge", "lw")
PHASES = ("forward", "loss", "backward", "update")


def _wait(app, condition, timeout_s: float = 30.0) -> bool:
    """Process events until ``condition()`` holds (False after ``timeout_s``)."""
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def pick_edge(network):
    """(source, target, j, i): an edge of the last connection into the output layer that is not removed."""
    output = network.output_layer
    keys = [key for key in network.weights if key[1] == output] or list(network.weights)
    if not keys:
        return None
    source, target = keys[-1]
    mask = network.masks.get((source, target)) if hasattr(network, "masks") else None
    rows, cols = network.weights[source, target].shape
    for j in range(rows):
        for i in range(cols):
            if mask is None or mask[j, i]:
                return source, target, j, i
    return source, target, 0, 0


#: how the gallery walks the step-through: (state, key: "layer" F7 or "phase" F8, until this phase)
WALK = (("forward", "layer", "forward"), ("loss", "phase", "loss"), ("backward", "layer", "backward"),
        ("update", "phase", "update"))


def step_through(app, window, shot, out: dict) -> None:
    """Shoot each phase of one step-through from the network as it is (see WALK), then Cancel."""
    stepper = getattr(window, "stepper", None)
    if stepper is None:
        out.update({state: "no step-through mode" for state, _, _ in WALK})
        return
    for state, key, phase in WALK:
        press = stepper.next_layer if key == "layer" else stepper.next_phase
        press()
        reached = _wait(app, lambda: stepper.view_state.stepping is not None
                        and stepper.view_state.stepping.phase == phase)
        if reached:
            shot(state)
        else:
            out[state] = f"the step-through did not reach {phase}"
    stepper.cancel()
    app.processEvents()


def click_tab(app, window, title: str) -> bool:
    """Click the dock tab called ``title`` as a student does (False: no such tab on the window)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTabBar

    from desktop.on_screen import on_screen

    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if title in titles and on_screen(bar):
            QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(titles.index(title)).center())
            app.processEvents()
            return True
    return False


def render_lesson(example, size: tuple[int, int], folder: str, steps: int) -> dict[str, str]:
    """Every state of one lesson at one size; {state: png path or an error message}."""
    import core
    from desktop.app import take_screenshot
    from desktop.main_window import MainWindow
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    out: dict[str, str] = {}
    window = MainWindow(restore_layout=False)

    def shot(state: str, train_steps: int = 0) -> None:
        png = os.path.join(folder, f"{example.name}-{state}.png")
        ok = take_screenshot(window, png, size, train_steps)
        out[state] = png if ok else f"could not write {png}"

    try:
        window.document.replace_network(core.load_network(example.path), example.path)
        shot("untrained")
        guide = getattr(window, "lesson_guide", None)
        if guide is not None and guide.lesson is not None:
            lesson_wrong_answer(window, app)
            shot("question")
            guide.reset_progress()  # back to step 1
            window.lesson_dock.close()  # the student leaves the lesson: every number shows
            app.processEvents()
            window.statusBar().clearMessage()
        else:
            out["question"] = "no guided lesson"
        if window.document.network.problems():
            for state in STATES[2:]:
                out[state] = "cannot train: " + "; ".join(window.document.network.problems())
            return out
        edge = pick_edge(window.document.network)
        if edge is not None:
            window.view_state.select_edge(*edge)
            app.processEvents()
        click_tab(app, window, "Inspector")  # the student looks at the edge's chain rule
        step_through(app, window, shot, out)
        window.view_state.select(None)
        shot("trained", steps)
        if edge is not None:
            window.view_state.select_edge(*edge)
            app.processEvents()
        click_tab(app, window, "Inspector")
        shot("edge")
        tabs = window.inspector.edge_page.tabs
        tabs.setCurrentIndex(1)
        app.processEvents()
        shot("lw")
        tabs.setCurrentIndex(0)
        return out
    finally:
        window.document.undo_stack.setClean()
        window.document.other_changes = lambda: False  # (no question about the lesson's place either)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


README_SHOTS = (
    # (file in docs/, lesson, training steps, what to show: "window", "edge", a step-through
    # phase ("backward") or "chain-rule" / "loss-of-weight" (the Inspector's edge page alone,
    # on that tab, after a few steps))
    ("screenshot-editor.png", "xor", 0, "edge"),
    ("screenshot-training.png", "spiral", 6000, "window"),
    ("screenshot-backward.png", "one_hidden_sigmoid", 0, "backward"),
    ("screenshot-chain-rule.png", "perceptron", 6, "chain-rule"),
    ("screenshot-loss-of-weight.png", "perceptron", 6, "loss-of-weight"),
    ("screenshot-compare-runs.png", "regularization", 600, "compare-runs"),
    # the textbook chapter's views, grabbed alone (tests/visual/chapter_shots.py)
    ("screenshot-matrix-form.png", "xor", 0, "matrix-form"),
    ("screenshot-paths.png", "regularization", 0, "paths"),
    ("screenshot-kfold.png", "early_stopping", 0, "kfold"),
    ("screenshot-lesson.png", "guided_sigmoid_neuron", 0, "lesson"),
)


def lesson_hint(window, app) -> None:
    """The Lesson panel at its dL/db question of the hidden neuron after a wrong answer (σ' left out): the hint."""
    from core.lesson import check

    guide = window.lesson_guide
    guide.reset_progress()
    k = next(k for k, step in enumerate(guide.lesson.steps) if step.question and step.question.kind == "dL/db"
             and step.question.layer != window.document.network.output_layer)
    guide.open_step(k)
    verdict = check(guide.lesson.steps[k].question, 0.0, window.document.network)
    factor = next((v for _, v in verdict.factors if abs(abs(v) - 1) > 0.05 and v), -1.0)
    guide.panel.answer.setText(f"{verdict.answer / factor:.4g}")
    guide.check(guide.panel.answer.text())
    _wait(app, lambda: not guide.busy())
    window.statusBar().clearMessage()  # not the reset's message: the student did not reset


def lesson_wrong_answer(window, app) -> None:
    """The Lesson panel at its first question whose answer is a chain-rule product of two factors or more
    (else its first question), after a wrong answer (0.123): the question, the answer box and the hint."""
    from core.lesson import check

    guide = window.lesson_guide
    guide.reset_progress()
    network = window.document.network
    asked = [k for k, step in enumerate(guide.lesson.steps) if step.question is not None]
    if not asked:
        return
    k = next((k for k in asked if len(check(guide.lesson.steps[k].question, 0.0, network).factors) >= 2), asked[0])
    guide.open_step(k)
    guide.panel.answer.setText("0.123")
    guide.check(guide.panel.answer.text())
    _wait(app, lambda: not guide.busy())
    window.statusBar().clearMessage()  # not the reset's message: the student did not reset


def compare_runs(window, steps: int) -> None:
    """The regularization lesson's comparison: after the lesson's own run (no regularization),
    Reset and the same number of steps with L1, then with L2 (the Loss panel keeps each run)."""
    import copy

    from desktop import commands

    doc = window.document
    for kind in ("l1", "l2"):
        window.training.reset()
        training = copy.deepcopy(doc.network.training)
        training.regularization = kind
        doc.perform(commands.SetSettings(doc, f"Regularization {kind}", training=training))
        window.training.train_for_screenshot(steps)


def readme_screenshots(size: tuple[int, int] = (1400, 900)) -> list[str]:
    """Render the README's screenshots into docs/ (see README_SHOTS)."""
    import core
    from chapter_shots import CHAPTER_SHOTS, render_chapter_shot
    from desktop.app import take_screenshot
    from desktop.main_window import MainWindow
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    written = []
    for filename, name, train_steps, what in README_SHOTS:
        window = MainWindow(restore_layout=False)
        try:
            path = core.example_path(name)
            window.document.replace_network(core.load_network(path), path)
            png = os.path.join(ROOT, "docs", filename)
            take_screenshot(window, png, size, train_steps)
            if what == "lesson":
                lesson_hint(window, app)
                take_screenshot(window, png, size, 0)
                written.append(png)
                continue
            if what == "compare-runs":
                compare_runs(window, train_steps)
                take_screenshot(window, png, size, 0)
                written.append(png)
                continue
            if what in CHAPTER_SHOTS:
                render_chapter_shot(window, what, png, app)
                written.append(png)
                continue
            if what != "window":
                window.view_state.select_edge(*pick_edge(window.document.network))
                app.processEvents()
            if what in PHASES:
                window.view_state.set_sample(0)
                while window.view_state.stepping is None or window.view_state.stepping.phase != what:
                    window.stepper.next_phase()
                    _wait(app, lambda: window.view_state.stepping is not None)
            if what in ("chain-rule", "loss-of-weight"):
                window.inspector.edge_page.check_numerically()
                window.inspector.edge_page.tabs.setCurrentIndex(1 if what == "loss-of-weight" else 0)
                app.processEvents()
                window.inspector.current_page().grab().save(png)
            else:
                take_screenshot(window, png, size, 0)
            written.append(png)
        finally:
            window.document.undo_stack.setClean()
            window.document.other_changes = lambda: False
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written


def write_index(outdir: str, results: dict) -> str:
    """``OUTDIR/index.html``: per size a table, a row per lesson, a column per state."""
    rows = ["<!doctype html><meta charset='utf-8'><title>Backprop Studio gallery</title>",
            "<style>body{font-family:sans-serif} td{vertical-align:top;padding:4px} "
            "img{width:340px;border:1px solid #ccc} .err{color:#b0301c;width:340px}</style>",
            "<h1>Backprop Studio gallery</h1>",
            "<p>Every lesson as opened, in each step-through phase from there, after training, and with "
            "an edge selected. Click a picture for full size.</p>"]
    for size, lessons in results.items():
        rows.append(f"<h2>{html.escape(size)}</h2><table><tr><th>lesson</th>"
                    + "".join(f"<th>{s}</th>" for s in STATES) + "</tr>")
        for lesson, states in lessons.items():
            cells = []
            for state in STATES:
                value = states.get(state, "not rendered")
                if value.endswith(".png") and os.path.exists(value):
                    rel = html.escape(os.path.relpath(value, outdir))
                    cells.append(f"<td><a href='{rel}'><img src='{rel}' alt='{html.escape(lesson)} {state}'></a></td>")
                else:
                    cells.append(f"<td class='err'>{html.escape(value)}</td>")
            rows.append(f"<tr><th>{html.escape(lesson)}</th>{''.join(cells)}</tr>")
        rows.append("</table>")
    path = os.path.join(outdir, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows))
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Render every lesson in every state into PNGs and an index.html.")
    parser.add_argument("outdir")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated WxH (default: %(default)s)")
    parser.add_argument("--lessons", default="", help="comma-separated lesson names (default: all)")
    parser.add_argument("--steps", type=int, default=500, help="training steps before 'trained' (default: 500)")
    parser.add_argument("--readme", action="store_true", help="also render the README's screenshots into docs/")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import core
    from desktop import errors
    from desktop.app import ensure_app, parse_size

    ensure_app()
    errors.install(interactive=False)
    wanted = {name.strip() for name in args.lessons.split(",") if name.strip()}
    examples = [e for e in core.list_examples() if not wanted or e.name in wanted]
    unknown = wanted - {e.name for e in examples}
    if unknown:
        print(f"gallery: no lesson called {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    results: dict[str, dict[str, dict[str, str]]] = {}
    for text in args.sizes.split(","):
        size = parse_size(text.strip())
        folder = os.path.join(args.outdir, text.strip())
        os.makedirs(folder, exist_ok=True)
        results[text.strip()] = {}
        for example in examples:
            started = time.monotonic()
            states = render_lesson(example, size, folder, args.steps)
            results[text.strip()][example.name] = states
            problems = [f"{s}: {v}" for s, v in states.items() if not v.endswith(".png")]
            print(f"{text.strip()} {example.name}: {len(states) - len(problems)} pictures "
                  f"in {time.monotonic() - started:.1f} s" + (f" ({'; '.join(problems)})" if problems else ""))
    print(f"wrote {write_index(args.outdir, results)}")
    if args.readme:
        for png in readme_screenshots():
            print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
