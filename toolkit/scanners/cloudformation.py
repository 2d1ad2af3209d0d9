"""CloudFormation and SAM templates, YAML (short-form intrinsics included) or JSON.

Each ``AWS::…`` resource is reported at its ``Type:`` line. SAM functions also report the
services their events imply (an ``Api`` event is API Gateway, ``SQS`` is SQS, …), and nested
stacks (``AWS::CloudFormation::Stack``, ``AWS::Serverless::Application``) with a local template
are followed.
"""

from __future__ import annotations

import posixpath
import re

from . import inline_code
from .literals import cli_calls, references
from .pathscan import policy
from .pathscan.hits import FileError, FileResult, FollowUp, Hit, add_first_uses
from .pathscan.resolver import Resolver, camel_words
from .pathscan.text import LineIndex, blank_hash_lines
from .pathscan.tree import Node, parse

SCANNER = "cloudformation"

_SIGNS = re.compile(
    r"AWSTemplateFormatVersion|AWS::Serverless-20|^\s*[\"']?Type[\"']?\s*:\s*[\"']?AWS::[A-Za-z0-9]+::", re.M
)
_NESTED = {"AWS::CloudFormation::Stack": "TemplateURL", "AWS::Serverless::Application": "Location"}
# how a template does its work, not a service it depends on (a SAR application's own resources are
# what count, and they are followed when its template is local)
_TEMPLATE_MECHANICS = {
    "AWS::CloudFormation::CustomResource",
    "AWS::CloudFormation::WaitCondition",
    "AWS::CloudFormation::WaitConditionHandle",
    "AWS::Serverless::Application",
    "AWS::CDK::Metadata",
}
# SAM's EventInvokeConfig destinations: Type SNS/SQS/Lambda/EventBridge without a Destination
# makes SAM create one
_DESTINATION_TYPES = {"SNS": "sns", "SQS": "sqs", "Lambda": "lambda", "EventBridge": "events", "S3": "s3"}


def looks_like(text: str) -> bool:
    """True when a YAML/JSON text reads as a CloudFormation or SAM template."""
    return _SIGNS.search(text[:200_000]) is not None


