"""Export a network to the tools a student moves on to: a NumPy script, a PyTorch script, an ONNX model.

``export_bytes(net, fmt)`` gives the file's bytes for ``fmt`` in ``FORMATS``;
``save_export(net, fmt, path)`` writes them atomically (temporary file + rename, as
``.bpnet`` saving does), so a failed export never leaves a half-written file.
Every refusal is an ``ExportError`` (a ``ValueError``) with a one-line reason.
"""

from .common import ExportError
from .numpy_script import numpy_script

__all__ = ["ExportError", "numpy_script"]
