"""Training → Cross-validate…: k-fold cross-validation in a process of its own (``process``,
no Qt) and its dialog (``dialog``). The document is never changed."""
