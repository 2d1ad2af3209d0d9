"""Application source: the AWS SDK clients code creates, and AWS endpoints, ARNs and variables it hard-codes.

Python is read through its AST (:mod:`.source_python`). JavaScript and TypeScript (aws-sdk v2 and
v3, CDK, common SDK wrappers), Go (aws-sdk-go v1/v2, CDK), Java/Kotlin (SDK v1/v2, CDK), C#, Ruby and
PHP are read with patterns over the text with comments blanked out; package manifests (package.json,
go.mod, pom.xml, requirements) for the SDK packages they pull in. Every text file then gets the
pass of :mod:`.literals`: endpoints, ARNs, ``s3://`` URLs, the AWS CLI, the instance metadata
address and AWS-only environment variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import cdk_constructs, frameworks, iac_in_code
from .literals import generic
from .pathscan.hits import FileResult
from .pathscan.imports import unused_java_imports, unused_js_imports
from .pathscan.resolver import Resolver, camel_words
from .pathscan.sink import Sink
from .pathscan.text import blank_comments, blank_hash_lines
from .pathscan.walk import rendered_name
from .source_python import scan_python

SCANNER = "code"

_JS_MODULE = re.compile(
    r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|\bimport\s+)['"]"""
    r"""(@aws-sdk/[a-z0-9-]+|aws-sdk/clients/[a-z0-9]+|aws-cdk-lib/aws-[a-z0-9-]+|@aws-cdk/aws-[a-z0-9-]+"""
    r"""|@[a-z0-9.-]+/aws-sdk/client-[a-z0-9-]+)['"/]"""  # a vendor's re-export: @webiny/aws-sdk/client-s3
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
_JS_V2_MEMBER = re.compile(
    r"""\b(?:AWS|aws|AwsSdk|awsSdk)\.([A-Z][A-Za-z0-9]+)\.[A-Za-z_]"""
    r"""|\bimport\(\s*['"]aws-sdk['"]\s*\)\.([A-Z][A-Za-z0-9]+)"""
)
_JS_ANY_MODULE = re.compile(r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|\bimport\s+)['"]([^'"\s]+)['"]""")
_GO_IMPORT = re.compile(r'"([a-z0-9.-]+\.[a-z]+/[^"\s]+)"')
_JAVA_IMPORTED = re.compile(r"^[ \t]*import\s+(?:static\s+)?([\w.]+)", re.M)
_JS_LAMBDA_MODULE = re.compile(r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\s+)['"](aws-lambda)['"]""")
# @types/aws-lambda's global namespace: AWSLambda.CloudFrontRequest, AWSLambda.SQSEvent
_JS_LAMBDA_NAMESPACE = re.compile(r"\bAWSLambda\.([A-Z][A-Za-z0-9_]+)")
_JS_LAMBDA_TYPES = re.compile(r"""import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]aws-lambda['"]""")
# Service names handed to a wrapper: awsApiRequestREST.call(this, 'sqs', …) (n8n),
# provider.request('ECR', 'describeImages', …) (Serverless Framework plugins)
_JS_WRAPPED = re.compile(
    r"""\baws\w*(?:\.call)?\(\s*(?:this\s*,\s*)?['"]([a-z0-9-]+)['"]"""
    r"""|\.request\(\s*['"]([A-Z][A-Za-z0-9]+)['"]\s*,\s*['"][a-z][A-Za-z0-9]+['"]""",
    re.I,
)
# an API call on a client handed in (ses.sendRawEmail(…), this.client.describeInstances(…)) or a
# v3 command built from a module passed in (new aws.SendRawEmailCommand(…)): by an operation only
# one service has, in files that speak of AWS
_JS_AWS_WORDS = re.compile(r"\b(?:aws|AWS|Aws)")
_JS_CLIENT_CALL = re.compile(r"\b([A-Za-z_$][\w$]*)\s*\.\s*([a-z]+[A-Z][A-Za-z0-9]*)\s*\(")
_JS_CLIENT_LIKE = re.compile(r"(?:^|_)client$|Client$|^_?client", re.I)
# operations only one AWS service has whose names other client libraries use too
_JS_GENERIC_OPERATIONS = {"get_credentials", "create_document", "get_bucket"}
_JS_COMMAND = re.compile(r"\bnew\s+(?:[\w$]+\.)*([A-Z][A-Za-z0-9]+)Command\s*\(")
_JS_NAMED_IMPORT = re.compile(
    r"""\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"\s]+)['"]"""
    r"""|\{([^}]*)\}\s*=\s*require\(\s*['"]([^'"\s]+)['"]\s*\)"""
)
_SST_HANDLER = re.compile(r"""\bhandler\s*:\s*['"`]([\w./-]+\.\w+)['"`]""")
_JS_CDK_NAMED = re.compile(r"""import\s*\{([^}]*)\}\s*from\s*['"]aws-cdk-lib['"]""")
# import * as cdk from 'aws-cdk-lib' (or require): cdk.aws_s3.Bucket names the module through the root
_JS_CDK_ROOT = re.compile(
    r"""import\s+\*\s+as\s+(\w+)\s+from\s*['"]aws-cdk-lib['"]"""
    r"""|(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]aws-cdk-lib['"]\s*\)"""
)
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
_GO_CDK = re.compile(r"github\.com/aws/aws-cdk-go/awscdk(?:(?:/v2)?/aws([a-z0-9]+)|([a-z0-9]+?)alpha/v2)\b")
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
# SDK for Java v1 and v2, and the SDK for Kotlin (aws.sdk.kotlin.services.s3)
_JAVA = re.compile(
    r"\b(?:software\.amazon\.awssdk\.services|com\.amazonaws\.services|aws\.sdk\.kotlin\.services)\.([a-z0-9]+)"
)
_JAVA_CDK = re.compile(r"\bsoftware\.amazon\.awscdk\.services\.([a-z0-9]+)")
_JAVA_ARTIFACT = re.compile(
    r"\baws-java-sdk-([a-z0-9]+)\b|\b(?:software\.amazon\.awssdk|aws\.sdk\.kotlin):([a-z0-9-]+)"
)
_POM_V2 = re.compile(
    r"<groupId>\s*software\.amazon\.awssdk\s*</groupId>\s*<artifactId>\s*([a-z0-9-]+)\s*<", re.S
)
_DOTNET = re.compile(r"\busing\s+Amazon\.([A-Za-z0-9]+)\s*(?:\.Model)?;|\bAWSSDK\.([A-Za-z0-9]+)\b")
# Rust: the AWS SDK (aws_sdk_s3::Client, crate aws-sdk-s3) and Rusoto before it (rusoto_logs::…)
_RUST = re.compile(r"\b(?:aws_sdk|rusoto)_([a-z0-9]+)(?:::|\s+as\b)")
_CARGO = re.compile(r"""^[ \t]*["']?(?:aws-sdk-|rusoto_)([a-z0-9]+)["']?[ \t]*=""", re.M)
_RUST_NOT_SERVICES = {"core", "credential", "signature", "mock", "config", "types", "smithy"}
# Elixir's ExAws: ExAws.S3.upload(…), ExAws.Dynamo.get_item(…); mix deps {:ex_aws_s3, …}
_ELIXIR = re.compile(r"\bExAws\.([A-Z][A-Za-z0-9]*)\.[a-z_]+|\{:ex_aws_([a-z0-9_]+)\b")
_ELIXIR_NAMES = {"dynamo": "dynamodb", "dynamo_streams": "dynamodb"}
# Aws::SQS::Client, Aws::S3::Presigner, Aws::SQS::Errors::NonExistentQueue; require "aws-sdk-s3"
_RUBY = re.compile(r"\bAws::([A-Z][A-Za-z0-9]+)::[A-Z]|['\"]aws-sdk-([a-z0-9]+)['\"]")
_PHP = re.compile(r"\bAws\\([A-Za-z0-9]+)\\\1Client\b")
_JAVA_NOT_SERVICES = {"core", "bom", "java", "pom", "osgi", "code", "test", "bundle", "opensdk", "sdk"}

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
# a CloudFormation resource a plugin or script writes into a template: {Type: 'AWS::IAM::Role', …}
_CFN_TYPE_IN_CODE = re.compile(r"""\bType['"]?\s*:\s*['"`](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)['"`]""")
_CFN_IN_CODE = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".py")
HASH_STYLE = (".rb", ".sh", ".bash", ".zsh", ".ps1", ".pl", ".r", ".ex", ".exs")


