"""Python source read through its syntax tree: the boto3/aiobotocore clients and resources it makes
(named by literal, constant, class attribute or ``client_type``), typed stubs, CDK and Lambda
imports; a pattern fallback for files that do not parse."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from .iac_in_code import (
    CLOUDWATCH,
    PYTHON_PACKAGES,
    cloudwatch_member_service,
    cloudwatch_uses,
    module_service,
)
from .pathscan.resolver import Resolver
from .pathscan.sink import Sink
from .pathscan.text import blank_comments

_PY_FALLBACK = re.compile(
    r"""\.(client|resource|create_client)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]"""
)
_PY_STUBS = re.compile(r"^(?:mypy_boto3|types_boto3|types_aiobotocore|mypy_aiobotocore)_(\w+)$")

_PY_LAMBDA_EVENTS = ("aws_lambda_powertools.utilities.data_classes", "aws_lambda_typing")
_AWS_WORDS = re.compile(r"\b(?:boto3?|botocore|aiobotocore|aioboto3|aws|AWS|Aws)")
_CLIENT_KEYS = ("client_type", "service_name", "service")
# a helper whose own name says it makes AWS clients: get_boto_resource("iam"), aws_client("sqs")
_AWS_HELPER = re.compile(r"boto|aws", re.I)
# a local helper named for the client it returns: get_dynamodb_resource(), create_sqs_client()
_NAMED_HELPER = re.compile(
    r"^(?:get|create|make|new|build|init)_([a-z0-9]+(?:_[a-z0-9]+)?)_(?:client|resource|table)$"
)
# legacy boto (v2): import boto.s3.connection, boto.connect_sqs(); module names that differ
_BOTO2_NAMES = {
    "awslambda": "lambda",
    "vpc": "ec2",
    "dynamodb2": "dynamodb",
    "rds2": "rds",
    "beanstalk": "elasticbeanstalk",
}
_SDK_MODULES = {"boto3", "botocore", "aiobotocore", "aioboto3"}
# Apache Airflow's Amazon provider: hooks, operators, sensors and transfers named for the service
# (airflow.providers.amazon.aws.hooks.lambda_function, ….transfers.s3_to_redshift)
_AIRFLOW_AWS = re.compile(
    r"^airflow\.providers\.amazon\.aws\.(?:hooks|operators|sensors|triggers|transfers|notifications)\.(\w+)"
)
# AWS SDK for pandas (awswrangler): its modules are named for the service each one reads or writes
_WRANGLER_MODULES = {
    "s3": "s3",
    "athena": "athena",
    "redshift": "redshift",
    "dynamodb": "dynamodb",
    "catalog": "glue",
    "emr": "emr",
    "cloudwatch": "logs",
    "opensearch": "opensearch",
    "timestream": "timestream-write",
    "quicksight": "quicksight",
    "secretsmanager": "secretsmanager",
    "lakeformation": "lakeformation",
    "neptune": "neptune",
}
# request fields that point another service (Rekognition, Textract, Transcribe, Glue, …) into S3
_S3_REQUEST_KEYS = {"S3Object", "S3Bucket", "S3Key", "S3Uri", "S3Location", "S3BucketName", "S3Prefix"}
# a class by its import path, as settings name backends: "storages.backends.s3boto3.S3Boto3Storage"
_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.[A-Z][A-Za-z0-9_]*$")
# what a client handed in is usually called: client, conn, s3_conn, self._client, …
_CLIENT_LIKE = re.compile(r"(?:^|_)(?:client|conn|connection)$|^_*(?:client|conn)(?:_|$)", re.I)
_COLLECTION_METHODS = {"all", "filter", "limit", "page_size"}
_API_METHOD = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")


def scan_python(text: str, relpath: str, resolver: Resolver, sink: Sink) -> str:
    """Clients, stubs, CDK and Lambda imports in one Python file; returns its text with comments blanked."""
    code = blank_comments(text, "hash")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        sink.result.notes.append(f"{relpath}: not valid Python (line {line}); read with patterns instead")
        for match in _PY_FALLBACK.finditer(code):
            if resolver.is_boto3(match.group(2)):
                sink.add(
                    resolver.canon(match.group(2)), f"boto3.{match.group(1)}", match.group(2), match.start()
                )
        return code
    nodes = list(ast.walk(tree))
    names = _service_names(nodes, resolver)
    wrappers = _wrapper_parameters(nodes)
    used = {node.id for node in nodes if isinstance(node, ast.Name)}
    _loop_clients(nodes, resolver, sink, names)
    # helpers that wrap boto3 (get_aws_client("sts"), client_type = "lambda") count only in files
    # that speak of AWS or boto at all: "config", "logs" or "events" are ordinary words elsewhere
    wrapped = _AWS_WORDS.search(text) is not None
    sdk = any(_imports_sdk(node) for node in nodes)
    # import awswrangler as wr / import pulumi_aws as aws / import aws_cdk as cdk: wr.athena,
    # aws.s3.BucketV2, cdk.aws_sns.Topic name services
    packages = {
        alias.asname or alias.name: alias.name
        for node in nodes
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name in ("awswrangler", "aws_cdk", *PYTHON_PACKAGES)
    }
    if CLOUDWATCH in code and any(package in code for package in PYTHON_PACKAGES):
        for offset, service, member in cloudwatch_uses(code, resolver):
            sink.add(service, "pulumi", member, offset)
    for node in nodes:
        if (
            packages
            and isinstance(node, ast.Attribute)
            and (found := _package_module(node, packages, resolver))
        ):
            sink.at_line(found[0], found[1], node.attr, node.lineno)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.match(node.value):
            # a backend named by its import path in settings: "anymail.backends.amazon_ses.EmailBackend"
            for service in resolver.by_library("python", node.value):
                sink.at_line(service, "library", node.value, node.lineno)
        # a hyphenated client name ("sagemaker-runtime", "cognito-idp") in a file that imports the
        # SDK names that service, whatever call it is handed to
        if sdk and isinstance(node, ast.Constant) and _hyphenated_client(node.value, resolver):
            sink.at_line(resolver.canon(str(node.value)), "boto3.service-name", str(node.value), node.lineno)
        if sdk and isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value in _S3_REQUEST_KEYS:
                    sink.at_line(resolver.canon("s3"), "s3-request-field", str(key.value), key.lineno)
        if isinstance(node, ast.Call):
            _python_call(node, resolver, sink, names, wrappers, wrapped=wrapped)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            _python_import(node, resolver, sink, used)
        elif wrapped and isinstance(node, ast.Assign | ast.AnnAssign):
            _python_declared_client(node, resolver, sink)
    return code


def _package_module(
    node: ast.Attribute, packages: dict[str, str], resolver: Resolver
) -> tuple[str, str] | None:
    """(service, package) for ``wr.athena`` or ``aws.s3`` when the name is bound to one of
    ``packages`` and the attribute is one of its service modules."""
    package = packages.get(node.value.id) if isinstance(node.value, ast.Name) else None
    if package == "awswrangler":
        wrangled = _WRANGLER_MODULES.get(node.attr)
        return (resolver.canon(wrangled), package) if wrangled else None
    if package == "aws_cdk":
        construct = resolver.by_cdk(node.attr[4:]) if node.attr.startswith("aws_") else None
        return (construct, "aws-cdk") if construct else None
    if node.attr == CLOUDWATCH:
        return None  # its members say which service: cloudwatch_uses
    service = module_service(node.attr, resolver) if package else None
    return (service, str(package)) if service else None


def _hyphenated_client(value: object, resolver: Resolver) -> bool:
    return isinstance(value, str) and "-" in value and resolver.is_boto3(value)


def _imports_sdk(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in _SDK_MODULES for alias in node.names)
    return isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _SDK_MODULES


def _python_declared_client(node: ast.Assign | ast.AnnAssign, resolver: Resolver, sink: Sink) -> None:
    """``client_type = "lambda"`` (class attribute) or ``kwargs["client_type"] = "lambda"``."""
    bound = _bound_service(node, resolver)
    if bound and "client_type" in bound[0]:  # (service_name is too common a variable name to count alone)
        sink.at_line(resolver.canon(bound[1]), "boto3.client", f"client_type={bound[1]!r}", node.lineno)


def _service_names(nodes: list[ast.AST], resolver: Resolver) -> dict[str, set[str]]:
    """Names (``DOMAIN``, ``self.service``, ``SERVICES``) bound in the file to boto3 service name
    literals, or to a tuple, list or set of them."""
    names: dict[str, set[str]] = {}
    for node in nodes:
        bound = _bound_service(node, resolver)
        if bound:
            bound_names, service = bound
            for name in bound_names:
                names.setdefault(name, set()).add(service)
        elif isinstance(node, ast.Assign) and (services := _literal_services(node.value, resolver, {})):
            for name in filter(None, map(_target_name, node.targets)):
                names.setdefault(name, set()).update(services)
    return names


def _loop_clients(nodes: list[ast.AST], resolver: Resolver, sink: Sink, names: dict[str, set[str]]) -> None:
    """Clients made in a loop over service names, ``for name in ("sns", "ses"): boto3.client(name)``
    or ``{svc: boto3.client(svc) for svc in SERVICES}``; the loop variable counts only inside its loop."""
    for node in nodes:
        if isinstance(node, ast.For | ast.AsyncFor):
            loops: list[tuple[ast.expr, ast.expr, Sequence[ast.AST]]] = [(node.target, node.iter, node.body)]
        elif isinstance(node, ast.DictComp):
            loops = [(loop.target, loop.iter, [node.key, node.value]) for loop in node.generators]
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp):
            loops = [(loop.target, loop.iter, [node.elt]) for loop in node.generators]
        else:
            continue
        for target, iterable, body in loops:
            services = _literal_services(iterable, resolver, names) if isinstance(target, ast.Name) else set()
            for call in _factory_calls(body) if services else ():
                argument = _factory_argument(call)
                if isinstance(argument, ast.Name) and argument.id == _name_of(target):
                    for service in sorted(services):
                        how = f"boto3.{_name_of(call.func)}"
                        sink.at_line(resolver.canon(service), how, f"{argument.id}={service!r}", call.lineno)


def _factory_calls(body: Sequence[ast.AST]) -> list[ast.Call]:
    """Every ``x.client(...)``/``x.resource(...)`` call under the given statements or expressions."""
    return [
        node
        for part in body
        for node in ast.walk(part)
        if isinstance(node, ast.Call) and _factory_argument(node) is not None
    ]


def _literal_services(node: ast.expr, resolver: Resolver, names: dict[str, set[str]]) -> set[str]:
    """The boto3 service names a tuple, list or set literal (or a name bound to one) holds."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return {service for element in node.elts if (service := _service_literal(element, resolver))}
    bound = _name_of(node)
    return set(names.get(bound, ())) if bound else set()


