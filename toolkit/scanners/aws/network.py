"""Network: VPC pieces, load balancers, CloudFront, Route 53, API Gateway, ACM, Cloud Map, WAF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Resource
from .base import Collector, ScanContext, tag_dict
from .listing import Listing, pick

ACM_KEY_TYPES = (
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
)
"""Every key type: ListCertificates shows only RSA_2048 certificates unless asked for more."""


def _ec2(ctx: ScanContext, kind: str, ident: str | None) -> str | None:
    return ctx.arn("ec2", f"{kind}/{ident}") if ident else None


def load_balancers(ctx: ScanContext) -> Iterator[Resource]:
    """ALB/NLBs with listeners, and target groups with their registered targets."""
    groups = list(ctx.pages("describe_target_groups", "TargetGroups"))
    targets_of: dict[str, list[str]] = {}
    for group in groups:
        health = ctx.call("describe_target_health", TargetGroupArn=group["TargetGroupArn"])
        targets_of[group["TargetGroupArn"]] = [
            _target(ctx, group.get("TargetType", "instance"), d["Target"]["Id"])
            for d in health.get("TargetHealthDescriptions", [])
        ]
        yield ctx.resource(
            group["TargetGroupArn"],
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            group["TargetGroupName"],
            attributes={
                **pick(group, ("Protocol", "Port", "TargetType", "VpcId", "HealthCheckPath")),
                "targets": targets_of[group["TargetGroupArn"]],
            },
            depends_on=targets_of[group["TargetGroupArn"]],
        )
    for lb in ctx.pages("describe_load_balancers", "LoadBalancers"):
        arn = lb["LoadBalancerArn"]
        mine = [g["TargetGroupArn"] for g in groups if arn in g.get("LoadBalancerArns", [])]
        subnets = [z.get("SubnetId") for z in lb.get("AvailabilityZones", [])]
        yield ctx.resource(
            arn,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            lb["LoadBalancerName"],
            attributes={
                **pick(lb, ("Type", "Scheme", "VpcId", "IpAddressType", "CanonicalHostedZoneId")),
                "dns_name": lb.get("DNSName"),
                "target_groups": mine,
            },
            depends_on=[
                *(_ec2(ctx, "subnet", s) for s in subnets),
                *(_ec2(ctx, "security-group", g) for g in lb.get("SecurityGroups", [])),
                *mine,
                *(t for g in mine for t in targets_of.get(g, [])),
            ],
        )
        for listener in ctx.pages("describe_listeners", "Listeners", LoadBalancerArn=arn):
            yield _listener(ctx, lb, listener)


def _listener(ctx: ScanContext, lb: dict[str, Any], listener: dict[str, Any]) -> Resource:
    """A listener with the types of its actions; rules are read only where Cognito login can hide.

    ``authenticate-cognito`` works only on HTTPS listeners of application load balancers, so only
    those cost a DescribeRules call.
    """
    certificates = [c["CertificateArn"] for c in listener.get("Certificates", []) if c.get("CertificateArn")]
    actions = list(listener.get("DefaultActions", []))
    if lb.get("Type") == "application" and listener.get("Protocol") == "HTTPS":
        for rule in ctx.pages("describe_rules", "Rules", ListenerArn=listener["ListenerArn"]):
            if not rule.get("IsDefault"):
                actions.extend(rule.get("Actions", []))
    pools = [
        (a.get("AuthenticateCognitoConfig") or {}).get("UserPoolArn")
        for a in actions
        if a.get("Type") == "authenticate-cognito"
    ]
    targets = [a.get("TargetGroupArn") for a in actions] + [
        t.get("TargetGroupArn")
        for a in actions
        for t in (a.get("ForwardConfig") or {}).get("TargetGroups", [])
    ]
    return ctx.resource(
        listener["ListenerArn"],
        "AWS::ElasticLoadBalancingV2::Listener",
        f"{lb['LoadBalancerName']}:{listener.get('Port')}",
        attributes={
            **pick(listener, ("Protocol", "Port", "SslPolicy")),
            "certificates": certificates,
            "action_types": sorted({str(a.get("Type")) for a in actions}),
            "cognito_user_pools": [p for p in pools if p],
        },
        depends_on=[lb["LoadBalancerArn"], *targets, *certificates, *pools],
    )


def _target(ctx: ScanContext, kind: str, ident: str) -> str:
    if kind == "instance":
        return ctx.arn("ec2", f"instance/{ident}")
    return ident  # an IP address or a Lambda ARN


def distributions(ctx: ScanContext) -> Iterator[Resource]:
    """CloudFront distributions; their origins are linked to buckets and load balancers afterwards."""
    for item in ctx.pages("list_distributions", "DistributionList.Items"):
        if not (item.get("Origins") or {}).get("Items"):  # some endpoints omit origins from the summary
            item = {**item, **ctx.call("get_distribution_config", Id=item["Id"])["DistributionConfig"]}
        origins = [o["DomainName"] for o in (item.get("Origins") or {}).get("Items", [])]
        certificate = (item.get("ViewerCertificate") or {}).get("ACMCertificateArn")
        behaviours = [
            item.get("DefaultCacheBehavior") or {},
            *(item.get("CacheBehaviors") or {}).get("Items", []),
        ]
        edge = sorted(
            {
                str(a["LambdaFunctionARN"])
                for b in behaviours
                for a in (b.get("LambdaFunctionAssociations") or {}).get("Items", [])
                if a.get("LambdaFunctionARN")
            }
        )
        functions = sorted(
            {
                str(a["FunctionARN"])
                for b in behaviours
                for a in (b.get("FunctionAssociations") or {}).get("Items", [])
                if a.get("FunctionARN")
            }
        )
        yield ctx.resource(
            item["ARN"],
            "AWS::CloudFront::Distribution",
            item["Id"],
            region="global",
            attributes={
                **pick(item, ("Id", "Status", "PriceClass", "Enabled", "HttpVersion", "WebACLId")),
                "dns_name": item.get("DomainName"),
                "aliases": (item.get("Aliases") or {}).get("Items", []),
                "origin_domains": origins,
                "certificate": certificate,
                "lambda_function_associations": edge,
                "function_associations": functions,
            },
            depends_on=[certificate, *(":".join(a.split(":")[:7]) for a in edge), *functions],
        )


def hosted_zones(ctx: ScanContext) -> Iterator[Resource]:
    """Route 53 zones and every record in them; alias targets are linked afterwards."""
    zones = list(ctx.pages("list_hosted_zones", "HostedZones"))
    tags = _zone_tags(ctx, [z["Id"].rsplit("/", 1)[-1] for z in zones])
    for zone in zones:
        zone_id = zone["Id"].rsplit("/", 1)[-1]
        zone_arn = f"arn:{ctx.shared.partition}:route53:::hostedzone/{zone_id}"
        yield ctx.resource(
            zone_arn,
            "AWS::Route53::HostedZone",
            zone["Name"].rstrip("."),
            region="global",
            attributes={
                "zone_id": zone_id,
                "private": (zone.get("Config") or {}).get("PrivateZone", False),
                "record_count": zone.get("ResourceRecordSetCount"),
            },
            tags=tags.get(zone_id, {}),
        )
        for record in ctx.pages("list_resource_record_sets", "ResourceRecordSets", HostedZoneId=zone_id):
            yield _record(ctx, zone_arn, zone["Name"], record)


def _record(ctx: ScanContext, zone_arn: str, zone_name: str, record: dict[str, Any]) -> Resource:
    name = record["Name"].rstrip(".")
    suffix = f"/{record['SetIdentifier']}" if record.get("SetIdentifier") else ""
    alias = record.get("AliasTarget") or {}
    return ctx.resource(
        f"{zone_arn}/recordset/{name}/{record['Type']}{suffix}",
        "AWS::Route53::RecordSet",
        f"{name} {record['Type']}",
        service="route53",
        region="global",
        attributes={
            "record_type": record["Type"],
            "ttl": record.get("TTL"),
            "values": [r["Value"] for r in record.get("ResourceRecords", [])],
            "alias_target": alias.get("DNSName"),
            "set_identifier": record.get("SetIdentifier"),
            "apex_default": record["Type"] in {"NS", "SOA"} and record["Name"] == zone_name,
        },
        depends_on=[zone_arn],
    )


def _zone_tags(ctx: ScanContext, zone_ids: list[str]) -> dict[str, dict[str, str]]:
    tags: dict[str, dict[str, str]] = {}
    for start in range(0, len(zone_ids), 10):
        answer = ctx.call(
            "list_tags_for_resources", ResourceType="hostedzone", ResourceIds=zone_ids[start : start + 10]
        )
        for entry in answer.get("ResourceTagSets", []):
            tags[entry["ResourceId"]] = tag_dict(entry.get("Tags"))
    return tags


def rest_apis(ctx: ScanContext) -> Iterator[Resource]:
    """REST APIs with their stages and resources (paths); methods are attributes of their resource."""
    for api in ctx.pages("get_rest_apis", "items"):
        arn = ctx.arn("apigateway", f"/restapis/{api['id']}", account="")
        yield ctx.resource(
            arn,
            "AWS::ApiGateway::RestApi",
            str(api.get("name") or api["id"]),
            attributes=pick(api, ("id", "endpointConfiguration.types", "apiKeySource", "createdDate")),
            tags=tag_dict(api.get("tags")),
        )
        for stage in ctx.call("get_stages", restApiId=api["id"]).get("item", []):
            yield ctx.resource(
                f"{arn}/stages/{stage['stageName']}",
                "AWS::ApiGateway::Stage",
                f"{api.get('name')}/{stage['stageName']}",
                attributes=pick(stage, ("stageName", "deploymentId", "tracingEnabled", "webAclArn")),
                tags=tag_dict(stage.get("tags")),
                depends_on=[arn, stage.get("webAclArn")],
            )
        for item in ctx.pages("get_resources", "items", restApiId=api["id"]):
            if item.get("path") == "/" and not item.get("resourceMethods"):
                continue  # the root every API is created with
            yield ctx.resource(
                f"{arn}/resources/{item['id']}",
                "AWS::ApiGateway::Resource",
                f"{api.get('name')}{item.get('path')}",
                attributes={
                    "resource_id": item["id"],
                    "path": item.get("path"),
                    "methods": sorted(item.get("resourceMethods") or {}),
                },
                depends_on=[arn],
            )


def http_apis(ctx: ScanContext) -> Iterator[Resource]:
    """HTTP and WebSocket APIs (API Gateway v2) with their stages and routes."""
    for api in ctx.pages("get_apis", "Items"):
        arn = ctx.arn("apigateway", f"/apis/{api['ApiId']}", account="")
        yield ctx.resource(
            arn,
            "AWS::ApiGatewayV2::Api",
            str(api.get("Name") or api["ApiId"]),
            attributes=pick(api, ("ApiId", "ProtocolType", "ApiEndpoint")),
            tags=tag_dict(api.get("Tags")),
        )
        for stage in ctx.pages("get_stages", "Items", ApiId=api["ApiId"]):
            yield ctx.resource(
                f"{arn}/stages/{stage['StageName']}",
                "AWS::ApiGatewayV2::Stage",
                f"{api.get('Name')}/{stage['StageName']}",
                attributes=pick(stage, ("StageName", "AutoDeploy", "DeploymentId")),
                tags=tag_dict(stage.get("Tags")),
                depends_on=[arn],
            )
        for route in ctx.pages("get_routes", "Items", ApiId=api["ApiId"]):
            yield ctx.resource(
                f"{arn}/routes/{route['RouteId']}",
                "AWS::ApiGatewayV2::Route",
                f"{api.get('Name')} {route.get('RouteKey')}",
                attributes=pick(route, ("RouteId", "RouteKey", "AuthorizationType", "Target")),
                depends_on=[arn],
            )


def _vpc_of(ctx: ScanContext, item: dict[str, Any]) -> list[str | None]:
    return [_ec2(ctx, "vpc", item.get("VpcId"))]


def collectors() -> list[Collector]:
    """The network collectors."""
    listings = [
        Listing(
            "ec2",
            "vpcs",
            "describe_vpcs",
            "Vpcs",
            "AWS::EC2::VPC",
            "ec2:DescribeVpcs",
            "VpcId",
            lambda c, i: str(_ec2(c, "vpc", i["VpcId"])),
            ("CidrBlock", "IsDefault", "State"),
            tags="Tags",
        ),
        Listing(
            "ec2",
            "subnets",
            "describe_subnets",
            "Subnets",
            "AWS::EC2::Subnet",
            "ec2:DescribeSubnets",
            "SubnetId",
            lambda c, i: str(i.get("SubnetArn") or _ec2(c, "subnet", i["SubnetId"])),
            ("VpcId", "CidrBlock", "AvailabilityZone", "MapPublicIpOnLaunch", "DefaultForAz"),
            tags="Tags",
            depends=_vpc_of,
        ),
        Listing(
            "ec2",
            "security-groups",
            "describe_security_groups",
            "SecurityGroups",
            "AWS::EC2::SecurityGroup",
            "ec2:DescribeSecurityGroups",
            "GroupName",
            lambda c, i: str(_ec2(c, "security-group", i["GroupId"])),
            ("GroupId", "VpcId", "Description"),
            tags="Tags",
            depends=_vpc_of,
        ),
        Listing(
            "ec2",
            "addresses",
            "describe_addresses",
            "Addresses",
            "AWS::EC2::EIP",
            "ec2:DescribeAddresses",
            "PublicIp",
            lambda c, i: str(_ec2(c, "elastic-ip", i.get("AllocationId") or i["PublicIp"])),
            ("PublicIp", "AllocationId", "InstanceId", "Domain"),
            tags="Tags",
            depends=lambda c, i: [_ec2(c, "instance", i.get("InstanceId"))],
        ),
        Listing(
            "ec2",
            "internet-gateways",
            "describe_internet_gateways",
            "InternetGateways",
            "AWS::EC2::InternetGateway",
            "ec2:DescribeInternetGateways",
            "InternetGatewayId",
            lambda c, i: str(_ec2(c, "internet-gateway", i["InternetGatewayId"])),
            (),
            tags="Tags",
            depends=lambda c, i: [_ec2(c, "vpc", a.get("VpcId")) for a in i.get("Attachments", [])],
        ),
        Listing(
            "ec2",
            "nat-gateways",
            "describe_nat_gateways",
            "NatGateways",
            "AWS::EC2::NatGateway",
            "ec2:DescribeNatGateways",
            "NatGatewayId",
            lambda c, i: str(_ec2(c, "natgateway", i["NatGatewayId"])),
            ("State", "SubnetId", "VpcId"),
            tags="Tags",
            depends=lambda c, i: [_ec2(c, "subnet", i.get("SubnetId"))],
            keep=lambda i: i.get("State") not in {"deleted", "deleting"},
        ),
        Listing(
            "ec2",
            "route-tables",
            "describe_route_tables",
            "RouteTables",
            "AWS::EC2::RouteTable",
            "ec2:DescribeRouteTables",
            "RouteTableId",
            lambda c, i: str(_ec2(c, "route-table", i["RouteTableId"])),
            ("VpcId",),
            tags="Tags",
            depends=_vpc_of,
        ),
        Listing(
            "ec2",
            "network-interfaces",
            "describe_network_interfaces",
            "NetworkInterfaces",
            "AWS::EC2::NetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "NetworkInterfaceId",
            lambda c, i: str(_ec2(c, "network-interface", i["NetworkInterfaceId"])),
            ("InterfaceType", "SubnetId", "VpcId", "PrivateIpAddress", "Status", "Attachment.InstanceId"),
            tags="TagSet",
            depends=lambda c, i: [
                _ec2(c, "subnet", i.get("SubnetId")),
                *(_ec2(c, "security-group", g.get("GroupId")) for g in i.get("Groups", [])),
            ],
        ),
        Listing(
            "ec2",
            "network-acls",
            "describe_network_acls",
            "NetworkAcls",
            "AWS::EC2::NetworkAcl",
            "ec2:DescribeNetworkAcls",
            "NetworkAclId",
            lambda c, i: str(_ec2(c, "network-acl", i["NetworkAclId"])),
            ("VpcId", "IsDefault"),
            tags="Tags",
            depends=_vpc_of,
        ),
        Listing(
            "ec2",
            "vpc-peering-connections",
            "describe_vpc_peering_connections",
            "VpcPeeringConnections",
            "AWS::EC2::VPCPeeringConnection",
            "ec2:DescribeVpcPeeringConnections",
            "VpcPeeringConnectionId",
            lambda c, i: str(_ec2(c, "vpc-peering-connection", i["VpcPeeringConnectionId"])),
            ("AccepterVpcInfo.OwnerId", "AccepterVpcInfo.Region", "Status.Code"),
            tags="Tags",
            depends=lambda c, i: [
                _ec2(c, "vpc", (i.get("RequesterVpcInfo") or {}).get("VpcId")),
                _ec2(c, "vpc", (i.get("AccepterVpcInfo") or {}).get("VpcId")),
            ],
            keep=lambda i: (
                (i.get("Status") or {}).get("Code") not in {"deleted", "rejected", "failed", "expired"}
            ),
        ),
        Listing(
            "ec2",
            "flow-logs",
            "describe_flow_logs",
            "FlowLogs",
            "AWS::EC2::FlowLog",
            "ec2:DescribeFlowLogs",
            "FlowLogId",
            lambda c, i: str(_ec2(c, "vpc-flow-log", i["FlowLogId"])),
            ("ResourceId", "LogDestinationType", "LogDestination", "LogGroupName", "TrafficType"),
            tags="Tags",
        ),
        Listing(
            "ec2",
            "egress-only-internet-gateways",
            "describe_egress_only_internet_gateways",
            "EgressOnlyInternetGateways",
            "AWS::EC2::EgressOnlyInternetGateway",
            "ec2:DescribeEgressOnlyInternetGateways",
            "EgressOnlyInternetGatewayId",
            lambda c, i: str(_ec2(c, "egress-only-internet-gateway", i["EgressOnlyInternetGatewayId"])),
            (),
            tags="Tags",
            depends=lambda c, i: [_ec2(c, "vpc", a.get("VpcId")) for a in i.get("Attachments", [])],
        ),
        Listing(
            "ec2",
            "vpn-gateways",
            "describe_vpn_gateways",
            "VpnGateways",
            "AWS::EC2::VPNGateway",
            "ec2:DescribeVpnGateways",
            "VpnGatewayId",
            lambda c, i: str(_ec2(c, "vpn-gateway", i["VpnGatewayId"])),
            ("Type", "State", "AmazonSideAsn"),
            tags="Tags",
            depends=lambda c, i: [_ec2(c, "vpc", a.get("VpcId")) for a in i.get("VpcAttachments", [])],
            keep=lambda i: i.get("State") not in {"deleted", "deleting"},
        ),
        Listing(
            "ec2",
            "customer-gateways",
            "describe_customer_gateways",
            "CustomerGateways",
            "AWS::EC2::CustomerGateway",
            "ec2:DescribeCustomerGateways",
            "CustomerGatewayId",
            lambda c, i: str(_ec2(c, "customer-gateway", i["CustomerGatewayId"])),
            ("Type", "State", "IpAddress", "BgpAsn"),
            tags="Tags",
            keep=lambda i: i.get("State") not in {"deleted", "deleting"},
        ),
        Listing(
            "ec2",
            "dhcp-options",
            "describe_dhcp_options",
            "DhcpOptions",
            "AWS::EC2::DHCPOptions",
            "ec2:DescribeDhcpOptions",
            "DhcpOptionsId",
            lambda c, i: str(_ec2(c, "dhcp-options", i["DhcpOptionsId"])),
            (),
            tags="Tags",
        ),
        Listing(
            "apigateway",
            "api-keys",
            "get_api_keys",
            "items",
            "AWS::ApiGateway::ApiKey",
            "apigateway:GET",
            "name",
            lambda c, i: c.arn("apigateway", f"/apikeys/{i['id']}", account=""),
            ("id", "enabled"),
            tags="tags",
        ),
        Listing(
            "apigateway",
            "usage-plans",
            "get_usage_plans",
            "items",
            "AWS::ApiGateway::UsagePlan",
            "apigateway:GET",
            "name",
            lambda c, i: c.arn("apigateway", f"/usageplans/{i['id']}", account=""),
            ("id", "throttle.rateLimit", "quota.limit"),
            tags="tags",
            depends=lambda c, i: [
                c.arn("apigateway", f"/restapis/{s.get('apiId')}/stages/{s.get('stage')}", account="")
                for s in i.get("apiStages", [])
            ],
        ),
        Listing(
            "ec2",
            "vpc-endpoints",
            "describe_vpc_endpoints",
            "VpcEndpoints",
            "AWS::EC2::VPCEndpoint",
            "ec2:DescribeVpcEndpoints",
            "ServiceName",
            lambda c, i: str(_ec2(c, "vpc-endpoint", i["VpcEndpointId"])),
            ("VpcEndpointType", "ServiceName", "VpcId", "State"),
            tags="Tags",
            depends=_vpc_of,
        ),
        Listing(
            "ec2",
            "transit-gateways",
            "describe_transit_gateways",
            "TransitGateways",
            "AWS::EC2::TransitGateway",
            "ec2:DescribeTransitGateways",
            "TransitGatewayId",
            "TransitGatewayArn",
            ("State", "Description"),
            tags="Tags",
        ),
        Listing(
            "elb",
            "load-balancers",
            "describe_load_balancers",
            "LoadBalancerDescriptions",
            "AWS::ElasticLoadBalancing::LoadBalancer",
            "elasticloadbalancing:DescribeLoadBalancers",
            "LoadBalancerName",
            lambda c, i: c.arn("elasticloadbalancing", f"loadbalancer/{i['LoadBalancerName']}"),
            ("Scheme", "VPCId", "DNSName"),
            tags=None,
            depends=lambda c, i: [_ec2(c, "instance", x["InstanceId"]) for x in i.get("Instances", [])],
        ),
        Listing(
            "route53",
            "health-checks",
            "list_health_checks",
            "HealthChecks",
            "AWS::Route53::HealthCheck",
            "route53:ListHealthChecks",
            "Id",
            lambda c, i: f"arn:{c.shared.partition}:route53:::healthcheck/{i['Id']}",
            ("HealthCheckConfig.Type", "HealthCheckConfig.FullyQualifiedDomainName"),
            tags=None,
            is_global=True,
        ),
        Listing(
            "wafv2",
            "ip-sets",
            "list_ip_sets",
            "IPSets",
            "AWS::WAFv2::IPSet",
            "wafv2:ListIPSets",
            "Name",
            "ARN",
            ("Id", "Description"),
            params={"Scope": "REGIONAL"},
        ),
        Listing(
            "wafv2",
            "rule-groups",
            "list_rule_groups",
            "RuleGroups",
            "AWS::WAFv2::RuleGroup",
            "wafv2:ListRuleGroups",
            "Name",
            "ARN",
            ("Id", "Description"),
            params={"Scope": "REGIONAL"},
        ),
        Listing(
            "acm",
            "certificates",
            "list_certificates",
            "CertificateSummaryList",
            "AWS::CertificateManager::Certificate",
            "acm:ListCertificates",
            "DomainName",
            "CertificateArn",
            (
                "DomainName",
                "Status",
                "Type",
                "ExportOption",
                "KeyAlgorithm",
                "InUse",
                "NotAfter",
                "ManagedBy",
            ),
            params={"Includes": {"keyTypes": list(ACM_KEY_TYPES)}},
        ),
        Listing(
            "servicediscovery",
            "namespaces",
            "list_namespaces",
            "Namespaces",
            "AWS::ServiceDiscovery::HttpNamespace",
            "servicediscovery:ListNamespaces",
            "Name",
            "Arn",
            ("Type", "Id"),
        ),
        Listing(
            "wafv2",
            "web-acls",
            "list_web_acls",
            "WebACLs",
            "AWS::WAFv2::WebACL",
            "wafv2:ListWebACLs",
            "Name",
            "ARN",
            ("Id", "Description"),
            params={"Scope": "REGIONAL"},
        ),
    ]
    return [
        Collector(
            "elbv2.load-balancers",
            "elbv2",
            (
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeRules",
            ),
            load_balancers,
        ),
        Collector(
            "cloudfront.distributions",
            "cloudfront",
            ("cloudfront:ListDistributions", "cloudfront:GetDistributionConfig"),
            distributions,
            is_global=True,
        ),
        Collector(
            "route53.hosted-zones",
            "route53",
            ("route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResources"),
            hosted_zones,
            is_global=True,
        ),
        Collector("apigateway.rest-apis", "apigateway", ("apigateway:GET",), rest_apis),
        Collector("apigatewayv2.apis", "apigatewayv2", ("apigateway:GET",), http_apis),
        *(spec.collector() for spec in listings),
    ]
