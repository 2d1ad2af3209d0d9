"""The embedded default: a moto server seeded with the reference estate, scanned and audited.

``evac demo`` runs the very scanner and audit users point at real AWS, against an in-process moto
server on a free loopback port, so a new user sees a full readiness audit in well under a minute
without an AWS account. The server is stopped before returning; nothing is left running.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalog import Catalog
from .context import AwsAccess, RunContext
from .model import Assessment, EstimateInputs

DEMO_REGIONS = ("us-east-1", "eu-west-1")
DEMO_CREDENTIALS = ("AKIAEVACDEMO00000000", "evac-demo-secret-not-a-real-key")


class DemoResult(BaseModel):
    """What the demo produced and how long each stage took."""

    assessment: Assessment
    files: list[Path]
    seconds: dict[str, float]


def _quiet_dispatcher() -> Any:
    """moto's WSGI dispatcher, minus the line it prints for every service it does not emulate."""
    import moto.backends as moto_backends
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    class QuietDispatcher(DomainDispatcherApplication):
        def get_backend_for_host(self, host: str | None) -> Any:
            if host is None or host == "moto_api" or host in moto_backends.list_of_moto_modules():
                return host
            return next((b for b, p in self.backend_url_patterns if p.match(f"http://{host}")), None)

    return QuietDispatcher(create_backend_app)


@contextmanager
def local_aws() -> Iterator[str]:
    """An in-process moto server on a free loopback port, emptied first; yields its URL, always stops it.

    Requests for services moto does not emulate get an HTTP 500, which the scanner records as
    skipped; werkzeug's per-request log and tracebacks are silenced so they do not drown the output.
    """
    from werkzeug.serving import make_server

    request_log = logging.getLogger("werkzeug")
    previous_level = request_log.level
    request_log.setLevel(logging.CRITICAL)
    server = make_server("127.0.0.1", 0, _quiet_dispatcher(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="evac-moto-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        reset_moto(url)
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        request_log.setLevel(previous_level)


def reset_moto(url: str) -> None:
    """Empty the moto server's state: servers in one process share their backends."""
    import urllib.request

    with urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=10):
        pass


def run_demo(ctx: RunContext, inputs: EstimateInputs, formats: list[str]) -> DemoResult:
    """Seed, scan, audit and report the reference estate into ``ctx.out_dir``."""
    from . import documents
    from .audit import assess
    from .estate import seed_reference_estate
    from .report import write_reports
    from .scanners.aws import scan

    seconds: dict[str, float] = {}
    catalog = Catalog.load()
    with local_aws() as endpoint:
        access = AwsAccess(endpoint_url=endpoint, static_credentials=DEMO_CREDENTIALS, region=DEMO_REGIONS[0])
        started = ctx.clock()
        with ctx.console.status("seeding the reference estate into a local moto server…"):
            seed_reference_estate(access, DEMO_REGIONS)
        seconds["seed"] = ctx.clock() - started
        started = ctx.clock()
        inventory = scan(access, list(DEMO_REGIONS), progress=not ctx.quiet, console=ctx.console)
        seconds["scan"] = ctx.clock() - started
    started = ctx.clock()
    assessment = assess(inventory, catalog, inputs)
    seconds["audit"] = ctx.clock() - started
    files = [documents.write(ctx.path("inventory.json"), inventory)]
    files += write_reports(assessment, ctx.out_dir, formats)
    return DemoResult(assessment=assessment, files=files, seconds=seconds)


def default_out_dir() -> Path:
    """``./evac-demo-<timestamp>``: a fresh run directory that never overwrites an earlier one."""
    return Path.cwd() / time.strftime("evac-demo-%Y%m%d-%H%M%S")
