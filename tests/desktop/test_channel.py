"""The process channel (pickles through a pipe, bulk arrays through shared memory) and the training
process's life without a window: no Qt needed."""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing import shared_memory

import numpy as np
import pytest

from desktop.training.channel import OUT_OF_BAND_BYTES, SLOTS, ChannelClosed, Receiver, Sender
from desktop.training.process import ACKNOWLEDGE, serve
from desktop.training.messages import Load, Quit, Report, Run
from test_training_support import xor_network

CTX = multiprocessing.get_context("spawn")


def channel():
    read, write = CTX.Pipe(duplex=False)
    free = CTX.Semaphore(SLOTS)
    return Sender(write, free), Receiver(read, free)


def exists(name: str) -> bool:
    try:
        segment = shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        return False
    segment.close()
    return True


def test_small_messages_stay_in_the_pipe_and_big_arrays_go_through_shared_memory():
    sender, receiver = channel()
    try:
        small = {"a": np.arange(10.0), "text": "hi"}
        sender.send(small)
        got = receiver.recv()
        assert np.array_equal(got["a"], small["a"]) and got["text"] == "hi"
        assert sender.bytes_through_shared_memory == 0 and not receiver.attached
        big = np.random.default_rng(0).normal(size=(300, 50))  # 120 kB
        mixed = (big, np.arange(3), big[:, 0].copy())
        sender.send(mixed)
        got = receiver.recv()
        assert all(np.array_equal(g, m) for g, m in zip(got, mixed))
        assert sender.bytes_through_shared_memory >= big.nbytes
        assert receiver.attached
        # the receiver's arrays are its own: the sender may overwrite its segment at once
        got[0][0, 0] = 123.0
        assert big[0, 0] != 123.0
    finally:
        sender.close()
        receiver.close()


