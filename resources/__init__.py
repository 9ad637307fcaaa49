"""Data shipped with Backprop Studio: example lessons, icons. No logic."""
