"""Regenerate the ``services:`` table of ``providers/aws/_sdk_names.yaml`` and
``providers/aws/_operations.json`` and ``_shared_operations.json`` from botocore's models.

Run ``python -m toolkit.scanners.pathscan.regenerate`` after upgrading botocore; it rewrites only
the generated block between the markers and keeps the hand-kept tables below it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...paths import providers_dir

BEGIN = "# --- generated: boto3 client name: [botocore serviceId, endpointPrefix] ---"
END = "# --- end generated ---"


def generated_block() -> str:
    """The ``services:`` mapping for every boto3 client botocore knows."""
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    lines = [BEGIN, "services:"]
    for name in sorted(session.get_available_services()):
        meta = loader.load_service_model(name, "service-2")["metadata"]
        lines.append(f"  {name}: [{meta.get('serviceId', name)!r}, {meta.get('endpointPrefix', name)!r}]")
    lines.append(END)
    return "\n".join(lines).replace("'", '"')


def operations_tables(canonical: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """boto3 method name → catalog service for the operations that only one catalog service has,
    counting a service's older API as the same service (``describe_vpcs`` → ec2; ``send_raw_email``,
    SES v1 only, → sesv2; ``list_tags_for_resource`` is everyone's: left out); and per catalog
    service, the space-separated operations it shares with others (``delete_object`` for s3).
    ``canonical`` maps boto3 names and aliases to catalog ids."""
    import botocore.session
    from botocore import xform_name

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    owners: dict[str, set[str]] = {}
    for name in session.get_available_services():
        for operation in loader.load_service_model(name, "service-2")["operations"]:
            owners.setdefault(xform_name(operation), set()).add(canonical.get(name, f"?{name}"))
    unique = {
        method: next(iter(names))
        for method, names in sorted(owners.items())
        if len(names) == 1 and not next(iter(names)).startswith("?")
    }
    shared: dict[str, list[str]] = {}
    for method, names in sorted(owners.items()):
        if len(names) > 1:
            for service in names:
                if not service.startswith("?"):
                    shared.setdefault(service, []).append(method)
    return unique, {service: " ".join(methods) for service, methods in sorted(shared.items())}


def main() -> None:
    """Rewrite the generated block in place, and the operations table."""
    path = providers_dir() / "aws" / "_sdk_names.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    Path(path).write_text(head + generated_block() + tail, encoding="utf-8")
    from ...catalog import Catalog

    canonical = {}
    for entry in Catalog.load().services.values():
        canonical.update({alias: entry.id for alias in entry.aliases})
        canonical[entry.id] = entry.id
    unique, shared = operations_tables(canonical)
    for name, table in (("_operations.json", unique), ("_shared_operations.json", shared)):
        (path.parent / name).write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