def scan(text: str, relpath: str, resolver: Resolver, *, forced: bool = False) -> FileResult:
    """Every AWS resource (and SAM event source) declared in one template file.

    A template rendered by another tool (``stack.json.tpl`` with ``${placeholders}``) need not
    parse before rendering: it is read line by line with a note, not an error."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    try:
        documents = parse(text, json_first=relpath.removesuffix(".tpl").endswith(".json"))
    except ValueError as exc:
        if relpath.endswith(".tpl"):
            result.notes.append(f"{relpath}: a template for another tool ({exc}); read line by line")
        else:
            result.errors.append(FileError(SCANNER, "ParseError", f"{exc}; read line by line instead"))
        line_by_line(text, resolver, result)
        return result
    for document in documents:
        resources = document.get("Resources") or fragment(document, relpath)
        if resources is None and not forced:
            continue
        template_hits(resources, relpath, resolver, result, origin="cloudformation")
        implied_hits(resources, document, text, resolver, result, origin="cloudformation")
        add_first_uses(result, SCANNER, inline_code.uses(resources, text, relpath, resolver))
    return result


# {{resolve:secretsmanager:…}}, {{resolve:ssm:…}}, {{resolve:ssm-secure:…}}: values fetched at deploy time
_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:(secretsmanager|ssm|ssm-secure):")
# when the YAML does not parse: resource types and IAM actions, one per line
_TYPE_LINE = re.compile(r"""^\s*["']?Type["']?\s*:\s*["']?(AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+)""", re.M)
_ACTION_LINE = re.compile(
    r"""^\s*(?:-\s*|["']?(?:Not)?Action["']?\s*:\s*)["']?([A-Za-z][A-Za-z0-9-]*:[A-Z*][\w*]*)["']?\s*,?$""",
    re.M,
)


def line_by_line(text: str, resolver: Resolver, result: FileResult, *, origin: str = SCANNER) -> None:
    """What a template that does not parse (templated, hand-broken) still shows: its resource types,
    IAM actions and literal references, each at its line."""
    code = blank_hash_lines(text)
    index = LineIndex(code)
    found = _literal_uses(code, index, resolver)
    for match in _TYPE_LINE.finditer(code):
        service = resolver.by_cloudformation(match.group(1))
        if service and match.group(1) not in _TEMPLATE_MECHANICS:
            found.append((index.line(match.start(1)), service, match.group(1), match.group(1)))
    for match in _ACTION_LINE.finditer(code):
        service = policy.action_service(match.group(1).split(":")[0], resolver)
        if service:
            found.append((index.line(match.start(1)), service, "iam-action", match.group(1)))
    add_first_uses(result, origin, found, attributes=lambda how: {"read": "line by line"})


def fragment(document: Node, relpath: str) -> Node | None:
    """Resources of a template fragment without a ``Resources`` key (serverless ``${file()}`` parts):
    one resource (``Type: AWS::…`` at the top) or a mapping of logical ids to resources."""
    if _type_of(document).startswith("AWS::"):
        name = posixpath.basename(relpath).rsplit(".", 1)[0]
        return Node({name: document}, document.line)
    entries = document.items()
    if entries and all(_type_of(entry).startswith("AWS::") for _, entry in entries):
        return document
    return None


# properties that attach another service's resource: an Auto Scaling group's load balancers
# properties that attach a resource of another service by reference: load balancers, certificates
_ATTACHING_KEYS = {
    "LoadBalancerNames": "elb",
    "TargetGroupARNs": "elbv2",
    "AcmCertificateArn": "acm",
    "RegionalCertificateArn": "acm",
    "CertificateArn": "acm",
    "CloudWatchLogsLogGroup": "logs",  # a state machine's log destination
}
_S3_KEYS = {"S3Bucket", "S3Key", "S3ObjectVersion", "S3Location", "S3Uri", "S3BucketName"}
# SAM's code and definition locations given as {Bucket, Key}
_SAM_URIS = {"CodeUri", "ContentUri", "DefinitionUri"}
# a log group named by a literal name: a delivery stream's or a state machine's logging options
_LOG_GROUP_KEYS = {"LogGroupName", "awslogs-group"}
# settings blocks whose Type says which service keeps them: a pipeline's artifact store and its key
_TYPED_BLOCKS = {("ArtifactStore", "S3"): "s3", ("EncryptionKey", "KMS"): "kms"}


def _property_uses(resources: Node, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    """Services resource properties point into, in one walk: S3 locations (Lambda ``Code.S3Bucket``,
    Glue ``S3Location``, …), log groups named outright, attached load balancers and certificates,
    a pipeline's artifact store and key, and CodePipeline actions run by an AWS service
    (``ActionTypeId: {Owner: AWS, Provider: CodeCommit}``)."""
    found: list[tuple[int, str, str, str]] = []
    for each in resources.walk():
        for key, child in each.items():
            if key in _S3_KEYS or (key in _SAM_URIS and child.get("Bucket") is not None):
                found.append((child.line, resolver.canon("s3"), "s3-property", key))
            elif key in _ATTACHING_KEYS and ":iam::" not in (child.text() or ""):
                # (an IAM server certificate's ARN is IAM's, which the ARN itself says)
                found.append((child.line, resolver.canon(_ATTACHING_KEYS[key]), "property", key))
            elif key in _LOG_GROUP_KEYS and child.text():
                found.append((child.line, resolver.canon("logs"), "property", key))
            elif (kind := child.get("Type")) is not None and (
                typed := _TYPED_BLOCKS.get((key, kind.text() or ""))
            ):
                found.append((kind.line, resolver.canon(typed), "property", key))
        owner, provider = each.get("Owner"), each.get("Provider")
        if owner is not None and provider is not None and owner.text() == "AWS" and provider.text():
            runner = resolver.by_name(str(provider.text()))
            if runner:
                found.append((provider.line, runner, "codepipeline-action", str(provider.text())))
    return found


_ON = ("Active", "true", "True")


def _switched_on(template: Node, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    """Services a resource's (or SAM ``Globals``') settings bring in: X-Ray tracing, CodeDeploy
    traffic shifting, a dead-letter topic or queue, a Cognito user-pool authorizer, an API's custom
    domain on an ACM certificate with its Route 53 record."""
    found: list[tuple[int, str, str, str]] = []

    def add(node: Node, service: str, key: str) -> None:
        found.append((node.line, resolver.canon(service), "property", key))

    # a state machine's DeploymentPreference shifts traffic between its own versions: no CodeDeploy
    own_rollouts = {
        id(preference)
        for _, resource in (template.get("Resources") or Node({}, 0)).items()
        if _type_of(resource) == "AWS::Serverless::StateMachine"
        and (preference := (resource.get("Properties") or Node({}, 0)).get("DeploymentPreference"))
        is not None
    }
    for each in template.walk():
        for key, child in each.items():
            text = child.text()
            if key in ("Tracing", "TracingEnabled") and text in _ON:
                add(child, "xray", key)
            elif key in ("TracingConfig", "TracingConfiguration", "Tracing"):
                switch = child.get("Mode") or child.get("Enabled")
                if switch is not None and switch.text() in _ON:
                    add(switch, "xray", key)
            elif key == "DeploymentPreference" and child.items() and id(child) not in own_rollouts:
                add(child, "codedeploy", key)
            elif key == "DeadLetterQueue" and (kind := child.get("Type")) is not None:
                if kind.text() in ("SNS", "SQS"):
                    add(kind, str(kind.text()).lower(), key)
            elif key == "UserPoolArn":
                add(child, "cognito-idp", key)
            elif key == "Domain" and child.get("DomainName") is not None:
                certificate = child.get("CertificateArn")
                if certificate is not None:
                    add(certificate, "acm", "CertificateArn")
                zone = child.get("Route53")
                if zone is not None and (zone.get("HostedZoneId") or zone.get("HostedZoneName")):
                    add(zone, "route53", "Route53")
    return found


def _type_of(node: Node) -> str:
    type_node = node.get("Type")
    return (type_node.text() or "") if type_node is not None else ""


def implied_hits(
    resources: Node | None, template: Node, text: str, resolver: Resolver, result: FileResult, *, origin: str
) -> None:
    """Services used but not declared: granted by IAM ``Action`` lists, run by pipeline actions or
    named by properties in ``resources``, and named by ARNs, endpoints, ``s3://`` URLs and dynamic
    references anywhere in the ``template`` (parameter defaults, outputs and metadata too), written
    out or assembled by ``Fn::Join``. One hit per service, at its first line."""
    if resources is None:
        return
    found = [
        (line, service, "iam-action", action)
        for service, action, line in policy.tree_actions(resources, resolver)
    ]
    code = blank_hash_lines(text)
    found += _literal_uses(code, LineIndex(code), resolver)
    found += joined_uses(template, resolver)
    for _, parameter in (template.get("Parameters") or Node({}, 0)).items():
        # AWS::SSM::Parameter::Value<String> with a default path: a named Parameter Store entry
        type_node = parameter.get("Type")
        ptype = (type_node.text() if type_node else None) or ""
        if type_node and ptype.startswith("AWS::SSM::Parameter::") and parameter.get("Default"):
            found.append((type_node.line, resolver.canon("ssm"), "ssm-parameter", ptype))
    found += _property_uses(resources, resolver)
    found += _switched_on(template, resolver)
    add_first_uses(result, origin, found)


# ${AWS::Region}, serverless ${opt:region, self:provider.region}: stand-ins once joined
_VARIABLE = re.compile(r"\$\{[^{}]*\}")


def _joined(arguments: Node) -> str | None:
    """The text an ``Fn::Join`` builds, with ``${x}`` for each part only known at deploy time."""
    parts = arguments.children()
    if len(parts) != 2 or not parts[1].children():
        return None
    delimiter = parts[0].text() or ""
    return delimiter.join(part.text() or "${x}" for part in parts[1].children())


def joined_uses(node: Node, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    """What ``Fn::Join``/``!Join`` assembles: ``!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', …]]``
    is an ARN, ``['https://cognito-idp.', !Ref AWS::Region, '.amazonaws.com']`` an endpoint."""
    found: list[tuple[int, str, str, str]] = []
    for each in node.walk():
        joins = [each] if each.tag == "!Join" else [child for key, child in each.items() if key == "Fn::Join"]
        for join in joins:
            text = _joined(join)
            if text:
                text = _VARIABLE.sub("${x}", text)
                found += [(join.line, *use[1:]) for use in _literal_uses(text, LineIndex(text), resolver)]
    return found


def _literal_uses(code: str, index: LineIndex, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    """What the text of a template names, wherever it stands: ARNs (not a SAR application's id: see
    _TEMPLATE_MECHANICS), dynamic references, endpoints and ``s3://`` URLs."""
    found = [
        (index.line(offset), service, "arn", arn)
        for service, arn, offset in policy.arns(code, resolver)
        if service != "serverlessrepo"
    ]
    # actions of a policy written as a JSON string (an org-formation SCP's Content, a !Sub document)
    found += [
        (index.line(offset), service, "iam-action", action)
        for service, action, offset in policy.quoted_actions(code, resolver)
    ]
    for match in _DYNAMIC_REFERENCE.finditer(code):
        service = resolver.canon("secretsmanager" if match.group(1) == "secretsmanager" else "ssm")
        found.append((index.line(match.start()), service, "dynamic-reference", match.group(0)))
    for maybe, how, name, offset, _ in references(code, resolver, arns=False):
        if maybe:
            found.append((index.line(offset), maybe, how, name))
    if "aws " in code:
        found += [
            (index.line(offset), service, "aws-cli", command)
            for service, command, offset in cli_calls(code, resolver)
        ]
    return found


def template_hits(
    resources: Node | None, relpath: str, resolver: Resolver, result: FileResult, *, origin: str
) -> None:
    """Add a hit for every resource in a ``Resources`` mapping (also used for serverless.yml)."""
    if resources is None:
        return
    for logical_id, resource in resources.items():
        type_node = resource.get("Type")
        rtype = type_node.text() if type_node else None
        if not rtype or type_node is None:
            continue
        service = resolver.by_cloudformation(rtype)
        properties = resource.get("Properties")
        if rtype in _NESTED and properties is not None:
            _nested(properties.get(_NESTED[rtype]), relpath, result)
        if service is None or rtype in _TEMPLATE_MECHANICS:
            continue
        result.hits.append(Hit(origin, service, rtype, logical_id, type_node.line))
        if rtype in _SAM_WITH_POLICIES and properties is not None:
            _events(properties.get("Events"), rtype, logical_id, resolver, result, origin)
            _policies(properties.get("Policies"), rtype, logical_id, resolver, result, origin)
            _destinations(properties.get("EventInvokeConfig"), logical_id, resolver, result, origin)


# SAM resources with event sources and policy templates of their own
_SAM_WITH_POLICIES = ("AWS::Serverless::Function", "AWS::Serverless::StateMachine")


def _events(
    events: Node | None, owner_type: str, function: str, resolver: Resolver, result: FileResult, origin: str
) -> None:
    for event_name, event in events.items() if events else []:
        type_node = event.get("Type")
        etype = type_node.text() if type_node else None
        service = resolver.sam_events.get(etype or "")
        if service and type_node is not None:
            result.hits.append(
                Hit(
                    origin,
                    resolver.canon(service),
                    f"{owner_type}.Events.{etype}",
                    f"{function}.{event_name}",
                    type_node.line,
                    attributes={"implied_by": "sam-event"},
                )
            )


def _destinations(
    config: Node | None, function: str, resolver: Resolver, result: FileResult, origin: str
) -> None:
    destinations = config.get("DestinationConfig") if config is not None else None
    for outcome, destination in destinations.items() if destinations is not None else []:
        type_node = destination.get("Type")
        service = _DESTINATION_TYPES.get((type_node.text() or "") if type_node is not None else "")
        if service and type_node is not None:
            result.hits.append(
                Hit(origin, resolver.canon(service), f"EventInvokeConfig.{outcome}", function, type_node.line)
            )


_EXECUTION_ROLE_POLICY = re.compile(r"^(?:arn:\S+/)?AWSLambda(?:\w*ExecutionRole|Execute)$")


def policy_service(name: str, resolver: Resolver) -> str | None:
    """Service a SAM policy template or managed policy name grants: ``DynamoDBCrudPolicy`` → dynamodb."""
    words = camel_words(re.sub(r"^(?:AWS|Amazon)(?=[A-Z])", "", name))
    return resolver.by_camel_words("".join(words)) if len(words) > 1 else None


def _policies(
    policies: Node | None, owner_type: str, function: str, resolver: Resolver, result: FileResult, origin: str
) -> None:
    if policies is None:
        return
    entries = policies.children() or [policies]
    for entry in entries:
        names = [(entry.text(), entry.line)] if entry.text() else [(k, v.line) for k, v in entry.items()]
        for name, line in names:
            service = policy_service(name or "", resolver) if name and not name.startswith("arn:") else None
            if entry.text() and _EXECUTION_ROLE_POLICY.search(entry.text() or ""):
                # a policy that only makes SAM's role for the function an execution role names IAM
                result.hits.append(
                    Hit(origin, resolver.canon("iam"), "AWS::IAM::Role", f"{function}.Role", line)
                )
            if service:
                result.hits.append(
                    Hit(
                        origin,
                        service,
                        f"{owner_type}.Policies.{name}",
                        f"{function}.{name}",
                        line,
                        attributes={"implied_by": "sam-policy"},
                    )
                )


def _nested(location: Node | None, relpath: str, result: FileResult) -> None:
    target = location.text() if location else None
    if not target or "://" in target or target.startswith(("s3:", "${")):
        return
    base = posixpath.dirname(relpath)
    result.followups.append(
        FollowUp(posixpath.normpath(posixpath.join(base, target)), "cloudformation", relpath)
    )
