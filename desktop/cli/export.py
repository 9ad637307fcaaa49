"""``backprop-studio export``: a ``.bpnet`` file as a NumPy script, a PyTorch script or an ONNX model.
Imports no Qt.

    backprop-studio export FILE --to numpy|pytorch|onnx --out PATH

The file is written atomically (a temporary file renamed over PATH), so an export that
fails never leaves a half-written file and an existing PATH keeps its old content.
See ``core.export`` for what each format contains.

Exit status: 0 exported (one summary line on stdout); 2 bad arguments, a file that
cannot be exported (cannot be read, an unfinished network, the onnx package missing
for --to onnx) or a PATH that exists and is not a regular file (one line
"backprop-studio: error: …", no traceback); 1 PATH could not be written.
"""

from __future__ import annotations

import argparse

import core
from core.export import FORMATS, ExportError, save_export
from desktop.cli.common import Parser, add_force, error, out_path, parse_and_load

PROG = "backprop-studio export"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Export a .bpnet network as a standalone NumPy script (trains exactly like "
        "Backprop Studio), a PyTorch script or an ONNX model (needs the export extra: "
        "pip install onnx).",
    )
    parser.add_argument("file", metavar="FILE", help="the .bpnet network to export")
    parser.add_argument("--to", required=True, choices=list(FORMATS), dest="fmt",
                        help="numpy (a .py script), pytorch (a .py script) or onnx (a .onnx model)")
    parser.add_argument("--out", required=True, type=out_path, metavar="PATH", help="the file to write")
    add_force(parser, "the export")
    return parser


def writes(args) -> str:
    """What ``--out`` receives, in words."""
    return {"numpy": "a NumPy script", "pytorch": "a PyTorch script", "onnx": "an ONNX model"}.get(args.fmt, "an export")


def main(argv: list[str] | None = None) -> int:
    """Run ``export`` with ``argv`` (the arguments after "export"); returns the exit status."""
    args, net, status = parse_and_load(build_parser(), argv, PROG, writes=writes)
    if args is None:
        return status
    try:
        size = save_export(net, args.fmt, args.out)
    except ExportError as exc:
        return error(f"{args.file}: {exc}", 2)
    except OSError as exc:
        return error(f"{args.out}: cannot write here ({exc.strerror or exc}); nothing was written", 1)
    print(summary(args.file, args.out, net, args.fmt, size))
    return 0


def summary(file: str, out: str, net: core.Network, fmt: str, size: int) -> str:
    """One line: what was exported where, in which format, how big."""
    layers = len(net.layers)
    return (f"exported {file} to {out}: {FORMATS[fmt].label}, {layers} layers, "
            f"{net.flat.size} parameters, {size:,} bytes")
