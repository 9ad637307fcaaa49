"""``backprop-studio lesson``: check a guided lesson, or print it as a worksheet. Imports no Qt.

    backprop-studio lesson FILE --check
    backprop-studio lesson FILE [--format text|json|html] [--answers] [--out PATH]

FILE is a ``.bpnet`` file with a ``lesson`` section, or a bundled lesson's name.
``--check`` validates the file (every field and place, as opening it does), computes
every question's answer with the engine and prints each; keys that are not lesson fields
(a misspelt "quesiton") are listed as warnings: they are ignored. Otherwise the lesson is
rendered as a worksheet with blanks (``--answers``: the answer key) as plain text,
JSON (``core.lesson_worksheet.worksheet_dict``) or printable HTML (A4 and Letter), to
stdout or, with --out, written atomically to PATH.

Exit status: 0 done; 2 bad arguments, a file that cannot be read, no lesson, or a question
without an answer (one line "backprop-studio: error: …", no traceback); 1 PATH could not
be written.
"""

from __future__ import annotations

import argparse
import json

import core
from core.lesson import Answers, LessonError, question_context, question_label
from core.lesson_start import start_network
from core.lesson_worksheet import worksheet_html, worksheet_json, worksheet_text
from desktop.cli.common import (Parser, add_force, error, network_file, out_path, parse_and_load, print_or_write,
                                 print_utf8)

PROG = "backprop-studio lesson"
FORMATS = ("text", "json", "html")

LESSON_KEYS = {"version", "title", "steps"}
STEP_KEYS = {"text", "action", "question"}
ACTION_KEYS = {"kind", "phase", "layer", "unit", "source", "target", "j", "i", "value", "steps"}
QUESTION_KEYS = {"kind", "layer", "unit", "source", "target", "j", "i", "sample", "step", "tolerance"}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Check a guided lesson written by hand (--check), or print it as a worksheet "
        "with blanks for the answers (--answers: the answer key).",
    )
    parser.add_argument("file", metavar="FILE", help="a .bpnet file with a lesson (or a bundled lesson's name)")
    parser.add_argument("--check", action="store_true",
                        help="validate the lesson and print every question with its computed answer")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), json or html (a printable worksheet for A4 or Letter)")
    parser.add_argument("--answers", action="store_true", help="fill in the answers (the answer key)")
    parser.add_argument("--out", type=out_path, metavar="PATH", help="write the worksheet to PATH instead of printing it")
    add_force(parser, "the worksheet")
    return parser


def writes(args) -> str:
    """What ``--out`` receives, in words."""
    return {"text": "a text worksheet", "json": "a JSON worksheet", "html": "an HTML worksheet"}[args.format]


def main(argv: list[str] | None = None) -> int:
    """Run ``lesson`` with ``argv`` (the arguments after "lesson"); returns the exit status."""
    args, net, status = parse_and_load(build_parser(), argv, PROG, writes=writes)
    if args is None:
        return status
    if net.lesson is None:
        return error(f"{args.file}: this network file has no lesson (no \"lesson\" section); "
                     "see the README's \"Writing a lesson\"", 2)
    if args.check:
        if args.out is not None or args.answers:
            return error("--check prints its report; it takes no --out or --answers", 2)
        return _check(args.file, net)
    render = {"text": worksheet_text, "json": worksheet_json, "html": worksheet_html}[args.format]
    try:
        text = render(net, args.answers)
    except LessonError as exc:
        return error(f"{args.file}: {exc} (run '{PROG} {args.file} --check')", 2)
    return print_or_write(text, args.out)


def _check(file: str, net: core.Network) -> int:
    lesson = net.lesson
    answers = Answers(start_network(net))  # the lesson's start: what its questions are about
    lines, failed = [], []
    for k, question in lesson.questions():
        where = f"lesson.steps[{k}].question"
        try:
            value = answers.answer(question)
        except LessonError as exc:
            failed.append(f"{where}: {exc}")
            continue
        lines.append(f"  step {k + 1}: {question_label(question, net)} ({question_context(question, net)}) = "
                     f"{core.format_number(value, 6)}   [exact {value!r}; {question.tolerance.describe()}]")
    warnings = [f"  warning: {place} is not a lesson field; it is ignored" for place in unknown_keys(file)]
    n_questions = len(lesson.questions())
    head = (f"{file}: lesson {lesson.title!r}, {len(lesson.steps)} step{'s' if len(lesson.steps) != 1 else ''}, "
            f"{n_questions} question{'s' if n_questions != 1 else ''}")
    if failed:
        print_utf8("\n".join([head, *lines, *warnings]) + "\n")
        return error(f"{file}: {failed[0]}" + (f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""), 2)
    print_utf8("\n".join([head + ": valid", *lines, *warnings]) + "\n")
    return 0


def unknown_keys(file: str) -> list[str]:
    """JSON paths of keys in the file's lesson that are not lesson fields (best effort: [] if unreadable)."""
    try:
        with open(network_file(file), encoding="utf-8-sig") as f:
            lesson = json.load(f).get("lesson")
    except (OSError, ValueError, AttributeError):
        return []
    found: list[str] = []
    _unknown(lesson, "lesson", LESSON_KEYS, found)
    steps = lesson.get("steps") if isinstance(lesson, dict) else None
    for k, step in enumerate(steps if isinstance(steps, list) else []):
        place = f"lesson.steps[{k}]"
        _unknown(step, place, STEP_KEYS, found)
        if isinstance(step, dict):
            _unknown(step.get("action"), place + ".action", ACTION_KEYS, found)
            _unknown(step.get("question"), place + ".question", QUESTION_KEYS, found)
    return found


def _unknown(value, place: str, known: set, found: list[str]) -> None:
    if isinstance(value, dict):
        found.extend(f"{place}.{key}" for key in value if key not in known)