def _wrapper_parameters(nodes: list[ast.AST]) -> dict[str, tuple[int, str]]:
    """Functions that hand one of their parameters to ``client()``/``resource()`` as the service
    name, as ``{function: (position, parameter)}``: ``def make(name): return boto3.client(name)``."""
    wrappers: dict[str, tuple[int, str]] = {}
    for node in nodes:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        parameters = [argument.arg for argument in (*node.args.posonlyargs, *node.args.args)]
        for call in ast.walk(node):
            argument = _factory_argument(call) if isinstance(call, ast.Call) else None
            if isinstance(argument, ast.Name) and argument.id in parameters:
                position = parameters.index(argument.id)
                if parameters[0] in ("self", "cls"):
                    position -= 1
                wrappers[node.name] = (position, argument.id)
                break
    return wrappers


def _factory_argument(node: ast.Call) -> ast.expr | None:
    """The service-name argument of ``x.client(...)``/``x.resource(...)``, if this is one."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("client", "resource", "create_client")):
        return None
    keywords = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
    return keywords.get("service_name", node.args[0] if node.args else None)


def _bound_service(node: ast.AST, resolver: Resolver) -> tuple[list[str], str] | None:
    """(names, service) when ``node`` assigns a boto3 service name literal: ``DOMAIN = "route53"``,
    ``self.service = "sns"``, ``kwargs["client_type"] = "lambda"``."""
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return None
    service = _service_literal(value, resolver)
    return ([name for name in map(_target_name, targets) if name], service) if service else None


def _service_literal(node: ast.expr | None, resolver: Resolver) -> str | None:
    """The boto3 service name a string literal spells (``"s3"``, ``"cognito-idp"``), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and resolver.is_boto3(node.value):
        return node.value
    return None


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return str(target.slice.value)
    return _name_of(target)


