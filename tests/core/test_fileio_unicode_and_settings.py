"""What is saved can be opened again: settings the reader refuses are refused on save, and
text that UTF-8 cannot hold (lone surrogates) gets NetworkFileError on load and on save."""

import json

import pytest

import core


@pytest.fixture
def xor_doc():
    with open(core.example_path("xor"), encoding="utf-8") as f:
        return json.load(f)


def test_a_lone_surrogate_in_a_file_is_refused_on_load(tmp_path, xor_doc):
    xor_doc["name"] = "\ud800"
    path = tmp_path / "bad.bpnet"
    path.write_text(json.dumps(xor_doc), encoding="utf-8")
    with pytest.raises(core.NetworkFileError, match="not valid Unicode") as info:
        core.load_network(path)
    assert str(path) in str(info.value)


def test_a_paired_surrogate_escape_is_an_ordinary_character(tmp_path, xor_doc):
    xor_doc["name"] = "smile \U0001F600"
    path = tmp_path / "ok.bpnet"
    path.write_text(json.dumps(xor_doc), encoding="utf-8")  # written as \\ud83d\\ude00
    assert core.load_network(path).name == "smile \U0001F600"


def test_saving_a_lone_surrogate_leaves_the_old_file(tmp_path):
    path = tmp_path / "net.bpnet"
    net = core.load_network(core.example_path("xor"))
    core.save_network(net, path)
    before = path.read_bytes()
    net.name = "\udc00"
    with pytest.raises(core.NetworkFileError, match="not valid Unicode"):
        core.save_network(net, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.bpnet"]


@pytest.mark.parametrize("change, place", [
    (lambda t: setattr(t.optimizer, "learning_rate", 0.0), "training.optimizer.learning_rate"),
    (lambda t: setattr(t.optimizer, "momentum", 1.5), "training.optimizer.momentum"),
    (lambda t: (setattr(t.optimizer, "momentum", 0.0), setattr(t.optimizer, "nesterov", True)),
     "training.optimizer.nesterov"),
    (lambda t: setattr(t, "validation_fraction", 1.0), "training.validation_fraction"),
])
def test_settings_the_reader_refuses_are_refused_on_save(tmp_path, change, place):
    path = tmp_path / "net.bpnet"
    net = core.load_network(core.example_path("xor"))
    core.save_network(net, path)
    before = path.read_bytes()
    change(net.training)
    with pytest.raises(core.NetworkFileError) as info:
        core.save_network(net, path)
    assert info.value.place == place
    assert path.read_bytes() == before


def test_nesterov_without_momentum_is_refused_on_load(tmp_path, xor_doc):
    xor_doc["training"]["optimizer"].update({"name": "sgd", "momentum": 0.0, "nesterov": True})
    path = tmp_path / "bad.bpnet"
    path.write_text(json.dumps(xor_doc), encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(path)
    assert info.value.place == "training.optimizer.nesterov"
