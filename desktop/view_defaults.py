"""The teaching defaults of what the canvas shows, for the network in the window.

A network opened from a file, and one the student builds in the window, start the same way:

* **sample 0** is traced (when there is a dataset), not the mean of the next mini-batch: numbers a
  student checks by hand (XOR's batch mean is 0.5 at every output, trained or not); the Trace box
  chooses the next mini-batch;
* **digits**: 4 significant digits for up to 64 parameters, 3 for bigger networks;
* **neuron thumbnails** for a runnable network of one or two inputs and few neurons
  (``thumbnails_by_default``);
* **z and b on the canvas** for a connected network of few neurons (``canvas_numbers_by_default``).

Once the student sets one of these themselves (View menu, Trace box, a clicked data point), the window's
network keeps the student's choice while it is built further; opening another network starts afresh.
"""

from __future__ import annotations

import core
from desktop.view_values import canvas_numbers_by_default, thumbnails_by_default

#: the view fields the defaults choose, in the order they are applied
DEFAULT_FIELDS = ("digits", "sample", "thumbnails", "canvas_numbers")


def teaching_defaults(net: core.Network) -> dict:
    """{field: value} of DEFAULT_FIELDS for ``net`` (sample None: no dataset, or an empty one)."""
    return {
        "digits": 4 if net.flat.size <= 64 else 3,
        "sample": 0 if net.dataset is not None and len(net.dataset) else None,
        "thumbnails": thumbnails_by_default(net),
        "canvas_numbers": canvas_numbers_by_default(net),
    }
