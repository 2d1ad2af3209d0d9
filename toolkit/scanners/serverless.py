"""Serverless Framework (``serverless.yml``, AWS provider): functions, their events, ``resources:``."""

from __future__ import annotations

import re

from . import cloudformation, inline_code
from .pathscan import js_tree, policy
from .pathscan.hits import FileError, FileResult, Hit, add_first_uses
from .pathscan.resolver import Resolver
from .pathscan.text import blank_comments
from .pathscan.tree import Node, parse

SCANNER = "serverless"

_ARN_SERVICE = re.compile(r"arn:aws[\w-]*:([a-z0-9-]+):")
# plugins that deploy a service: serverless-plugin-aws-alerts creates CloudWatch alarms. Read from
# the parsed ``plugins:`` list (YAML or code) and, in YAML, from any list item naming one.
_PLUGINS = {
    "serverless-appsync-plugin": "appsync",
    "serverless-step-functions": "stepfunctions",
    "serverless-plugin-aws-alerts": "cloudwatch",
    "@wizeline/serverless-amplify-plugin": "amplify",
    "serverless-s3-sync": "s3",
    "serverless-finch": "s3",
    "serverless-plugin-canary-deployments": "codedeploy",
    "serverless-associate-waf": "wafv2",
    "serverless-cloudfront-invalidate": "cloudfront",
}
# …of which these deploy only what a section of the configuration declares (a plugin listed with
# its section commented out deploys nothing); each named by its section's key
_PLUGIN_SECTIONS = {
    "serverless-appsync-plugin": "appSync",
    "serverless-step-functions": "stepFunctions",
    "@wizeline/serverless-amplify-plugin": "amplify",
    "serverless-s3-sync": "s3Sync",
    "serverless-finch": "client",
    "serverless-plugin-canary-deployments": "deploymentSettings",
    "serverless-associate-waf": "associateWaf",
    "serverless-cloudfront-invalidate": "cloudfrontInvalidate",
}
# the data source types of an AppSync API and the services they read
_APPSYNC_DATA_SOURCES = {
    "AWS_LAMBDA": "lambda",
    "AMAZON_DYNAMODB": "dynamodb",
    "AMAZON_ELASTICSEARCH": "opensearch",
    "AMAZON_OPENSEARCH_SERVICE": "opensearch",
    "RELATIONAL_DATABASE": "rds",
    "AMAZON_EVENTBRIDGE": "events",
    "AMAZON_BEDROCK_RUNTIME": "bedrock",
}
# serverless-appsync-plugin's API (under appSync: or in a file of its own): resolvers, data sources
_APPSYNC_SIGNS = (
    # (a Cognito user-pool authorizer, of an AppSync API or of API Gateway's)
    (re.compile(r"\b(?:AMAZON_)?COGNITO_USER_POOLS\b"), "cognito-idp", "authorizer"),
    (re.compile(r"^\s*(?:mappingTemplates|pipelineFunctions|resolvers)\s*:"), "appsync", "appsync-api"),
    *(
        (re.compile(rf"""^\s*-?\s*type\s*:\s*['"]?{kind}['"]?\s*$"""), service, "appsync-data-source")
        for kind, service in _APPSYNC_DATA_SOURCES.items()
    ),
)
_APPSYNC_FILE = re.compile(r"^(?:mappingTemplates|pipelineFunctions|resolvers|dataSources)\s*:", re.M)
# What else a serverless.yml ties the app to: plugins that deploy a service, variables resolved from
# a service at deploy time, a deployment bucket it names, Cognito user-pool authorizers.
_TEXT_SIGNS = (
    *(
        (re.compile(rf"^\s*-\s*['\"]?{re.escape(name)}\b"), service, "plugin")
        for name, service in _PLUGINS.items()
    ),
    # ${ssm:/path}, and Parameter Store as a fallback source: ${env:X, ssm:/path, "default"}
    (re.compile(r"\$\{(?:[^{}]*,\s*)?ssm(?:\([^)]*\))?:"), "ssm", "variable"),
    # a Secrets Manager secret read through Parameter Store's reference path
    (
        re.compile(r"\$\{(?:[^{}]*,\s*)?ssm(?:\([^)]*\))?:/aws/reference/secretsmanager/"),
        "secretsmanager",
        "variable",
    ),
    (re.compile(r"\$\{s3:"), "s3", "variable"),
    # CloudFormation's dynamic references in the resources section: {{resolve:ssm:/aws/service/…}}
    (re.compile(r"\{\{resolve:ssm(?:-secure)?:"), "ssm", "dynamic-reference"),
    (re.compile(r"\{\{resolve:secretsmanager:"), "secretsmanager", "dynamic-reference"),
    # serverless-domain-manager puts an API Gateway domain on an ACM certificate
    (re.compile(r"^\s*certificate(?:Name|Arn)\s*:"), "acm", "custom-domain"),
    # …and its DNS record in a hosted zone it names, or that it is told to create
    (re.compile(r"""^\s*hostedZoneId\s*:\s*['"]?Z[A-Z0-9]{5,}['"]?,?\s*$"""), "route53", "custom-domain"),
    (re.compile(r"""^\s*createRoute53Record\s*:\s*['"]?true\b"""), "route53", "custom-domain"),
    # an S3 access-log destination (serverless-s3-bucket-helper, bucket logging settings)
    (re.compile(r"^\s*destinationBucketName\s*:\s*\S"), "s3", "logging-bucket"),
    *_APPSYNC_SIGNS,
    # serverless-associate-waf and the WAF plugins put the API behind a named web ACL
    (re.compile(r"^\s*(?:associateWaf|wafPlugin)\s*:"), "wafv2", "plugin"),
)


