"""Saving is all or nothing: a failure at any point leaves the old file byte-identical and no temporary file."""

import os

import numpy as np
import pytest
from bpnet_docs import random_network

import core
import core.fileio


@pytest.fixture
def saved(tmp_path):
    """(folder, path of an existing good file, its bytes, a network to save over it)."""
    path = tmp_path / "work.bpnet"
    core.save_network(random_network(0), path)
    return tmp_path, path, path.read_bytes(), random_network(1)


def _unchanged(folder, path, old):
    assert path.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [path.name], "a temporary file was left behind"


@pytest.mark.parametrize("spoil,place", [
    (lambda n: n.weights["in", "out"].__setitem__((1, 2), np.nan), "connections[2].weights[1][2]"),
    (lambda n: n.flat.__setitem__(-1, np.inf), "layers[1].bias[3]"),
    (lambda n: setattr(n.training.optimizer, "learning_rate", float("inf")), "training.optimizer.learning_rate"),
    (lambda n: n.move_layer("out", (np.nan, 0.0)), "layers[2].position[0]"),
    (lambda n: n.dataset.inputs.__setitem__((4, 1), -np.inf), "dataset.inputs[4][1]"),
    (lambda n: n.extra.update(notes=[1.0, float("nan")]), ""),
])
def test_non_finite_values_are_refused_with_their_place(saved, spoil, place):
    folder, path, old, net = saved
    spoil(net)
    with pytest.raises(core.NetworkFileError) as info:
        core.save_network(net, path)
    message = str(info.value)
    assert message.startswith(str(path)) and info.value.place == place
    assert ("only finite numbers can be saved" in message) or ("extra fields" in message)
    _unchanged(folder, path, old)


def test_an_unfinished_network_is_refused(saved):
    folder, path, old, net = saved
    net.add_layer("dangling", 2)
    with pytest.raises(core.NetworkFileError, match="cannot be saved yet.*input layer"):
        core.save_network(net, path)
    _unchanged(folder, path, old)


def test_crash_between_write_and_rename_leaves_the_old_file(saved, monkeypatch):
    folder, path, old, net = saved

    def crash(src, dst):
        assert os.path.getsize(src) > 0  # the new bytes were fully written before the rename
        raise OSError(5, "simulated crash before the rename")

    monkeypatch.setattr(core.fileio.os, "replace", crash)
    with pytest.raises(core.NetworkFileError, match="previous file is unchanged"):
        core.save_network(net, path)
    _unchanged(folder, path, old)


def test_interrupt_during_write_leaves_the_old_file(saved, monkeypatch):
    folder, path, old, net = saved

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(core.fileio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        core.save_network(net, path)
    _unchanged(folder, path, old)


def test_unwritable_folder(saved, monkeypatch):
    folder, path, old, net = saved
    real_open = os.open

    def refuse(name, flags, mode=0o777, **kw):
        if str(name).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, mode, **kw)

    monkeypatch.setattr(core.fileio.os, "open", refuse)
    with pytest.raises(core.NetworkFileError, match="cannot save here .Permission denied"):
        core.save_network(net, path)
    _unchanged(folder, path, old)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root and Windows ignore folder permissions")
def test_read_only_folder_for_real(saved):
    folder, path, old, net = saved
    folder.chmod(0o500)
    try:
        with pytest.raises(core.NetworkFileError, match="cannot save here"):
            core.save_network(net, path)
    finally:
        folder.chmod(0o700)
    _unchanged(folder, path, old)


def test_missing_folder(tmp_path):
    with pytest.raises(core.NetworkFileError, match="cannot save here"):
        core.save_network(random_network(0), tmp_path / "no such folder" / "net.bpnet")


def test_windows_rename_is_retried_when_the_file_is_busy(saved, monkeypatch):
    folder, path, old, net = saved
    real_replace, calls = os.replace, []

    def busy_twice(src, dst):
        calls.append(src)
        if len(calls) <= 2:
            raise PermissionError(13, "file in use")
        real_replace(src, dst)

    monkeypatch.setattr(core.fileio.os, "replace", busy_twice)
    monkeypatch.setattr(core.fileio.os, "name", "nt")
    monkeypatch.setattr(core.fileio.time, "sleep", lambda s: None)
    core.save_network(net, path)
    monkeypatch.undo()
    assert len(calls) == 3
    assert core.load_network(path).flat.tobytes() == net.flat.tobytes()
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_success_replaces_the_file_and_keeps_its_permissions(saved):
    folder, path, old, net = saved
    path.chmod(0o640)
    core.save_network(net, path)
    assert path.read_bytes() != old
    assert core.load_network(path).flat.tobytes() == net.flat.tobytes()
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_a_new_file_gets_ordinary_permissions(tmp_path):
    path = tmp_path / "new.bpnet"
    core.save_network(random_network(2), path)
    umask = os.umask(0)
    os.umask(umask)
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_saving_through_a_symlink_replaces_the_target(saved):
    folder, path, old, net = saved
    link = folder / "link.bpnet"
    link.symlink_to(path)
    core.save_network(net, link)
    assert link.is_symlink()
    assert core.load_network(path).flat.tobytes() == net.flat.tobytes()
