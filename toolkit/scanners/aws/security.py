"""Security and governance: Private CA, CloudHSM, Config, Directory Service, GuardDuty, Network
Firewall, RAM, Shield, IAM Identity Center.

Inspector, Security Hub and Macie are left out: they hold findings, not resources, and their list
calls fail in every region where they are not enabled.
"""

from __future__ import annotations

from .base import Collector
from .listing import Listing


def collectors() -> list[Collector]:
    """The security collectors: one list call per region each."""
    listings = [
        Listing(
            "acm-pca",
            "certificate-authorities",
            "list_certificate_authorities",
            "CertificateAuthorities",
            "AWS::ACMPCA::CertificateAuthority",
            "acm-pca:ListCertificateAuthorities",
            "Serial",
            "Arn",
            ("Type", "Status", "UsageMode", "KeyStorageSecurityStandard", "NotAfter"),
        ),
        Listing(
            "cloudhsmv2",
            "clusters",
            "describe_clusters",
            "Clusters",
            "AWS::CloudHSM::Cluster",  # no CloudFormation type; named in the same scheme
            "cloudhsm:DescribeClusters",
            "ClusterId",
            lambda c, i: c.arn("cloudhsm", f"cluster/{i['ClusterId']}"),
            ("ClusterId", "HsmType", "State", "VpcId", "Mode"),
            tags="TagList",
            depends=lambda c, i: [c.arn("ec2", f"vpc/{i['VpcId']}") if i.get("VpcId") else None],
        ),
        Listing(
            "config",
            "rules",
            "describe_config_rules",
            "ConfigRules",
            "AWS::Config::ConfigRule",
            "config:DescribeConfigRules",
            "ConfigRuleName",
            "ConfigRuleArn",
            ("ConfigRuleId", "ConfigRuleState", "Source.Owner", "Source.SourceIdentifier", "CreatedBy"),
        ),
        Listing(
            "config",
            "recorders",
            "describe_configuration_recorders",
            "ConfigurationRecorders",
            "AWS::Config::ConfigurationRecorder",
            "config:DescribeConfigurationRecorders",
            "name",
            lambda c, i: str(i.get("arn") or c.arn("config", f"configuration-recorder/{i['name']}")),
            ("roleARN", "recordingGroup.allSupported"),
            tags=None,
        ),
        Listing(
            "ds",
            "directories",
            "describe_directories",
            "DirectoryDescriptions",
            "AWS::DirectoryService::MicrosoftAD",
            "ds:DescribeDirectories",
            "Name",
            lambda c, i: c.arn("ds", f"directory/{i['DirectoryId']}"),
            ("DirectoryId", "Type", "Edition", "Size", "Stage", "ShortName", "SsoEnabled"),
        ),
        Listing(
            "guardduty",
            "detectors",
            "list_detectors",
            "DetectorIds",
            "AWS::GuardDuty::Detector",
            "guardduty:ListDetectors",
            "",
            lambda c, i: c.arn("guardduty", f"detector/{i}"),
        ),
        Listing(
            "network-firewall",
            "firewalls",
            "list_firewalls",
            "Firewalls",
            "AWS::NetworkFirewall::Firewall",
            "network-firewall:ListFirewalls",
            "FirewallName",
            "FirewallArn",
            ("TransitGatewayAttachmentId",),
        ),
        Listing(
            "ram",
            "resource-shares",
            "get_resource_shares",
            "resourceShares",
            "AWS::RAM::ResourceShare",
            "ram:GetResourceShares",
            "name",
            "resourceShareArn",
            ("status", "allowExternalPrincipals", "owningAccountId"),
            params={"resourceOwner": "SELF"},
            tags="tags",
        ),
        Listing(
            "shield",
            "protections",
            "list_protections",
            "Protections",
            "AWS::Shield::Protection",
            "shield:ListProtections",
            "Name",
            lambda c, i: str(i.get("ProtectionArn") or c.arn("shield", f"protection/{i['Id']}", region="")),
            ("ResourceArn", "HealthCheckIds"),
            is_global=True,
            absent=("ResourceNotFoundException",),  # no Shield Advanced subscription
            depends=lambda c, i: [i.get("ResourceArn")],
        ),
        Listing(
            "sso-admin",
            "instances",
            "list_instances",
            "Instances",
            "AWS::SSO::Instance",
            "sso:ListInstances",
            "Name",
            "InstanceArn",
            ("IdentityStoreId", "OwnerAccountId", "Status"),
        ),
    ]
    return [spec.collector() for spec in listings]
