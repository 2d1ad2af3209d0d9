"""What a collector is, and the context it reads AWS through.

A :class:`Collector` reads one kind of thing (one or a few list/describe calls) for one service in
one region and turns it into :class:`~toolkit.model.Resource` objects. It declares the IAM actions
it needs, so ``evac iam-policy`` can print the minimal read-only policy. Collectors never call
boto3 directly: they go through :class:`ScanContext`, which paginates, counts calls and shares
clients. Tags not returned inline come from one Resource Groups Tagging API read per region.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...context import AwsAccess
from ...model import DataSize, Resource, ScanError

GIB = 2**30


@dataclass(frozen=True)
class Collector:
    """One list/describe job for one service, run once per region (or once, if global)."""

    key: str
    service: str
    permissions: tuple[str, ...]
    collect: Callable[[ScanContext], Iterable[Resource]]
    is_global: bool = False
    home_region: str = "us-east-1"
    after: bool = False
    """Run once every other collector has finished, seeing what they found (``ScanShared.found``)."""

    def __post_init__(self) -> None:
        if isinstance(self.permissions, str) or not all(":" in p for p in self.permissions):
            raise ValueError(f"collector {self.key}: permissions must be a tuple of 'prefix:Action'")


class NotServed(Exception):
    """The endpoint (an emulator) does not implement this service or operation."""

    def __init__(self, service: str, operation: str, reason: str) -> None:
        super().__init__(f"{service}:{operation} is not served by the endpoint ({reason})")
        self.service = service
        self.operation = operation
        self.reason = reason


class EmulatorHiccup(NotServed):
    """An HTML 500 from a service that has answered before: most likely transient, so worth a retry."""


def not_served_hook(
    service: str, endpoint: str, answered: Callable[[], bool] = lambda: False
) -> Callable[..., None]:
    """A needs-retry handler that turns an emulator's "not implemented" into :class:`NotServed`.

    Emulators answer a service or operation they lack with an HTML 404/500/501 page (moto) or a
    501 (LocalStack), and hosts with a prefix (``api.``, ``cp.maps.``) cannot resolve at all.
    Raising here stops botocore from retrying what will never succeed. An HTML 500 where the service
    has ``answered`` before (in this region) is an :class:`EmulatorHiccup` instead: the engine runs
    the job again.
    """
    from urllib.parse import urlparse

    import botocore.exceptions as bex

    host = urlparse(endpoint).hostname

    def _check(response: Any = None, caught_exception: Any = None, operation: Any = None, **_: Any) -> None:
        name = getattr(operation, "name", "?")
        if caught_exception is not None:
            if isinstance(caught_exception, bex.EndpointConnectionError):
                target = urlparse(str(caught_exception.kwargs.get("endpoint_url", ""))).hostname
                if target and target != host:
                    raise NotServed(service, name, f"no host {target}")
            return
        if not response:
            return
        http = response[0]
        status = int(getattr(http, "status_code", 0) or 0)
        head = bytes(getattr(http, "content", b"") or b"")[:400].lower()
        if status == 501 or (status in (404, 500) and (b"<html" in head or b"not been implemented" in head)):
            if status == 500 and answered():
                raise EmulatorHiccup(service, name, f"HTTP {status}")
            raise NotServed(service, name, f"HTTP {status}")

    return _check


class CallCounter:
    """Thread-safe count of API calls per ``service:Operation``, fed by botocore's before-call event."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_operation: Counter[str] = Counter()
        self.attempts: Counter[str] = Counter()

    def hook(self, service: str) -> Callable[..., None]:
        """A before-call handler counting calls for ``service``."""

        def _count(model: Any = None, **_: Any) -> None:
            name = f"{service}:{model.name}" if model is not None else f"{service}:?"
            with self._lock:
                self.by_operation[name] += 1

        return _count

    def attempt_hook(self, service: str) -> Callable[..., None]:
        """A before-send handler counting HTTP attempts (a retried call sends more than once)."""

        def _attempt(event_name: str = "", **_: Any) -> None:
            with self._lock:
                self.attempts[f"{service}:{event_name.rsplit('.', 1)[-1]}"] += 1

        return _attempt

    @property
    def retries(self) -> dict[str, int]:
        """Attempts beyond the first, per ``service:Operation``."""
        with self._lock:
            return {
                op: self.attempts[op] - self.by_operation[op]
                for op in sorted(self.attempts)
                if self.attempts[op] > self.by_operation[op]
            }

    @property
    def total(self) -> int:
        """Every call counted so far."""
        with self._lock:
            return sum(self.by_operation.values())


