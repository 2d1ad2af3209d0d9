"""Developer tools and application platforms: Amplify, AppConfig, App Runner, CodeArtifact,
CodeCommit, CodeDeploy, Service Catalog, X-Ray.

Amplify apps carry environment variables and basic-auth credentials: neither is ever picked.
"""

from __future__ import annotations

from .base import Collector
from .listing import Listing


def collectors() -> list[Collector]:
    """The developer-tool collectors: one list call per region each."""
    listings = [
        Listing(
            "amplify",
            "apps",
            "list_apps",
            "apps",
            "AWS::Amplify::App",
            "amplify:ListApps",
            "name",
            "appArn",
            ("appId", "platform", "repository", "defaultDomain", "productionBranch.branchName"),
            tags="tags",
            depends=lambda c, i: [i.get("iamServiceRoleArn"), i.get("computeRoleArn")],
        ),
        Listing(
            "appconfig",
            "applications",
            "list_applications",
            "Items",
            "AWS::AppConfig::Application",
            "appconfig:ListApplications",
            "Name",
            lambda c, i: c.arn("appconfig", f"application/{i['Id']}"),
            ("Id", "Description"),
        ),
        Listing(
            "apprunner",
            "services",
            "list_services",
            "ServiceSummaryList",
            "AWS::AppRunner::Service",
            "apprunner:ListServices",
            "ServiceName",
            "ServiceArn",
            ("ServiceId", "ServiceUrl", "Status"),
        ),
        Listing(
            "codeartifact",
            "repositories",
            "list_repositories",
            "repositories",
            "AWS::CodeArtifact::Repository",
            "codeartifact:ListRepositories",
            "name",
            "arn",
            ("domainName", "domainOwner", "description"),
        ),
        Listing(
            "codecommit",
            "repositories",
            "list_repositories",
            "repositories",
            "AWS::CodeCommit::Repository",
            "codecommit:ListRepositories",
            "repositoryName",
            lambda c, i: c.arn("codecommit", str(i["repositoryName"])),
            ("repositoryId",),
        ),
        Listing(
            "codedeploy",
            "applications",
            "list_applications",
            "applications",
            "AWS::CodeDeploy::Application",
            "codedeploy:ListApplications",
            "",
            lambda c, i: c.arn("codedeploy", f"application:{i}"),
        ),
        Listing(
            "servicecatalog",
            "portfolios",
            "list_portfolios",
            "PortfolioDetails",
            "AWS::ServiceCatalog::Portfolio",
            "servicecatalog:ListPortfolios",
            "DisplayName",
            "ARN",
            ("Id", "ProviderName", "Description"),
        ),
        Listing(
            "xray",
            "groups",
            "get_groups",
            "Groups",
            "AWS::XRay::Group",
            "xray:GetGroups",
            "GroupName",
            "GroupARN",
            ("FilterExpression",),
            keep=lambda i: i.get("GroupName") != "Default",  # every account and region has it
        ),
    ]
    return [spec.collector() for spec in listings]
