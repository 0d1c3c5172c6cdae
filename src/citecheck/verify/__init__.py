"""Judging references against what the registries say (pure), and the run that asks them.

``verify_references`` gathers the evidence for every parsed reference through the registry
protocols (:mod:`citecheck.registry.protocol`) and judges it (:mod:`.judge`, :mod:`.match`).
Nothing in this package opens a connection: the registry is passed in.
"""

from citecheck.verify.run import OnlineResult, verify_references

__all__ = ["OnlineResult", "verify_references"]
