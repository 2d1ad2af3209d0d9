"""Identity and secrets: IAM, KMS, Secrets Manager, Cognito, Organizations, SSM Parameter Store.

Secret and parameter *values* are never read: only ListSecrets/DescribeParameters metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import DataSize, Resource
from .base import Collector, ScanContext, tag_dict
from .listing import Listing, pick


def iam(ctx: ScanContext) -> Iterator[Resource]:
    """Users, groups, roles, customer-managed policies and instance profiles in one paginated call."""
    kinds = ["User", "Role", "Group", "LocalManagedPolicy"]
    client = ctx.client()
    for page in client.get_paginator("get_account_authorization_details").paginate(Filter=kinds):
        for user in page.get("UserDetailList", []):
            yield ctx.resource(
                user["Arn"],
                "AWS::IAM::User",
                user["UserName"],
                region="global",
                attributes={
                    "path": user.get("Path"),
                    "groups": user.get("GroupList", []),
                    "inline_policies": [p["PolicyName"] for p in user.get("UserPolicyList", [])],
                },
                tags=tag_dict(user.get("Tags")),
                depends_on=_attached(user),
            )
        for group in page.get("GroupDetailList", []):
            yield ctx.resource(
                group["Arn"],
                "AWS::IAM::Group",
                group["GroupName"],
                region="global",
                attributes={"path": group.get("Path")},
                depends_on=_attached(group),
            )
        for role in page.get("RoleDetailList", []):
            yield ctx.resource(
                role["Arn"],
                "AWS::IAM::Role",
                role["RoleName"],
                region="global",
                attributes={
                    "path": role.get("Path"),
                    "trusted": _principals(role.get("AssumeRolePolicyDocument")),
                    "inline_policies": [p["PolicyName"] for p in role.get("RolePolicyList", [])],
                },
                tags=tag_dict(role.get("Tags")),
                depends_on=_attached(role),
            )
            for profile in role.get("InstanceProfileList", []):
                yield ctx.resource(
                    profile["Arn"],
                    "AWS::IAM::InstanceProfile",
                    profile["InstanceProfileName"],
                    region="global",
                    depends_on=[role["Arn"]],
                )
        for policy in page.get("Policies", []):
            name = str(policy.get("PolicyName") or policy["Arn"].rsplit("/", 1)[-1])
            yield ctx.resource(
                policy["Arn"],
                "AWS::IAM::ManagedPolicy",
                name,
                region="global",
                attributes={"path": policy.get("Path"), "attachments": policy.get("AttachmentCount")},
            )
    for kind, operation, key in (
        ("OIDCProvider", "list_open_id_connect_providers", "OpenIDConnectProviderList"),
        ("SAMLProvider", "list_saml_providers", "SAMLProviderList"),
    ):
        for provider in ctx.call(operation).get(key, []):
            yield ctx.resource(
                provider["Arn"],
                f"AWS::IAM::{kind}",
                provider["Arn"].rsplit("/", 1)[-1],
                region="global",
            )
    for profile in ctx.pages("list_instance_profiles", "InstanceProfiles"):
        if not profile.get("Roles"):  # those with a role came with it above
            yield ctx.resource(
                profile["Arn"],
                "AWS::IAM::InstanceProfile",
                profile["InstanceProfileName"],
                region="global",
                attributes={"path": profile.get("Path")},
            )


def _attached(entity: dict[str, Any]) -> list[str]:
    return [
        p["PolicyArn"]
        for p in entity.get("AttachedManagedPolicies", [])
        if ":aws:policy/" not in p["PolicyArn"]
    ]


def _principals(document: Any) -> list[str]:
    if isinstance(document, str):
        import json
        from urllib.parse import unquote

        document = json.loads(unquote(document))
    found: list[str] = []
    for statement in (document or {}).get("Statement", []):
        for value in (
            (statement.get("Principal") or {}).values()
            if isinstance(statement.get("Principal"), dict)
            else []
        ):
            found.extend(value if isinstance(value, list) else [value])
    return sorted(set(map(str, found)))


def keys(ctx: ScanContext) -> Iterator[Resource]:
    """KMS keys (one DescribeKey each) with their aliases; what they encrypt is linked afterwards."""
    aliases: dict[str, list[str]] = {}
    for alias in ctx.pages("list_aliases", "Aliases"):
        if alias.get("TargetKeyId"):
            aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    for entry in ctx.pages("list_keys", "Keys"):
        arn = ctx.arn("kms", f"key/{entry['KeyId']}")
        for name in aliases.get(entry["KeyId"], []):
            if not name.startswith("alias/aws/"):  # AWS-managed aliases are not the account's
                yield ctx.resource(
                    ctx.arn("kms", name),
                    "AWS::KMS::Alias",
                    name,
                    attributes={"target_key": arn},
                    depends_on=[arn],
                )
        item = ctx.call("describe_key", KeyId=entry["KeyId"])["KeyMetadata"]
        names = aliases.get(item["KeyId"], [])
        yield ctx.resource(
            item["Arn"],
            "AWS::KMS::Key",
            names[0].removeprefix("alias/") if names else item["KeyId"],
            attributes={
                **pick(
                    item,
                    (
                        "KeyId",
                        "KeyManager",
                        "KeyState",
                        "KeyUsage",
                        "KeySpec",
                        "Origin",
                        "MultiRegion",
                        "Description",
                    ),
                ),
                "aliases": names,
            },
        )


def user_pools(ctx: ScanContext) -> Iterator[Resource]:
    """Cognito user pools with their user count and Lambda triggers (users themselves are not listed)."""
    for summary in ctx.pages("list_user_pools", "UserPools", MaxResults=60):
        item = ctx.call("describe_user_pool", UserPoolId=summary["Id"])["UserPool"]
        triggers = sorted({v for v in (item.get("LambdaConfig") or {}).values() if isinstance(v, str)})
        yield ctx.resource(
            item["Arn"],
            "AWS::Cognito::UserPool",
            item["Name"],
            attributes={
                **pick(
                    item, ("Id", "MfaConfiguration", "EstimatedNumberOfUsers", "UsernameAttributes", "Status")
                ),
                "lambda_triggers": triggers,
                "password_hashes_exportable": False,
            },
            tags=tag_dict(item.get("UserPoolTags")),
            data=DataSize(bytes=0, users=int(item.get("EstimatedNumberOfUsers") or 0), method="api"),
            depends_on=triggers,
        )
        for client in ctx.pages(
            "list_user_pool_clients", "UserPoolClients", UserPoolId=item["Id"], MaxResults=60
        ):
            yield ctx.resource(
                f"{item['Arn']}/client/{client['ClientId']}",
                "AWS::Cognito::UserPoolClient",
                str(client.get("ClientName") or client["ClientId"]),
                attributes={"client_id": client["ClientId"], "user_pool": item["Id"]},
                depends_on=[item["Arn"]],
            )


def organization(ctx: ScanContext) -> Iterator[Resource]:
    """The organization and its accounts, when the account belongs to one."""
    import botocore.exceptions as bex

    try:
        org = ctx.call("describe_organization")["Organization"]
    except bex.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "AWSOrganizationsNotInUseException":
            return
        raise
    yield ctx.resource(
        org["Arn"],
        "AWS::Organizations::Organization",
        org["Id"],
        region="global",
        attributes=pick(org, ("Id", "FeatureSet", "MasterAccountId")),
    )
    for account in ctx.pages("list_accounts", "Accounts"):
        yield ctx.resource(
            account["Arn"],
            "AWS::Organizations::Account",
            account["Name"],
            region="global",
            attributes=pick(account, ("Id", "Status", "JoinedMethod")),
            depends_on=[org["Arn"]],
        )


def collectors() -> list[Collector]:
    """The identity collectors."""
    listings = [
        Listing(
            "secretsmanager",
            "secrets",
            "list_secrets",
            "SecretList",
            "AWS::SecretsManager::Secret",
            "secretsmanager:ListSecrets",
            "Name",
            "ARN",
            ("RotationEnabled", "RotationLambdaARN", "LastChangedDate", "KmsKeyId", "PrimaryRegion"),
            tags="Tags",
            depends=lambda c, i: [i.get("RotationLambdaARN")],
        ),
        Listing(
            "cognito-identity",
            "identity-pools",
            "list_identity_pools",
            "IdentityPools",
            "AWS::Cognito::IdentityPool",
            "cognito-identity:ListIdentityPools",
            "IdentityPoolName",
            lambda c, i: c.arn("cognito-identity", f"identitypool/{i['IdentityPoolId']}"),
            ("IdentityPoolId",),
            params={"MaxResults": 60},
            tags=None,
        ),
        Listing(
            "ssm",
            "parameters",
            "describe_parameters",
            "Parameters",
            "AWS::SSM::Parameter",
            "ssm:DescribeParameters",
            "Name",
            lambda c, i: str(i.get("ARN") or c.arn("ssm", f"parameter/{str(i['Name']).lstrip('/')}")),
            ("Type", "Tier", "Version", "DataType", "KeyId"),
        ),
    ]
    return [
        Collector(
            "iam.authorization",
            "iam",
            (
                "iam:GetAccountAuthorizationDetails",
                "iam:ListInstanceProfiles",
                "iam:ListOpenIDConnectProviders",
                "iam:ListSAMLProviders",
            ),
            iam,
            is_global=True,
        ),
        Collector("kms.keys", "kms", ("kms:ListKeys", "kms:ListAliases", "kms:DescribeKey"), keys),
        Collector(
            "cognito-idp.user-pools",
            "cognito-idp",
            ("cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "cognito-idp:ListUserPoolClients"),
            user_pools,
        ),
        Collector(
            "organizations.accounts",
            "organizations",
            ("organizations:DescribeOrganization", "organizations:ListAccounts"),
            organization,
            is_global=True,
        ),
        *(spec.collector() for spec in listings),
    ]
