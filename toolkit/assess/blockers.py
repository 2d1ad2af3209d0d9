"""Blockers: what cannot leave (or only while access lasts), merged by kind, with what to do now."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import ServiceEntry
from ..model import Blocker, Finding, LockIn
from .findings import Judgement


@dataclass(frozen=True)
class Kind:
    """The fixed wording of one kind of blocker."""

    service: str
    title: str
    action_now: str
    deadline: str = "before_notice"


KINDS: dict[str, Kind] = {
    "kms-reencrypt": Kind(
        "kms",
        "KMS keys never leave: data under them is readable only through AWS",
        "Decrypt or re-encrypt now: read each store out through its service (S3 GET, pg_dump, DynamoDB "
        "scan) into storage encrypted with keys you hold (LUKS, age, GPG); KMS ciphertext and encrypted "
        "snapshots are useless outside AWS.",
    ),
    "cognito-passwords": Kind(
        "cognito-idp",
        "Cognito password hashes and MFA secrets cannot be exported",
        "Export user attributes now (ListUsers), stand up the replacement (Keycloak), and plan either a "
        "forced password reset by email at cutover or a lazy migration that verifies each login against "
        "Cognito while the pool is still reachable; tell users MFA must be enrolled again.",
    ),
    "dns-lower-ttl": Kind(
        "route53",
        "Long DNS TTLs stretch the cutover",
        "Lower record TTLs to 60 s now (wait out the old TTL once), and export every zone to zone files "
        "(ListResourceRecordSets) so DNS can be served elsewhere.",
    ),
    "domain-transfer": Kind(
        "route53domains",
        "Domains registered with Route53 are lost with the account",
        "Now: disable the transfer lock (DisableDomainTransferLock), get the authorization code "
        "(RetrieveDomainAuthCode) and start the transfer to another registrar; a transfer takes days and "
        "domains registered or transferred in the last 60 days cannot move.",
    ),
    "acm-export": Kind(
        "acm",
        "Exportable ACM certificates must be exported while access lasts",
        "Export each certificate with its private key now (aws acm export-certificate) and store them in "
        "your secrets store for the new home.",
    ),
    "acm-reissue": Kind(
        "acm",
        "ACM certificates that cannot be exported",
        "Issue replacement certificates (ACME / "
        "Let's Encrypt) for these names on the target before the cutover.",
        "during_notice",
    ),
    "ami-not-exportable": Kind(
        "ec2",
        "Machine images that VM Import/Export cannot export",
        "Rebuild these images from source (Packer, Ansible) now, or copy the needed files out of running "
        "instances (rsync) while access lasts.",
    ),
    "s3-archive-restore": Kind(
        "s3",
        "Archived objects (Glacier, Deep Archive) must be restored before they can be copied",
        "Start standard-tier restores (restore-object, or S3 Batch Operations) now so the objects are "
        "readable when the copy reaches them; Deep Archive takes up to 12 h, bulk restores up to 48 h.",
    ),
}

_DEADLINE_ORDER = {"before_notice": 0, "during_notice": 1, "after": 2}


def _check_blockers(judgements: list[Judgement]) -> dict[str, Blocker]:
    notes: dict[str, list[tuple[str, str, int]]] = {}
    for j in judgements:
        for check in j.checks:
            if check.blocker:
                notes.setdefault(check.blocker.kind, []).append(
                    (j.resource.uid, check.blocker.detail, check.blocker.users)
                )
    blockers = {}
    for kind, items in notes.items():
        spec = KINDS[kind]
        users = sum(u for _, _, u in items)
        title = f"{spec.title} ({users} users)" if users else spec.title
        blockers[kind] = Blocker(
            id=kind,
            service=spec.service,
            title=title,
            detail="; ".join(sorted({d for _, d, _ in items})),
            action_now=spec.action_now,
            resources=sorted({uid for uid, _, _ in items}),
            deadline=spec.deadline,
        )
    return blockers


def _trap_blockers(
    findings: list[Finding], judgements: list[Judgement], covered: set[str]
) -> dict[str, Blocker]:
    entries = {j.entry_id: j.entry for j in judgements if isinstance(j.entry, ServiceEntry)}
    resources: dict[str, set[str]] = {}
    for finding in findings:
        if finding.lock_in is LockIn.trapped and finding.entry in entries and finding.service not in covered:
            resources.setdefault(finding.entry, set()).update(finding.resources)
    blockers = {}
    for entry_id, uids in resources.items():
        entry = entries[entry_id]
        for number, trap in enumerate(entry.traps, start=1):
            blocker_id = f"{entry_id}-trap-{number}"
            blockers[blocker_id] = Blocker(
                id=blocker_id,
                service=entry.id,
                title=" ".join(trap.what.split()),
                detail=" ".join((trap.subtle or trap.what).split()),
                action_now=" ".join(trap.action.split()),
                resources=sorted(uids),
                deadline="before_notice" if trap.when != "never" else "during_notice",
            )
    return blockers


def attach_blockers(
    findings: list[Finding], judgements: list[Judgement]
) -> tuple[list[Finding], list[Blocker]]:
    """Blockers by deadline, trapped services first, then id; findings get their blocker ids."""
    checked = _check_blockers(judgements)
    covered = {b.service for b in checked.values()}
    traps = _trap_blockers(findings, judgements, covered)
    trapped = {f.service for f in findings if f.lock_in is LockIn.trapped}
    blockers = sorted(
        {**checked, **traps}.values(),
        key=lambda b: (_DEADLINE_ORDER[b.deadline], b.service not in trapped, b.id),
    )
    by_resource: dict[str, set[str]] = {}
    for blocker in blockers:
        for uid in blocker.resources:
            by_resource.setdefault(uid, set()).add(blocker.id)
    linked = [
        f.model_copy(
            update={"blockers": sorted({b for uid in f.resources for b in by_resource.get(uid, set())})}
        )
        for f in findings
    ]
    return linked, blockers
