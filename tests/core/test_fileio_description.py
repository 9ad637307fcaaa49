"""A file's description has a sane cap: a 4 MB "description" froze the window; now the reader
refuses it with a message naming the field, and the writer never writes a file the reader refuses."""

from __future__ import annotations

import json

import pytest

import core
from core.fileio import MAX_DESCRIPTION_LENGTH


def xor_doc() -> dict:
    with open(core.example_path("xor"), encoding="utf-8") as f:
        return json.load(f)


def test_a_long_lesson_text_loads(tmp_path):
    doc = xor_doc()
    doc["description"] = "A lesson. " * (MAX_DESCRIPTION_LENGTH // 10)
    path = tmp_path / "long.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert len(core.load_network(path).description) == MAX_DESCRIPTION_LENGTH


def test_a_description_over_the_cap_is_refused_with_a_clear_message(tmp_path):
    doc = xor_doc()
    doc["description"] = "x" * 4_000_000
    path = tmp_path / "huge.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network(path)
    message = str(caught.value)
    assert "huge.bpnet" in message and "description" in message
    assert f"at most {MAX_DESCRIPTION_LENGTH:,} characters, found 4,000,000" in message


def test_saving_refuses_a_description_the_reader_would_refuse(tmp_path):
    net = core.load_network(core.example_path("xor"))
    net.description = "x" * (MAX_DESCRIPTION_LENGTH + 1)
    target = tmp_path / "out.bpnet"
    with pytest.raises(core.NetworkFileError, match="description"):
        core.save_network(net, target)
    assert not target.exists()