def scan(text: str, relpath: str, resolver: Resolver, *, origin: str = SCANNER) -> FileResult:
    """SDK clients and hard-coded AWS references in one source or configuration file."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    lower = rendered_name(relpath.rsplit("/", 1)[-1])
    sink = Sink(text, origin, result)
    if lower.endswith(PYTHON):
        code = scan_python(text, relpath, resolver, sink)
        if "chalice" in code:
            for match in frameworks.CHALICE_EVENTS.finditer(code):
                event = frameworks.CHALICE_EVENT_SERVICES[match.group(1)]
                sink.add(resolver.canon(event), "chalice-event", match.group(1), match.start(1))
    elif lower.endswith(C_STYLE):
        code = blank_comments(text, "c")
        _c_family(code, lower, resolver, sink)
    elif lower.endswith(HASH_STYLE) or lower in ("gemfile", "rakefile") or lower.endswith(".gemspec"):
        code = blank_comments(text, "hash")
        _ruby(code, resolver, sink)
        if "ExAws" in code or ":ex_aws_" in code:
            _elixir(code, resolver, sink)
    else:
        code = blank_hash_lines(text) if not lower.endswith((".json", ".xml")) else text
        _manifests(code, lower, resolver, sink)
    if "AWS::" in code and lower.endswith(_CFN_IN_CODE):
        for match in _CFN_TYPE_IN_CODE.finditer(code):
            sink.add(
                resolver.by_cloudformation(match.group(1)),
                "cloudformation-in-code",
                match.group(1),
                match.start(1),
            )
    cdk_constructs.implied(code, resolver, sink)
    generic(code, resolver, sink)
    return result


def _js_module(spec: str, resolver: Resolver) -> str | None:
    if spec.startswith("@aws-sdk/client-"):
        return resolver.by_name(spec.removeprefix("@aws-sdk/client-"))
    if spec.startswith("@aws-sdk/"):
        mapped = resolver.js_packages.get(spec)
        return resolver.canon(mapped) if mapped else None
    if "/aws-sdk/client-" in spec:
        return resolver.by_name(spec.split("/aws-sdk/client-", 1)[1])
    if spec.startswith("aws-sdk/clients/"):
        return resolver.by_name(spec.removeprefix("aws-sdk/clients/"))
    return resolver.by_cdk(spec.split("/aws-", 1)[1])


def _names(group: str) -> Iterable[tuple[str, int]]:
    position = 0
    for part in group.split(","):
        name = part.strip().split(" as ")[0].split(":")[0].strip()
        yield name, position + (part.find(name) if name else 0)
        position += len(part) + 1


def _c_family(code: str, lower: str, resolver: Resolver, sink: Sink) -> None:
    if lower.endswith((".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts")):
        sink.unused = unused_js_imports(code)
        for match in _JS_MODULE.finditer(code):
            sink.add(_js_module(match.group(1), resolver), match.group(1), match.group(1), match.start(1))
        _libraries(_JS_ANY_MODULE, "javascript", code, resolver, sink)
        _js_named_libraries(code, resolver, sink)
        _sst_functions(code, resolver, sink)
        if _SST_V3.search(code):
            _sst_v3(code, resolver, sink)
        if "@pulumi/aws" in code:
            _pulumi_js(code, resolver, sink)
        if "aws-sdk" in code:
            for match in _JS_V2_NEW.finditer(code):
                if match.group(1) not in _JS_V2_NOT_SERVICES:
                    sink.add(resolver.by_name(match.group(1)), "aws-sdk", match.group(1), match.start(1))
            for match in _JS_V2_NAMED.finditer(code):
                group_index = 1 if match.group(1) is not None else 2
                for name, offset in _names(match.group(group_index)):
                    if name[:1].isupper() and name not in _JS_V2_NOT_SERVICES:
                        sink.add(resolver.by_name(name), "aws-sdk", name, match.start(group_index) + offset)
            for match in _JS_V2_MEMBER.finditer(code):  # AWS.SQS.SendMessageRequest, import('aws-sdk').S3
                group = 1 if match.group(1) else 2
                found = match.group(group)
                if found not in _JS_V2_NOT_SERVICES:
                    sink.add(resolver.by_name(found), "aws-sdk", found, match.start(group))
        for match in _JS_WRAPPED.finditer(code):
            if match.group(1) and resolver.is_boto3(match.group(1)):
                sink.add(resolver.canon(match.group(1)), "aws-wrapper", match.group(1), match.start(1))
            elif match.group(2):
                sink.add(resolver.by_name(match.group(2)), "aws-wrapper", match.group(2), match.start(2))
        for match in _JS_LAMBDA_MODULE.finditer(code):
            sink.add(resolver.canon("lambda"), "aws-lambda", match.group(1), match.start(1))
        for match in _JS_LAMBDA_NAMESPACE.finditer(code):
            event = resolver.lambda_events.get(match.group(1))
            if event:
                sink.add(resolver.canon(event), "lambda-event", match.group(1), match.start(1))
        for match in _JS_LAMBDA_TYPES.finditer(code):
            for name, offset in _names(match.group(1).replace("type ", "")):
                event = resolver.lambda_events.get(name)
                if event:
                    sink.add(resolver.canon(event), "lambda-event", name, match.start(1) + offset)
        for match in _JS_CDK_NAMED.finditer(code):
            for name, offset in _names(match.group(1)):
                if name.startswith("aws_"):
                    sink.add(resolver.by_cdk(name[4:]), "aws-cdk-lib", name, match.start(1) + offset)
        _js_cdk_root(code, resolver, sink)
        _js_operations(code, resolver, sink, speaks_aws=_JS_AWS_WORDS.search(code) is not None)
    elif lower.endswith(".go"):
        _go(code, resolver, sink)
        _libraries(_GO_IMPORT, "go", code, resolver, sink)
    elif lower.endswith(".cs"):
        for match in _DOTNET.finditer(code):
            found = match.group(1) or match.group(2)
            sink.add(resolver.by_name(found), "aws-sdk-net", found, match.start())
    elif lower.endswith(".php"):
        for match in _PHP.finditer(code):
            sink.add(resolver.by_name(match.group(1)), "aws-sdk-php", match.group(1), match.start())
    elif lower.endswith(".rs"):
        _rust(_RUST, code, resolver, sink)
    else:
        sink.unused = unused_java_imports(code)
        for match in _JAVA.finditer(code):
            sink.add(resolver.by_name(match.group(1)), "aws-sdk-java", match.group(0), match.start())
        for match in _JAVA_CDK.finditer(code):
            sink.add(resolver.by_cdk(match.group(1)), "aws-cdk", match.group(0), match.start())
        for match in _JAVA_EVENTS.finditer(code):
            event = resolver.lambda_events.get(match.group(1))
            if event:
                sink.add(resolver.canon(event), "lambda-event", match.group(1), match.start())
        _java_artifacts(code, resolver, sink)
        _libraries(_JAVA_IMPORTED, "java", code, resolver, sink)


def _pulumi_js(code: str, resolver: Resolver, sink: Sink) -> None:
    """``import * as aws from "@pulumi/aws"`` then ``new aws.s3.BucketV2(…)``; ``@pulumi/aws/s3``."""
    modules: list[tuple[str, str, int]] = []
    for binding in iac_in_code.JS_PULUMI.finditer(code):
        alias = re.escape(binding.group(1) or binding.group(2))
        for match in re.finditer(rf"(?<![\w$.]){alias}\.([a-z][a-z0-9]*)\b", code):
            modules.append((match.group(1), match.group(0), match.start()))
    for match in iac_in_code.JS_PULUMI_SUBMODULE.finditer(code):
        modules.append((match.group(1), match.group(0), match.start(1)))
    _pulumi_modules(modules, code, resolver, sink)


def _pulumi_modules(modules: list[tuple[str, str, int]], code: str, resolver: Resolver, sink: Sink) -> None:
    """One finding per Pulumi module used; the cloudwatch module's by the members used."""
    for module, text, offset in modules:
        if module != iac_in_code.CLOUDWATCH:
            sink.add(iac_in_code.module_service(module, resolver), "pulumi", text, offset)
    if any(module == iac_in_code.CLOUDWATCH for module, _, _ in modules):
        for offset, service, member in iac_in_code.cloudwatch_uses(code, resolver):
            sink.add(service, "pulumi", member, offset)


