"""libcloud's Route53 driver, able to talk to any endpoint (an emulator, a proxy) with SigV4.

libcloud 3.9 signs Route53 requests with the legacy ``X-Amzn-Authorization: AWS3-HTTPS`` scheme
and speaks API version 2012-02-29. An endpoint that routes by the SigV4 credential scope (moto's
server does) cannot tell such a request is meant for Route53, and one that implements only the
current API (2013-04-01, what boto3 and Terraform use; moto answers 404 to 2012-02-29 paths) cannot
serve it. This adapter keeps libcloud's request building and parsing and changes only the
connection: SigV4 (service ``route53``), no ``Version`` query parameter, the 2013-04-01 API on the
wire (paths and XML namespace translated both ways; the hosted-zone and record-set documents are
the same in both versions), and host/port/secure taken from an endpoint URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from libcloud.common.aws import SignedAWSConnection
from libcloud.dns.drivers.route53 import API_VERSION, Route53DNSDriver, Route53DNSResponse

SERVICE = "route53"
GLOBAL_REGION = "us-east-1"
WIRE_VERSION = "2013-04-01"
_LIBCLOUD_NS = f"https://route53.amazonaws.com/doc/{API_VERSION}/"
_WIRE_NS = f"https://route53.amazonaws.com/doc/{WIRE_VERSION}/"


class Route53WireResponse(Route53DNSResponse):
    """Parses 2013-04-01 documents with libcloud's 2012-02-29 XPaths."""

    def parse_body(self) -> Any:
        if isinstance(self.body, bytes):
            self.body = self.body.decode("utf-8")
        if self.body:
            self.body = self.body.replace(_WIRE_NS, _LIBCLOUD_NS)
        return super().parse_body()


class Route53V4Connection(SignedAWSConnection):
    """Route53 REST connection: SigV4, API 2013-04-01 on the wire."""

    responseCls = Route53WireResponse
    service_name = SERVICE
    version = WIRE_VERSION

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["signature_version"] = "4"
        super().__init__(*args, **kwargs)

    def add_default_params(self, params: dict[str, Any]) -> dict[str, Any]:
        return params  # the REST API takes no Version parameter

    def request(
        self,
        action: Any,
        params: Any = None,
        data: Any = None,
        headers: Any = None,
        method: Any = "GET",
        raw: Any = False,
        stream: Any = False,
        json: Any = None,
        retry_failed: Any = None,
    ) -> Any:
        action = action.replace(f"/{API_VERSION}/", f"/{WIRE_VERSION}/", 1)
        if isinstance(data, bytes):
            data = data.replace(_LIBCLOUD_NS.encode(), _WIRE_NS.encode())
        elif isinstance(data, str):
            data = data.replace(_LIBCLOUD_NS, _WIRE_NS)
        return super().request(
            action,
            params=params,
            data=data,
            headers=headers,
            method=method,
            raw=raw,
            stream=stream,
            json=json,
            retry_failed=retry_failed,
        )


class Route53Adapter(Route53DNSDriver):
    """Route53 DNS driver with SigV4 and an optional ``endpoint_url`` (``http://127.0.0.1:5000``)."""

    name = "Route53 DNS (evac adapter)"
    connectionCls = Route53V4Connection  # type: ignore[assignment]
    region_name = GLOBAL_REGION

    def __init__(
        self, key: str, secret: str, *, endpoint_url: str | None = None, token: str | None = None
    ) -> None:
        host = port = None
        secure = True
        if endpoint_url:
            parts = urlsplit(endpoint_url)
            host, port, secure = parts.hostname, parts.port, parts.scheme == "https"
        super().__init__(key, secret, secure=secure, host=host, port=port, token=token)
