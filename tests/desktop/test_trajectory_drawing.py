"""The weight trajectories after a long run draw each pixel column's lowest and highest value
(the same picture from fewer points), finer again when the student zooms in; a connection
hidden by the "Show" box gets the newest points when it is shown again."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from desktop.panels.plotting import column_envelope
from test_training_support import training_window, wait_finished, xor_network

__all__ = ["training_window"]


def columns_extremes(x, y, width):
    """{column: (min, max)} of the samples (x, y), columns ``width`` wide from x = 0."""
    out = {}
    for c, v in zip(np.floor(x / width).astype(int), y):
        lo, hi = out.get(c, (v, v))
        out[c] = (min(lo, v), max(hi, v))
    return out


def test_column_envelope_keeps_each_columns_extremes_and_both_ends():
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.integers(1, 4, size=3000)).astype(float)  # increasing, unevenly spaced
    ys = np.cumsum(rng.normal(size=(3000, 3)), axis=0)
    out_x, out_y = column_envelope(x, ys, 40.0)
    assert len(out_x) < len(x) / 5 and out_y.shape == (len(out_x), 3)
    assert np.all(np.diff(out_x) >= 0)
    assert out_x[0] == x[0] and out_x[-1] == x[-1]
    assert np.array_equal(out_y[0], ys[0]) and np.array_equal(out_y[-1], ys[-1])  # the ends exactly
    for k in range(3):
        assert columns_extremes(out_x, out_y[:, k], 40.0) == columns_extremes(x, ys[:, k], 40.0)
    # a falling column gives its max first, a rising one its min first: the line goes as the data goes
    falling = np.array([[3.0], [1.0], [2.0], [0.0]] * 4)
    _, fy = column_envelope(np.arange(16.0) * 0.25 + 0.01, falling, 1.0)
    assert fy[1:-1, 0].tolist() == [3.0, 0.0] * 4
    # about two samples a column or fewer: nothing to gain, nothing changed
    assert column_envelope(x[:100], ys[:100], 1.0) is None
    assert column_envelope(x, ys, 0.0) is None


def drawn_paths(panel, edge):
    """{flat parameter index: (x, y)} of each weight's drawn path in the curves of ``edge`` (a curve
    draws its weights one after the other, in the order of their index, a NaN after each)."""
    block = next(b for b in panel.blocks if b.edge == edge)
    members = {}
    for j in range(block.rows):
        for i in range(block.cols):
            curve = panel.curve_of(*edge, j, i)
            members.setdefault(id(curve), (curve, []))[1].append(block.index(j, i))
    paths = {}
    for curve, weights in members.values():
        x, y = curve.getData()
        ends = np.flatnonzero(np.isnan(x))
        assert len(ends) == len(weights)
        for w, s, e in zip(sorted(weights), np.r_[0, ends[:-1] + 1], ends):
            paths[w] = (x[s:e], y[s:e])
    return paths


def check_columns(panel, edge):
    """Each weight of ``edge``: the drawn path has the samples' lowest and highest value in every
    pixel column of the plot, and starts and ends at the first and the newest sample."""
    sx, sy, owners = panel._points  # every sample the panel has (hover searches these)
    width = panel._column_width()
    paths = drawn_paths(panel, edge)
    assert paths
    drawn = 0
    for w, (x, y) in paths.items():
        mine = owners == w
        assert (x[0], y[0]) == (sx[mine][0], sy[mine][0]) and (x[-1], y[-1]) == (sx[mine][-1], sy[mine][-1])
        assert columns_extremes(x, y, width) == columns_extremes(sx[mine], sy[mine], width)
        drawn += len(x)
    return drawn, int(np.isin(owners, list(paths)).sum())


def test_a_long_run_draws_each_pixel_columns_extremes_and_zooming_in_draws_finer(qtbot, training_window):
    window = training_window(xor_network(hidden=3, batch=4))
    panel = window.training.ui.trajectories
    window.training.step(3000)
    snap = wait_finished(qtbot, window.training, timeout=30000)
    drawn, samples = check_columns(panel, ("x", "h"))
    assert drawn < samples / 2  # several samples a pixel column: fewer points, the same picture
    check_columns(panel, ("h", "y"))
    # hovering the newest point of a weight still names it, with its value at the newest step
    w = panel.blocks[1].start
    col = list(snap.watched).index(w)
    text = panel.describe_point(QPointF(float(snap.trajectory_steps[-1]), float(snap.trajectories[-1, col])))
    assert text.startswith("w[h→y][0,0]") and f"at step {snap.step}" in text
    # the weight the student selects on the canvas is drawn in black the same way, its value named exactly
    window.view_state.select_edge("h", "y", 0, 0)
    x, y = panel.highlight_curve.getData()
    assert len(x) < len(snap.trajectory_steps) / 2 and (x[-1], y[-1]) == (snap.step, snap.trajectories[-1, col])
    all_x = np.asarray(snap.trajectory_steps, dtype=float)
    assert columns_extremes(x, y, panel._width) == columns_extremes(all_x, snap.trajectories[:, col], panel._width)
    assert panel.label.text() == f"selected: w[h→y][0,0] = {snap.trajectories[-1, col]:.6g} at step {snap.step}"
    # the student zooms in on the start (as the mouse wheel does): the columns are narrower, so more points
    vb = panel.plot.getViewBox()
    vb.setXRange(0, snap.step / 20, padding=0)
    qtbot.waitUntil(lambda: check_columns(panel, ("x", "h"))[0] > drawn)


def test_a_connection_shown_again_draws_the_newest_snapshot(qtbot, training_window):
    window = training_window(xor_network(hidden=3, batch=4))
    panel = window.training.ui.trajectories
    panel.show_connection("h", "y")
    window.training.step(40)
    snap = wait_finished(qtbot, window.training)
    assert not panel.curve_of("x", "h", 0, 0).isVisible()
    panel.show_connection(None)
    assert panel.curve_of("x", "h", 0, 0).isVisible()
    x, y = panel.curve_of("x", "h", 0, 0).getData()
    assert np.nanmax(x) == snap.step  # drawn up to the newest step
    col = list(snap.watched).index(panel.blocks[0].start)
    assert y[list(x).index(snap.step)] == pytest.approx(snap.trajectories[-1, col])


def test_the_rows_path_is_pyqtgraphs_path_of_the_same_points():
    import pyqtgraph as pg

    from desktop.panels.trajectory_lines import rows_path

    rng = np.random.default_rng(5)
    for weights, n in ((3, 7), (1, 1), (4, 2)):
        x = np.empty((weights, n + 1))
        x[:, :n], x[:, n] = np.arange(n) * 2.0, np.nan
        y = np.empty_like(x)
        y[:, :n], y[:, n] = rng.normal(size=(weights, n)), np.nan
        mine = rows_path(x.ravel(), y.ravel(), n + 1)
        theirs = pg.arrayToQPath(x.ravel(), y.ravel(), connect="finite")
        assert mine.elementCount() == theirs.elementCount()
        assert [(mine.elementAt(k).x, mine.elementAt(k).y, mine.elementAt(k).type) for k in range(mine.elementCount())] \
            == [(theirs.elementAt(k).x, theirs.elementAt(k).y, theirs.elementAt(k).type) for k in range(theirs.elementCount())]


def test_export_to_csv_writes_every_sample_of_every_weight(qtbot, training_window, tmp_path):
    """Right-click → Export… → CSV on the trajectories writes each weight's samples (not the pixel
    columns' envelope), one weight after the other, a NaN between two."""
    import csv

    from pyqtgraph.exporters import CSVExporter

    window = training_window(xor_network(hidden=3, batch=4))
    panel = window.training.ui.trajectories
    window.training.step(40)
    snap = wait_finished(qtbot, window.training)
    path = tmp_path / "trajectories.csv"
    CSVExporter(panel.plot).export(str(path))
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["x0000", "y0000"]
    x = np.array([float(r[0]) for r in rows[1:] if r[0] != ""])
    y = np.array([float(r[1]) for r in rows[1:] if r[1] != ""])
    n = len(snap.trajectory_steps)
    assert len(x) == len(snap.watched) * (n + 1) and np.isnan(x[n::n + 1]).all()
    for k in range(len(snap.watched)):  # weight k's samples, in the order of the parameter index
        assert np.allclose(y[k * (n + 1):k * (n + 1) + n], snap.trajectories[:, np.argsort(snap.watched)[k]])
    # pyqtgraph's log, FFT and other transforms would not apply to these curves: not offered
    assert not panel.plot.ctrl.transformGroup.isEnabled() and panel.plot.ctrl.gridGroup.isEnabled()