def _libraries(imports: re.Pattern[str], language: str, code: str, resolver: Resolver, sink: Sink) -> None:
    """Services reached through a library made for them (``_sdk_names.yaml``, ``libraries``)."""
    for match in imports.finditer(code):
        for service in resolver.by_library(language, match.group(1)):
            sink.add(service, "library", match.group(1), match.start(1))


def _js_named_libraries(code: str, resolver: Resolver, sink: Sink) -> None:
    """Libraries whose exports each stand for a service (``import { Table, Queue } from
    "sst/constructs"``), listed as ``module/Export`` in ``libraries``."""
    for match in _JS_NAMED_IMPORT.finditer(code):
        group = 1 if match.group(1) is not None else 3
        module = match.group(group + 1)
        by_module = resolver.by_library("javascript", module)  # already found by _libraries
        for name, offset in _names(match.group(group).replace("type ", "")):
            for service in resolver.by_library("javascript", f"{module}/{name}") if name else ():
                if service not in by_module:
                    sink.add(service, "library", f"{module}/{name}", match.start(group) + offset)


# SST v3 programs: its components and the Pulumi AWS provider are globals (``sst.aws.Nextjs``,
# ``aws.rds.GlobalCluster``), typed by a reference to .sst/platform/config.d.ts
_SST_V3 = re.compile(r"\.sst/platform/config\.d\.ts|\bsst\.aws\.[A-Z]|\$config\(\s*\{")
_SST_V3_COMPONENT = re.compile(r"(?<![\w$.])sst\.aws\.([A-Z][A-Za-z0-9]*)\b")
_SST_V3_PULUMI = re.compile(r"(?<![\w$.])aws\.([a-z][a-z0-9]*)\.[A-Za-z]")