# serverless.ts / serverless.js: the same configuration as an object literal in code
_CODE_CONFIG = re.compile(r"serverless(?:\.[\w-]+)?\.(?:ts|js|mjs|cjs)")
_CODE_PROVIDER = re.compile(r"""\bname\s*:\s*['"`]aws['"`]""")
_CODE_HANDLER = re.compile(r"""\bhandler['"]?\s*:""")


def is_config_in_code(name: str) -> bool:
    """True for ``serverless.ts``/``serverless.js`` (the configuration written in code)."""
    return _CODE_CONFIG.fullmatch(name) is not None


def is_serverless_file(name: str) -> bool:
    """True for ``serverless.yml``/``serverless.yaml`` (and ``serverless.<stage>.yml``)."""
    return re.fullmatch(r"serverless(?:\.[\w-]+)?\.ya?ml", name) is not None


# files a serverless.yml includes with ${file(…)}: function definitions, IAM statement lists
_FRAGMENT_HANDLER = re.compile(r"^\s+handler\s*:", re.M)
_FRAGMENT_STATEMENT = re.compile(r"^\s*-?\s*Effect\s*:", re.M)


def looks_like_fragment(text: str) -> bool:
    """True when ``text`` may be a piece of a Serverless configuration kept in its own file."""
    head = text[:100_000]
    return (
        _FRAGMENT_HANDLER.search(head) is not None
        or ("Action" in head and _FRAGMENT_STATEMENT.search(head) is not None)
        or _is_appsync_api(head)
    )


def _is_appsync_api(text: str) -> bool:
    """An AppSync API kept in its own file for serverless-appsync-plugin."""
    return "authenticationType" in text and _APPSYNC_FILE.search(text) is not None


def scan_fragment(text: str, relpath: str, resolver: Resolver) -> FileResult | None:
    """The event sources of functions defined in an included file (their runtime, Lambda, is the
    including file's to say) and the IAM actions of included statements; ``None`` when ``text`` is
    neither."""
    try:
        documents = parse(text)
    except ValueError:
        return None
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    read = False
    for document in documents:
        if document.get("apiVersion") is not None or document.get("provider") is not None:
            continue
        defined = document.get("functions") or document
        for name, function in _functions(defined):
            handler = function.get("handler")
            if handler is None or handler.text() is None:
                continue
            read = True
            _events(function, name, resolver, result)
        read = _statement_actions(document, resolver, result) or read
    if _is_appsync_api(text):
        uses = _text_signs(text, resolver, _APPSYNC_SIGNS)
        add_first_uses(result, SCANNER, uses, attributes=lambda how: {})
        read = read or bool(uses)
    return result if read else None


_CONFIG_KEYS = (
    re.compile(r"^service\s*:", re.M),
    re.compile(r"^provider\s*:", re.M),
    re.compile(r"^(?:functions|frameworkVersion)\s*:", re.M),
)


def looks_like_config(text: str) -> bool:
    """True for a Serverless configuration under another name (``serverless-forwarder.yml``,
    ``sls/prod.yml``): top-level ``service:``, ``provider:`` and ``functions:`` (or
    ``frameworkVersion:``) keys. Helm values with ``service:`` and ``provider:`` are not one."""
    head = text[:100_000]
    return all(key.search(head) is not None for key in _CONFIG_KEYS)


