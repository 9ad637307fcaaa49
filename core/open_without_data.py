"""Open a ``.bpnet`` whose CSV dataset is missing: the network without its data, and a note why.

A network file whose dataset came from *Load CSV…* stores the CSV's path, not its rows (when the
CSV lies in the file's folder). Once that CSV is moved, renamed or not sent along, ``load_network``
refuses the file (``MissingCSVError``): right for the command line, which needs the data to train,
trace or export. A window only needs the data to train, so ``load_network_without_missing_csv``
opens the layers, weights and settings without a dataset (nor the saved run's ``progress``, which
cannot go on without its data), and says so:
``"xor.csv was not found beside mine.bpnet: Load CSV… again, or put it back there (Save keeps naming it)"``.

What was left out is not lost: ``Network.left_out`` (a ``LeftOut``) keeps the file's ``"dataset"``
entry and its ``"progress"`` section as they were, and Save writes them back (``bpnet_write``), so the
file still names its CSV and still holds its run when the CSV is put back beside it. The dataset entry
is written while the network has no other dataset; the run while it also still describes the network
(the same layers, connections, masks, weights bit for bit and run settings as when the file was opened).

Only a *missing* CSV is left out. A CSV that is there but cannot be read (a bad cell, the wrong
columns, outside the file's folder) is still refused with its line and column: the student can fix
that file, and opening without it would hide which row is wrong.

A file with a lesson opens too, its lesson as written (``read_network(data_missing=True)``): a question answered
by training, or about a dataset row, waits for the data (the window's Lesson panel says the CSV first at such a
step), and Save writes the lesson back as it was. A file that cannot open for another reason is refused, and the
refusal says first that the CSV is missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .bpnet_read import inside_folder, missing_csv_words, read_network
from .fileio import _parse, _read_text
from .jsonchecks import MissingCSVError, NetworkFileError
from .network import Network
from .resume import run_key


@dataclass(frozen=True)
class LeftOut:
    """A file's ``"dataset"`` entry (``dataset``, its JSON as read, naming ``csv`` = the CSV's real path)
    and ``"progress"`` section (JSON or None) that opening without the missing CSV left out, with the ``key``
    (``core.run_key``: weights, structure, run settings; no data) of the network the run described then."""

    dataset: dict
    csv: str
    progress: dict | None
    key: bytes

    @classmethod
    def of(cls, doc: dict, net, base_dir: str) -> "LeftOut":
        rel = doc["dataset"]["csv"]
        return cls(dict(doc["dataset"]), os.path.realpath(os.path.join(base_dir, rel)), doc.get("progress"),
                   run_key(net))

    def dataset_for(self, net, base_dir: str | None) -> dict | None:
        """The ``"dataset"`` entry to write for ``net`` in a file in ``base_dir``: None once the network has a
        dataset of its own; the CSV's path relative to ``base_dir`` (as written, when it lies elsewhere)."""
        if net.dataset is not None:
            return None
        folder = os.path.realpath(base_dir or os.getcwd())
        spec = dict(self.dataset)
        if inside_folder(self.csv, folder):
            spec["csv"] = os.path.relpath(self.csv, folder).replace(os.sep, "/")
        return spec

    def progress_for(self, net) -> dict | None:
        """The ``"progress"`` section to write for ``net``: None when there was none, the network has a dataset
        now, or the run no longer describes it (a weight, layer, connection or run setting changed since)."""
        if self.progress is None or net.dataset is not None:
            return None
        return self.progress if run_key(net) == self.key else None  # (the one rule for a run, both without data)

    def kept_words(self, net, base_dir: str | None) -> str:
        """What Save (of a file in ``base_dir``) adds to its status words while the network has none of its own
        data: what it kept."""
        if net.dataset is not None:
            return ""
        name = self.dataset_for(net, base_dir)["csv"]
        run = (f" and keeps its training run (step {self.progress.get('step')})" if self.progress_for(net) is not None
               else " (not its training run: the weights, layers or settings changed since it was opened)"
               if self.progress is not None else "")
        return f"; it still names {name} as its data{run}: put {name} beside it to train"


def load_network_without_missing_csv(path) -> tuple[Network, str | None]:
    """``(network, None)`` as ``load_network(path)`` gives it, or, when only its CSV file is
    missing, ``(network without a dataset, note)`` with the note a window shows the student
    (``network.left_out`` then keeps the file's dataset entry and run for Save).

    Any other problem raises ``NetworkFileError`` as ``load_network`` does, in words that say first that its CSV
    is missing. A lesson opens with its questions that need the data (``read_lesson(data_missing=True)``). The
    file is read and parsed once.
    """
    file = os.fspath(path)
    base_dir = os.path.dirname(os.path.abspath(file))
    doc = _parse(_read_text(file), file)
    try:
        return read_network(doc, file, base_dir), None
    except MissingCSVError as exc:
        missing = exc
    rest = {key: value for key, value in doc.items() if key != "progress"}  # a run goes on only with its data
    rest["dataset"] = None
    try:
        network = read_network(rest, file, base_dir, data_missing=True)
    except NetworkFileError as exc:
        raise NetworkFileError(file, missing.place, f"{missing_csv_words(missing.csv, file)}: put it back there; "
                               f"and this file cannot open ({exc.place}: {exc.problem})") from None
    network.left_out = LeftOut.of(doc, network, base_dir)
    kept = "naming it" + (", and its training run while the weights stay" if "progress" in doc else "")
    words = missing_csv_words(missing.csv, file)
    return network, f"{words}: Load CSV… again, or put it back there (Save keeps {kept})"


__all__ = ["LeftOut", "load_network_without_missing_csv"]
