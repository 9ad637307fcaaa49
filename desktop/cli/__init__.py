"""The headless subcommands ``train``, ``trace`` and ``export`` (one module each) and what they
share (``common``). This package imports no Qt or pyqtgraph (a contract in pyproject.toml), so
the commands run on a machine without a display and start fast."""
