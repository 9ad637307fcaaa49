"""A one-way channel between two processes: small pickles through a pipe, bulk arrays through shared memory.

No Qt here (the training process imports this module).

``Sender.send(obj)`` pickles ``obj`` with protocol 5. Every buffer of at least
``OUT_OF_BAND_BYTES`` (a NumPy array's data: parameters, gradients, histories, the
output map, a dataset) is left out of the pickle and copied into one of the sender's
``SLOTS`` shared-memory segments instead; the pipe carries only the small pickle and
where its buffers lie. ``Receiver.recv()`` copies the buffers out of the segment
(one ``memcpy`` each: the receiver may keep the arrays as long as it likes), frees the
slot and unpickles.

Slots are used round-robin and freed in the order they were filled: a
``multiprocessing`` semaphore counts the free ones, so the sender never writes into
a segment the receiver has not copied yet. A segment is reused while the messages fit
it (one above ``LARGE`` only while they need at least a quarter of it); otherwise a new
one of 1.5× the need replaces it, so snapshots, whose sizes change little or (with the
output view or without) by a few times, never make new segments once their slots grew.
A message above the sender's ``transient_above`` (a big dataset in a ``Load``) gets a
segment of its size (or reuses one at most twice that), which the receiver unmaps as
soon as it has copied it: neither process keeps such memory mapped for long. The sender owns its segments and unlinks them in
``close()``; ``Receiver.release_all()`` unlinks the segments of a sender that died
(a killed process cannot clean up after itself).
"""

from __future__ import annotations

import os
import pickle
import select
import threading
import time
from collections import deque
from multiprocessing import shared_memory
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler

#: buffers at least this big travel through shared memory, smaller ones inside the pickle
OUT_OF_BAND_BYTES = 16 * 1024
#: shared-memory segments per sender: messages that may be in flight at once
SLOTS = 4
#: the smallest segment (bytes); a new segment takes 1.5× what its message needs
MIN_SEGMENT = 256 * 1024
#: the window's commands: a message above this many bytes (a big dataset in a ``Load``) is transient;
#: a segment up to this size is never replaced by a smaller one
LARGE = 4 * 2**20
ALIGN = 64


class ChannelClosed(Exception):
    """The other side is gone (or never answered)."""


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


