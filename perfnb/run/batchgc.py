"""Garbage-collector settings for batch work (checking or running many departments in one process).

A department allocates hundreds of thousands of short-lived objects (rows, Decimals, figures)
and almost no reference cycles, so CPython's default thresholds (a collection every 700 net
allocations, each scanning every object the imports left behind) cost about a sixth of the
engine's time. In a batch, the objects alive after the imports are frozen out of collections
and young collections run less often; nothing is left uncollected. Measured with
``bench/bench.py`` (engine alone).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["THRESHOLDS", "batch_gc", "tune_gc"]

#: Collect the youngest generation every 100 000 net allocations (CPython's default: 700), older ones rarely.
THRESHOLDS = (100_000, 50, 1000)


def tune_gc() -> None:
    """For a worker process that only runs a batch: freeze what the imports left and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def batch_gc() -> Iterator[None]:
    """:func:`tune_gc` for the duration of a batch in this process, then the previous settings."""
    old = gc.get_threshold()
    tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
