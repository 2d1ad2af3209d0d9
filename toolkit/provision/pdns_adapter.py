"""libcloud's PowerDNS driver, fixed for the PowerDNS 4.x HTTP API (checked against 4.7).

What libcloud 3.9 gets wrong, and what this adapter does instead:

* it defaults to the 3.x "experimental" API; here the API is always ``/api/v1``;
* 4.x rejects names without the trailing dot ("DNS Name 'x' is not canonical", HTTP 422):
  zone, record and nameserver names are made canonical, relative record names are put in the zone;
* TXT (and SPF) content must be quoted ("Data field in DNS should start with quote"): it is quoted
  on the way in and unquoted on the way out;
* ``changetype: REPLACE`` replaces the whole RRset, so libcloud's ``create_record`` of a second A
  record of the same name wipes the first and ``delete_record`` deletes every record of the name and
  type: here both read the RRset and write it back with the one record added or removed;
* records get a stable id (``name|type|content``) instead of ``None``;
* a missing zone answers 404 (not 422), which libcloud does not map to ``ZoneDoesNotExistError``;
* TTLs belong to the RRset: :meth:`PowerDNSAdapter.ex_set_ttl` changes one without touching records.
"""

from __future__ import annotations

import json
from typing import Any

from libcloud.common.exceptions import BaseHTTPError
from libcloud.dns.base import Record, Zone
from libcloud.dns.drivers.powerdns import PowerDNSDriver
from libcloud.dns.types import RecordDoesNotExistError, ZoneAlreadyExistsError, ZoneDoesNotExistError

QUOTED_TYPES = frozenset({"TXT", "SPF"})
ID_SEPARATOR = "|"


def canonical(name: str) -> str:
    """``example.org`` -> ``example.org.`` (unchanged if already canonical)."""
    return name if name.endswith(".") else name + "."


def absolute(name: str, zone: Any) -> str:
    """A record name in ``zone``: ``www`` or ``www.example.org`` -> ``www.example.org.``; ``@`` -> apex."""
    zone = canonical(str(zone))
    if name in ("", "@"):
        return zone
    if name.endswith("."):
        return name
    if name == zone[:-1] or name.endswith("." + zone[:-1]):
        return name + "."
    return f"{name}.{zone}"