@dataclass
class ScanShared:
    """State shared by every job of one account's scan: session, clients, counters, tag index."""

    access: AwsAccess
    session: Any
    account: str
    partition: str = "aws"
    deep: bool = False
    regions: tuple[str, ...] = ()
    counter: CallCounter = field(default_factory=CallCounter)
    errors: list[ScanError] = field(default_factory=list)
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    unserved: dict[str, str] = field(default_factory=dict)
    answered: set[tuple[str, str]] = field(default_factory=set)
    found: list[Resource] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, service: str, region: str) -> Any:
        """A shared, counted client (boto3 clients are thread-safe; creating them is not)."""
        with self._lock:
            found = self._clients.get((service, region))
            if found is None:
                found = self.access.client(self.session, service, region)
                found.meta.events.register("before-call.*.*", self.counter.hook(service))
                found.meta.events.register("before-send.*.*", self.counter.attempt_hook(service))
                endpoint = self.access.resolved_endpoint()
                found.meta.events.register("after-call.*.*", self._answered_hook(service, region))
                if endpoint:
                    found.meta.events.register_first(
                        "needs-retry.*.*",
                        not_served_hook(service, endpoint, lambda: (service, region) in self.answered),
                    )
                self._clients[(service, region)] = found
            return found

    def _answered_hook(self, service: str, region: str) -> Callable[..., None]:
        def _mark(http_response: Any = None, **_: Any) -> None:
            if http_response is not None and int(getattr(http_response, "status_code", 0) or 0) < 400:
                self.answered.add((service, region))

        return _mark

    def add_error(self, error: ScanError) -> None:
        """Record something that could not be read."""
        with self._lock:
            self.errors.append(error)

    def read_tags(self, region: str, arns: Iterable[str] = ()) -> None:
        """Read the tags of every taggable resource in ``region`` (Resource Groups Tagging API).

        One unfiltered read normally. When it fails (an emulator may fail on a single resource
        type), the tags are read per service of ``arns``, then per resource type of a service that
        still fails, so one bad type loses only its own tags.
        """
        found: dict[str, dict[str, str]] = {}
        kinds: dict[str, set[str]] = {}
        for arn in arns:
            service, kind = _tag_type(arn)
            if service:
                kinds.setdefault(service, set()).add(kind)
        try:
            self._tag_pages(region, found)
        except Exception as exc:  # tags are a nicety; the resources are still listed
            if not kinds:
                self._tag_error(region, None, exc)
            for service, types in sorted(kinds.items()):
                try:
                    self._tag_pages(region, found, [service])
                except Exception as again:
                    for kind in sorted(types - {service}) or [service]:
                        try:
                            self._tag_pages(region, found, [kind])
                        except Exception as still:
                            self._tag_error(region, kind, still)
                    if types == {service}:
                        self._tag_error(region, service, again)
        with self._lock:
            self.tags.update(found)

    def _tag_pages(
        self, region: str, found: dict[str, dict[str, str]], types: list[str] | None = None
    ) -> None:
        paginator = self.client("resourcegroupstaggingapi", region).get_paginator("get_resources")
        for page in paginator.paginate(
            ResourcesPerPage=100, **({"ResourceTypeFilters": types} if types else {})
        ):
            for mapping in page.get("ResourceTagMappingList", []):
                found[mapping["ResourceARN"]] = tag_dict(mapping.get("Tags"))

    def _tag_error(self, region: str, kind: str | None, exc: Exception) -> None:
        from .failures import classify

        code, message = classify(exc)
        self.add_error(
            ScanError(
                scanner="aws",
                service="resourcegroupstaggingapi",
                region=region,
                code=code,
                message=f"tags{f' of {kind} resources' if kind else ''} not read: {message}",
            )
        )


