"""Atomic output: a reader never sees a half-written file, a crash never eats the old one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from align.errors import AlignError


def check_writable(path: str | Path) -> Path:
    """Fail early, with a useful message, when ``path`` cannot be an output file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise AlignError(f"{path}: folder {folder} does not exist; create it first")
    if path.is_dir():
        raise AlignError(f"{path}: is a folder; give an output file name")
    return folder


def write_atomically(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks streamed from a generator) to a temporary file
    beside ``path``, flush it to disk, then rename."""
    path = Path(path)
    folder = check_writable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AlignError(f"{path}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise AlignError(f"{path}: could not be written ({exc.strerror or exc}); "
                         "the previous file, if any, is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