def _sst_v3(code: str, resolver: Resolver, sink: Sink) -> None:
    for match in _SST_V3_COMPONENT.finditer(code):
        for service in resolver.by_library("javascript", f"sst/aws/{match.group(1)}"):
            sink.add(service, "sst", match.group(0), match.start())
    modules = [(match.group(1), match.group(0), match.start()) for match in _SST_V3_PULUMI.finditer(code)]
    _pulumi_modules(modules, code, resolver, sink)


def _sst_functions(code: str, resolver: Resolver, sink: Sink) -> None:
    """SST: every ``handler: "path.fn"`` (a queue's or table's consumer, a route) is a Lambda function."""
    if "sst/constructs" in code or "@serverless-stack/resources" in code:
        for match in _SST_HANDLER.finditer(code):
            sink.add(resolver.canon("lambda"), "sst-function", match.group(1), match.start(1))


def _go(code: str, resolver: Resolver, sink: Sink) -> None:
    for match in _GO.finditer(code):
        sink.add(resolver.by_name(match.group(1)), "aws-sdk-go", match.group(0), match.start())
    for match in _GO_CDK.finditer(code):
        module = match.group(1) or match.group(2)
        for suffix in _GO_CDK_SUFFIXES:
            if module.endswith(suffix) and len(module) > len(suffix):
                module = module.removesuffix(suffix)
                break
        sink.add(resolver.by_cdk(module), "aws-cdk-go", match.group(0), match.start())
    # the metadata client read for instance data is EC2; handed to ec2rolecreds it only fetches
    # the instance role's credentials, like any credential provider
    _pulumi_modules(
        [(m.group(1), m.group(0), m.start()) for m in iac_in_code.GO_PULUMI.finditer(code)],
        code,
        resolver,
        sink,
    )
    if iac_in_code.GO_FORMATION in code:
        for offset, service, name in iac_in_code.goformation_resources(code, resolver):
            sink.add(service, "goformation", name, offset)
    for match in _GO_IMDS.finditer(code) if "ec2rolecreds" not in code else ():
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


