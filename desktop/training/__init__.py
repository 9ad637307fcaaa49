"""Live training: the training process and the window's end of it (worker, controller), the
toolbars, the step-through and their wiring into the window."""
