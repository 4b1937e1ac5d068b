"""How many cores this process may use: the one reading of it that every stage shares.

``os.cpu_count()`` counts the machine's cores; a container or ``taskset`` may allow
fewer, and starting more workers or threads than that only makes them contend.
"""

from __future__ import annotations

import os


def free_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
