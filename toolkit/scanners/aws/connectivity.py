"""Connectivity and naming: Direct Connect, Global Accelerator, Route 53 Domains, VPC Lattice.

Global Accelerator's API lives only in us-west-2 and Route 53 Domains' only in us-east-1: both are
read once, there.
"""

from __future__ import annotations

from .base import Collector, ScanContext
from .listing import Listing


def _connection_arn(ctx: ScanContext, ident: str) -> str:
    return ident if ident.startswith("arn:") else ctx.arn("directconnect", f"dxcon/{ident}")


def collectors() -> list[Collector]:
    """The connectivity collectors: one list call per region (or once, for the global ones)."""
    listings = [
        Listing(
            "directconnect",
            "connections",
            "describe_connections",
            "connections",
            "AWS::DirectConnect::Connection",  # no CloudFormation type; named in the same scheme
            "directconnect:DescribeConnections",
            "connectionName",
            lambda c, i: _connection_arn(c, str(i["connectionId"])),
            ("connectionId", "connectionState", "bandwidth", "location", "partnerName", "vlan"),
            tags="tags",
        ),
        Listing(
            "globalaccelerator",
            "accelerators",
            "list_accelerators",
            "Accelerators",
            "AWS::GlobalAccelerator::Accelerator",
            "globalaccelerator:ListAccelerators",
            "Name",
            "AcceleratorArn",
            ("DnsName", "DualStackDnsName", "IpAddressType", "Enabled", "Status"),
            is_global=True,
            home_region="us-west-2",
        ),
        Listing(
            "route53domains",
            "domains",
            "list_domains",
            "Domains",
            "AWS::Route53Domains::Domain",  # no CloudFormation type; named in the same scheme
            "route53domains:ListDomains",
            "DomainName",
            lambda c, i: f"arn:{c.shared.partition}:route53domains:::domain/{i['DomainName']}",
            ("DomainName", "TransferLock", "AutoRenew", "Expiry"),
            tags=None,
            is_global=True,
        ),
        Listing(
            "vpc-lattice",
            "service-networks",
            "list_service_networks",
            "items",
            "AWS::VpcLattice::ServiceNetwork",
            "vpc-lattice:ListServiceNetworks",
            "name",
            "arn",
            ("id", "numberOfAssociatedVPCs", "numberOfAssociatedServices"),
        ),
    ]
    return [spec.collector() for spec in listings]
