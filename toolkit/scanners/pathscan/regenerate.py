"""Regenerate the ``services:`` table of ``providers/aws/_sdk_names.yaml`` from botocore's models.

Run ``python -m toolkit.scanners.pathscan.regenerate`` after upgrading botocore; it rewrites only
the generated block between the markers and keeps the hand-kept tables below it.
"""

from __future__ import annotations

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


def main() -> None:
    """Rewrite the generated block in place."""
    path = providers_dir() / "aws" / "_sdk_names.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    Path(path).write_text(head + generated_block() + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
