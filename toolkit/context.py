"""The run context: output directory, dry-run flag, console, clock and AWS session factory.

The only holder of I/O handles. Commands build one and pass it down; nothing global is built at
import time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from .errors import CredentialsError, UnreachableError


@dataclass(frozen=True)
class AwsAccess:
    """How to reach AWS: the standard credential chain plus optional profile, endpoint and role."""

    profile: str | None = None
    endpoint_url: str | None = None
    assume_role: str | None = None
    region: str | None = None
    max_attempts: int = 10
    max_pool_connections: int = 50
    static_credentials: tuple[str, str] | None = field(default=None, repr=False)

    def resolved_endpoint(self) -> str | None:
        """``--endpoint-url`` or ``AWS_ENDPOINT_URL``; None means the real AWS endpoints."""
        return self.endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None

    def session(self) -> Any:
        """A boto3 session from the standard chain (profile, environment, config files, IMDS)."""
        import boto3
        import botocore.exceptions

        if self.static_credentials:
            key_id, secret = self.static_credentials
            return boto3.Session(
                aws_access_key_id=key_id, aws_secret_access_key=secret, region_name=self.region or "us-east-1"
            )
        try:
            session = boto3.Session(profile_name=self.profile, region_name=self.region or None)
        except botocore.exceptions.ProfileNotFound as exc:
            raise CredentialsError(f"AWS profile {self.profile!r} not found in ~/.aws/config") from exc
        if session.get_credentials() is None:
            raise CredentialsError(
                "no AWS credentials found",
                hint="set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile",
            )
        if self.assume_role:
            session = self._assumed(session)
        return session

    def client_config(self) -> Any:
        """botocore config: adaptive retries (backs off on throttling) and a wide connection pool."""
        from botocore.config import Config

        return Config(
            retries={
                "mode": "adaptive",
                "max_attempts": int(os.environ.get("AWS_MAX_ATTEMPTS") or self.max_attempts),
            },
            max_pool_connections=self.max_pool_connections,
            connect_timeout=5,
            read_timeout=30,
            user_agent_extra="evac",
        )

    def client(self, session: Any, service: str, region: str | None) -> Any:
        """A client for ``service`` in ``region`` honouring the endpoint override."""
        return session.client(
            service,
            region_name=region or self.region or session.region_name or "us-east-1",
            endpoint_url=self.resolved_endpoint(),
            config=self.client_config(),
        )

    def probe_client(self, session: Any, service: str, region: str | None) -> Any:
        """Like :meth:`client`, but with two tries and no adaptive back-off: a first call that
        fails in seconds, not after the full retry budget, when nothing answers."""
        from botocore.config import Config

        return session.client(
            service,
            region_name=region or self.region or session.region_name or "us-east-1",
            endpoint_url=self.resolved_endpoint(),
            config=self.client_config().merge(Config(retries={"mode": "standard", "max_attempts": 2})),
        )

    def _assumed(self, session: Any) -> Any:
        import boto3
        import botocore.exceptions

        sts = self.client(session, "sts", None)
        try:
            creds = sts.assume_role(RoleArn=self.assume_role, RoleSessionName="evac-scan")["Credentials"]
        except botocore.exceptions.EndpointConnectionError as exc:
            raise UnreachableError(f"cannot reach STS: {exc}") from exc
        except botocore.exceptions.ClientError as exc:
            raise CredentialsError(f"cannot assume {self.assume_role}: {exc}") from exc
        return boto3.Session(
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
            region_name=session.region_name,
        )


@dataclass
class RunContext:
    """Everything a command needs to do I/O, built once per invocation."""

    out_dir: Path
    dry_run: bool = True
    console: Console = field(default_factory=lambda: Console(stderr=True))
    clock: Callable[[], float] = time.monotonic
    aws: AwsAccess = field(default_factory=AwsAccess)
    quiet: bool = False

    def path(self, name: str) -> Path:
        """A file in the run directory (created on demand)."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        return self.out_dir / name