def test_slots_are_reused_and_grow_and_the_sender_unlinks_them():
    sender, receiver = channel()
    names = set()
    try:
        for k in range(3 * SLOTS):
            sender.send(np.full(OUT_OF_BAND_BYTES // 8 * (1 + k), float(k)))  # each bigger than the last
            got = receiver.recv()
            assert got[0] == k and len(got) == OUT_OF_BAND_BYTES // 8 * (1 + k)
            names |= {s.name for s in sender.segments if s is not None}
        # a full ring blocks the sender until the receiver takes a message
        for k in range(SLOTS):
            sender.send(np.zeros(OUT_OF_BAND_BYTES // 8))
        with pytest.raises(ChannelClosed):
            sender.send(np.zeros(OUT_OF_BAND_BYTES // 8), timeout=0.3)
    finally:
        sender.close()
        receiver.close()
    assert names and not any(exists(name) for name in names)


def test_release_all_unlinks_the_segments_of_a_sender_that_died():
    sender, receiver = channel()
    sender.send(np.zeros(OUT_OF_BAND_BYTES))
    receiver.recv()
    names = [s.name for s in sender.segments if s is not None]
    sender.segments = [None] * SLOTS  # as if its process had been killed: it unlinks nothing
    sender.close()
    receiver.release_all()
    assert names and not any(exists(name) for name in names)


def start_process():
    commands_read, commands_write = CTX.Pipe(duplex=False)
    results_read, results_write = CTX.Pipe(duplex=False)
    commands_free, results_free = CTX.Semaphore(SLOTS), CTX.Semaphore(SLOTS)
    process = CTX.Process(target=serve, args=(commands_read, results_write, commands_free, results_free), daemon=True)
    process.start()
    commands_read.close()
    results_write.close()
    return process, Sender(commands_write, commands_free), Receiver(results_read, results_free)


def next_message(inbox, kind, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if inbox.poll(0.1):
            got, payload = inbox.recv()
            if got == kind:
                return payload
    raise AssertionError(f"no {kind!r} message within {timeout} s")


def test_the_process_trains_answers_and_ends_on_quit():
    process, outbox, inbox = start_process()
    try:
        assert next_message(inbox, "hello") == process.pid
        outbox.send(Load(1, xor_network()))
        assert next_message(inbox, "finished").state == "ready"
        outbox.send(Run(steps=25))
        snap = next_message(inbox, "finished")
        assert (snap.session, snap.state, snap.step) == (1, "completed", 25)
        outbox.send(ACKNOWLEDGE)
        outbox.send(Report())
        report = next_message(inbox, "report")
        assert report["step"] == 25 and not report["running"] and report["qt_loaded"] is False
        outbox.send(Quit())
        process.join(10)
        assert process.exitcode == 0
    finally:
        if process.is_alive():
            process.kill()
            process.join(2)
        outbox.close()
        inbox.release_all()


def test_the_process_ends_by_itself_when_the_window_is_gone_even_mid_run():
    process, outbox, inbox = start_process()
    try:
        next_message(inbox, "hello")
        outbox.send(Load(1, xor_network()))
        outbox.send(Run())  # trains until told otherwise
        next_message(inbox, "snapshot")
        # the window dies: both its pipe ends close, nobody sends Quit
        outbox.close()
        inbox.release_all()
        process.join(10)
        assert not process.is_alive()
    finally:
        if process.is_alive():
            process.kill()
            process.join(2)


def test_messages_of_steady_size_reuse_their_segments_and_big_ones_are_transient():
    """Snapshots (sizes that change a little, or a few times smaller now and then) never make new
    segments once their slots grew; a message above ``transient_above`` is unmapped by the
    receiver at once."""
    read, write = CTX.Pipe(duplex=False)
    free = CTX.Semaphore(SLOTS)
    sender, receiver = Sender(write, free, transient_above=None), Receiver(read, free)
    try:
        rng = np.random.default_rng(0)
        for k in range(6 * SLOTS):
            size = 100_000 + int(rng.integers(-20_000, 20_000))  # about 800 kB
            if k % 3 == 1:
                size //= 4  # a snapshot without the output view can be a few times smaller
            sender.send(np.full(size, float(k)))
            assert receiver.recv()[-1] == k
        assert sender.segments_made <= 2 * SLOTS  # each slot grew at most once, then kept its segment
        made = sender.segments_made
        for k in range(6 * SLOTS):
            sender.send(np.full(30_000 if k % 2 else 110_000, float(k)))
            assert receiver.recv()[-1] == k
        assert sender.segments_made == made
        assert len(receiver.attached) == SLOTS
    finally:
        sender.close()
        receiver.close()
    read, write = CTX.Pipe(duplex=False)
    free = CTX.Semaphore(SLOTS)
    sender, receiver = Sender(write, free, transient_above=OUT_OF_BAND_BYTES * 4), Receiver(read, free)
    try:
        sender.send(np.zeros(OUT_OF_BAND_BYTES // 4))  # half the limit: kept mapped
        receiver.recv()
        assert len(receiver.attached) == 1
        big = np.arange(OUT_OF_BAND_BYTES, dtype=float)  # twice the limit
        sender.send(big)
        assert np.array_equal(receiver.recv(), big)
        assert len(receiver.attached) == 1  # the big one's segment is not kept mapped
        assert sender.segments[1].size == big.nbytes  # made to measure
    finally:
        sender.close()
        receiver.close()


def test_the_outbox_never_blocks_its_caller_coalesces_what_is_moot_and_says_what_it_dropped():
    """While the receiver reads nothing (every slot full), ``put`` returns at once; a newer Load
    replaces an older one still queued (reported to ``dropped``); once the receiver reads, the rest
    leaves in order."""
    from desktop.training.channel import Outbox
    from desktop.training.messages import Follow
    from desktop.training.worker import supersedes

    sender, receiver = channel()
    big = np.zeros(OUT_OF_BAND_BYTES // 8 + 1)  # needs a shared-memory slot
    dropped = []
    outbox = Outbox(sender, supersedes=supersedes, dropped=dropped.append)
    try:
        for k in range(SLOTS):
            outbox.put(("filler", k, big))
        outbox.put(Load(1, big, version=1))  # waits for a slot: in the outbox's thread, not here
        deadline = time.monotonic() + 5
        while outbox.pending() > 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert outbox.pending() == 1  # the fillers left, the Load waits in the sender's hands
        began = time.perf_counter()
        outbox.put(Run(steps=1, version=1))
        outbox.put(Follow(version=2))
        outbox.put(Load(2, big, version=3))
        assert time.perf_counter() - began < 0.05
        time.sleep(0.3)
        assert outbox.waiting_seconds() >= 0.25
        # the Load of version 1 is in the sender's hands already (waiting for a slot); the Run and
        # the Follow queued behind it are moot
        assert [type(c).__name__ for c in dropped] == ["Run", "Follow"]
        got = [receiver.recv() for _ in range(SLOTS + 2)]
        assert [g[1] for g in got[:SLOTS]] == list(range(SLOTS))
        assert [(type(g).__name__, g.version) for g in got[SLOTS:]] == [("Load", 1), ("Load", 3)]
        assert outbox.waiting_seconds() == 0 and outbox.pending() == 0
    finally:
        outbox.give_up()
        assert outbox.close(2.0)
        sender.close()
        receiver.close()


def test_a_small_command_leaves_before_put_returns_and_never_overtakes_one_still_waiting():
    """With nothing queued before it, a small command goes into the pipe on the caller's thread
    (the outbox's thread may be slow to run on a busy machine, and a Step would wait for it); a
    command that needs shared memory, and any command after it, keep their order through the thread."""
    import threading

    from desktop.training.channel import Outbox
    from desktop.training.messages import Follow

    release = threading.Event()

    class SlowSender(Sender):  # the outbox's thread stays in its send until released
        def send(self, obj, alive=lambda: True, timeout=None):
            release.wait(10)
            super().send(obj, alive, timeout)

    read, write = CTX.Pipe(duplex=False)
    free = CTX.Semaphore(SLOTS)
    sender, receiver = SlowSender(write, free), Receiver(read, free)
    outbox = Outbox(sender)
    big = np.arange(OUT_OF_BAND_BYTES // 8 + 1, dtype=np.float64)
    try:
        outbox.put(Run(steps=1, version=1))
        assert receiver.poll(0), "the command waited for the outbox's thread"
        assert receiver.recv() == Run(steps=1, version=1) and outbox.pending() == 0
        outbox.put(("big", big))  # needs a shared-memory slot: through the (slow) thread
        outbox.put(Follow(version=2))  # behind it: queued, not sent first
        assert not receiver.poll(0.3)
        release.set()
        first, second = receiver.recv(), receiver.recv()
        assert first[0] == "big" and np.array_equal(first[1], big)
        assert second == Follow(version=2)
    finally:
        release.set()
        outbox.give_up()
        assert outbox.close(2.0)
        sender.close()
        receiver.close()
