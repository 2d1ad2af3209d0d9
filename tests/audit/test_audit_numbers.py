"""Exact numbers: data gravity, score, estimate and egress, recomputed independently here."""

from __future__ import annotations

import pytest
from audit_builders import NOW, inventory, record, res

from toolkit.assess.egress import egress_bill
from toolkit.assess.gravity import data_gravity
from toolkit.audit import assess, parse_bandwidth, parse_duration_hours
from toolkit.catalog import Catalog, EgressPrices
from toolkit.errors import InputError
from toolkit.model import EstimateInputs, LockIn

TB = 10**12


@pytest.mark.parametrize(
    ("text", "bps"),
    [("1Gbps", 1e9), ("500Mbps", 5e8), ("10gbit", 1e10), ("2.5 Gbps", 2.5e9), ("100mbit/s", 1e8)],
)
def test_bandwidth_parses(text: str, bps: float) -> None:
    assert parse_bandwidth(text) == bps


@pytest.mark.parametrize("text", ["fast", "", "-1Gbps", "0Mbps", "1Gbpz", "1 GB"])
def test_bandwidth_nonsense_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="--bandwidth"):
        parse_bandwidth(text)


@pytest.mark.parametrize(("text", "hours"), [("36h", 36.0), ("2d", 48.0), ("90m", 1.5), ("12", 12.0)])
def test_durations_parse(text: str, hours: float) -> None:
    assert parse_duration_hours(text) == hours


def test_duration_nonsense_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--notice"):
        parse_duration_hours("soon")


def test_data_gravity_sums_each_store_once() -> None:
    inv = inventory(
        res("arn:aws:s3:::a", "s3", "AWS::S3::Bucket", size=3 * TB),
        res("arn:aws:s3:::b", "s3", "AWS::S3::Bucket", region="eu-west-1", size=5 * 10**9),
        res("arn:aws:dynamodb:us-east-1:1:table/t", "dynamodb", "AWS::DynamoDB::Table", size=7),
        res("arn:aws:sqs:us-east-1:1:q", "sqs", "AWS::SQS::Queue"),
    )
    gravity = data_gravity(inv)
    assert gravity.bytes == 3 * TB + 5 * 10**9 + 7
    assert gravity.by_service == {"dynamodb": 7, "s3": 3 * TB + 5 * 10**9}
    assert gravity.by_region == {"eu-west-1": 5 * 10**9, "us-east-1": 3 * TB + 7}
    assert [s.uid for s in gravity.stores] == [
        "arn:aws:s3:::a",
        "arn:aws:s3:::b",
        "arn:aws:dynamodb:us-east-1:1:table/t",
    ]


def test_egress_20_tb_in_us_east_1(prices: EgressPrices) -> None:
    gravity = data_gravity(inventory(res("arn:aws:s3:::big", "s3", "AWS::S3::Bucket", size=20480 * 10**9)))
    bill = egress_bill(gravity, prices)
    expected = (10240 - 100) * 0.09 + (20480 - 10240) * 0.085
    assert bill.usd == pytest.approx(round(expected, 2))
    assert bill.usd == 1783.0
    assert bill.bytes == 20480 * 10**9
    assert any("100 GB" in a for a in bill.assumptions)


def test_egress_all_tiers_and_free_allowance_once(prices: EgressPrices) -> None:
    gravity = data_gravity(
        inventory(
            res("arn:aws:s3:::huge", "s3", "AWS::S3::Bucket", size=200_000 * 10**9),
            res("arn:aws:s3:::sg", "s3", "AWS::S3::Bucket", region="ap-southeast-1", size=50 * 10**9),
            res("arn:aws:s3:::mars", "s3", "AWS::S3::Bucket", region="mars-north-1", size=10 * 10**9),
        )
    )
    bill = egress_bill(gravity, prices)
    # the free 100 GB go first to the dearest first tier: ap-southeast-1 (0.12) takes 50 GB of it,
    # then us-east-1 (0.09; mars-north-1 is priced as us-east-1 and merged into it) takes the other 50
    us = (10240 - 50) * 0.09 + 40960 * 0.085 + 102400 * 0.07 + (200_010 - 153600) * 0.05
    lines = {line.region: line.usd for line in bill.by_region}
    assert lines == {"ap-southeast-1": 0.0, "us-east-1": round(us, 2)}
    assert bill.usd == round(us, 2)
    assert any("mars-north-1" in a for a in bill.assumptions)


def test_score_formula_and_breakdown(catalog: Catalog) -> None:
    inv = inventory(
        res("arn:aws:rds:us-east-1:1:db:pg", "rds", "AWS::RDS::DBInstance", engine="postgres", size=10),
        res("arn:aws:rds:us-east-1:1:db:ora", "rds", "AWS::RDS::DBInstance", engine="oracle-ee", size=10),
        res("arn:aws:cognito-idp:us-east-1:1:userpool/p", "cognito-idp", "AWS::Cognito::UserPool", users=5),
        res("arn:aws:frobnicator:us-east-1:1:thing/x", "frobnicator", "AWS::Frobnicator::Thing"),
    )
    a = assess(inv, catalog, EstimateInputs(target="test-metal"), now=NOW)
    # portable 0 + proprietary 0.6 + trapped 1.0 + unknown (proprietary) 0.6, over 4 resources
    assert a.score.value == round(100 * (1 - (0 + 0.6 + 1.0 + 0.6) / 4), 1) == 45.0
    assert a.score.by_level == {"portable": 1, "compatible": 0, "proprietary": 2, "trapped": 1}
    rows = {(c.service, c.lock_in): (c.resources, c.penalty) for c in a.score.breakdown}
    assert rows[("rds", LockIn.proprietary)] == (1, 15.0)
    assert rows[("cognito-idp", LockIn.trapped)] == (1, 25.0)
    assert rows[("rds", LockIn.portable)] == (1, 0.0)
    assert 100 - sum(c.penalty for c in a.score.breakdown) == pytest.approx(a.score.value)


