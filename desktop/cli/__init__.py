"""The headless subcommands ``train``, ``trace``, ``export`` and ``lesson`` (one module each),
what they share (``common``) and their Ctrl+C handling (``interrupts``). This package imports no
Qt or pyqtgraph (a contract in pyproject.toml), so the commands run on a machine without a
display and start fast."""
