"""What any text can hard-code that ties it to AWS, whatever language it is written in.

Endpoints and ARNs (service principals and trust policies excepted), ``s3://`` URLs, managed
policies named for a service, IAM actions quoted in code, the AWS CLI, AWS's GitHub Actions, Lambda
base images, AWS Solutions Constructs, the instance-metadata address and AWS-only environment
variables. Used by the source scanner on every text file and, in part, by the Terraform and
CloudFormation scanners.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .pathscan import policy
from .pathscan.policy import PARTITION
from .pathscan.resolver import Resolver
from .pathscan.sink import Sink

# AWS Solutions Constructs name the services they wire together: aws-cloudfront-s3, aws-lambda-sqs
_SOLUTIONS_CONSTRUCTS = re.compile(
    r"""(?:@aws-solutions-constructs/|aws_solutions_constructs\.)aws[-_]((?:[a-z0-9]+[-_]?)+)"""
)
# The AWS CLI in scripts, Makefiles, Dockerfiles and CI: `aws dynamodb create-table`, `aws s3 sync`
_AWS_CLI = re.compile(
    r"(?<![\w./-])aws\s+([a-z0-9][a-z0-9-]*)\s+"
    r"([a-z]+-[a-z0-9-]+|ls|cp|sync|mv|rm|mb|rb|presign|website|deploy|package|invoke|wait|publish|tail)(?![\w-])"
)
_AWS_CLI_NAMES = {"s3api": "s3", "configservice": "config", "deploy": "codedeploy", "es": "opensearch"}
# GitHub Actions published by AWS: aws-actions/amazon-ecr-login, aws-actions/aws-codebuild-run-build
_AWS_ACTION = re.compile(r"\baws-actions/([a-z0-9-]+)@")
# SDK add-ons named for one service: the X-Ray SDK imported (Python, JS, Go, Java), aws-sdk-go's STS
# credential provider
_SDK_ADDONS = (
    (
        re.compile(
            r"^[ \t]*(?:import|from)\b[^\n]*?\baws[-_]xray[-_]sdk|\brequire\(\s*['\"]aws-xray-sdk"
            r"|\"github\.com/aws/aws-xray-sdk-go|^[ \t]*import\s+com\.amazonaws\.xray\b",
            re.M,
        ),
        "xray",
    ),
    (re.compile(r"/credentials/stscreds\b"), "sts"),
)
# AWS Lambda base images: the container is built to run on Lambda
_LAMBDA_IMAGE = re.compile(r"\bpublic\.ecr\.aws/lambda/|\bamazon/aws-lambda-[a-z0-9]+\b")
# a host label filled in at run time: ${region}, {region}, {}, %s, $region, $(REGION), #{region},
# or a concatenation ("sqs." + region + ".amazonaws.com")
_PLACEHOLDER = (
    r"\$?\{[^{}\s]*\}|%(?:\([a-z_]+\))?[sdv]|\$[a-z_]\w*|\$\([^()\s]+\)|#\{[^{}\s]+\}"
    r"|[\"'`]\s*\+\s*[^\"'`\n+]{1,60}?\s*\+\s*[\"'`]|\*"
)
_HOST = re.compile(
    rf"(?:(?<![\w.-])|(?<=[\"'`]\.))((?:(?:[a-z0-9-]+|{_PLACEHOLDER})\.)+"
    r"(?:amazonaws\.com(?:\.cn)?|api\.aws|on\.aws|amazoncognito\.com))\b"
    r"|\b([a-z0-9-]+\.cloudfront\.net)\b|\b(public\.ecr\.aws)\b|\b((?:[a-z0-9-]+\.)+elasticbeanstalk\.com)\b"
    r"|\b((?:[a-z0-9-]+\.)+amplifyapp\.com)\b",
    re.I,
)
# every host _HOST can match contains one of these (in some case): a cheap test before the costly pattern
_HOST_HINTS = ("amazonaws", ".aws", "cloudfront", "amazoncognito", "elasticbeanstalk", "amplifyapp")
_ARN = re.compile(rf"\barn:{PARTITION}:([a-z0-9-]+):([a-z]{{2}}(?:-gov)?-[a-z]+-\d)?")
# AWS managed policies named for one service: AmazonS3ReadOnlyAccess, AWSLambda_FullAccess, …
_MANAGED_POLICY_NAME = (
    r"(?:[\w-]+/)*(?:"
    # a Lambda execution role for an event source: AWSLambdaSQSQueueExecutionRole (a service's
    # own role policies, AWSDataPipelineRole, are not counted: the development corpus said so)
    r"AWSLambda(?P<{0}_source>SQSQueue|Kinesis|DynamoDB|MSK)ExecutionRole"
    r"|(?:Amazon|AWS)?(?P<{0}>[A-Za-z0-9]+?)_?"
    r"(?:FullAccess|ReadOnlyAccess|WriteOnlyAccess|ReadOnly|ReadWrite|PowerUser|ManagedInstanceCore))\b"
)
_PARTS = ("", "_source")
_MANAGED_POLICY = re.compile(
    rf"\barn:{PARTITION}:iam::aws:policy/"
    + _MANAGED_POLICY_NAME.format("arn")
    # the CDK names them without the ARN: ManagedPolicy.fromAwsManagedPolicyName("AmazonSQSFullAccess")
    + r"""|[fF]rom_?[aA]ws_?[mM]anaged_?[pP]olicy_?[nN]ame\(\s*['"]"""
    + _MANAGED_POLICY_NAME.format("cdk")
)
_SERVICE_PRINCIPAL = re.compile(r"^[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$", re.I)
_ENDPOINT_KEY = re.compile(r"""(?:endpoint|host|url|server)\w*["']?\s*[:=]\s*["']?$""", re.I)
# service principals with more than one label: log delivery, service-linked roles' principals
_DOTTED_PRINCIPAL = re.compile(
    r"^(?:delivery\.logs|ops\.apigateway|replication\.dynamodb|replicator\.lambda|logger\.cloudfront"
    r"|streams\.metrics\.cloudwatch|member\.org\.stacksets\.cloudformation"
    r"|[a-z0-9-]+\.(?:application-autoscaling|elasticmapreduce))\.amazonaws\.com(?:\.cn)?$",
    re.I,
)
# Amazon Bedrock model ids: anthropic.claude-3-5-sonnet-20240620-v1:0, us.amazon.nova-pro-v1:0, …
_BEDROCK_MODEL = re.compile(
    r"\b(?:(?:us|eu|apac|global)\.)?(?:anthropic\.claude|amazon\.(?:titan|nova)|meta\.llama"
    r"|mistral\.mi[sx]tral|cohere\.(?:command|embed)|ai21\.j(?:amba|urassic)|stability\.s)[\w.-]*?-v\d"
)
# interpolated labels in a host (${var.region}, ${AWS::AccountId}) read as a region: skipped by the lookup
_INTERPOLATION = re.compile(_PLACEHOLDER, re.I)
# VPC endpoint service names: com.amazonaws.eu-west-1.s3, com.amazonaws.${var.region}.ecr.dkr
_VPC_ENDPOINT = re.compile(r"\bcom\.amazonaws\.(?:[a-z]{2}(?:-gov)?-[a-z]+-\d|\$\{[^}\s]+\})\.([a-z0-9-]+)")
# an AMI id names an EC2 image; alias/aws/s3 is the key AWS manages for a service in KMS;
# Kubernetes storage provisioned by AWS (in Terraform, Helm values or manifests alike)
# EC2 resource ids: images, security groups, subnets, VPCs, volumes, snapshots, gateways, …
_EC2_ID = re.compile(
    r"\b(?:ami|sg|subnet|vpc|vol|snap|eni|igw|rtb|nat|eipalloc|tgw|vpce|pcx|lt)-(?:[0-9a-f]{17}|[0-9a-f]{8})\b"
)
_KMS_ALIAS = re.compile(r"\balias/aws/[a-z0-9-]+")
# a key alias in a setting named for KMS: kms_alias: alias/billing-key, KMS_KEY_ALIAS = "alias/…"
_KMS_ALIAS_SETTING = re.compile(r"""\b\w*kms\w*["']?\s*[:=]\s*["']?(alias/[A-Za-z0-9/_-]+)""", re.I)
_CSI = re.compile(r"kubernetes\.io/aws-ebs\b|\b(ebs|efs|fsx|s3)\.csi\.(?:aws|eks\.amazonaws)\.com\b")
_CSI_SERVICES = {None: "ec2", "ebs": "ec2", "efs": "efs", "fsx": "fsx", "s3": "s3"}
# Prometheus finding its scrape targets through the EC2 or Lightsail API
_PROMETHEUS_DISCOVERY = re.compile(r"^[ \t]*-?[ \t]*(ec2|lightsail)_sd_configs[ \t]*:", re.M)
_YAML_ENDPOINT = re.compile(
    r"""^\s*-?\s*["']?(?:s3)?endpoint(?:_?url)?["']?\s*:\s*["']?(https?://[^"'\s#]+)""", re.I
)
_S3_URL = re.compile(r"""(?<![\w/])s3[an]?://[^\s'"]""")
# a connector's bucket setting: Kafka Connect's S3 sink ("s3.bucket.name" = "raw-events")
_S3_BUCKET_PROPERTY = re.compile(
    r"""(?<![\w.])s3\.bucket(?:\.name)?["']?\s*[:=]\s*["']?[a-z0-9][a-z0-9.-]{2,62}"""
)
# Celery/Kombu's SQS transport (broker_url = "sqs://", "sqs://key:secret@")
_SQS_BROKER = re.compile(r"""(?<![\w/])sqs://""")


# a Terraform run limited to AWS resources: terraform apply -target aws_route53_record.app
_TERRAFORM_TARGET = re.compile(r"""-target[= ]["']?(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(aws_[a-z0-9_]+)\.""")
# Packer's Amazon builders and data sources (HCL ``source "amazon-ebs"``, JSON ``"type": "amazon-ebs"``)
_PACKER_AMAZON = re.compile(
    r'\b(?:source|data)\s+"amazon-(ebs|ebssurrogate|ebsvolume|instance|chroot|ami|parameterstore|secretsmanager)"'
    r'|"type"\s*:\s*"amazon-(ebs|ebssurrogate|ebsvolume|instance|chroot|import)"'
)
_PACKER_SERVICES = {"parameterstore": "ssm", "secretsmanager": "secretsmanager"}
# an ARN prefix alone (no resource) handed to string handling: .replace("arn:aws:ses:us-west-2:", ""),
# strings.HasPrefix(arn, "arn:aws:iam::"): code taking ARNs apart, not naming a resource
_ARN_PREFIX_END = re.compile(r":(?:\d{12})?:?[\"'`]")
_STRING_HANDLING_CALL = re.compile(
    r"\b(?:replace\w*|Replace\w*|startswith|startsWith|endsWith|removeprefix|lstrip|split|indexOf|includes"
    r"|HasPrefix|TrimPrefix|TrimLeft|Contains|Index|Cut\w*|strip)\s*\(\s*(?:[\w.\[\]]+\s*,\s*)?[\"'`]$"
)
# the CNAME ACM asks for to validate a certificate's domain
_ACM_VALIDATION = re.compile(r"\.acm-validations\.aws\b")
# a Route 53 hosted zone's name servers (an NS delegation to Route 53)
_ROUTE53_NAME_SERVER = re.compile(r"\bns-\d{1,4}\.awsdns-\d{1,2}\.(?:com|net|org|co\.uk)\b")


def cli_calls(code: str, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """``(service, command, offset)`` for every AWS CLI command in ``code`` (scripts, a template's
    user data or build spec): ``aws batch register-job-definition``, ``aws s3 cp``."""
    for match in _AWS_CLI.finditer(code):
        name = _AWS_CLI_NAMES.get(match.group(1), match.group(1))
        if resolver.is_boto3(name):
            yield resolver.canon(name), match.group(0), match.start()


def _aws_tooling(code: str, resolver: Resolver, sink: Sink) -> None:
    """The AWS CLI, AWS's GitHub Actions, SDK add-ons and Lambda base images."""
    for cli_service, command, offset in cli_calls(code, resolver):
        sink.add(cli_service, "aws-cli", command, offset)
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
    for pattern, service in _SDK_ADDONS:
        for match in pattern.finditer(code):
            sink.add(resolver.canon(service), "sdk-addon", match.group(0), match.start())
    for match in _LAMBDA_IMAGE.finditer(code):
        sink.add(resolver.canon("lambda"), "lambda-base-image", match.group(0), match.start())
    for match in _TERRAFORM_TARGET.finditer(code):
        sink.add(resolver.by_terraform(match.group(1)), "terraform-target", match.group(0), match.start(1))


def _grants_only(code: str, start: int, host: str) -> bool:
    """A host that names who may call, not what is called: a service principal (a bare
    ``lambda.amazonaws.com`` unless a URL, a longer host or an endpoint setting such as
    ``endpoint: s3.amazonaws.com`` puts it there; ``delivery.logs.amazonaws.com``) or a
    ``kms:ViaService`` condition's value."""
    if _DOTTED_PRINCIPAL.match(host) or "ViaService" in code[max(0, start - 120) : start]:
        return True
    if not _SERVICE_PRINCIPAL.match(host) or code[max(0, start - 3) : start].endswith(("://", ".")):
        return False
    line_start = code.rfind("\n", 0, start) + 1
    return _ENDPOINT_KEY.search(code[line_start:start]) is None


def _beside_other_endpoint(code: str, offset: int) -> bool:
    """Whether the YAML mapping holding ``offset`` also sets an endpoint on another host
    (``destinationPath: s3://backups/`` beside ``endpointURL: http://minio:9000``): an
    S3-compatible store, not AWS."""
    if "ndpoint" not in code:
        return False
    window_start = code.rfind("\n", 0, max(0, offset - 4000)) + 1  # a mapping's neighbourhood
    window_end = code.find("\n", offset + 4000)
    lines = code[window_start : window_end if window_end >= 0 else len(code)].split("\n")
    here = code.count("\n", window_start, offset)
    indent = len(lines[here]) - len(lines[here].lstrip(" -"))
    for step in (-1, 1):
        number = here + step
        while 0 <= number < len(lines):
            sibling = lines[number]
            if sibling.strip() and not sibling.lstrip().startswith("#"):
                depth = len(sibling) - len(sibling.lstrip(" -"))
                if depth < indent:
                    break
                endpoint = _YAML_ENDPOINT.match(sibling) if depth == indent else None
                if endpoint and "amazonaws.com" not in endpoint.group(1):
                    return True
            number += step
    return False


def _taken_apart(code: str, match: re.Match[str]) -> bool:
    """Whether the ARN ``match`` is a bare prefix given to a string-handling call."""
    if not _ARN_PREFIX_END.match(code, match.end()):
        return False
    line_start = code.rfind("\n", 0, match.start()) + 1
    return _STRING_HANDLING_CALL.search(code, line_start, match.start()) is not None


def references(
    code: str, resolver: Resolver, *, arns: bool = True
) -> Iterator[tuple[str | None, str, str, int, str | None]]:
    """``(service, how, text, offset, region)`` for AWS endpoints, ARNs, ``s3://`` URLs, AMI ids,
    AWS-managed KMS key aliases and AWS storage provisioners in ``code``."""
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
        elif match.group(5):  # an app on Amplify Hosting
            yield resolver.canon("amplify"), "endpoint", host, match.start(), None
        elif ".csi.eks." in host:
            continue  # EKS Auto Mode's storage provisioner (ebs.csi.eks.amazonaws.com): _CSI reads it
        elif _grants_only(code, match.start(), host):
            continue
        else:
            filled = _INTERPOLATION.sub("us-east-1", host)
            service, region = resolver.by_endpoint(filled)
            yield service, "endpoint", host, match.start(), region if filled == host else None
    for match in _ARN.finditer(code) if arns else ():
        if policy.is_pattern(code, match) or _taken_apart(code, match):
            continue
        yield policy.arn_service(code, match, resolver), "arn", match.group(0), match.start(), match.group(2)
    for match in _S3_URL.finditer(code):
        if not _beside_other_endpoint(code, match.start()):
            yield resolver.canon("s3"), "s3-url", match.group(0)[:-1], match.start(), None
    if ".awsdns-" in code:
        for match in _ROUTE53_NAME_SERVER.finditer(code):
            yield resolver.canon("route53"), "route53-name-server", match.group(0), match.start(), None
    if "s3.bucket" in code:
        for match in _S3_BUCKET_PROPERTY.finditer(code):
            if not _beside_other_endpoint(code, match.start()):
                yield resolver.canon("s3"), "s3-bucket-setting", match.group(0), match.start(), None
    if "acm-validations" in code:
        for match in _ACM_VALIDATION.finditer(code):
            yield resolver.canon("acm"), "acm-validation", match.group(0), match.start(), None
    if "sqs://" in code:
        for match in _SQS_BROKER.finditer(code):
            yield resolver.canon("sqs"), "sqs-broker", match.group(0), match.start(), None
    if "com.amazonaws." in code:
        for match in _VPC_ENDPOINT.finditer(code):
            yield (
                resolver.by_arn_namespace(match.group(1)),
                "vpc-endpoint",
                match.group(0),
                match.start(),
                None,
            )
    for match in _EC2_ID.finditer(code):
        kind = "ami" if match.group(0).startswith("ami-") else "ec2-id"
        yield resolver.canon("ec2"), kind, match.group(0), match.start(), None
    if "alias/" in code:
        for match in _KMS_ALIAS.finditer(code):
            yield resolver.canon("kms"), "kms-alias", match.group(0), match.start(), None
        for match in _KMS_ALIAS_SETTING.finditer(code):
            if not match.group(1).startswith("alias/aws/"):
                yield resolver.canon("kms"), "kms-alias", match.group(1), match.start(1), None
    if "aws-ebs" in code or ".csi." in code:
        for match in _CSI.finditer(code):
            yield (
                resolver.canon(_CSI_SERVICES[match.group(1)]),
                "storage",
                match.group(0),
                match.start(),
                None,
            )
    # (the CDK spells the call from_aws_managed_policy_name, fromAwsManagedPolicyName, …)
    if ":iam::aws:policy/" in code or "anaged_policy_name" in code or "anagedPolicyName" in code:
        for match in _MANAGED_POLICY.finditer(code):
            groups = (match.group(f"{way}{part}") for way in ("arn", "cdk") for part in _PARTS)
            name = next(filter(None, groups))
            yield resolver.by_camel_words(name), "managed-policy", match.group(0), match.start(), None


def generic(code: str, resolver: Resolver, sink: Sink) -> None:
    """Endpoints, ARNs, ``s3://`` URLs, metadata addresses and AWS-only environment variables."""
    for service, how, found, offset, region in references(code, resolver):
        sink.add(service, how, found, offset, region or None)
    if ":" in code:
        for service, action, offset in policy.quoted_actions(code, resolver, any_quote=True):
            sink.add(service, "iam-action", action, offset)
    if "aws" in code:
        _aws_tooling(code, resolver, sink)
    if "amazon-" in code:
        for match in _PACKER_AMAZON.finditer(code):
            kind = match.group(1) or match.group(2)
            service = _PACKER_SERVICES.get(kind, "ec2")
            sink.add(resolver.canon(service), "packer", match.group(0), match.start())
    if "_sd_configs" in code:
        for match in _PROMETHEUS_DISCOVERY.finditer(code):
            sink.add(resolver.canon(match.group(1)), "prometheus-discovery", match.group(0), match.start(1))
    for match in _BEDROCK_MODEL.finditer(code):
        sink.add(resolver.canon("bedrock"), "bedrock-model", match.group(0), match.start())
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
