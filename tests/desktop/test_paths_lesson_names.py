"""Sum over paths and the Inspector name the numbers as the lesson does (teacher review 15 #9).

At guided_chain_rule step 8 the lesson writes a_x0, σ'(z_h0), w[h→y][0,0] and δ_y0, while Sum over paths
wrote a[x0], f'(z[h0]), ∂L/∂z[y0] and the Inspector "Edge x[1] → h[0] … w_ji = W[0, 1] of x → h": a beginner had
to translate between four spellings at the step that introduces the notation. Every panel now names them
with ``core.notation``'s one set of names.
"""

from __future__ import annotations

from test_lesson_error_hidden import lesson_at_step
from window_texts import window_texts


def _click_edge(qtbot, window, canvas, src, tgt, j, i) -> None:
    canvas.click(canvas.edge_label(src, tgt, j, i))
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)


def test_the_paths_and_the_inspector_write_the_lessons_names(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    lesson_text = net.lesson.steps[7].text
    _click_edge(qtbot, window, canvas, "x", "h", 0, 1)  # x₁ → h₀, w[x→h][0,1]
    student.click_tab("Sum over paths")
    qtbot.wait(100)
    paths = next(t for t in window_texts(window) if t.startswith("dL/dw[x→h][0,1] as a sum over paths"))
    for name in ("w[h→y][0,0]", "w[h→y][1,0]", "δ_y0", "δ_y1", "σ'(z_h0)"):
        assert name in lesson_text and f"{name} = " in paths, (name, paths)
    assert "a_x1 = 0.5" in paths, paths
    for old in ("a[", "f'(z[", "∂L/∂z["):
        assert old not in paths, (old, paths)
    student.click_tab("Inspector")
    qtbot.wait(100)
    shown = window_texts(window)
    assert "Edge x1 → h0" in shown, [t for t in shown if t.startswith("Edge")]
    where = next(t for t in shown if t.startswith("From x1"))
    assert "the weight w[x→h][0,1]" in where and "W[" not in where, where
