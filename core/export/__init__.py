"""Export a network to the tools a student moves on to: a NumPy script, a PyTorch script, an ONNX model.

* ``numpy_script(net)``: a standalone NumPy ``.py`` whose ``train(N)`` reproduces
  ``Trainer`` (``backprop-studio train FILE --steps N``) and whose ``forward`` equals
  ``net.forward`` (``core.export.numpy_script``);
* ``pytorch_script(net)``: ``class Net(torch.nn.Module)``, ``build_model()``,
  ``train(model, steps)`` (``core.export.torch_script``; only the written script imports torch);
* ``onnx_model(net)``: a float32 opset-17 ONNX model with input ``x`` and output ``y``
  (``core.export.onnx_model``; needs the optional ``onnx`` package, the ``export`` extra).

``export_bytes(net, fmt)`` gives the file's bytes for ``fmt`` in ``FORMATS``;
``save_export(net, fmt, path)`` writes them atomically (a temporary file renamed over
the target, as ``.bpnet`` saving does), so a failed export never leaves a half-written
file. Every refusal is an ``ExportError`` (a ``ValueError``) with a one-line reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from ..fileio import atomic_write
from ..network import Network
from .common import ExportError
from .numpy_script import numpy_script
from .onnx_model import INSTALL_HINT, onnx_available, onnx_model
from .torch_script import pytorch_script


@dataclass(frozen=True)
class ExportFormat:
    """One export target: its name, file suffix, a label for menus and the function that builds the bytes."""

    name: str
    suffix: str
    label: str
    build: Callable[[Network], bytes]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("numpy", ".py", "NumPy script", lambda net: numpy_script(net).encode("utf-8")),
        ExportFormat("pytorch", ".py", "PyTorch script", lambda net: pytorch_script(net).encode("utf-8")),
        ExportFormat("onnx", ".onnx", "ONNX model", onnx_model),
    )
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; ``ExportError`` listing the known names otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"unknown export format {name!r}; expected one of {', '.join(FORMATS)}") from None


def export_bytes(net: Network, fmt: str) -> bytes:
    """The exported file's content for format ``fmt`` (``ExportError`` if it cannot be exported)."""
    return export_format(fmt).build(net)


def save_export(net: Network, fmt: str, path) -> int:
    """Export ``net`` as ``fmt`` and write it to ``path`` atomically; returns the number of bytes.

    ``ExportError`` when the network cannot be exported (nothing is written); ``OSError``
    when the file cannot be written (the previous file at ``path``, if any, is unchanged).
    """
    data = export_bytes(net, fmt)
    atomic_write(os.path.realpath(os.fspath(path)), data)
    return len(data)


__all__ = [
    "ExportError", "ExportFormat", "FORMATS", "INSTALL_HINT",
    "export_bytes", "export_format", "save_export",
    "numpy_script", "pytorch_script", "onnx_model", "onnx_available",
]