def _js_operations(code: str, resolver: Resolver, sink: Sink, *, speaks_aws: bool) -> None:
    """API calls on a client made elsewhere: on a variable named for its service
    (``this.s3.deleteObject``), or, in files that speak of AWS, an operation only one service has
    on whatever client (``client.describeVpcs``)."""
    for match in _JS_CLIENT_CALL.finditer(code):
        receiver = match.group(1)
        operation = _snake(match.group(2))
        service = resolver.by_receiver(receiver, operation, speaks_aws=speaks_aws)
        handed = _JS_CLIENT_LIKE.search(receiver) or resolver.is_boto3(receiver.lower())
        if not service and speaks_aws and handed and operation not in _JS_GENERIC_OPERATIONS:
            service = resolver.by_operation(operation)
        if service:
            sink.add(service, "sdk-operation", match.group(0)[:-1], match.start())
    if not speaks_aws:
        return
    for match in _JS_COMMAND.finditer(code):
        service = resolver.by_operation(_snake(match.group(1)))
        if service:
            sink.add(service, "sdk-command", f"{match.group(1)}Command", match.start(1))


def _snake(name: str) -> str:
    """``sendRawEmail``/``SendRawEmail`` → ``send_raw_email``, ``createDBSnapshot`` →
    ``create_db_snapshot``: the words boto3 names operations by."""
    return "_".join(camel_words(name)).lower()