def _name_of(node: ast.expr) -> str | None:
    """``name`` for ``name`` and for ``something.name``; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _python_call(
    node: ast.Call,
    resolver: Resolver,
    sink: Sink,
    names: dict[str, set[str]],
    wrappers: dict[str, tuple[int, str]],
    *,
    wrapped: bool,
) -> None:
    func = node.func
    method = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    keywords = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
    factory = method in ("client", "resource", "create_client")
    if not factory and method in wrappers:  # make("athena") where def make(name): return boto3.client(name)
        position, parameter = wrappers[method]
        handed = keywords.get(parameter, node.args[position] if 0 <= position < len(node.args) else None)
        if service := _service_literal(handed, resolver):
            sink.at_line(resolver.canon(service), f"boto3.client via {method}()", service, node.lineno)
            return
    helper = method is not None and _AWS_HELPER.search(method) is not None
    named_helper = _NAMED_HELPER.match(method or "") if wrapped else None
    if named_helper and (service := resolver.by_helper_name(named_helper.group(1))):
        sink.at_line(service, "boto3 helper", f"{method}()", node.lineno)
        return
    if method and method.startswith("connect_") and _is_boto2(func):
        service = method.removeprefix("connect_")
        sink.at_line(resolver.by_name(_BOTO2_NAMES.get(service, service)), "boto", method, node.lineno)
        return
    if factory or (
        (wrapped or helper) and method and method.lower().endswith(("client", "_resource", "_conn"))
    ):
        argument: ast.expr | None = keywords.get("service_name", node.args[0] if node.args else None)
    elif wrapped and any(key in keywords for key in _CLIENT_KEYS):
        argument = next(keywords[key] for key in _CLIENT_KEYS if key in keywords)
    else:
        _python_named_client(node, resolver, sink, wrapped=wrapped)
        return
    if service := _service_literal(argument, resolver):
        sink.at_line(resolver.canon(service), f"boto3.{method}", service, node.lineno)
    elif argument is not None and (bound := _name_of(_enum_member(argument))):
        for service in sorted(names.get(bound, ())):
            sink.at_line(resolver.canon(service), f"boto3.{method}", f"{bound}={service!r}", node.lineno)


def _enum_member(node: ast.expr) -> ast.expr:
    """``AWSServices.S3`` for ``AWSServices.S3.value`` (an Enum member's value), else the node."""
    if isinstance(node, ast.Attribute) and node.attr == "value":
        return node.value
    return node


def _python_named_client(node: ast.Call, resolver: Resolver, sink: Sink, *, wrapped: bool) -> None:
    """``ec2_client.describe_vpcs(...)``: an API call on a client made elsewhere. On a variable
    named for its service, one of that service's own methods (``self.s3.delete_object``; a variable
    named by an everyday word only in files that speak of AWS); a collection of a boto3 resource
    (``ec2.instances.filter``); in files that speak of AWS, an operation only one service has on
    whatever client (``client.describe_vpcs``)."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return
    if func.attr in _COLLECTION_METHODS and isinstance(func.value, ast.Attribute):
        # ec2.instances.filter(...): a collection of a boto3 resource named for its service
        holder = _name_of(func.value.value) or ""
        service = resolver.by_collection(holder, func.value.attr, speaks_aws=wrapped)
        if service:
            sink.at_line(service, "boto3.resource", f"{holder}.{func.value.attr}", node.lineno)
        return
    if not _API_METHOD.match(func.attr):
        return
    name = _name_of(func.value) or ""
    operation = func.attr
    if operation == "get_paginator" and node.args and isinstance(node.args[0], ast.Constant):
        operation = str(node.args[0].value)
    service = resolver.by_receiver(name, operation, speaks_aws=wrapped)
    # an operation only one service has, called on whatever client was handed in:
    # client.describe_vpcs(), ec2.get_paginator("describe_spot_price_history")
    if not service and wrapped and (_CLIENT_LIKE.search(name) or resolver.is_boto3(name.lstrip("_"))):
        service = resolver.by_operation(operation)  # not settings.secret.get_secret_value()
    if service:
        sink.at_line(service, "boto3.operation", f"{name}.{operation}", node.lineno)


def _is_boto2(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "boto"


def _python_import(node: ast.Import | ast.ImportFrom, resolver: Resolver, sink: Sink, used: set[str]) -> None:
    # a CDK module imported and never used declares nothing (CDK project templates import many)
    aliases = [
        alias for alias in node.names if not (_is_cdk(alias, node) and _bound_name(alias, node) not in used)
    ]
    if isinstance(node, ast.Import):
        modules = [alias.name for alias in aliases]
    elif node.module and aliases:
        # from storages.backends import s3, from aws_cdk import aws_sqs: the module and each name
        modules = [node.module, *(f"{node.module}.{alias.name}" for alias in aliases)]
    else:
        modules = []
    for module in modules:
        parts = module.split(".")
        if parts[0] in PYTHON_PACKAGES and len(parts) > 1:  # from troposphere.sqs import Queue
            if parts[1] != CLOUDWATCH:
                sink.at_line(module_service(parts[1], resolver), parts[0], module, node.lineno)
            elif len(parts) > 2:  # from pulumi_aws.cloudwatch import EventRule
                sink.at_line(cloudwatch_member_service(parts[2], resolver), parts[0], module, node.lineno)
        if parts[0] == "boto" and len(parts) > 1 and parts[1] not in ("exception", "utils", "connection"):
            sink.at_line(resolver.by_name(_BOTO2_NAMES.get(parts[1], parts[1])), "boto", module, node.lineno)
        for service in resolver.by_library("python", module):
            sink.at_line(service, "library", module, node.lineno)
        airflow = _AIRFLOW_AWS.match(module)
        for service in _airflow_services(airflow.group(1), resolver) if airflow else ():
            sink.at_line(service, "airflow-amazon-provider", module, node.lineno)
        head = parts[0]
        stub = _PY_STUBS.match(head)
        if stub:
            service = stub.group(1).replace("_", "-")
            sink.at_line(
                resolver.canon(service) if resolver.is_boto3(service) else resolver.by_name(service),
                "boto3-stubs",
                head,
                node.lineno,
            )
        elif head == "aws_cdk" and module.startswith("aws_cdk.aws_"):
            part = module.split(".")[1]
            sink.at_line(resolver.by_cdk(part[4:]), "aws-cdk", module, node.lineno)
        elif head in ("aws_lambda_powertools", "aws_lambda_typing", "awslambdaric"):
            # Powertools is a toolbox for code that runs on Lambda, not Lambda itself: what it names
            # is its utilities' services (the libraries table) and the typed events below
            if head != "aws_lambda_powertools":
                sink.at_line(resolver.canon("lambda"), "aws-lambda", head, node.lineno)
            if isinstance(node, ast.ImportFrom) and module.startswith(_PY_LAMBDA_EVENTS):
                for alias in node.names:
                    event = resolver.lambda_events.get(alias.name)
                    if event:
                        sink.at_line(resolver.canon(event), "lambda-event", alias.name, node.lineno)


def _is_cdk(alias: ast.alias, node: ast.Import | ast.ImportFrom) -> bool:
    module = (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
    return module.startswith("aws_cdk")


def _bound_name(alias: ast.alias, node: ast.Import | ast.ImportFrom) -> str:
    """The name an import binds: ``s3`` for ``import aws_cdk.aws_s3 as s3`` or ``from … import s3``."""
    if alias.asname:
        return alias.asname
    return alias.name if isinstance(node, ast.ImportFrom) else alias.name.split(".")[0]


def _airflow_services(name: str, resolver: Resolver) -> list[str]:
    """``s3_to_redshift`` → s3, redshift; ``lambda_function`` → lambda; ``base_aws`` → nothing."""
    return [service for part in name.split("_to_") if (service := resolver.by_words(part))]
