"""The characters that typography varies and the stages must treat alike."""

DASHES = "-‐‑‒–—―−"
"""Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar and
minus: what ranges ("3–5", "271-8") and page spans are written with."""
