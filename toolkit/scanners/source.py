"""Application source: the AWS SDK clients code creates, and AWS endpoints, ARNs and variables it hard-codes.

Python is read through its AST (``boto3.client("s3")``, ``session.resource(service_name="sqs")``,
typed stubs, CDK imports) with a pattern fallback for files that do not parse. JavaScript and
TypeScript (aws-sdk v2 and v3, CDK), Go (aws-sdk-go v1/v2), Java/Kotlin (SDK v1/v2), C#, Ruby and
PHP are read with patterns over the text with comments blanked out. Every text file that is not a
template also gets the generic pass: endpoints, ARNs, ``s3://`` URLs, the instance metadata
address and AWS-only environment variables.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from .pathscan import policy
from .pathscan.hits import FileResult, Hit
from .pathscan.policy import PARTITION
from .pathscan.resolver import Resolver
from .pathscan.text import LineIndex

SCANNER = "code"

_C_TOKENS = re.compile(
    r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|(?P<comment>//[^\n]*|/\*.*?\*/)""", re.S
)
_HASH_TOKENS = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|(?P<comment>\#[^\n]*)""")
_HASH_LINE = re.compile(r"^[ \t]*#[^\n]*", re.M)

_PY_FALLBACK = re.compile(
    r"""\.(client|resource|create_client)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]"""
)
_PY_STUBS = re.compile(r"^(?:mypy_boto3|types_boto3|types_aiobotocore|mypy_aiobotocore)_(\w+)$")

_JS_MODULE = re.compile(
    r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|\bimport\s+)['"]"""
    r"""(@aws-sdk/[a-z0-9-]+|aws-sdk/clients/[a-z0-9]+|aws-cdk-lib/aws-[a-z0-9-]+|@aws-cdk/aws-[a-z0-9-]+)['"/]"""
)
_JS_MANIFEST = re.compile(
    r""""(@aws-sdk/[a-z0-9-]+|@aws-cdk/aws-[a-z0-9-]+|aws-cdk-lib/aws-[a-z0-9-]+)"\s*:"""
)
_JS_V2_NEW = re.compile(
    r"\bnew\s+(?:AWS|aws|AwsSdk|awsSdk|sdk|SDK)\.([A-Z][A-Za-z0-9]+)(?:\.DocumentClient)?\s*\("
)
_JS_V2_NAMED = re.compile(
    r"""(?:import\s*\{([^}]*)\}\s*from\s*['"]aws-sdk['"]|\{([^}]*)\}\s*=\s*require\(\s*['"]aws-sdk['"]\s*\))"""
)
_JS_V2_MEMBER = re.compile(r"\b(?:AWS|aws|AwsSdk|awsSdk)\.([A-Z][A-Za-z0-9]+)\.[A-Za-z_]")
_JS_LAMBDA_MODULE = re.compile(r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\s+)['"](aws-lambda)['"]""")
_JS_LAMBDA_TYPES = re.compile(r"""import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]aws-lambda['"]""")
# AWS Solutions Constructs name the services they wire together: aws-cloudfront-s3, aws-lambda-sqs
_SOLUTIONS_CONSTRUCTS = re.compile(
    r"""(?:@aws-solutions-constructs/|aws_solutions_constructs\.)aws[-_]((?:[a-z0-9]+[-_]?)+)"""
)
# Service names handed to a wrapper: awsApiRequestREST.call(this, 'sqs', …) (n8n),
# provider.request('ECR', 'describeImages', …) (Serverless Framework plugins)
_JS_WRAPPED = re.compile(
    r"""\baws\w*(?:\.call)?\(\s*(?:this\s*,\s*)?['"]([a-z0-9-]+)['"]"""
    r"""|\.request\(\s*['"]([A-Z][A-Za-z0-9]+)['"]\s*,\s*['"][a-z][A-Za-z0-9]+['"]""",
    re.I,
)
# The AWS CLI in scripts, Makefiles, Dockerfiles and CI: `aws dynamodb create-table`, `aws s3 sync`
_AWS_CLI = re.compile(
    r"(?<![\w./-])aws\s+([a-z0-9][a-z0-9-]*)\s+"
    r"([a-z]+-[a-z0-9-]+|ls|cp|sync|mv|rm|mb|rb|presign|website|deploy|package|invoke|wait|publish|tail)(?![\w-])"
)
_AWS_CLI_NAMES = {"s3api": "s3", "configservice": "config", "deploy": "codedeploy", "es": "opensearch"}
# GitHub Actions published by AWS: aws-actions/amazon-ecr-login, aws-actions/aws-codebuild-run-build
_AWS_ACTION = re.compile(r"\baws-actions/([a-z0-9-]+)@")
# AWS Lambda base images: the container is built to run on Lambda
_LAMBDA_IMAGE = re.compile(r"\bpublic\.ecr\.aws/lambda/|\bamazon/aws-lambda-[a-z0-9]+\b")
_JS_CDK_NAMED = re.compile(r"""import\s*\{([^}]*)\}\s*from\s*['"]aws-cdk-lib['"]""")
_JS_V2_NOT_SERVICES = {
    "Config",
    "Credentials",
    "Endpoint",
    "Service",
    "Request",
    "Response",
    "MetadataService",
}
_GO = re.compile(r"github\.com/aws/aws-sdk-go(?:-v2)?/(?:service|feature)/([a-z0-9]+)")
_GO_CDK = re.compile(r"github\.com/aws/aws-cdk-go/awscdk(?:/v2/aws([a-z0-9]+)|([a-z0-9]+?)alpha/v2)\b")
# Go CDK packages run words together: awslambdaeventsources is aws-lambda-event-sources.
_GO_CDK_SUFFIXES = (
    "eventsources",
    "targets",
    "patterns",
    "deployment",
    "tasks",
    "integrations",
    "authorizers",
)
_GO_IMDS = re.compile(r"github\.com/aws/aws-sdk-go/aws/ec2metadata")
_GO_LAMBDA = re.compile(r"github\.com/aws/aws-lambda-go/(?:lambda|lambdacontext)\b")
_GO_EVENTS = re.compile(r"\bevents\.([A-Z][A-Za-z0-9]+)")
_JAVA_EVENTS = re.compile(r"\bcom\.amazonaws\.services\.lambda\.runtime\.events\.([A-Za-z0-9]+)")
_PY_LAMBDA_EVENTS = ("aws_lambda_powertools.utilities.data_classes", "aws_lambda_typing")
_JAVA = re.compile(r"\b(?:software\.amazon\.awssdk\.services|com\.amazonaws\.services)\.([a-z0-9]+)")
_JAVA_CDK = re.compile(r"\bsoftware\.amazon\.awscdk\.services\.([a-z0-9]+)")
_JAVA_ARTIFACT = re.compile(r"\baws-java-sdk-([a-z0-9]+)\b|\bsoftware\.amazon\.awssdk:([a-z0-9-]+)")
_POM_V2 = re.compile(
    r"<groupId>\s*software\.amazon\.awssdk\s*</groupId>\s*<artifactId>\s*([a-z0-9-]+)\s*<", re.S
)
_DOTNET = re.compile(r"\busing\s+Amazon\.([A-Za-z0-9]+)\s*(?:\.Model)?;|\bAWSSDK\.([A-Za-z0-9]+)\b")
_RUBY = re.compile(r"\bAws::([A-Z][A-Za-z0-9]+)::(?:Client|Resource)\b|['\"]aws-sdk-([a-z0-9]+)['\"]")
_PHP = re.compile(r"\bAws\\([A-Za-z0-9]+)\\\1Client\b")
_JAVA_NOT_SERVICES = {"core", "bom", "java", "pom", "osgi", "code", "test", "bundle", "opensdk", "sdk"}

_HOST = re.compile(
    r"\b((?:[a-z0-9-]+\.)+(?:amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|amazoncognito\.com))\b"
    r"|\b([a-z0-9-]+\.cloudfront\.net)\b|\b(public\.ecr\.aws)\b|\b((?:[a-z0-9-]+\.)+elasticbeanstalk\.com)\b",
    re.I,
)
# every host _HOST can match contains one of these (in some case): a cheap test before the costly pattern
_HOST_HINTS = ("amazonaws", ".aws", "cloudfront", "amazoncognito", "elasticbeanstalk")
_ARN = re.compile(rf"\barn:{PARTITION}:([a-z0-9-]+):([a-z]{{2}}(?:-gov)?-[a-z]+-\d)?")
# AWS managed policies named for one service: AmazonS3ReadOnlyAccess, AWSLambda_FullAccess, …
_MANAGED_POLICY = re.compile(
    r"\barn:aws[a-z-]*:iam::aws:policy/(?:[\w-]+/)*(?:Amazon|AWS)?([A-Za-z0-9]+?)_?"
    r"(?:FullAccess|ReadOnlyAccess|ReadOnly|ReadWrite|PowerUser)\b"
)
_SERVICE_PRINCIPAL = re.compile(r"^[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$", re.I)
_S3_URL = re.compile(r"""(?<![\w/])s3[an]?://[^\s'"]""")

PYTHON = (".py", ".pyi", ".pyw")
C_STYLE = (
    ".js",
    ".mjs",
    ".cjs",
    ".jsx",
    ".ts",
    ".tsx",
    ".mts",
    ".cts",
    ".go",
    ".java",
    ".kt",
    ".kts",
    ".scala",
    ".groovy",
    ".gradle",
    ".cs",
    ".php",
    ".swift",
    ".rs",
    ".c",
    ".cc",
    ".cpp",
    ".h",
    ".dart",
)
HASH_STYLE = (".rb", ".sh", ".bash", ".zsh", ".ps1", ".pl", ".r", ".ex", ".exs")


class _Sink:
    def __init__(self, text: str, origin: str, result: FileResult) -> None:
        self.index = LineIndex(text)
        self.origin = origin
        self.result = result

    def add(self, service: str | None, type_: str, name: str, offset: int, region: str | None = None) -> None:
        if service:
            self.result.hits.append(
                Hit(self.origin, service, type_, name, self.index.line(offset), region=region)
            )

    def at_line(self, service: str | None, type_: str, name: str, line: int) -> None:
        if service:
            self.result.hits.append(Hit(self.origin, service, type_, name, line))


def blank_comments(text: str, style: str) -> str:
    """``text`` with comments replaced by spaces (newlines kept): ``c`` (// /* */) or ``hash`` (#) style."""
    pattern = _C_TOKENS if style == "c" else _HASH_TOKENS

    def _blank(match: re.Match[str]) -> str:
        if match.group("comment") is None:
            return match.group(0)
        return re.sub(r"[^\n]", " ", match.group(0))

    return pattern.sub(_blank, text)


def blank_hash_lines(text: str) -> str:
    """``text`` with whole-line ``#`` comments blanked (YAML, .env, properties, Dockerfiles)."""
    return _HASH_LINE.sub(lambda m: " " * len(m.group(0)), text)


def scan(text: str, relpath: str, resolver: Resolver, *, origin: str = SCANNER) -> FileResult:
    """SDK clients and hard-coded AWS references in one source or configuration file."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    name = relpath.rsplit("/", 1)[-1]
    lower = name.lower()
    sink = _Sink(text, origin, result)
    if lower.endswith(PYTHON):
        code = _python(text, relpath, resolver, sink)
    elif lower.endswith(C_STYLE):
        code = blank_comments(text, "c")
        _c_family(code, lower, resolver, sink)
    elif lower.endswith(HASH_STYLE) or lower in ("gemfile", "rakefile") or lower.endswith(".gemspec"):
        code = blank_comments(text, "hash")
        _ruby(code, resolver, sink)
    else:
        code = blank_hash_lines(text) if not lower.endswith((".json", ".xml")) else text
        _manifests(code, lower, resolver, sink)
    generic(code, resolver, sink)
    return result


def _python(text: str, relpath: str, resolver: Resolver, sink: _Sink) -> str:
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
    # helpers that wrap boto3 (get_aws_client("sts"), client_type = "lambda") count only in files
    # that speak of AWS or boto at all: "config", "logs" or "events" are ordinary words elsewhere
    wrapped = _AWS_WORDS.search(text) is not None
    for node in nodes:
        if isinstance(node, ast.Call):
            _python_call(node, resolver, sink, names, wrapped=wrapped)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            _python_import(node, resolver, sink)
        elif wrapped and isinstance(node, ast.Assign | ast.AnnAssign):
            _python_declared_client(node, resolver, sink)
    return code


_AWS_WORDS = re.compile(r"\b(?:boto3?|botocore|aiobotocore|aioboto3|aws|AWS|Aws)")
_CLIENT_KEYS = ("client_type", "service_name")


def _python_declared_client(node: ast.Assign | ast.AnnAssign, resolver: Resolver, sink: _Sink) -> None:
    """``client_type = "lambda"`` (class attribute) or ``kwargs["client_type"] = "lambda"``."""
    value = node.value
    if not (
        isinstance(value, ast.Constant) and isinstance(value.value, str) and resolver.is_boto3(value.value)
    ):
        return
    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
        key = (
            target.id
            if isinstance(target, ast.Name)
            else target.attr
            if isinstance(target, ast.Attribute)
            else None
        )
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
            key = str(target.slice.value)
        if key == "client_type":  # (service_name is too common a variable name to count alone)
            sink.at_line(resolver.canon(value.value), "boto3.client", f"{key}={value.value!r}", node.lineno)


def _service_names(nodes: list[ast.AST], resolver: Resolver) -> dict[str, set[str]]:
    """Names (``DOMAIN``, ``self.service``) bound in the file to a boto3 service name literal."""
    names: dict[str, set[str]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            continue
        if not resolver.is_boto3(value.value):
            continue
        for target in targets:
            name = (
                target.id
                if isinstance(target, ast.Name)
                else target.attr
                if isinstance(target, ast.Attribute)
                else None
            )
            if name:
                names.setdefault(name, set()).add(value.value)
    return names


def _python_call(
    node: ast.Call, resolver: Resolver, sink: _Sink, names: dict[str, set[str]], *, wrapped: bool
) -> None:
    func = node.func
    method = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    keywords = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
    if method in ("client", "resource", "create_client"):
        argument: ast.expr | None = keywords.get("service_name", node.args[0] if node.args else None)
    elif wrapped and method and method.lower().endswith(("client", "_resource")):
        argument = keywords.get("service_name", node.args[0] if node.args else None)
    elif wrapped and any(key in keywords for key in _CLIENT_KEYS):
        argument = next(keywords[key] for key in _CLIENT_KEYS if key in keywords)
    else:
        _python_named_client(node, resolver, sink, wrapped=wrapped)
        return
    if (
        isinstance(argument, ast.Constant)
        and isinstance(argument.value, str)
        and resolver.is_boto3(argument.value)
    ):
        sink.at_line(resolver.canon(argument.value), f"boto3.{method}", argument.value, node.lineno)
    elif isinstance(argument, ast.Name | ast.Attribute):
        bound = argument.id if isinstance(argument, ast.Name) else argument.attr
        for service in sorted(names.get(bound, ())):
            sink.at_line(resolver.canon(service), f"boto3.{method}", f"{bound}={service!r}", node.lineno)


_NAMED_CLIENT = re.compile(r"^_*([a-z0-9]+?)_?client$")
_API_METHOD = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")


def _python_named_client(node: ast.Call, resolver: Resolver, sink: _Sink, *, wrapped: bool) -> None:
    """``ec2_client.describe_vpcs(...)``: an API call on a client named for its service (the client
    itself made elsewhere), in files that speak of AWS."""
    func = node.func
    if not wrapped or not isinstance(func, ast.Attribute) or not _API_METHOD.match(func.attr):
        return
    holder = func.value
    name = (
        holder.id
        if isinstance(holder, ast.Name)
        else holder.attr
        if isinstance(holder, ast.Attribute)
        else ""
    )
    named = _NAMED_CLIENT.match(name)
    if named and resolver.is_boto3(named.group(1)):
        sink.at_line(resolver.canon(named.group(1)), "boto3.client", f"{name}.{func.attr}", node.lineno)


def _python_import(node: ast.Import | ast.ImportFrom, resolver: Resolver, sink: _Sink) -> None:
    modules: list[str] = []
    if isinstance(node, ast.Import):
        modules = [alias.name for alias in node.names]
    elif node.module:
        modules = [node.module]
        if node.module == "aws_cdk":
            modules += [f"aws_cdk.{alias.name}" for alias in node.names]
    for module in modules:
        head = module.split(".")[0]
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
            sink.at_line(_cdk(part[4:], resolver), "aws-cdk", module, node.lineno)
        elif head == "pynamodb":
            sink.at_line(resolver.canon("dynamodb"), "pynamodb", head, node.lineno)
        elif head in ("aws_lambda_powertools", "aws_lambda_typing", "awslambdaric"):
            sink.at_line(resolver.canon("lambda"), "aws-lambda", head, node.lineno)
            if isinstance(node, ast.ImportFrom) and module.startswith(_PY_LAMBDA_EVENTS):
                for alias in node.names:
                    event = resolver.lambda_events.get(alias.name)
                    if event:
                        sink.at_line(resolver.canon(event), "lambda-event", alias.name, node.lineno)


def _cdk(module: str, resolver: Resolver) -> str | None:
    return resolver.by_name(re.split(r"[-_]", module)[0])


def _js_module(spec: str, resolver: Resolver) -> str | None:
    if spec.startswith("@aws-sdk/client-"):
        return resolver.by_name(spec.removeprefix("@aws-sdk/client-"))
    if spec.startswith("@aws-sdk/"):
        mapped = resolver.js_packages.get(spec)
        return resolver.canon(mapped) if mapped else None
    if spec.startswith("aws-sdk/clients/"):
        return resolver.by_name(spec.removeprefix("aws-sdk/clients/"))
    return _cdk(spec.split("/aws-", 1)[1], resolver)


def _names(group: str) -> Iterable[tuple[str, int]]:
    position = 0
    for part in group.split(","):
        name = part.strip().split(" as ")[0].split(":")[0].strip()
        yield name, position + (part.find(name) if name else 0)
        position += len(part) + 1


def _c_family(code: str, lower: str, resolver: Resolver, sink: _Sink) -> None:
    if lower.endswith((".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts")):
        for match in _JS_MODULE.finditer(code):
            sink.add(_js_module(match.group(1), resolver), match.group(1), match.group(1), match.start(1))
        if "aws-sdk" in code:
            for match in _JS_V2_NEW.finditer(code):
                if match.group(1) not in _JS_V2_NOT_SERVICES:
                    sink.add(resolver.by_name(match.group(1)), "aws-sdk", match.group(1), match.start(1))
            for match in _JS_V2_NAMED.finditer(code):
                group_index = 1 if match.group(1) is not None else 2
                for name, offset in _names(match.group(group_index)):
                    if name[:1].isupper() and name not in _JS_V2_NOT_SERVICES:
                        sink.add(resolver.by_name(name), "aws-sdk", name, match.start(group_index) + offset)
            for match in _JS_V2_MEMBER.finditer(code):
                if match.group(1) not in _JS_V2_NOT_SERVICES:
                    sink.add(resolver.by_name(match.group(1)), "aws-sdk", match.group(1), match.start(1))
        for match in _JS_WRAPPED.finditer(code):
            if match.group(1) and resolver.is_boto3(match.group(1)):
                sink.add(resolver.canon(match.group(1)), "aws-wrapper", match.group(1), match.start(1))
            elif match.group(2):
                sink.add(resolver.by_name(match.group(2)), "aws-wrapper", match.group(2), match.start(2))
        for match in _JS_LAMBDA_MODULE.finditer(code):
            sink.add(resolver.canon("lambda"), "aws-lambda", match.group(1), match.start(1))
        for match in _JS_LAMBDA_TYPES.finditer(code):
            for name, offset in _names(match.group(1).replace("type ", "")):
                event = resolver.lambda_events.get(name)
                if event:
                    sink.add(resolver.canon(event), "lambda-event", name, match.start(1) + offset)
        for match in _JS_CDK_NAMED.finditer(code):
            for name, offset in _names(match.group(1)):
                if name.startswith("aws_"):
                    sink.add(_cdk(name[4:], resolver), "aws-cdk-lib", name, match.start(1) + offset)
    elif lower.endswith(".go"):
        _go(code, resolver, sink)
    elif lower.endswith(".cs"):
        for match in _DOTNET.finditer(code):
            found = match.group(1) or match.group(2)
            sink.add(resolver.by_name(found), "aws-sdk-net", found, match.start())
    elif lower.endswith(".php"):
        for match in _PHP.finditer(code):
            sink.add(resolver.by_name(match.group(1)), "aws-sdk-php", match.group(1), match.start())
    else:
        for match in _JAVA.finditer(code):
            sink.add(resolver.by_name(match.group(1)), "aws-sdk-java", match.group(0), match.start())
        for match in _JAVA_CDK.finditer(code):
            sink.add(_cdk(match.group(1), resolver), "aws-cdk", match.group(0), match.start())
        for match in _JAVA_EVENTS.finditer(code):
            event = resolver.lambda_events.get(match.group(1))
            if event:
                sink.add(resolver.canon(event), "lambda-event", match.group(1), match.start())
        _java_artifacts(code, resolver, sink)


def _go(code: str, resolver: Resolver, sink: _Sink) -> None:
    for match in _GO.finditer(code):
        sink.add(resolver.by_name(match.group(1)), "aws-sdk-go", match.group(0), match.start())
    for match in _GO_CDK.finditer(code):
        module = match.group(1) or match.group(2)
        for suffix in _GO_CDK_SUFFIXES:
            if module.endswith(suffix) and len(module) > len(suffix):
                module = module.removesuffix(suffix)
                break
        sink.add(_cdk(module, resolver), "aws-cdk-go", match.group(0), match.start())
    for match in _GO_IMDS.finditer(code):
        sink.add(resolver.canon("ec2"), "aws-sdk-go", match.group(0), match.start())
    for match in _GO_LAMBDA.finditer(code):
        sink.add(resolver.canon("lambda"), "aws-lambda-go", match.group(0), match.start())
    if "aws-lambda-go/events" in code:
        seen: set[str] = set()
        for match in _GO_EVENTS.finditer(code):
            event = resolver.lambda_events.get(match.group(1))
            if event and event not in seen:
                seen.add(event)
                sink.add(resolver.canon(event), "lambda-event", match.group(1), match.start(1))


def _java_artifacts(code: str, resolver: Resolver, sink: _Sink) -> None:
    for match in _JAVA_ARTIFACT.finditer(code):
        found = match.group(1) or match.group(2)
        if found and found not in _JAVA_NOT_SERVICES:
            sink.add(resolver.by_name(found), "maven", match.group(0), match.start())
    for match in _POM_V2.finditer(code):
        if match.group(1) not in _JAVA_NOT_SERVICES:
            sink.add(resolver.by_name(match.group(1)), "maven", match.group(1), match.start(1))


def _ruby(code: str, resolver: Resolver, sink: _Sink) -> None:
    for match in _RUBY.finditer(code):
        found = match.group(1) or match.group(2)
        if found and found not in ("core", "resources"):
            sink.add(resolver.by_name(found), "aws-sdk-ruby", found, match.start())


def _manifests(code: str, lower: str, resolver: Resolver, sink: _Sink) -> None:
    if lower == "package.json":
        for match in _JS_MANIFEST.finditer(code):
            sink.add(_js_module(match.group(1), resolver), match.group(1), match.group(1), match.start(1))
        for match in re.finditer(r'"@types/aws-lambda"\s*:', code):
            sink.add(resolver.canon("lambda"), "aws-lambda", "@types/aws-lambda", match.start())
    elif lower == "go.mod":
        _go(code, resolver, sink)
    elif lower == "pom.xml" or lower.endswith((".gradle", ".gradle.kts", ".sbt")):
        _java_artifacts(code, resolver, sink)
    elif lower.endswith((".csproj", ".fsproj", "packages.config")):
        for match in _DOTNET.finditer(code):
            found = match.group(1) or match.group(2)
            if found and found.lower() not in ("core", "extensions"):
                sink.add(resolver.by_name(found), "nuget", found, match.start())
    elif lower.startswith("requirements") or lower in ("pyproject.toml", "pipfile", "setup.cfg", "setup.py"):
        for match in re.finditer(r"\b(?:mypy|types)-(?:boto3|aiobotocore)-([a-z0-9-]+)", code):
            service = match.group(1)
            sink.add(
                resolver.canon(service) if resolver.is_boto3(service) else None,
                "boto3-stubs",
                service,
                match.start(),
            )


def _aws_tooling(code: str, resolver: Resolver, sink: _Sink) -> None:
    """The AWS CLI, AWS's GitHub Actions and Lambda base images."""
    for match in _AWS_CLI.finditer(code):
        name = _AWS_CLI_NAMES.get(match.group(1), match.group(1))
        if resolver.is_boto3(name):
            sink.add(resolver.canon(name), "aws-cli", match.group(0), match.start())
    for match in _AWS_ACTION.finditer(code):
        action = match.group(1)
        if action == "configure-aws-credentials":
            sink.add(resolver.canon("sts"), "github-action", match.group(0), match.start())
            continue
        for word in action.removeprefix("amazon-").removeprefix("aws-").split("-"):
            service = resolver.by_name(word)
            if service:
                sink.add(service, "github-action", match.group(0), match.start())
                break
    for match in _LAMBDA_IMAGE.finditer(code):
        sink.add(resolver.canon("lambda"), "lambda-base-image", match.group(0), match.start())


def references(
    code: str, resolver: Resolver, *, arns: bool = True
) -> Iterator[tuple[str | None, str, str, int, str | None]]:
    """``(service, how, text, offset, region)`` for AWS endpoints, ARNs and ``s3://`` URLs in ``code``."""
    hinted = any(hint in code for hint in _HOST_HINTS)
    if not hinted:
        lowered = code.lower()
        hinted = any(hint in lowered for hint in _HOST_HINTS)
    for match in _HOST.finditer(code) if hinted else ():
        host = match.group(0)
        if match.group(2):
            yield resolver.canon("cloudfront"), "endpoint", host, match.start(), None
        elif match.group(3):
            yield resolver.canon("ecr-public"), "endpoint", host, match.start(), None
        elif match.group(4):
            yield resolver.canon("elasticbeanstalk"), "endpoint", host, match.start(), None
        elif _SERVICE_PRINCIPAL.match(host) and code[max(0, match.start() - 3) : match.start()] != "://":
            continue  # lambda.amazonaws.com outside a URL is an IAM service principal, not a call
        else:
            service, region = resolver.by_endpoint(host)
            yield service, "endpoint", host, match.start(), region
    for match in _ARN.finditer(code) if arns else ():
        yield resolver.by_arn_namespace(match.group(1)), "arn", match.group(0), match.start(), match.group(2)
    for match in _S3_URL.finditer(code):
        yield resolver.canon("s3"), "s3-url", match.group(0)[:-1], match.start(), None
    if ":iam::aws:policy/" in code:
        for match in _MANAGED_POLICY.finditer(code):
            yield resolver.by_name(match.group(1)), "managed-policy", match.group(0), match.start(), None


def generic(code: str, resolver: Resolver, sink: _Sink) -> None:
    """Endpoints, ARNs, ``s3://`` URLs, metadata addresses and AWS-only environment variables."""
    for service, how, found, offset, region in references(code, resolver):
        sink.add(service, how, found, offset, region or None)
    if ":" in code:
        for service, action, offset in policy.quoted_actions(code, resolver, any_quote=True):
            sink.add(service, "iam-action", action, offset)
    if "aws" in code:
        _aws_tooling(code, resolver, sink)
    if "solutions" in code:
        for match in _SOLUTIONS_CONSTRUCTS.finditer(code):
            for part in re.split(r"[-_]", match.group(1)):
                sink.add(resolver.by_name(part), "aws-solutions-constructs", match.group(0), match.start())
    for address, service in resolver.metadata_hosts.items():
        start = code.find(address)
        while start != -1:
            sink.add(resolver.canon(service), "metadata-endpoint", address, start)
            start = code.find(address, start + 1)
    if "AWS_" in code or "ECS_" in code or "LAMBDA_" in code or "_X_AMZN" in code:
        for match in resolver.env_pattern.finditer(code):
            sink.add(
                resolver.canon(resolver.environment[match.group(1)]),
                "environment",
                match.group(1),
                match.start(),
            )