def _js_cdk_root(code: str, resolver: Resolver, sink: Sink) -> None:
    roots = [match.group(1) or match.group(2) for match in _JS_CDK_ROOT.finditer(code)]
    if not roots:
        return
    members = re.compile(r"\b(?:" + "|".join(map(re.escape, roots)) + r")\.aws_([a-z0-9_]+)\b")
    for match in members.finditer(code):
        sink.add(resolver.by_cdk(match.group(1)), "aws-cdk-lib", match.group(0), match.start())


def _java_artifacts(code: str, resolver: Resolver, sink: Sink) -> None:
    for match in _JAVA_ARTIFACT.finditer(code):
        found = match.group(1) or match.group(2)
        if found and found not in _JAVA_NOT_SERVICES:
            sink.add(resolver.by_name(found), "maven", match.group(0), match.start())
    for match in _POM_V2.finditer(code):
        if match.group(1) not in _JAVA_NOT_SERVICES:
            sink.add(resolver.by_name(match.group(1)), "maven", match.group(1), match.start(1))


def _elixir(code: str, resolver: Resolver, sink: Sink) -> None:
    for match in _ELIXIR.finditer(code):
        found = (match.group(1) or match.group(2)).lower()
        if found not in ("config", "operation", "auth", "request"):
            name = _ELIXIR_NAMES.get(found, found.replace("_", ""))
            sink.add(resolver.by_name(name), "ex_aws", match.group(0), match.start())


def _ruby(code: str, resolver: Resolver, sink: Sink) -> None:
    for match in _RUBY.finditer(code):
        found = match.group(1) or match.group(2)
        if found and found not in ("core", "resources"):
            sink.add(resolver.by_name(found), "aws-sdk-ruby", found, match.start())


def _rust(crates: re.Pattern[str], code: str, resolver: Resolver, sink: Sink) -> None:
    for match in crates.finditer(code):
        if match.group(1) not in _RUST_NOT_SERVICES:
            sink.add(resolver.by_name(match.group(1)), "aws-sdk-rust", match.group(0), match.start())


def _manifests(code: str, lower: str, resolver: Resolver, sink: Sink) -> None:
    if lower == "cargo.toml":
        _rust(_CARGO, code, resolver, sink)
    elif lower == "package.json":
        for match in _JS_MANIFEST.finditer(code):
            sink.add(_js_module(match.group(1), resolver), match.group(1), match.group(1), match.start(1))
        for match in re.finditer(r'"@types/aws-lambda"\s*:', code):
            sink.add(resolver.canon("lambda"), "aws-lambda", "@types/aws-lambda", match.start())
    elif lower == "go.mod":  # indirect requirements are other modules' dependencies, not this one's
        _go(re.sub(r"[^\n]*// indirect[^\n]*", lambda m: " " * len(m.group(0)), code), resolver, sink)
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