def quote_content(rtype: Any, data: str) -> str:
    """TXT/SPF content as PowerDNS wants it: in double quotes, inner quotes escaped."""
    if rtype not in QUOTED_TYPES or (data.startswith('"') and data.endswith('"') and len(data) >= 2):
        return data
    return '"' + data.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote_content(rtype: Any, data: str) -> str:
    """The inverse of :func:`quote_content` for a single character-string."""
    if rtype in QUOTED_TYPES and len(data) >= 2 and data[0] == data[-1] == '"':
        return data[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return data


class PowerDNSAdapter(PowerDNSDriver):
    """PowerDNS 4.x driver with RRset-preserving record operations."""

    name = "PowerDNS (evac adapter)"

    def __init__(
        self,
        key: str,
        secret: str | None = None,
        secure: bool = False,
        host: str | None = None,
        port: int | None = None,
        api_version: str = "v1",
        **kwargs: Any,
    ) -> None:
        super().__init__(key, secret=secret, secure=secure, host=host, port=port, api_version="v1", **kwargs)

    # -- zones ---------------------------------------------------------------------------------

    def _zone_path(self, zone_id: Any) -> str:
        return f"{self.api_root}/servers/{self.ex_server}/zones/{canonical(str(zone_id))}"

    def create_zone(
        self,
        domain: str,
        type: str | None = "master",
        ttl: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Zone:
        """Create a Native zone; ``extra['nameservers']`` is optional and made canonical."""
        extra = dict(extra or {})
        extra["nameservers"] = [canonical(ns) for ns in extra.get("nameservers", [])]
        payload = {"kind": "Native", **extra, "name": canonical(domain)}
        try:
            self.connection.request(
                action=f"{self.api_root}/servers/{self.ex_server}/zones",
                data=json.dumps(payload),
                method="POST",
            )
        except BaseHTTPError as exc:
            if exc.code == 409:
                raise ZoneAlreadyExistsError(
                    zone_id=canonical(domain), driver=self, value=exc.message
                ) from exc
            raise
        return self.get_zone(domain)

    def get_zone(self, zone_id: str) -> Zone:
        return self._to_zone(self._get_zone_document(zone_id))

    def _get_zone_document(self, zone_id: Any) -> dict[str, Any]:
        try:
            response = self.connection.request(action=self._zone_path(zone_id), method="GET")
        except BaseHTTPError as exc:
            if exc.code in (404, 422):
                raise ZoneDoesNotExistError(zone_id=zone_id, driver=self, value=exc.message) from exc
            raise
        document: dict[str, Any] = response.object
        return document

    # -- records -------------------------------------------------------------------------------

    def list_records(self, zone: Zone) -> list[Record]:
        document = self._get_zone_document(zone.id)
        return [
            self._record(zone, rrset["name"], rrset["type"], rrset["ttl"], item["content"])
            for rrset in document.get("rrsets", [])
            for item in rrset["records"]
        ]

    def get_record(self, zone_id: str, record_id: str) -> Record:
        zone = self.get_zone(zone_id)
        for record in self.list_records(zone):
            if record.id == record_id:
                return record
        raise RecordDoesNotExistError(record_id=record_id, driver=self, value="")

    def create_record(
        self, name: str, zone: Zone, type: Any, data: str, extra: dict[str, Any] | None = None
    ) -> Record:
        """Add one record to its RRset (other records of the same name and type are kept)."""
        fqdn = absolute(name, zone.id)
        ttl, contents = self._rrset(zone, fqdn, type)
        wanted_ttl = int((extra or {}).get("ttl") or ttl or 3600)
        content = quote_content(type, data)
        if content not in contents:
            contents.append(content)
        self._replace(zone, fqdn, type, wanted_ttl, contents)
        return self._record(zone, fqdn, type, wanted_ttl, content)

    def update_record(
        self,
        record: Record,
        name: str | None,
        type: Any,
        data: str | None,
        extra: dict[str, Any] | None = None,
    ) -> Record:
        """Change one record; the rest of its RRset (and of the target RRset) is kept."""
        zone = record.zone
        new_name = absolute(name, zone.id) if name else record.name
        new_type = type or record.type
        old_content = quote_content(record.type, record.data)
        new_content = quote_content(new_type, data if data is not None else record.data)
        old_ttl, old_contents = self._rrset(zone, record.name, record.type)
        if old_content not in old_contents:
            raise RecordDoesNotExistError(record_id=record.id, driver=self, value="record is gone")
        ttl = int((extra or {}).get("ttl") or record.ttl or old_ttl or 3600)
        remaining = [c for c in old_contents if c != old_content]
        if (new_name, new_type) == (record.name, record.type):
            self._replace(zone, new_name, new_type, ttl, [*remaining, new_content])
        else:
            _, target = self._rrset(zone, new_name, new_type)
            changes = [
                self._rrset_change(record.name, record.type, old_ttl or ttl, remaining),
                self._rrset_change(new_name, new_type, ttl, [*target, new_content]),
            ]
            self._patch(zone, changes)
        return self._record(zone, new_name, new_type, ttl, new_content)

    def delete_record(self, record: Record) -> bool:
        """Remove this one record; the RRset goes only when it was the last one."""
        ttl, contents = self._rrset(record.zone, record.name, record.type)
        content = quote_content(record.type, record.data)
        if content not in contents:
            return False
        remaining = [c for c in contents if c != content]
        self._patch(record.zone, [self._rrset_change(record.name, record.type, ttl or 3600, remaining)])
        return True

    def ex_set_ttl(self, zone: Zone, name: str, type: str, ttl: int) -> list[Record]:
        """Set the TTL of an RRset, keeping its records."""
        fqdn = absolute(name, zone.id)
        _, contents = self._rrset(zone, fqdn, type)
        if not contents:
            raise RecordDoesNotExistError(
                record_id=f"{fqdn}{ID_SEPARATOR}{type}", driver=self, value="no records"
            )
        self._replace(zone, fqdn, type, ttl, contents)
        return [self._record(zone, fqdn, type, ttl, content) for content in contents]

    # -- internals -----------------------------------------------------------------------------

    def _rrset(self, zone: Zone, fqdn: str, rtype: Any) -> tuple[int | None, list[str]]:
        for rrset in self._get_zone_document(zone.id).get("rrsets", []):
            if rrset["name"] == fqdn and rrset["type"] == rtype:
                return int(rrset["ttl"]), [item["content"] for item in rrset["records"]]
        return None, []

    @staticmethod
    def _rrset_change(fqdn: str, rtype: Any, ttl: int, contents: list[str]) -> dict[str, Any]:
        if not contents:
            return {"name": fqdn, "type": rtype, "changetype": "DELETE"}
        return {
            "name": fqdn,
            "type": rtype,
            "ttl": ttl,
            "changetype": "REPLACE",
            "records": [{"content": content, "disabled": False} for content in contents],
        }

    def _replace(self, zone: Zone, fqdn: str, rtype: Any, ttl: int, contents: list[str]) -> None:
        self._patch(zone, [self._rrset_change(fqdn, rtype, ttl, contents)])

    def _patch(self, zone: Zone, rrsets: list[dict[str, Any]]) -> None:
        try:
            self.connection.request(
                action=self._zone_path(zone.id), data=json.dumps({"rrsets": rrsets}), method="PATCH"
            )
        except BaseHTTPError as exc:
            if exc.code == 404:
                raise ZoneDoesNotExistError(zone_id=zone.id, driver=self, value=exc.message) from exc
            raise

    def _record(self, zone: Zone, fqdn: str, rtype: Any, ttl: int, content: str) -> Record:
        return Record(
            id=ID_SEPARATOR.join((fqdn, rtype, content)),
            name=fqdn,
            type=rtype,
            data=unquote_content(rtype, content),
            zone=zone,
            driver=self,
            ttl=ttl,
            extra={"content": content},
        )
