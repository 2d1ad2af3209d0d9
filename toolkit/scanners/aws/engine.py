"""Run every (collector x region) job of one account concurrently and assemble the inventory."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ... import __version__
from ...context import AwsAccess
from ...errors import CredentialsError, InputError, UnreachableError
from ...model import Inventory, Resource, ScanError, ScannerRun, utcnow
from .base import Collector, EmulatorHiccup, NotServed, ScanContext, ScanShared
from .catalog import collectors
from .failures import classify, is_bad_credentials, is_transient
from .links import link

GLOBAL = "global"
JOB_ATTEMPTS = 3  # a collector whose calls fail transiently (5xx, garbled reply) runs again
JOB_RETRY_SECONDS = 0.5
TAG_PERMISSIONS = ("tag:GetResources",)


@dataclass(frozen=True)
class Job:
    """One collector in one region."""

    collector: Collector
    region: str

    @property
    def label(self) -> str:
        """How the progress display names it."""
        where = GLOBAL if self.collector.is_global else self.region
        return f"{self.collector.key}@{where}"


def scan_account(
    access: AwsAccess,
    regions: list[str] | None,
    *,
    services: list[str] | None = None,
    deep: bool = False,
    workers: int = 16,
    progress: bool = True,
    console: Console | None = None,
) -> Inventory:
    """Scan one account (the identity ``access`` resolves to); see :func:`toolkit.scanners.aws.scan`."""
    chosen = select(services)
    run = ScannerRun(scanner="aws", target="")
    session = access.session()
    shared = ScanShared(access=access, session=session, account="", deep=deep)
    home = access.region or session.region_name or "us-east-1"
    shared.account, shared.partition = _identity(shared, home)
    scan_regions = _regions(shared, home, regions)
    jobs = [
        Job(c, c.home_region if c.is_global else r)
        for c in chosen
        for r in scan_regions
        if not c.is_global or r == scan_regions[0]
    ]
    shared.regions = tuple(scan_regions)
    resources = _run(shared, jobs, workers, progress, console)
    _apply_tags(shared, resources, home, workers)
    link(resources)
    run.target = f"account {shared.account} regions {','.join(scan_regions)}"
    run.finished_at = utcnow()
    run.resources = len(resources)
    run.api_calls = shared.counter.total
    run.api_calls_by_operation = dict(sorted(shared.counter.by_operation.items()))
    run.api_retries = shared.counter.retries
    run.errors = sorted(shared.errors, key=lambda e: (e.service or "", e.region or "", e.code))
    run.skipped = [
        "dynamodb items (sizes from DescribeTable)",
        "secret values",
        "parameter values",
        *(f"{service}: {why}" for service, why in sorted(shared.unserved.items())),
    ]
    denied = [e for e in run.errors if e.code == "AccessDenied"]
    if jobs and not resources and len({(e.service, e.region) for e in denied}) >= len(jobs):
        raise CredentialsError(
            f"access denied to every service in account {shared.account}",
            hint="attach the policy printed by `evac iam-policy` to the identity used",
        )
    return Inventory(tool_version=__version__, resources=resources, runs=[run])


def _apply_tags(shared: ScanShared, resources: list[Resource], home: str, workers: int) -> None:
    """Fill tags not returned inline from one tag-index read per region that has such resources."""
    untagged = [r for r in resources if not r.tags]
    where = {r.uid: home if r.region in (None, GLOBAL) else str(r.region) for r in untagged}
    regions = sorted(set(where.values()))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(regions) or 1))) as pool:
        list(pool.map(lambda at: shared.read_tags(at, [u for u, r in where.items() if r == at]), regions))
    for resource in untagged:
        resource.tags = shared.tags.get(resource.uid, {})


def select(services: Sequence[str] | None) -> list[Collector]:
    """The collectors for ``services`` (boto3 client names), or all; unknown names are an input error."""
    table = collectors()
    if not services:
        return table
    known = {c.service for c in table}
    unknown = sorted(set(services) - known)
    if unknown:
        raise InputError(
            f"--services: unknown service(s) {', '.join(unknown)}",
            hint=f"known: {', '.join(sorted(known))}",
        )
    return [c for c in table if c.service in set(services)]


def _identity(shared: ScanShared, home: str) -> tuple[str, str]:
    """Account id and partition of the caller; fails fast on bad credentials or no endpoint."""
    import botocore.exceptions as bex

    endpoint = shared.access.resolved_endpoint() or f"sts.{home}.amazonaws.com"
    probe = shared.access.probe_client(shared.session, "sts", home)
    probe.meta.events.register("before-call.*.*", shared.counter.hook("sts"))
    try:
        arn = probe.get_caller_identity()["Arn"]
    except (bex.EndpointConnectionError, bex.ConnectTimeoutError, bex.ConnectionClosedError) as exc:
        raise UnreachableError(
            f"cannot reach the AWS endpoint {endpoint}: {exc}",
            hint="check --endpoint-url / AWS_ENDPOINT_URL and the network",
        ) from exc
    except Exception as exc:
        if is_bad_credentials(exc):
            raise CredentialsError(f"AWS rejected the credentials at {endpoint}: {classify(exc)[1]}") from exc
        raise CredentialsError(f"cannot identify the caller at {endpoint}: {classify(exc)[1]}") from exc
    parts = str(arn).split(":")
    return parts[4], parts[1]


def _regions(shared: ScanShared, home: str, wanted: list[str] | None) -> list[str]:
    """The regions to scan: all enabled ones, or those asked for that exist (others become errors)."""
    try:
        enabled = [r["RegionName"] for r in shared.client("ec2", home).describe_regions()["Regions"]]
    except Exception as exc:
        code, message = classify(exc)
        if wanted is None:
            raise CredentialsError(f"cannot list the enabled regions: {message}") from exc
        shared.add_error(
            ScanError(
                scanner="aws",
                service="ec2",
                region=home,
                code=code,
                message=f"regions not checked: {message}",
            )
        )
        return wanted
    if wanted is None:
        return sorted(enabled, key=lambda r: (r != home, r))
    for region in wanted:
        if region not in enabled:
            shared.add_error(
                ScanError(
                    scanner="aws",
                    region=region,
                    code="UnsupportedRegion",
                    message=f"region {region} is not enabled for this account or does not exist",
                )
            )
    valid = [r for r in wanted if r in enabled]
    if not valid:
        raise InputError(f"--regions: none of {', '.join(wanted)} is an enabled region")
    return valid


def _run(
    shared: ScanShared, jobs: list[Job], workers: int, progress: bool, console: Console | None
) -> list[Resource]:
    """Run the jobs in a bounded pool; each failure becomes a ScanError and the rest go on."""
    results: list[Resource] = []
    running: set[str] = set()
    lock = threading.Lock()
    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
        disable=not progress,
    )

    def describe() -> str:
        names = sorted(running)
        more = f" +{len(names) - 3}" if len(names) > 3 else ""
        return f"scanning {shared.account}: {', '.join(names[:3])}{more}"

    def work(job: Job) -> list[Resource]:
        if job.collector.service in shared.unserved:
            return []
        with lock:
            running.add(job.label)
            display.update(task, description=describe())
        try:
            attempt = 1
            while True:
                try:
                    return list(job.collector.collect(ScanContext(shared, job.region, job.collector.service)))
                except Exception as exc:
                    if attempt >= JOB_ATTEMPTS or not is_transient(exc):
                        raise
                    time.sleep(JOB_RETRY_SECONDS * attempt)
                    attempt += 1
        finally:
            with lock:
                running.discard(job.label)

    def fail(job: Job, code: str, message: str) -> None:
        shared.add_error(
            ScanError(
                scanner="aws",
                service=job.collector.service,
                region=GLOBAL if job.collector.is_global else job.region,
                target=f"account {shared.account}",
                code=code,
                message=f"{job.collector.key}: {message}",
            )
        )

    def settle(job: Job, future: Future[list[Resource]]) -> None:
        try:
            found = future.result()
            results.extend(found)
            shared.found.extend(found)
        except EmulatorHiccup as exc:
            fail(job, "HTTP500", f"{exc} after {JOB_ATTEMPTS} tries")
        except NotServed as exc:
            # an emulator without this service: nothing to read there, which is not a failure
            with lock:
                shared.unserved.setdefault(
                    job.collector.service, f"not served by the endpoint ({exc.reason})"
                )
        except Exception as exc:
            fail(job, *classify(exc))
        display.advance(task)

    with display, ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="evac-aws") as pool:
        task = display.add_task(describe(), total=len(jobs))
        for phase in _phases(shared, jobs):
            futures = {pool.submit(work, job): job for job in phase}
            for future in as_completed(futures):
                settle(futures[future], future)
    return _unique(results)


def _phases(shared: ScanShared, jobs: list[Job]) -> list[list[Job]]:
    """Jobs in the order they may run: ``after`` collectors last.

    Against an emulator (an endpoint override) the first region goes alone first, so a service
    the emulator lacks is tried once, not once per region.
    """
    first = [j for j in jobs if not j.collector.after]
    later = [j for j in jobs if j.collector.after]
    if not shared.access.resolved_endpoint() or not shared.regions:
        return [first, later]
    lead = [j for j in first if j.collector.is_global or j.region == shared.regions[0]]
    rest = [j for j in first if j not in lead]
    return [lead, rest, later]


def _unique(resources: list[Resource]) -> list[Resource]:
    """One resource per uid (the first seen), in a stable order."""
    seen: dict[str, Resource] = {}
    for resource in resources:
        seen.setdefault(resource.uid, resource)
    return sorted(seen.values(), key=lambda r: (r.service, r.region or "", r.type, r.uid))
