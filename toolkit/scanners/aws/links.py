"""Relationships that need more than one service's answer, resolved once every job has finished.

* CloudFront origins and Route 53 alias/CNAME records → the bucket, load balancer or distribution
  whose DNS name they point at.
* KMS key → the resources it encrypts: their uids go in the key's ``depends_on`` and in its
  ``attributes.encrypts``. The encrypted resource names its key in an attribute (``kms_key`` and
  the like) but not in its own ``depends_on``, so the graph has no key ⇄ resource cycle.
"""

from __future__ import annotations

from ...model import Resource

KEY_FIELDS = ("encryption_key_arn", "encryption_key", "volume_encryption_key")
"""Attributes naming a KMS key without saying "kms" (every attribute with "kms" in its name counts too)."""


def link(resources: list[Resource]) -> None:
    """Add the cross-service dependencies to ``resources`` in place."""
    names = _dns_index(resources)
    keys = _key_index(resources)
    by_uid = {r.uid: r for r in resources}
    for resource in resources:
        targets = [*resource.attributes.get("origin_domains", [])]
        if resource.type == "AWS::Route53::RecordSet":
            targets.append(resource.attributes.get("alias_target"))
            if resource.attributes.get("record_type") == "CNAME":
                targets.extend(resource.attributes.get("values", []))
        for target in targets:
            uid = names.get(_dns(target))
            if uid and uid != resource.uid:
                _depend(resource, uid)
        for ref in _key_refs(resource):
            key = _resolve_key(keys, resource.region, ref)
            if key and key != resource.uid:
                _depend(by_uid[key], resource.uid)
                encrypts = by_uid[key].attributes.setdefault("encrypts", [])
                if resource.uid not in encrypts:
                    encrypts.append(resource.uid)


def _key_refs(resource: Resource) -> list[str]:
    if resource.type == "AWS::KMS::Key":
        return []
    refs: list[str] = []
    for name, value in resource.attributes.items():
        if "kms" in name or name in KEY_FIELDS:
            values = value if isinstance(value, list) else [value]
            refs.extend(v for v in values if isinstance(v, str) and v)
    return refs


def _depend(resource: Resource, uid: str) -> None:
    if uid not in resource.depends_on:
        resource.depends_on.append(uid)


def _dns(name: object) -> str:
    text = str(name or "").strip().rstrip(".").lower()
    return text.removeprefix("dualstack.")


def _dns_index(resources: list[Resource]) -> dict[str, str]:
    index: dict[str, str] = {}
    for resource in resources:
        if resource.attributes.get("dns_name"):
            index[_dns(resource.attributes["dns_name"])] = resource.uid
        if resource.type == "AWS::S3::Bucket":
            for host in (
                f"{resource.name}.s3.amazonaws.com",
                f"{resource.name}.s3.{resource.region}.amazonaws.com",
                f"{resource.name}.s3-website-{resource.region}.amazonaws.com",
                f"{resource.name}.s3-website.{resource.region}.amazonaws.com",
            ):
                index[host] = resource.uid
    return index


def _key_index(resources: list[Resource]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key in (r for r in resources if r.type == "AWS::KMS::Key"):
        index[key.uid] = key.uid
        key_id = str(key.attributes.get("key_id") or key.uid.rsplit("/", 1)[-1])
        index[f"{key.region}|{key_id}"] = key.uid
        prefix = key.uid.rsplit(":", 1)[0]
        for alias in key.attributes.get("aliases", []):
            index[f"{key.region}|{alias}"] = key.uid
            index[f"{prefix}:{alias}"] = key.uid
    return index


def _resolve_key(index: dict[str, str], region: str | None, ref: str) -> str | None:
    if ref in index:
        return index[ref]
    if ref.startswith("arn:"):
        return None
    return index.get(f"{region}|{ref}")
