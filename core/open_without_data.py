"""Open a ``.bpnet`` whose CSV dataset is missing: the network without its data, and a note why.

A network file whose dataset came from *Load CSV…* stores the CSV's path, not its rows (when the
CSV lies in the file's folder). Once that CSV is moved, renamed or not sent along, ``load_network``
refuses the file (``MissingCSVError``): right for the command line, which needs the data to train,
trace or export. A window only needs the data to train, so ``load_network_without_missing_csv``
opens the layers, weights and settings without a dataset (nor the saved run's ``progress``, which
cannot go on without its data), and says so:
``"xor.csv was not found beside mine.bpnet: Load CSV… again"``.

Only a *missing* CSV is left out. A CSV that is there but cannot be read (a bad cell, the wrong
columns, outside the file's folder) is still refused with its line and column: the student can fix
that file, and opening without it would hide which row is wrong.
"""

from __future__ import annotations

import json
import os

from .bpnet_read import missing_csv_words
from .fileio import _parse, _read_text, load_network, network_from_json
from .jsonchecks import MissingCSVError
from .network import Network


def load_network_without_missing_csv(path) -> tuple[Network, str | None]:
    """``(network, None)`` as ``load_network(path)`` gives it, or, when only its CSV file is
    missing, ``(network without a dataset, note)`` with the note a window shows the student.

    Any other problem raises ``NetworkFileError`` as ``load_network`` does.
    """
    try:
        return load_network(path), None
    except MissingCSVError as exc:
        missing = exc
    file = os.fspath(path)
    doc = _parse(_read_text(file), file)
    doc["dataset"] = None
    doc.pop("progress", None)  # a saved run goes on only with its data: Play starts a new one
    network = network_from_json(json.dumps(doc), file, os.path.dirname(os.path.abspath(file)))
    return network, f"{missing_csv_words(missing.csv, file)}: Load CSV… again"


__all__ = ["load_network_without_missing_csv"]
