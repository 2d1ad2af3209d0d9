"""Parsing and printing of quantities users type and read: durations, bandwidth, bytes."""

from __future__ import annotations

import re

from .errors import InputError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|hr|hours?|d|days?)?\s*$", re.IGNORECASE)
_BANDWIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:bps|bit/s|bit|b/s)?\s*$", re.IGNORECASE)
_SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}


def parse_hours(text: str) -> float:
    """``36h``, ``2d``, ``90m`` or a bare number of hours → hours."""
    match = _DURATION.match(text)
    if not match:
        raise InputError(f"cannot read {text!r} as a duration; use e.g. 36h, 2d or 90m")
    value, unit = float(match.group(1)), (match.group(2) or "h").lower()
    if unit.startswith("m"):
        return value / 60
    if unit.startswith("d"):
        return value * 24
    return value


def parse_bandwidth(text: str) -> float:
    """``1Gbps``, ``500Mbps``, ``10gbit`` → bits per second."""
    match = _BANDWIDTH.match(text)
    if not match or float(match.group(1)) <= 0:
        raise InputError(f"cannot read {text!r} as a bandwidth; use e.g. 1Gbps, 500Mbps or 10gbit")
    return float(match.group(1)) * _SCALE[match.group(2).lower()]


def human_bytes(count: float) -> str:
    """Bytes in decimal units, as providers bill them (1 GB = 10^9 bytes)."""
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if abs(count) < 1000 or unit == "PB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} PB"


def human_hours(hours: float) -> str:
    """Hours as ``45 min``, ``7.5 h`` or ``3.2 days (77 h)``."""
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days ({hours:.0f} h)"
