"""make_plan: every resource in exactly the steps that act on it, a valid order, the same bytes twice."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from toolkit.audit import assess
from toolkit.catalog import Catalog
from toolkit.documents import dump
from toolkit.errors import InputError
from toolkit.model import Assessment, EstimateInputs, Inventory, Plan
from toolkit.paths import playbooks_dir, terraform_dir
from toolkit.plan import assessment_digest, make_plan
from toolkit.planning.components import load_components
from toolkit.planning.rules import PHASE_ORDER
from toolkit.planning.schedule import schedule

from .conftest import estate_resources

STATEFUL = load_components().stateful()


def _index(plan: Plan) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(plan.steps)}


def _ancestors(plan: Plan, step_id: str) -> set[str]:
    by_id = {s.id: s for s in plan.steps}
    seen: set[str] = set()
    todo = list(by_id[step_id].depends_on)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(by_id[current].depends_on)
    return seen


@pytest.fixture(scope="module")
def plan(assessment: Assessment, catalog: Catalog) -> Plan:
    return make_plan(assessment, catalog, "hetzner")


def test_every_resource_is_in_a_step_and_every_aws_resource_is_decommissioned(
    plan: Plan, assessment: Assessment
) -> None:
    listed = {uid for s in plan.steps for uid in s.resources}
    assert {r.uid for r in assessment.inventory.resources} <= listed
    decommissioned = {uid for s in plan.steps if s.phase == "decommission" for uid in s.resources}
    assert decommissioned == {r.uid for r in assessment.inventory.resources if r.provider == "aws"}
    known = {r.uid for r in assessment.inventory.resources}
    assert listed <= known, "a step lists a resource the assessment does not have"


def test_no_step_lists_a_resource_that_does_not_belong_there(
    plan: Plan, assessment: Assessment, catalog: Catalog
) -> None:
    resources = {r.uid: r for r in assessment.inventory.resources}

    def entry(uid: str):  # type: ignore[no-untyped-def]
        return catalog.match(resources[uid])

    for step in plan.steps:
        for uid in step.resources:
            found = entry(uid)
            if step.phase == "data":
                assert found is not None and found.data_store, f"{step.id} lists non-store {uid}"
            if step.phase in ("provision", "deploy", "verify", "data") and not step.id.startswith(
                "provision-base"
            ):
                assert found is not None and found.component == step.component, f"{step.id}: {uid}"
            if step.phase == "deploy":
                assert step.component not in STATEFUL, f"{step.id} deploys onto a stateful component"
            if step.phase == "cutover":
                assert found is not None and found.component in ("dns", "web"), f"{step.id}: {uid}"
            if step.phase == "decommission":
                assert step.id == f"decommission-{found.id if found else resources[uid].service}"
        if step.phase == "data":
            assert step.resources, f"{step.id} copies nothing"


def test_each_resource_lands_in_the_steps_its_kind_needs(plan: Plan) -> None:
    steps_of: dict[str, set[str]] = {}
    for step in plan.steps:
        for uid in step.resources:
            steps_of.setdefault(uid, set()).add(step.id)
    rds = steps_of["arn:aws:rds:eu-west-1:123456789012:db:orders"]
    assert rds == {
        "prepare-rds",
        "provision-postgres",
        "data-bulk-rds",
        "data-delta-rds",
        "verify-postgres",
        "decommission-rds",
    }
    ec2 = steps_of["arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f00001"]
    assert {"provision-app", "data-bulk-ec2", "deploy-app", "verify-app", "decommission-ec2"} <= ec2
    unknown = steps_of["arn:aws:frobnicator:eu-west-1:123456789012:widget/w-1"]
    assert unknown == {"prepare-review", "decommission-frobnicator"}


def test_steps_are_listed_in_dependency_order_and_phases_never_go_back(plan: Plan) -> None:
    index = _index(plan)
    for i, step in enumerate(plan.steps):
        for dep in step.depends_on:
            assert index[dep] < i, f"{step.id} depends on later {dep}"
    ranks = [PHASE_ORDER.index(s.phase) for s in plan.steps]
    assert ranks == sorted(ranks)
    assert next(s.phase for s in plan.steps) == "prepare"


def test_no_cutover_before_every_data_step_and_no_data_before_its_target(plan: Plan) -> None:
    data = {s.id for s in plan.steps if s.phase == "data"}
    assert data, "the estate has data to copy"
    for cutover in (s for s in plan.steps if s.phase == "cutover"):
        assert data <= _ancestors(plan, cutover.id)
        assert "prepare-dns-ttl" in cutover.depends_on
    provision = {(s.component, s.target): s.id for s in plan.steps if s.phase == "provision"}
    for step in plan.steps:
        if step.phase == "data":
            assert provision[(step.component, step.target)] in _ancestors(plan, step.id), step.id
        if step.id.startswith("data-delta-"):
            assert step.id.replace("delta", "bulk") in step.depends_on
        if step.phase == "decommission":
            assert "cutover-dns" in step.depends_on


def test_critical_path_is_a_chain_that_sums_to_the_plan_hours(plan: Plan) -> None:
    by_id = {s.id: s for s in plan.steps}
    path = plan.critical_path
    assert path[0] in {s.id for s in plan.steps if not s.depends_on}
    for before, after in itertools.pairwise(path):
        assert before in by_id[after].depends_on
    assert sum(by_id[s].hours for s in path) == pytest.approx(plan.hours, abs=0.05)
    assert "cutover-dns" in path


def test_every_step_is_actionable(plan: Plan) -> None:
    for step in plan.steps:
        assert step.title and step.owner and step.hours > 0, step.id
        assert step.commands, f"{step.id} has no commands"
        assert step.verification, f"{step.id} has no verification"
        assert step.rollback, f"{step.id} has no rollback"


def test_hours_come_from_the_model(plan: Plan, assessment: Assessment) -> None:
    by_id = {s.id: s for s in plan.steps}
    link = assessment.estimate.inputs.bandwidth_bps * assessment.estimate.inputs.efficiency / 8
    s3_bytes = next(s.bytes for s in assessment.data.stores if s.service == "s3")
    assert by_id["data-bulk-s3"].hours >= s3_bytes / link / 3600
    assert by_id["data-bulk-s3"].hours > by_id["data-bulk-dynamodb"].hours
    assert by_id["provision-base"].hours == 4 or by_id["provision-base"].hours > 0
    assert by_id["cutover-dns"].hours >= 0.5


def test_commands_refer_to_real_modules_and_playbook_groups(plan: Plan, catalog: Catalog) -> None:
    site = (playbooks_dir() / "site.yml").read_text()
    groups = set(re.findall(r"^\s+hosts:\s*(\S+)", site, re.M))
    module = catalog.targets["hetzner"].terraform_module
    assert any(
        f"terraform -chdir=terraform/{module} apply" in c
        for c in plan.steps[_index(plan)["provision-base"]].commands
    )
    assert (terraform_dir() / module).is_dir(), f"terraform/{module} does not exist"
    for step in plan.steps:
        for command in step.commands + step.verification + step.rollback:
            for limit in re.findall(r"--limit (\S+)", command):
                assert limit in groups, f"{step.id}: --limit {limit} is not a group of site.yml"
            for used in re.findall(r"(?:^|[;&|(]\s*)evac (\w+)", command.strip()):
                assert used in {"scan", "audit", "plan", "runbook", "provision", "demo", "catalog", "report"}
        if step.role:
            assert step.role == "base" or step.role in groups
            assert (playbooks_dir() / "roles" / step.role).is_dir()


def test_same_input_same_bytes(assessment: Assessment, catalog: Catalog) -> None:
    first = dump(make_plan(assessment, catalog, "hetzner", {"rds": "digitalocean"}))
    second = dump(make_plan(assessment, catalog, "hetzner", {"rds": "digitalocean"}))
    assert first == second
    plan = make_plan(assessment, catalog, "hetzner")
    assert plan.generated_at == assessment.generated_at
    assert plan.assessment_digest == assessment_digest(assessment)
    assert plan.schema_ == "evac.plan/1"


def test_unknown_target_names_the_known_ones(assessment: Assessment, catalog: Catalog) -> None:
    with pytest.raises(InputError) as caught:
        make_plan(assessment, catalog, "mars")
    assert "mars" in caught.value.message and "hetzner" in caught.value.message
    with pytest.raises(InputError):
        make_plan(assessment, catalog, "hetzner", {"rds": "mars"})


def _managed_postgres_target(catalog: Catalog) -> str:
    rds = catalog.services["rds"]
    return next(
        t
        for t in sorted(catalog.targets)
        if catalog.targets[t].managed.get("postgres") or rds.equivalents.get(t)
    )


def test_self_hosted_fallback_is_stated_and_managed_is_used_where_it_exists(
    assessment: Assessment, catalog: Catalog
) -> None:
    plan = make_plan(assessment, catalog, "bare-metal")
    postgres = next(s for s in plan.steps if s.id == "provision-postgres")
    assert postgres.self_hosted is True and postgres.role == "postgres"
    assert any("no managed equivalent" in n and "self-hosted" in n for n in postgres.notes)
    assert "ansible-playbook -i hosts.yml playbooks/site.yml --limit postgres" in postgres.commands

    managed = _managed_postgres_target(catalog)
    mixed = make_plan(assessment, catalog, "bare-metal", {"rds": managed})
    step = next(s for s in mixed.steps if s.id == f"provision-postgres-{managed}")
    assert step.self_hosted is False and step.target == managed
    assert f"provision-base-{managed}" in step.depends_on
    assert mixed.target_map == {"rds": managed}


def test_every_target_of_the_catalog_plans(assessment: Assessment, catalog: Catalog) -> None:
    for target in sorted(catalog.targets):
        plan = make_plan(assessment, catalog, target)
        assert plan.target == target and plan.steps
        base = next(s for s in plan.steps if s.id == "provision-base")
        assert f"terraform/{catalog.targets[target].terraform_module}" in base.commands[0]


def test_lost_lists_cognito_passwords(plan: Plan) -> None:
    assert any(b.service == "cognito-idp" and "password" in b.title.lower() for b in plan.lost)
    assert any(b.service == "kms" for b in plan.lost), "catalog traps the audit did not list are kept"


def test_plan_of_the_real_audit(catalog: Catalog, tmp_path: Path) -> None:
    inventory = Inventory(resources=estate_resources())
    assessment = assess(inventory, catalog, EstimateInputs(target="hetzner", notice_hours=36))
    plan = make_plan(assessment, catalog, "hetzner")
    listed = {uid for s in plan.steps for uid in s.resources}
    assert {r.uid for r in inventory.resources} <= listed
    index = _index(plan)
    assert all(index[d] < index[s.id] for s in plan.steps for d in s.depends_on)
    cutover = next(s for s in plan.steps if s.id == "cutover-dns")
    phase = {p.name: p.hours for p in assessment.estimate.phases}
    assert cutover.hours == pytest.approx(max(phase["cutover"], 0.5), abs=0.01)


def test_bulk_copies_share_the_link_so_the_plan_never_beats_the_raw_transfer(plan: Plan) -> None:
    slots = {slot.id: slot for slot in schedule(plan.steps)}
    bulk = sorted((slots[s.id] for s in plan.steps if s.id.startswith("data-bulk-")), key=lambda s: s.start)
    assert len(bulk) >= 2
    for earlier, later in itertools.pairwise(bulk):
        assert later.start >= earlier.end


def test_engineering_effort_is_counted_once_per_component(plan: Plan) -> None:
    by_id = {s.id: s for s in plan.steps}
    deployed = [s for s in plan.steps if s.phase == "deploy"]
    assert deployed
    for deploy in deployed:
        provision = by_id.get(deploy.id.replace("deploy-", "provision-", 1))
        if provision is not None:
            assert provision.hours <= 1.0, f"{provision.id} counts the effort its deploy step counts"


def test_a_step_names_every_replacement_it_stands_up(
    plan: Plan, assessment: Assessment, catalog: Catalog
) -> None:
    services = {r.uid: r.service for r in assessment.inventory.resources}
    for step in plan.steps:
        if step.phase != "provision" or not step.self_hosted:
            continue
        for uid in step.resources:
            entry = catalog.service(services[uid])
            if entry is not None and not entry.equivalents.get(step.target or ""):
                named = [r.name for r in entry.replacements if r.kind == "self-hosted"] or [
                    entry.replacements[0].name
                ]
                assert named[0] in (step.replacement or ""), f"{step.id} does not name {named[0]} for {uid}"


def test_services_sharing_a_component_keep_their_own_replacements(catalog: Catalog) -> None:
    from toolkit.model import Resource

    from .conftest import build_assessment

    extra = Resource(
        uid="arn:aws:events:us-east-1:123456789012:rule/nightly",
        service="events",
        type="AWS::Events::Rule",
        name="nightly",
        region="us-east-1",
    )
    plan = make_plan(build_assessment(catalog, [*estate_resources(), extra]), catalog, "bare-metal")
    queue = next(s for s in plan.steps if s.id == "provision-queue")
    for service in ("sqs", "events"):
        entry = catalog.services[service]
        name = next(
            (r.name for r in entry.replacements if r.kind == "self-hosted"), entry.replacements[0].name
        )
        assert name in (queue.replacement or ""), f"{service}: {name} missing from {queue.replacement!r}"
