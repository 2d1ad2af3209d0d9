"""Quantities users type and read: bandwidth ("1Gbps"), durations ("36h"), bytes, hours."""

from __future__ import annotations

import re

from .errors import InputError

_BANDWIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:bps|bit/s|bit|b/s)?\s*$", re.IGNORECASE)
_BANDWIDTH_UNITS = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|hr|d|w)?\s*$", re.IGNORECASE)
_DURATION_HOURS = {"m": 1 / 60, "min": 1 / 60, "h": 1.0, "hr": 1.0, "d": 24.0, "w": 168.0}


def parse_bandwidth(text: str, *, option: str = "--bandwidth") -> float:
    """``"1Gbps"``, ``"500Mbps"``, ``"10gbit"`` → bits per second (decimal prefixes, as links are sold)."""
    match = _BANDWIDTH.match(str(text))
    if not match:
        raise InputError(
            f"{option}: cannot read {text!r} as a bandwidth",
            hint="use a number and a unit such as 1Gbps, 500Mbps, 10gbit",
        )
    value = float(match.group(1)) * _BANDWIDTH_UNITS[match.group(2).lower()]
    if value <= 0:
        raise InputError(f"{option}: bandwidth must be greater than zero, got {text!r}")
    return value


def parse_duration_hours(text: str, *, option: str = "--notice") -> float:
    """``"36h"``, ``"2d"``, ``"90m"`` (bare numbers are hours) → hours."""
    match = _DURATION.match(str(text))
    if not match:
        raise InputError(f"{option}: cannot read {text!r} as a duration", hint="use e.g. 36h, 2d or 90m")
    value = float(match.group(1)) * _DURATION_HOURS[(match.group(2) or "h").lower()]
    if value <= 0:
        raise InputError(f"{option}: duration must be greater than zero, got {text!r}")
    return value


def human_bytes(count: float) -> str:
    """Decimal (SI) byte count for people: 1.5 TB, 20 GB."""
    value = float(count)
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if abs(value) < 1000 or unit == "PB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} PB"


def human_bps(bps: float) -> str:
    """Bits per second for people: 1 Gbps, 500 Mbps."""
    for unit, scale in (("Tbps", 1e12), ("Gbps", 1e9), ("Mbps", 1e6), ("kbps", 1e3)):
        if bps >= scale:
            return f"{bps / scale:g} {unit}"
    return f"{bps:g} bps"


def human_hours(hours: float) -> str:
    """Hours for people: ``45 min``, ``7.5 h`` or ``3.2 days (77 h)``."""
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days ({hours:.0f} h)"
