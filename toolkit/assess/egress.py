"""The egress bill: AWS's tiered internet data-transfer-out prices per region, free allowance once."""

from __future__ import annotations

from ..catalog import EgressPrices, EgressTier
from ..model import DataGravity, Egress, EgressLine

GB = 10**9
"""AWS bills data transfer in GB of 10^9 bytes."""


def tiered_cost(gb: float, tiers: list[EgressTier], free_gb: float = 0.0) -> float:
    """USD for ``gb`` through ``tiers`` (upper bounds cumulative, in GB); the free GB use the first tier."""
    cost, lower = 0.0, 0.0
    start = min(free_gb, gb)
    for tier in tiers:
        upper = float("inf") if tier.up_to_gb is None else tier.up_to_gb
        billable = max(0.0, min(gb, upper) - max(lower, start))
        cost += billable * tier.usd_per_gb
        lower = upper
        if gb <= upper:
            break
    return cost


def egress_bill(data: DataGravity, prices: EgressPrices | None) -> Egress:
    """Egress per region and in total, with the assumptions stated."""
    if prices is None:
        return Egress(usd=0.0, bytes=data.bytes, assumptions=["no egress price table in the catalog"])
    assumptions = [
        f"AWS list prices of {prices.date} for internet data transfer out ({prices.source.strip()})",
        "1 GB = 10^9 bytes; every byte of every store leaves once, over the internet, within one month",
        "tiers apply per region; tier bounds include the free allowance",
        f"the free {prices.free_gb_per_month:g} GB are applied once for the account, to the region with "
        "the highest first-tier price first (ties: by name), where they save the most",
        "no exit waiver: AWS grants one only with account-team approval, after leaving entirely",
    ]
    volumes: dict[str, int] = {}
    for region, size in data.by_region.items():
        priced = region if region in prices.regions else prices.default_region
        if priced != region:
            assumptions.append(f"{region}: no price table; priced as {prices.default_region}")
        volumes[priced] = volumes.get(priced, 0) + size
    order = sorted(volumes, key=lambda r: (-prices.regions[r][0].usd_per_gb, r))
    free_left = prices.free_gb_per_month
    lines = []
    for region in order:
        gb = volumes[region] / GB
        free = min(free_left, gb)
        free_left -= free
        usd = round(tiered_cost(gb, prices.regions[region], free), 2)
        lines.append(EgressLine(region=region, bytes=volumes[region], usd=usd))
    lines.sort(key=lambda line: line.region)
    return Egress(
        usd=round(sum(line.usd for line in lines), 2),
        bytes=sum(line.bytes for line in lines),
        by_region=lines,
        price_date=prices.date,
        assumptions=assumptions,
    )