def test_estimate_phases_recompute_from_stated_inputs(catalog: Catalog) -> None:
    size = 4 * TB
    inv = inventory(
        res("arn:aws:dynamodb:us-east-1:1:table/t", "dynamodb", "AWS::DynamoDB::Table", size=size),
        record("www", "A", 1800),
        record("z", "NS", 172800),
    )
    inputs = EstimateInputs(
        bandwidth_bps=parse_bandwidth("1Gbps"), team_size=2, target="test-metal", notice_hours=36
    )
    a = assess(inv, catalog, inputs, now=NOW)
    est = a.estimate
    phases = {p.name: p for p in est.phases}
    entry = catalog.services["dynamodb"]
    assert entry.transfer is not None
    lane_bps = min(entry.transfer.max_lanes, inputs.parallel_lanes) * entry.transfer.max_mbps_per_lane * 8e6
    link = 1e9 * 0.8
    transfer = max(size * 8 / min(link, lane_bps) / 3600, size * 8 / 1e9 / 3600)
    assert phases["transfer"].hours == pytest.approx(transfer, abs=1e-4)
    assert est.transfer_hours == pytest.approx(size * 8 / 1e9 / 3600, abs=1e-4)
    assert phases["provision"].hours == 6.0
    assert phases["cutover"].hours == pytest.approx(1800 / 3600, abs=1e-4)  # NS records are left out
    dynamo = next(f for f in a.findings if f.entry == "dynamodb")
    person_hours = sum(
        (f.effort_hours[0] + f.effort_hours[1]) / 2
        for f in a.findings
        if f.lock_in.rank >= LockIn.proprietary.rank
    )
    assert dynamo.effort_hours == entry.effort.hours
    assert phases["rebuild"].hours == pytest.approx(person_hours / 2, abs=1e-4)
    assert phases["verify"].hours == 1.25
    # longest path: prepare → provision → max(transfer, rebuild) → cutover → verify
    expected = 2.0 + 6.0 + max(phases["transfer"].hours, phases["rebuild"].hours) + 0.5 + 1.25
    assert est.hours == pytest.approx(expected, abs=1e-3)
    assert est.critical_path[:2] == ["prepare", "provision"] and est.critical_path[-2:] == [
        "cutover",
        "verify",
    ]
    assert est.fits_notice is (est.hours <= 36)
    assert est.hours >= est.transfer_hours
    assert f"{size} B" in phases["transfer"].detail and "800 Mbps" in phases["transfer"].detail


def test_archive_restore_delay_extends_transfer(catalog: Catalog) -> None:
    size = 10**9
    inv = inventory(
        res("arn:aws:s3:::cold", "s3", "AWS::S3::Bucket", size=size, storage_classes={"DEEP_ARCHIVE": size})
    )
    a = assess(inv, catalog, EstimateInputs(target="test-metal"), now=NOW)
    transfer = next(p for p in a.estimate.phases if p.name == "transfer")
    assert transfer.hours >= 12.0
    assert transfer.hours < 12.1
    assert any(b.id == "s3-archive-restore" for b in a.blockers)


def test_estimate_is_never_below_raw_transfer_even_with_huge_lanes(catalog: Catalog) -> None:
    inv = inventory(res("arn:aws:s3:::a", "s3", "AWS::S3::Bucket", size=50 * TB))
    a = assess(inv, catalog, EstimateInputs(bandwidth_bps=1e11, efficiency=1.0, target="test-metal"), now=NOW)
    transfer = next(p for p in a.estimate.phases if p.name == "transfer")
    assert transfer.hours >= a.estimate.transfer_hours == pytest.approx(50 * TB * 8 / 1e11 / 3600, abs=1e-4)


def test_bad_inputs_and_unknown_target_are_input_errors(catalog: Catalog) -> None:
    inv = inventory()
    with pytest.raises(InputError, match="--target"):
        assess(inv, catalog, EstimateInputs(target="atlantis"), now=NOW)
    with pytest.raises(InputError, match="team-size"):
        assess(inv, catalog, EstimateInputs(team_size=0, target="test-metal"), now=NOW)


def test_assess_is_deterministic(catalog: Catalog) -> None:
    resources = [res(f"arn:aws:s3:::b{i}", "s3", "AWS::S3::Bucket", size=i * 1000) for i in range(5)] + [
        res("arn:aws:sqs:us-east-1:1:q", "sqs", "AWS::SQS::Queue")
    ]
    first = assess(inventory(*resources), catalog, EstimateInputs(target="test-metal"), now=NOW)
    again = assess(inventory(*reversed(resources)), catalog, EstimateInputs(target="test-metal"), now=NOW)
    assert first.model_dump(exclude={"inventory"}) == again.model_dump(exclude={"inventory"})
