"""What a lesson's numbers are of, in the words every caption uses.

A guided lesson whose dataset is one hand-written sample never speaks of mini-batches or dataset rows:
the answer prompt, the canvas legend, the heatmap's, the Chain rule's and L(w)'s captions all say
"the lesson's one sample".
"""

from __future__ import annotations

__all__ = ["ONE_SAMPLE", "one_sample_words"]

#: what a one-sample lesson's numbers are of
ONE_SAMPLE = "the lesson's one sample"


def one_sample_words(network) -> str | None:
    """"the lesson's one sample" for a lesson's ``network`` whose dataset is one sample, else None: the
    words every caption uses for what the numbers are of (the answer prompt, the canvas legend, the heatmap,
    the Chain rule and L(w)), since a one-sample lesson never speaks of mini-batches or dataset rows."""
    if network is None or network.dataset is None or len(network.dataset) != 1:
        return None
    return ONE_SAMPLE if getattr(network, "lesson", None) is not None else None

