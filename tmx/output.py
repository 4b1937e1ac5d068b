"""Atomic output: a reader never sees a half-written file, a crash never eats the old one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from align.errors import OutputError


def check_output(*paths: str | Path | None, folder: bool = False) -> None:
    """Fail early (before minutes of encoding), with a useful message, when an output cannot
    be written: files by default, an output folder (created later if need be) with
    ``folder``. ``-`` (stdout) and None (no such output) always can; two outputs may not
    name the same file."""
    named = [Path(p) for p in paths if p is not None and str(p) != "-"]
    for path in named:
        _writable_folder(path) if folder else _file_folder(path)
    resolved = [p.resolve() for p in named]
    if len(set(resolved)) < len(resolved):
        raise OutputError(f"{named[0]}: two outputs name the same file")


def _file_folder(path: Path) -> Path:
    """The folder an output file goes in, checked."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: folder {parent} does not exist; create it first")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give an output file name")
    return parent


def _writable_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file; give a folder")
    existing = next(p for p in (path.absolute(), *path.absolute().parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise OutputError(f"{path}: cannot be created or written in ({existing} is not a "
                          "writable folder)")


def write_atomically(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks streamed from a generator) to a temporary file
    beside ``path``, flush it to disk, then rename."""
    path = Path(path)
    folder = _file_folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror})") from None
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
        raise OutputError(f"{path}: could not be written ({exc.strerror or exc}); "
                         "the previous file, if any, is unchanged") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
