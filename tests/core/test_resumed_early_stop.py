"""A run early stopping ended, saved with its progress and resumed, is known to have ended so: the resumed trainer's
``stop_reason`` is "early_stopped" and it gives the same reason in words, until its next run (teacher review 23 #2:
the reopened file's Loss caption lost "epoch 12 restored")."""

from __future__ import annotations

import core
from core.resume import resume_saved


def test_a_resumed_early_stopped_run_says_why_it_ended_until_it_runs_again(tmp_path):
    net = core.load_network(core.example_path("early_stopping"))
    trainer = core.Trainer(net)
    result = trainer.run(epochs=500)
    assert result.reason == "early_stopped" and trainer.restored_epoch is not None
    net.progress = core.SavedRun.of(trainer, None)
    path = tmp_path / "stopped.bpnet"
    core.save_network(net, path)

    again = core.Trainer(core.load_network(path))
    assert resume_saved(again)
    assert again.stop_reason == "early_stopped"
    assert again.early_stop_message() == result.message
    again.run(steps=1)  # a new run: it trains on, its patience counted afresh
    assert again.stop_reason is None and again.restored_epoch is None
