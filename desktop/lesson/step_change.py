"""Words about a step left go when Back or Next opens another one.

The step toolbar keeps the step-through's last message after a walk ("Step-through ended: training started
(Play). F8 starts a new one with the network as it is then.") until a walk or a run starts. Said at a later step
of a lesson (its "Train N steps"), it stayed when the student went Back to a question about the weights as saved
(teacher review 23 #5): once another lesson step opens it goes. A walk going on keeps its phase's sentence.
"""

from __future__ import annotations


def install_step_change(window, guide) -> None:
    """Back and Next (after the guide has opened the step) empty the step toolbar's words when the step changed."""
    seen = {"step": None}

    def opened(*_args) -> None:
        step = None if guide.progress is None else guide.progress.current
        changed = seen["step"] is not None and step != seen["step"]
        seen["step"] = step
        training = getattr(window, "training", None)
        bar = getattr(training, "step_toolbar", None)
        stepper = getattr(window, "stepper", None)
        if changed and bar is not None and not (stepper is not None and stepper.active):
            bar.show_phase_text("")

    opened()
    guide.lesson_present.connect(opened)
    guide.panel.back_requested.connect(opened)
    guide.panel.next_requested.connect(opened)