def _tag_type(arn: str) -> tuple[str, str]:
    """``("sagemaker", "sagemaker:endpoint-config")`` for a SageMaker endpoint config's ARN."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return "", ""
    kind = re.split(r"[/:]", parts[5], maxsplit=1)[0]
    return parts[2], f"{parts[2]}:{kind}" if kind and kind != parts[5] else parts[2]


class ScanContext:
    """What a collector sees: one region of one account, with counted, paginated access to AWS."""

    def __init__(self, shared: ScanShared, region: str, service: str) -> None:
        self.shared = shared
        self.region = region
        self.service = service

    @property
    def account(self) -> str:
        """The account being scanned."""
        return self.shared.account

    @property
    def deep(self) -> bool:
        """True when exact sizes are wanted even where a cheaper estimate exists."""
        return self.shared.deep

    def client(self, service: str | None = None, region: str | None = None) -> Any:
        """The counted client for ``service`` (default: the collector's) in this region."""
        return self.shared.client(service or self.service, region or self.region)

    def pages(self, operation: str, key: str, *, service: str | None = None, **params: Any) -> Iterator[Any]:
        """Every item under ``key`` (a dotted path) in every page of ``operation``.

        Operations botocore cannot paginate still follow a top-level ``nextToken``/``NextToken``.
        """
        client = self.client(service)
        if client.can_paginate(operation):
            for page in client.get_paginator(operation).paginate(**params):
                yield from dig(page, key) or []
            return
        token_names = _token_names(client, operation)
        while True:
            page = getattr(client, operation)(**params)
            yield from dig(page, key) or []
            token = next((page[t] for t in token_names if page.get(t)), None)
            if not token:
                return
            params = {**params, **{t: token for t in token_names}}

    def call(self, operation: str, *, service: str | None = None, **params: Any) -> Any:
        """One call of ``operation``."""
        return getattr(self.client(service), operation)(**params)

    def arn(
        self, service: str, resource: str, *, region: str | None = None, account: str | None = None
    ) -> str:
        """An ARN in this partition; pass ``region=""``/``account=""`` for global formats."""
        return (
            f"arn:{self.shared.partition}:{service}:{self.region if region is None else region}:"
            f"{self.account if account is None else account}:{resource}"
        )

    def resource(
        self,
        uid: str,
        type_: str,
        name: str,
        *,
        service: str | None = None,
        region: str | None = None,
        attributes: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
        data: DataSize | None = None,
        depends_on: Iterable[str | None] = (),
    ) -> Resource:
        """A Resource of this account and region, dropping empty attributes and dependencies."""
        return Resource(
            uid=uid,
            service=service or self.service,
            type=type_,
            name=name,
            region=region or self.region,
            account=self.account,
            attributes={k: v for k, v in (attributes or {}).items() if v not in (None, "", [], {})},
            tags=tags or {},
            data=data,
            depends_on=list(dict.fromkeys(d for d in depends_on if d)),
        )


def _token_names(client: Any, operation: str) -> list[str]:
    """The pagination token members (``nextToken``/``NextToken``) both input and output share."""
    model = client.meta.service_model.operation_model(client.meta.method_to_api_mapping[operation])
    inputs = set(model.input_shape.members) if model.input_shape else set()
    outputs = set(model.output_shape.members) if model.output_shape else set()
    return [t for t in ("nextToken", "NextToken") if t in inputs and t in outputs]


def tag_dict(tags: Any) -> dict[str, str]:
    """AWS tags in any of their shapes ([{Key,Value}], [{key,value}], {k: v}) as a plain dict."""
    if not tags:
        return {}
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    out: dict[str, str] = {}
    for tag in tags:
        key = tag.get("Key", tag.get("key"))
        if key is not None:
            out[str(key)] = str(tag.get("Value", tag.get("value", "")))
    return out


def gib(size: Any) -> int:
    """Bytes in ``size`` GiB (0 when unknown)."""
    return int(size or 0) * GIB


def dig(data: Any, path: str) -> Any:
    """``data["A"]["B"]`` for ``path`` ``"A.B"``; None when any step is missing."""
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data
