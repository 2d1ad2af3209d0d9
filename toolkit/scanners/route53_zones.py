"""Live Route53 hosted zones for the path scan: record sets read (never changed) and kept as JSON.

``evac scan path --route53-zone example.com`` reads the zone's record sets with ``ListHostedZones``
and ``ListResourceRecordSets`` only (both in ``evac iam-policy``), writes them to the run directory
in the shape of ``aws route53 list-resource-record-sets`` output, and hands that file to the DNS
scanner, so every MX/NS/CNAME finding points at a line of a file the user can open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..context import AwsAccess
from ..documents import write_text
from ..errors import CredentialsError, InputError, UnreachableError

_ZONE_ID = re.compile(r"^(?:/hostedzone/)?([A-Z0-9]{8,32})$")


def export_zones(access: AwsAccess, zones: list[str], directory: Path) -> list[Path]:
    """Write each zone's record sets to ``directory/route53-<name>.json``; return the files written."""
    import botocore.exceptions as bex

    session = access.session()
    client = access.client(session, "route53", None)
    quick = access.probe_client(session, "route53", "us-east-1")  # zone look-ups fail fast
    endpoint = access.resolved_endpoint() or "route53.amazonaws.com"
    written: list[Path] = []
    try:
        for zone in zones:
            for zone_id, name in _resolve(quick, zone):
                pages = client.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id)
                records = [record for page in pages for record in page["ResourceRecordSets"]]
                document = {"HostedZoneId": zone_id, "ZoneName": name, "ResourceRecordSets": records}
                stem = name.rstrip(".") or zone_id
                path = directory / f"route53-{stem}.json"
                if path in written:
                    path = directory / f"route53-{stem}-{zone_id}.json"
                write_text(path, json.dumps(document, indent=2, default=str) + "\n")
                written.append(path)
    except (bex.EndpointConnectionError, bex.ConnectTimeoutError, bex.ConnectionClosedError) as exc:
        raise UnreachableError(
            f"cannot reach Route53 at {endpoint}: {exc}",
            hint="check --endpoint-url / AWS_ENDPOINT_URL and the network",
        ) from exc
    except bex.ClientError as exc:
        error = exc.response.get("Error", {})
        raise CredentialsError(
            f"Route53 refused {exc.operation_name} at {endpoint}: "
            f"{error.get('Code')}: {error.get('Message')}",
            hint="reading a zone needs route53:ListHostedZones and route53:ListResourceRecordSets",
        ) from exc
    except bex.NoCredentialsError as exc:
        raise CredentialsError("no AWS credentials found for reading Route53") from exc
    return written


def _resolve(client: Any, zone: str) -> list[tuple[str, str]]:
    """``(zone id, zone name)`` pairs for a zone id or a name (a public and a private zone may share it).

    Uses ``ListHostedZones`` only, the call ``evac iam-policy`` already grants.
    """
    by_id = _ZONE_ID.match(zone.strip())
    wanted_id = by_id.group(1) if by_id else None
    wanted_name = zone.strip().rstrip(".").lower() + "."
    found: list[tuple[str, str]] = []
    for page in client.get_paginator("list_hosted_zones").paginate():
        for hosted in page["HostedZones"]:
            zone_id = hosted["Id"].rsplit("/", 1)[-1]
            if zone_id == wanted_id or hosted["Name"].lower() == wanted_name:
                found.append((zone_id, hosted["Name"]))
    if not found:
        raise InputError(
            f"--route53-zone {zone}: no hosted zone with that name or id",
            hint="give the zone name (example.com) or its id (Z0123456789ABC); "
            "`aws route53 list-hosted-zones` lists them",
        )
    return found
