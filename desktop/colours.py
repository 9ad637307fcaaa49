"""The one colour language of the window, read by the canvas (``desktop/editor/style.py``) and
the panels (``desktop/panels/plotting.py``). Change a colour here and every view follows.

Colours are Okabe & Ito's, which stay distinct for the common colour-vision deficiencies:

* **sign** (canvas edges, gradient heatmaps, the inspector): positive = blue, negative =
  orange, zero = grey. The diverging maps run orange → near-white → blue.
* **output** (output map): a low output is orange, a high one blue (for one sigmoid output:
  0 = class 0 = orange, 1 = class 1 = blue), the same direction as the sign colours.
* **classes**: class 0 orange, class 1 blue, then green, reddish purple, vermillion, sky blue.
* **series** that are not signs or classes (loss curves, weight trajectories) use neither blue
  nor orange: black, greys and the remaining hues, so blue and orange keep one meaning.

No Qt here: hex strings and (r, g, b) tuples.
"""

from __future__ import annotations

POSITIVE = "#0072B2"  # blue
NEGATIVE = "#E69F00"  # orange
ZERO = "#9A9A9A"
#: the middle of a diverging map (0, or an output of 0.5)
MIDDLE = "#F7F7F7"
#: darkest end of the magnitude map (|g|: white = 0, darker = larger)
MAGNITUDE = "#303030"

#: class k of a classification dataset (cycled when there are more classes)
CLASSES = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
#: the words for ``CLASSES`` (a legend names the colours it draws)
CLASS_NAMES = ["orange", "blue", "green", "reddish purple", "vermillion", "sky blue", "black", "yellow"]

#: series of the loss panel
TRAIN = "#1A1A1A"
BATCH = "#A8A8A8"
VALIDATION = "#CC79A7"

#: earlier runs overlaid in the loss panel, drawn lighter (``COMPARISON_LIGHT``) than the current run;
#: no blue or orange (signs), no purple (validation), no black or grey (this run)
COMPARISONS = ["#009E73", "#D55E00", "#6A3D9A", "#8C564B", "#B8860B"]
COMPARISON_LIGHT = 0.3

#: one hue per connection in the weight trajectories (no blue, no orange: those are signs)
CONNECTIONS = ["#009E73", "#CC79A7", "#D55E00", "#6A3D9A", "#8C564B", "#56B4E9", "#4D4D4D", "#B8860B"]


def rgb(colour: str) -> tuple[int, int, int]:
    """'#0072B2' → (0, 114, 178)."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def class_rgb(k: int) -> tuple[int, int, int]:
    return rgb(CLASSES[k % len(CLASSES)])


def class_name(k: int) -> str:
    """The word for class k's colour ("orange", "blue", "green", …)."""
    return CLASS_NAMES[k % len(CLASS_NAMES)]


def comparison_rgb(k: int) -> tuple[int, int, int]:
    """The muted colour of the k-th earlier run in the loss panel."""
    return lighter(rgb(COMPARISONS[k % len(COMPARISONS)]), COMPARISON_LIGHT)


def connection_rgb(k: int) -> tuple[int, int, int]:
    return rgb(CONNECTIONS[k % len(CONNECTIONS)])


def lighter(c: tuple[int, int, int], amount: float = 0.45) -> tuple[int, int, int]:
    """``c`` mixed with white (``amount`` 0 = c, 1 = white)."""
    return tuple(int(round(v + (255 - v) * amount)) for v in c)


def shades(c: tuple[int, int, int], n: int) -> list[tuple[int, int, int]]:
    """``n`` distinguishable shades of one hue, from dark to light (for the weights of one connection)."""
    if n <= 1:
        return [c]
    out = []
    for k in range(n):
        t = -0.3 + 0.75 * k / (n - 1)  # −0.3 (darker) … +0.45 (lighter)
        if t < 0:
            out.append(tuple(int(round(v * (1 + t))) for v in c))
        else:
            out.append(lighter(c, t))
    return out
