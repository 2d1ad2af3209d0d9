"""Step durations, taken from the audit's model so the plan and the assessment agree.

* engineering steps: the catalog's effort midpoint (times the resources when ``per: resource``),
  shared across the team (``estimate.inputs.team_size``);
* bulk copies: bytes over the effective rate — the link (``bandwidth_bps * efficiency``) or the
  service's own ceiling (``transfer.max_mbps_per_lane * lanes``), whichever is lower — plus setup;
* delta syncs: a tenth of the bulk copy plus setup (changes since the bulk copy started);
* prepare and cutover: the assessment's own phases of that name when it has them.
"""

from __future__ import annotations

from ..catalog import ServiceEntry, Transfer
from ..model import Assessment

SETUP_HOURS = 0.25
DELTA_SHARE = 0.1
MIN_STEP_HOURS = 0.5
DEFAULT_PREPARE_HOURS = 1.0
DEFAULT_CUTOVER_HOURS = 1.0
DECOMMISSION_HOURS = 0.5
PROVISION_COMPONENT_HOURS = 1.0


def _round(hours: float) -> float:
    return round(hours, 2)


class HoursModel:
    """Durations for the steps of one plan, from one assessment."""

    def __init__(self, assessment: Assessment) -> None:
        self._inputs = assessment.estimate.inputs
        self._phases = {p.name.lower(): p.hours for p in assessment.estimate.phases}

    def link_bytes_per_second(self) -> float:
        """What a bulk copy really gets of the link."""
        return self._inputs.bandwidth_bps * self._inputs.efficiency / 8

    def rate(self, transfer: Transfer | None) -> float:
        """Bytes per second one service's bulk copy achieves."""
        link = self.link_bytes_per_second()
        if transfer is None:
            return link
        lanes = min(transfer.max_lanes, self._inputs.parallel_lanes)
        return min(link, transfer.max_mbps_per_lane * 1e6 * lanes)

    def bulk(self, size: int, transfer: Transfer | None) -> float:
        """Hours to copy ``size`` bytes out of one service."""
        return _round(SETUP_HOURS + size / self.rate(transfer) / 3600)

    def delta(self, bulk_hours: float) -> float:
        """Hours to catch up with the changes made during the bulk copy."""
        return _round(SETUP_HOURS + DELTA_SHARE * max(bulk_hours - SETUP_HOURS, 0.0))

    def effort(self, entries: list[tuple[ServiceEntry, int]]) -> float:
        """Wall-clock hours of engineering for these services (entry, resource count), team-shared."""
        engineer_hours = 0.0
        for entry, count in entries:
            low, high = entry.effort.hours
            per = count if entry.effort.per == "resource" else 1
            engineer_hours += (low + high) / 2 * per
        team = max(self._inputs.team_size, 1)
        return _round(max(engineer_hours / team, MIN_STEP_HOURS))

    def phase(self, *names: str, default: float) -> float:
        """The assessment's hours for the first phase named, else ``default``."""
        for name in names:
            if name in self._phases:
                return _round(max(self._phases[name], MIN_STEP_HOURS))
        return default

    def verify(self, resources: int) -> float:
        """Checks take half an hour plus a few minutes per resource, capped at four hours."""
        return _round(min(MIN_STEP_HOURS + 0.05 * resources, 4.0))