class Sender:
    """The sending end: ``send(obj)``; ``close()`` unlinks its shared memory."""

    def __init__(self, connection, free_slots, slots: int = SLOTS, transient_above: int | None = LARGE):
        """``free_slots``: a ``multiprocessing`` semaphore made with the value ``slots``;
        ``transient_above``: bytes above which a message's segment is made to its size and
        unmapped by the receiver at once (None: never)."""
        self.connection = connection
        self.free_slots = free_slots  # a multiprocessing Semaphore(slots), shared with the Receiver
        self.transient_above = transient_above
        self.segments: list[shared_memory.SharedMemory | None] = [None] * slots
        self._filled = 0  # messages that used a slot so far
        self.bytes_through_shared_memory = 0
        self.segments_made = 0

    def send(self, obj, alive=lambda: True, timeout: float | None = None) -> None:
        """Send ``obj``; waits for a free slot while ``alive()`` (at most ``timeout`` seconds).

        ``ChannelClosed`` when the receiver is gone or did not free a slot in time.
        """
        buffers = []

        def out_of_band(buffer) -> bool:
            raw = buffer.raw()
            if raw.nbytes < OUT_OF_BAND_BYTES:
                return True  # in the pickle
            buffers.append(raw)
            return False

        data = pickle.dumps(obj, protocol=5, buffer_callback=out_of_band)
        slot = None
        if buffers:
            slot = self._fill(buffers, alive, timeout)
        try:
            self.connection.send((data, slot))
        except (OSError, ValueError) as exc:  # a broken pipe, a closed connection
            raise ChannelClosed(str(exc)) from None

    def send_now(self, obj) -> bool:
        """Send ``obj`` only if that cannot wait: it needs no shared memory, and the pipe takes it
        whole at once (a write of at most ``PIPE_BUF`` bytes to a pipe that does not block is all
        or nothing). False: nothing was sent. ``ChannelClosed`` when the receiver is gone."""
        if not isinstance(self.connection, Connection) or not hasattr(select, "PIPE_BUF"):
            return False  # (Windows' pipes: always through ``send``)
        big = []
        data = pickle.dumps(obj, protocol=5, buffer_callback=lambda b: big.append(b) or b.raw().nbytes < OUT_OF_BAND_BYTES)
        if any(b.raw().nbytes >= OUT_OF_BAND_BYTES for b in big):
            return False
        message = bytes(ForkingPickler.dumps((data, None)))  # what ``Connection.send((data, None))`` writes
        if len(message) + 4 > select.PIPE_BUF:  # (+ its 4-byte length header)
            return False
        fd = self.connection.fileno()
        os.set_blocking(fd, False)
        try:
            self.connection.send_bytes(message)
        except BlockingIOError:
            return False  # the pipe is full: the receiver is slow or stopped
        except (OSError, ValueError) as exc:
            raise ChannelClosed(str(exc)) from None
        finally:
            os.set_blocking(fd, True)
        return True

    def _fill(self, buffers, alive, timeout):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.free_slots.acquire(timeout=0.1):
            if not alive() or (deadline is not None and time.monotonic() > deadline):
                raise ChannelClosed("the receiver does not take its messages")
        k = self._filled % len(self.segments)
        self._filled += 1
        need = sum(_aligned(b.nbytes) for b in buffers)
        transient = self.transient_above is not None and need > self.transient_above
        segment = self.segments[k]
        if transient:
            fits = segment is not None and need <= segment.size <= 2 * need
        else:
            fits = segment is not None and need <= segment.size and (segment.size <= LARGE or segment.size <= 4 * need)
        if not fits:
            if segment is not None:
                _discard(segment)
            size = need if transient else max(MIN_SEGMENT, need + need // 2)
            segment = shared_memory.SharedMemory(create=True, size=size)
            self.segments[k] = segment
            self.segments_made += 1
        places, at = [], 0
        for b in buffers:
            segment.buf[at:at + b.nbytes] = b
            places.append((at, b.nbytes))
            at += _aligned(b.nbytes)
        self.bytes_through_shared_memory += at
        return k, segment.name, places, transient

    def close(self) -> None:
        """Unlink every segment (the receiver's copies are its own)."""
        for k, segment in enumerate(self.segments):
            if segment is not None:
                _discard(segment)
                self.segments[k] = None
        try:
            self.connection.close()
        except OSError:
            pass


class Receiver:
    """The receiving end: ``recv()`` (blocks; ``poll(seconds)`` first to wait with a limit)."""

    def __init__(self, connection, free_slots):
        self.connection = connection
        self.free_slots = free_slots
        self.attached: dict[int, shared_memory.SharedMemory] = {}

    def poll(self, seconds: float) -> bool:
        return self.connection.poll(seconds)

    def recv(self):
        """The next object; ``EOFError`` once the sender closed its end (or died)."""
        data, slot = self.connection.recv()
        buffers = []
        if slot is not None:
            k, name, places, transient = slot
            segment = self.attached.get(k)
            if segment is None or segment.name != name:
                if segment is not None:
                    segment.close()
                segment = attach(name)
                self.attached[k] = segment
            buffers = [bytearray(segment.buf[at:at + n]) for at, n in places]
            if transient:  # seldom (a big Load): do not keep its pages mapped
                segment.close()
                del self.attached[k]
            self.free_slots.release()
        return pickle.loads(data, buffers=buffers)

    def close(self) -> None:
        for segment in self.attached.values():
            segment.close()
        self.attached.clear()
        try:
            self.connection.close()
        except OSError:
            pass

    def release_all(self) -> None:
        """The sender died: unlink the segments it had announced, then close."""
        for segment in self.attached.values():
            _discard(segment)
        self.attached.clear()
        self.close()


def attach(name: str) -> shared_memory.SharedMemory:
    """Map the segment ``name`` that the other process made, without registering it with the
    resource tracker both processes share (Python 3.13's ``track=False``). Python 3.11 registers
    every attached segment: when the sender unlinked it before this registration reached the
    tracker (a window ended by SIGTERM while training), the tracker kept the name and warned at
    exit of a "leaked shared_memory object". The sender owns the segment's life."""
    try:
        return shared_memory.SharedMemory(name=name, track=False)
    except TypeError:  # before Python 3.13
        pass
    from multiprocessing import resource_tracker

    register = resource_tracker.register

    def register_all_but_this(resource: str, rtype: str) -> None:
        if rtype != "shared_memory" or resource.lstrip("/") != name.lstrip("/"):
            register(resource, rtype)

    resource_tracker.register = register_all_but_this
    try:
        return shared_memory.SharedMemory(name=name)
    finally:
        resource_tracker.register = register


def _discard(segment: shared_memory.SharedMemory) -> None:
    try:
        segment.close()
    except (BufferError, OSError):
        pass
    try:
        segment.unlink()
    except (FileNotFoundError, OSError):
        pass


class Outbox:
    """A sending end that never blocks its caller: ``put(obj)`` queues, a thread of its own sends.

    The thread hands each object to ``sender.send`` (which may wait for a free slot or for
    room in the pipe while the receiver is slow or stopped). ``supersedes(new, old)`` says
    when a queued object that has not left yet is made moot by a newer one (a newer
    ``Load`` replaces an older one); each object dropped that way goes to ``dropped(obj)``,
    so nothing disappears silently. ``waiting_seconds()`` is how long the oldest object
    has waited to leave (0 when none waits): the owner decides when the receiver "cannot
    take" its messages. After the receiver is gone (``ChannelClosed``) every queued and
    later object goes to ``dropped``.
    """

    def __init__(self, sender: Sender, alive=lambda: True, supersedes=lambda new, old: False,
                 dropped=lambda obj: None, name: str = "outbox"):
        self.sender, self.alive, self.supersedes, self.dropped = sender, alive, supersedes, dropped
        self._queue: deque = deque()  # (obj, monotonic time it was queued)
        self._lock = threading.Condition()
        self._in_hand: float | None = None  # since when the object being sent waits
        self._closing = False
        self.broken = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, obj) -> None:
        """Send ``obj`` now when nothing waits before it and the pipe takes it at once
        (``Sender.send_now``: no hand-over to the thread, which a busy machine may be slow to
        run); else queue it. Any thread; returns at once."""
        moot = []
        with self._lock:  # (the thread takes an object only under it: nothing overtakes)
            if self.broken or self._closing:
                moot.append(obj)
            elif not self._queue and self._in_hand is None and self._sent_now(obj):
                pass
            else:
                kept = deque()
                for old, since in self._queue:
                    if self.supersedes(obj, old):
                        moot.append(old)
                    else:
                        kept.append((old, since))
                kept.append((obj, time.monotonic()))
                self._queue = kept
                self._lock.notify()
        for old in moot:
            self.dropped(old)

    def _sent_now(self, obj) -> bool:
        try:
            return self.sender.send_now(obj)
        except ChannelClosed:
            return False  # the thread meets the closed channel too, and reports the object dropped

    def waiting_seconds(self) -> float:
        """How long the oldest object not yet handed to the pipe has waited."""
        with self._lock:
            times = [since for _, since in self._queue]
            if self._in_hand is not None:
                times.append(self._in_hand)
        return time.monotonic() - min(times) if times else 0.0

    def pending(self) -> int:
        with self._lock:
            return len(self._queue) + (self._in_hand is not None)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closing:
                    self._lock.wait()
                if not self._queue:
                    return
                obj, since = self._queue.popleft()
                self._in_hand = since
            try:
                self.sender.send(obj, alive=lambda: self.alive() and not self.broken)
            except ChannelClosed:
                with self._lock:
                    self.broken = True
                    moot = [obj] + [o for o, _ in self._queue]
                    self._queue.clear()
                    self._in_hand = None
                for old in moot:
                    self.dropped(old)
                return
            with self._lock:
                self._in_hand = None

    def close(self, timeout: float = 1.0) -> bool:
        """Send what is queued (while the receiver lives), then end the thread; True when it ended.

        Call ``give_up()`` first when the receiver will never read again."""
        with self._lock:
            self._closing = True
            self._lock.notify()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def give_up(self) -> None:
        """The receiver is gone for good: a send waiting for a slot stops waiting."""
        self.broken = True