def _provider_name(document: Node) -> str | None:
    provider = document.get("provider")
    if provider is None:
        return None
    if provider.text():
        return provider.text()
    name = provider.get("name")
    return name.text() if name else None


def scan(text: str, relpath: str, resolver: Resolver) -> FileResult:
    """Functions (Lambda), the services their events imply, and the CloudFormation ``resources:``."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    try:
        documents = parse(text)
    except ValueError as exc:
        result.errors.append(FileError(SCANNER, "ParseError", f"{exc}; read line by line instead"))
        cloudformation.line_by_line(text, resolver, result, origin=SCANNER)
        return result
    for document in documents:
        _configuration(document, text, relpath, resolver, result)
    return result


def _configuration(document: Node, text: str, relpath: str, resolver: Resolver, result: FileResult) -> None:
    """One configuration, read from YAML or from an object literal in code."""
    provider = _provider_name(document)
    if provider is not None and provider != "aws":
        result.notes.append(f"{relpath}: provider {provider!r} is not AWS; not read")
        return
    functions = document.get("functions")
    if functions is not None and not _functions(functions) and provider == "aws":
        # functions: ${file(functions.yml)} (or a list of them): Lambda functions defined elsewhere
        result.hits.append(
            Hit("serverless", resolver.canon("lambda"), "serverless.functions", "functions", functions.line)
        )
    for name, function in _functions(functions):
        result.hits.append(
            Hit("serverless", resolver.canon("lambda"), "serverless.function", name, function.line)
        )
        vpc = _vpc(function)
        if vpc is not None:
            result.hits.append(Hit("serverless", resolver.canon("ec2"), "function.vpc", name, vpc.line))
        _events(function, name, resolver, result)
    resources = document.get("resources")
    inline: list[tuple[int, str, str, str]] = []
    if resources is not None:
        for part in resources.children() or [resources]:
            cloudformation.template_hits(
                part.get("Resources"), relpath, resolver, result, origin="serverless"
            )
            inline += inline_code.uses(part.get("Resources"), text, relpath, resolver)
    _lift_constructs(document.get("constructs"), resolver, result)
    _components(document, resolver, result)
    _provider_settings(document.get("provider"), document.get("custom"), resolver, result)
    _other_schedules(document, resolver, result)
    add_first_uses(
        result,
        SCANNER,
        [
            *_unconfigured_plugins_dropped(
                [*_text_signs(text, resolver), *_plugins(document.get("plugins"), resolver)], text
            ),
            *cloudformation.joined_uses(document, resolver),
            *inline,
        ],
        attributes=lambda how: {},
    )
    _statement_actions(document, resolver, result)


# the configuration in code: serverless.ts, or an object with the top-level keys of one
_CODE_CONFIG_KEYS = ("service", "provider")
_CODE_LANGUAGES = (".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".tsx", ".jsx")


def scan_code(text: str, relpath: str, resolver: Resolver) -> FileResult | None:
    """A Serverless configuration written in TypeScript/JavaScript (``serverless.ts``, or any object
    with ``service``, an AWS ``provider`` and ``functions``/``frameworkVersion``) read as its YAML
    form would be, and function definitions kept in their own modules (an object with ``handler``
    and ``events``: their event sources count, Lambda is the including file's to say). ``None``
    when the file holds neither."""
    lower = relpath.rsplit("/", 1)[-1].lower()
    if not lower.endswith(_CODE_LANGUAGES):
        return None
    configuration = _CODE_PROVIDER.search(text) is not None
    if not configuration and ("events" not in text or _CODE_HANDLER.search(text) is None):
        return None
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    read = False
    code = blank_comments(text, "c")  # what is commented out is not configured
    tsx = lower.endswith((".js", ".jsx", ".tsx", ".mjs", ".cjs"))
    for literal in js_tree.object_literals(code, tsx=tsx):
        provider = _provider_name(literal)
        if provider is not None and all(literal.get(key) is not None for key in _CODE_CONFIG_KEYS):
            if is_config_in_code(lower) or literal.get("functions") or literal.get("frameworkVersion"):
                _configuration(literal, code, relpath, resolver, result)
                read = True
        else:
            # one function (export default {handler, events}) or a mapping of them
            single = literal.get("handler") is not None
            for name, function in [(_module_function_name(relpath), literal)] if single else literal.items():
                if function.get("handler") is not None and function.get("events") is not None:
                    _events(function, name, resolver, result)
                    read = True
    return result if read else None


def _module_function_name(relpath: str) -> str:
    """A function module's name: its file's, or its folder's for ``signup/index.ts``."""
    folder, _, name = relpath.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    return (folder.rpartition("/")[2] or stem) if stem == "index" else stem


def _unconfigured_plugins_dropped(
    uses: list[tuple[int, str, str, str]], text: str
) -> list[tuple[int, str, str, str]]:
    """``uses`` without the plugins whose section the configuration does not have."""
    missing = [
        name
        for name, section in _PLUGIN_SECTIONS.items()
        if not re.search(rf"""^\s*['"]?{section}['"]?\s*:""", text, re.M)
    ]
    return [
        use for use in uses if use[2] != "serverless.plugin" or not any(name in use[3] for name in missing)
    ]


def _plugins(plugins: Node | None, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    listed = (plugins.get("modules") or plugins) if plugins is not None else None
    return [
        (item.line, resolver.canon(_PLUGINS[name]), "serverless.plugin", name)
        for item in (listed.children() if listed else [])
        if (name := item.text() or "") in _PLUGINS
    ]


# Serverless Components (``component:`` with ``inputs:``): Next.js on CloudFront, Lambda@Edge and
# S3, and the single-service AWS components
_NEXT_COMPONENT = ("cloudfront", "lambda", "s3")
_AWS_COMPONENT = re.compile(r"(?:@serverless/)?aws-([a-z0-9-]+?)(?:@.*)?")


def _components(document: Node, resolver: Resolver, result: FileResult) -> None:
    for name, entry in document.items():
        component = entry.get("component")
        kind = (component.text() or "") if component is not None else ""
        if component is None or entry.get("inputs") is None:
            continue
        if kind.startswith("@sls-next/"):
            services: tuple[str, ...] = _NEXT_COMPONENT
        elif (match := _AWS_COMPONENT.fullmatch(kind)) and (service := resolver.by_name(match.group(1))):
            services = (service,)
        else:
            continue
        for service in services:
            result.hits.append(
                Hit(
                    "serverless",
                    resolver.canon(service),
                    "serverless-component",
                    f"{name}.component",
                    component.line,
                )
            )


# serverless-lift constructs (https://github.com/getlift/lift) and the services each one deploys
_LIFT_CONSTRUCTS = {
    "queue": ("sqs",),
    "storage": ("s3",),
    "webhook": ("apigateway", "events"),
    "static-website": ("s3", "cloudfront"),
    "single-page-app": ("s3", "cloudfront"),
    "server-side-website": ("s3", "cloudfront"),
    "database/dynamodb-single-table": ("dynamodb",),
}


def _lift_constructs(constructs: Node | None, resolver: Resolver, result: FileResult) -> None:
    for name, construct in constructs.items() if constructs else []:
        type_node = construct.get("type")
        services = _LIFT_CONSTRUCTS.get((type_node.text() or "") if type_node else "", ())
        line = type_node.line if type_node else construct.line
        for service in services:
            result.hits.append(
                Hit("serverless", resolver.canon(service), "serverless-lift", f"constructs.{name}", line)
            )
        # a queue's worker, a webhook's authorizer: functions (a handler, or a container image)
        # Lift deploys to Lambda
        function_code = [
            found
            for node in construct.walk()
            for found in (node.get("handler"), node.get("image"))
            if found is not None
        ]
        if services and function_code:
            result.hits.append(
                Hit(
                    "serverless",
                    resolver.canon("lambda"),
                    "serverless-lift",
                    f"constructs.{name}",
                    function_code[0].line,
                )
            )


# provider settings that make or name resources of a service: images built into ECR, buckets the
# framework creates, an existing HTTP API, the WebSocket API's name
_PROVIDER_RESOURCES = (
    ("ecr", "ecr", "provider.ecr"),
    ("s3", "s3", "provider.s3"),
    ("websocketsApiName", "apigatewayv2", "provider.websocketsApiName"),
)


def _vpc(settings: Node | None) -> Node | None:
    """A provider's or function's ``vpc:`` naming subnets or security groups (EC2 resources)."""
    vpc = settings.get("vpc") if settings is not None else None
    if vpc is None or (vpc.get("securityGroupIds") is None and vpc.get("subnetIds") is None):
        return None
    return vpc


def _other_schedules(document: Node, resolver: Resolver, result: FileResult) -> None:
    """A schedule outside the functions' events (an EventBridge rule): the warmup plugin's warmers
    under ``custom``, a state machine's trigger under ``stepFunctions``."""
    for section in (document.get("custom"), document.get("stepFunctions")):
        for node in section.walk() if section is not None else []:
            events = node.get("events")
            for event in events.children() if events is not None else []:
                schedule = event.get("schedule")
                if schedule is not None:
                    result.hits.append(
                        Hit("serverless", resolver.canon("events"), "schedule", "schedule", schedule.line)
                    )
                    return


def _provider_settings(
    provider: Node | None, custom: Node | None, resolver: Resolver, result: FileResult
) -> None:
    """Services switched on by settings: a named deployment bucket (S3), X-Ray tracing, images,
    buckets and APIs the provider section makes or names, the SNS topics serverless-plugin-aws-alerts
    creates."""
    found: list[tuple[str, str, Node]] = []
    bucket = provider.get("deploymentBucket") if provider else None
    if bucket is not None and (bucket.text() or bucket.get("name") is not None):
        found.append(("s3", "deployment-bucket", bucket))
    tracing = provider.get("tracing") if provider else None
    if tracing is not None and any(
        switch.text() in ("true", "True", "Active")
        for switch in [tracing, *(value for _, value in tracing.items())]
    ):
        found.append(("xray", "tracing", tracing))
    for key, service, how in _PROVIDER_RESOURCES:
        setting = provider.get(key) if provider else None
        if setting is not None and (setting.items() or setting.text()):
            found.append((service, how, setting))
    vpc = _vpc(provider)
    if vpc is not None:
        found.append(("ec2", "provider.vpc", vpc))
    logs = provider.get("logs") if provider else None
    if logs is not None and any(value.text() not in ("false", "False") for _, value in logs.items()):
        found.append(("logs", "provider.logs", logs))  # API Gateway and WebSocket access logs
    api_gateway = provider.get("apiGateway") if provider else None
    if api_gateway is not None and api_gateway.items():
        found.append(("apigateway", "provider.apiGateway", api_gateway))  # the REST API's settings
    alerts = custom.get("alerts") if custom else None
    topics = alerts.get("topics") if alerts else None
    if topics is not None:
        found.append(("sns", "aws-alerts", topics))
    for service, how, node in found:
        result.hits.append(Hit("serverless", resolver.canon(service), how, how, node.line))


def _text_signs(
    text: str, resolver: Resolver, signs: tuple[tuple[re.Pattern[str], str, str], ...] = _TEXT_SIGNS
) -> list[tuple[int, str, str, str]]:
    return [
        (number, resolver.canon(service), f"serverless.{how}", line.strip()[:80])
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#")
        for pattern, service, how in signs
        if pattern.search(line)
    ]


def _functions(functions: Node | None) -> list[tuple[str, Node]]:
    if functions is None:
        return []
    if isinstance(functions.value, list):
        return [pair for item in functions.children() for pair in item.items()]
    return functions.items()


def _statement_actions(document: Node, resolver: Resolver, result: FileResult) -> bool:
    """The first use of each service whose IAM actions ``document`` grants; whether it grants any."""
    actions = list(policy.tree_actions(document, resolver))
    add_first_uses(
        result, SCANNER, ((line, service, "iam-action", action) for service, action, line in actions)
    )
    return bool(actions)


def _events(function: Node, name: str, resolver: Resolver, result: FileResult) -> None:
    events = function.get("events")
    for event in events.children() if events else []:
        _event(event, name, resolver, result)


def _event(event: Node, function: str, resolver: Resolver, result: FileResult) -> None:
    for kind, body in event.items():
        service = resolver.serverless_events.get(kind)
        if kind == "stream":
            service = _stream_service(body)
        if service:
            result.hits.append(
                Hit(
                    "serverless",
                    resolver.canon(service),
                    f"serverless.event.{kind}",
                    f"{function}.{kind}",
                    body.line,
                    attributes={"implied_by": "serverless-event"},
                )
            )


def _stream_service(body: Node) -> str:
    declared = body.get("type")
    if declared is not None and declared.text() in ("dynamodb", "kinesis"):
        return str(declared.text())
    match = _ARN_SERVICE.search(str(body.plain()))
    if (match and match.group(1) == "kinesis") or "kinesis" in str(body.plain()).lower():
        return "kinesis"
    return "dynamodb"
