"""Kubernetes manifests, Helm charts and values, and other cluster YAML: what ties a cluster to AWS.

Read line by line, so Helm templates (``{{ }}``) need not parse as YAML and every finding keeps
its line: EBS/EFS/FSx/S3 CSI drivers and storage classes; the AWS load-balancer controller (ingress
classes, annotations naming ACM certificates, subnets, WAF, Shield and Cognito, GlobalAccelerator);
IRSA and kube2iam annotations and the aws-auth ConfigMap; ECR images and the CloudWatch agent; ACK
controllers and Crossplane AWS providers; Karpenter (node classes and chart settings), keikoproj
instance groups and VPC CNI classes; Argo CD's EKS cluster secrets; external-secrets, the Secrets
Store CSI driver, external-dns, eksctl and Velero with their AWS providers; Fluent Bit and Fluentd
outputs and log shippers' settings naming log groups or delivery streams; settings and stores
naming S3 buckets. The same rules read cluster objects written inside Terraform
(``embedded_rules``). Each rule names a representative Terraform type so the service id comes from
the catalog like everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .pathscan.hits import FileResult, Hit
from .pathscan.resolver import Resolver

SCANNER = "kubernetes"


@dataclass(frozen=True, slots=True)
class Rule:
    """A line pattern and the Terraform type whose service it reveals."""

    pattern: re.Pattern[str]
    type: str
    via: str


def _rule(pattern: str, type_: str, via: str) -> Rule:
    return Rule(re.compile(pattern), type_, via)


RULES = (
    _rule(r"kubernetes\.io/aws-ebs|ebs\.csi\.aws\.com", "storage:ebs", "aws_ebs_volume"),
    _rule(r"efs\.csi\.aws\.com", "storage:efs", "aws_efs_file_system"),
    _rule(r"fsx\.csi\.aws\.com", "storage:fsx", "aws_fsx_lustre_file_system"),
    # a statically provisioned EFS volume names its file system (FSx ids look the same: a file that
    # mentions FSx is not read for it, see _matching_rules)
    _rule(
        r"""\b(?:volumeHandle|fileSystemId|fileSystemID|efsFileSystemId)["']?\s*:\s*["']?fs-[0-9a-f]{8}(?:[0-9a-f]{9})?\b""",
        "storage:efs-id",
        "aws_efs_file_system",
    ),
    _rule(r"s3\.csi\.aws\.com", "storage:s3", "aws_s3_bucket"),
    # the AWS Load Balancer Controller: ALB ingresses, target group bindings, its Gateway API classes
    _rule(
        r"alb\.ingress\.kubernetes\.io/|ingress\.k8s\.aws/|elbv2\.k8s\.aws|\bgateway\.k8s\.aws/",
        "ingress:alb",
        "aws_lb",
    ),
    # EKS Auto Mode's own load balancing and block storage
    _rule(
        r"""controller["']?\s*:\s*["']?eks\.amazonaws\.com/alb\b|^\s*kind\s*:\s*["']?IngressClassParams\b""",
        "ingress:alb",
        "aws_lb",
    ),
    _rule(r"ebs\.csi\.eks\.amazonaws\.com", "storage:ebs", "aws_ebs_volume"),
    _rule(
        r"""(?:ingressClass(?:Name)?|ingress\.class|className)["']?\s*:\s*["']?alb["']?\s*$""",
        "ingress-class:alb",
        "aws_lb",
    ),
    _rule(r"service\.beta\.kubernetes\.io/aws-load-balancer-", "annotation:aws-load-balancer", "aws_elb"),
    _rule(r"eks\.amazonaws\.com/role-arn", "annotation:irsa", "aws_iam_role"),
    # kube2iam and kiam: a pod annotation naming the IAM role the pod assumes
    _rule(r"""\biam\.amazonaws\.com/role["']?\s*:\s*["']?[\w{$]""", "annotation:kube2iam", "aws_iam_role"),
    _rule(r"eks\.amazonaws\.com/role-arn", "annotation:irsa", "aws_eks_cluster"),
    _rule(
        r"karpenter\.k8s\.aws/|^\s*kind\s*:\s*[\"']?(?:EC2NodeClass|AWSNodeTemplate)\b",
        "karpenter:aws",
        "aws_instance",
    ),
    _rule(
        r"""image["']?\s*:\s*["']?\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com""",
        "image:ecr",
        "aws_ecr_repository",
    ),
    _rule(r"""image["']?\s*:\s*["']?public\.ecr\.aws/""", "image:ecr-public", "aws_ecrpublic_repository"),
    _rule(
        # (an IAM server certificate's ARN is IAM's, which the ARN itself says)
        r"""(?:alb\.ingress\.kubernetes\.io/certificate-arn|aws-load-balancer-ssl-cert)\b"""
        r"""(?!["']?\s*:\s*["']?arn:aws[\w-]*:iam::)""",
        "annotation:acm-certificate",
        "aws_acm_certificate",
    ),
    _rule(
        r"alb\.ingress\.kubernetes\.io/(?:subnets|security-groups)"
        r"|aws-load-balancer-(?:subnets|security-groups|extra-security-groups|eip-allocations)\b",
        "annotation:vpc",
        "aws_subnet",
    ),
    _rule(
        r"alb\.ingress\.kubernetes\.io/(?:wafv2-acl-arn|waf-acl-id)", "annotation:waf", "aws_wafv2_web_acl"
    ),
    _rule(
        r"alb\.ingress\.kubernetes\.io/shield-advanced-protection",
        "annotation:shield",
        "aws_shield_protection",
    ),
    _rule(
        r"""alb\.ingress\.kubernetes\.io/auth-(?:idp-cognito|type["']?\s*:\s*["']?cognito)""",
        "annotation:cognito",
        "aws_cognito_user_pool",
    ),
    _rule(
        r"^\s*kind\s*:\s*[\"']?GlobalAccelerator\b",
        "aws-lb-controller:globalaccelerator",
        "aws_globalaccelerator_accelerator",
    ),
    _rule(r"""--provider[= ]["']?aws\b""", "external-dns:aws", "aws_route53_zone"),
    # external-dns's Route 53 record settings on an ingress or service (weighted, health-checked)
    _rule(r"external-dns\.alpha\.kubernetes\.io/aws-", "external-dns:aws", "aws_route53_zone"),
    _rule(r"^\s*(?:mapRoles|mapUsers|mapAccounts)\s*:", "configmap:aws-auth", "aws_eks_cluster"),
    _rule(r"^\s*(?:mapRoles|mapUsers)\s*:", "configmap:aws-auth", "aws_iam_role"),  # IAM roles and users
    # an Argo CD cluster secret reaching an EKS cluster with AWS credentials (aws eks get-token)
    _rule(r"""["']?awsAuthConfig["']?\s*:""", "argocd:eks", "aws_eks_cluster"),
    # a container's settings for a queue or topic: AWS_SQS_ACCESS_KEY, CASE_CREATOR_SQS_QUEUE_NAME,
    # AUDIT_SNS_TOPIC_NAME (SNS only with a topic or its keys: the letters mean social networks too)
    _rule(
        r"""^\s*-?\s*name\s*:\s*["']?(?:[A-Z0-9]+_)*SQS(?:_[A-Z0-9]+)*["']?\s*$""", "env:sqs", "aws_sqs_queue"
    ),
    _rule(
        r"""^\s*-?\s*name\s*:\s*["']?(?:[A-Z0-9]+_)*SNS_(?:TOPIC|ACCESS_KEY|SECRET_KEY|ARN)(?:_[A-Z0-9]+)*["']?\s*$""",
        "env:sns",
        "aws_sns_topic",
    ),
    # settings that name a resource outright: ZOO_STREAM_KINESIS_STREAM_NAME: zooniverse-production,
    # ATHENA_WORK_GROUP: track_a_move_prod (an S3 bucket's: _S3_BUCKET_SETTING)
    _rule(
        r"""^\s*["']?(?:[A-Z0-9]+_)*KINESIS(?:_[A-Z0-9]+)*_STREAM(?:_NAME)?["']?\s*:\s*["']?[A-Za-z0-9][\w.-]*["']?\s*$""",
        "settings:kinesis",
        "aws_kinesis_stream",
    ),
    _rule(
        r"""^\s*["']?(?:[A-Z0-9]+_)*ATHENA_WORK_?GROUP["']?\s*:\s*["']?[A-Za-z0-9][\w.-]*["']?\s*$""",
        "settings:athena",
        "aws_athena_workgroup",
    ),
    # alerts on named AWS resources (Ministry of Justice's generic-prometheus-alerts chart)
    _rule(r"^\s*rdsAlertsDatabases\s*:", "alerts:rds", "aws_db_instance"),
    _rule(r"^\s*sqs\w*Alert\w*QueueNames\s*:", "alerts:sqs", "aws_sqs_queue"),
    _rule(r"^\s*elastiCacheAlertsClusterIds\s*:", "alerts:elasticache", "aws_elasticache_cluster"),
    _rule(r"^\s*kind\s*:\s*[\"']?ENIConfig\b", "vpc-cni:eniconfig", "aws_subnet"),
    _rule(r"^\s*apiVersion\s*:\s*[\"']?eksctl\.io/", "eksctl", "aws_eks_cluster"),
    # Karpenter's AWS settings, in an EC2NodeClass or in the chart's values: the AMI family and
    # selector terms choose EC2 images, subnets and security groups; the interruption queue is SQS
    _rule(
        r"""^\s*-?\s*(?:amiFamily["']?\s*:\s*["']?[A-Za-z{]|(?:ami|subnet|securityGroup)SelectorTerms["']?\s*:)""",
        "karpenter:ec2",
        "aws_instance",
    ),
    _rule(
        r"""^\s*-?\s*(?:interruptionQueue(?:Name)?|aws\.interruptionQueueName)["']?\s*:\s*["']?[\w{$]""",
        "karpenter:interruption-queue",
        "aws_sqs_queue",
    ),
    _rule(r"""objectType["']?\s*:\s*["']?ssmparameter\b""", "secrets-store-csi:aws", "aws_ssm_parameter"),
    _rule(
        r"""objectType["']?\s*:\s*["']?secretsmanager\b""",
        "secrets-store-csi:aws",
        "aws_secretsmanager_secret",
    ),
    _rule(r"^\s*kind\s*:\s*[\"']?AWSIAMRole\b", "kube-aws-iam-controller", "aws_iam_role"),
    _rule(
        r"""image["']?\s*:\s*["']?(?:[\w.-]+/)?(?:amazon|cloudwatch-agent)/cloudwatch-agent\b""",
        "image:cloudwatch-agent",
        "aws_cloudwatch_metric_alarm",
    ),
    _rule(r"velero-plugin-for-aws\b", "velero:aws", "aws_s3_bucket"),
    # Prometheus exporters that read CloudWatch metrics
    _rule(
        r"""(?:prom|nerdswords|prometheuscommunity)/(?:yet-another-)?cloudwatch-exporter\b"""
        r"""|^\s*-?\s*(?:aws_)?namespace\s*:\s*["']?AWS/[A-Za-z]""",
        "exporter:cloudwatch",
        "aws_cloudwatch_metric_alarm",
    ),
    # KEDA scalers that read an AWS service (a queue's length, a stream's shards, a metric)
    _rule(r"""^\s*-?\s*type\s*:\s*["']?aws-sqs-queue\b""", "keda:aws", "aws_sqs_queue"),
    _rule(r"""^\s*-?\s*type\s*:\s*["']?aws-kinesis-stream\b""", "keda:aws", "aws_kinesis_stream"),
    _rule(r"""^\s*-?\s*type\s*:\s*["']?aws-dynamodb(?:-streams)?\b""", "keda:aws", "aws_dynamodb_table"),
    _rule(r"""^\s*-?\s*type\s*:\s*["']?aws-cloudwatch\b""", "keda:aws", "aws_cloudwatch_metric_alarm"),
    # an EMR cluster's release (Airflow's EMR connection, a job flow's settings)
    _rule(r"""ReleaseLabel["']?\s*:\s*["']?emr-\d""", "emr:release", "aws_emr_cluster"),
)
# Fluent Bit ([OUTPUT] Name …) and Fluentd (@type …) outputs that ship logs into an AWS service.
_LOG_OUTPUT = re.compile(
    r"""^\s*(?:[Nn]ame\s+|@type\s+)["']?(cloudwatch_logs|cloudwatch|kinesis_firehose|firehose|kinesis_streams|kinesis|s3)["']?\s*$"""
)
_LOG_OUTPUT_TYPES = {
    "cloudwatch_logs": "aws_cloudwatch_log_group",
    "cloudwatch": "aws_cloudwatch_log_group",
    "kinesis_firehose": "aws_kinesis_firehose_delivery_stream",
    "firehose": "aws_kinesis_firehose_delivery_stream",
    "kinesis": "aws_kinesis_stream",
    "kinesis_streams": "aws_kinesis_stream",
    "s3": "aws_s3_bucket",
}
# log shippers' settings (aws-for-fluent-bit's values and the like) naming a CloudWatch log group,
# a Firehose delivery stream or signing requests to OpenSearch, unless their section is disabled
_SHIPPER_SETTINGS = (
    (
        re.compile(r"""^\s*-?\s*["']?(?:logGroupName|log_group_name)["']?\s*[:=]\s*["']?[\w/{$]"""),
        "aws_cloudwatch_log_group",
    ),
    # any log-group setting naming one of AWS's own groups: logGroup: /aws/eks/prod/cluster
    (
        re.compile(r"""^\s*-?\s*["']?(?:logGroup|log_group)["']?\s*[:=]\s*["']?/aws/[\w.-]+/"""),
        "aws_cloudwatch_log_group",
    ),
    (
        re.compile(r"""^\s*-?\s*["']?(?:deliveryStream|delivery_stream)["']?\s*[:=]\s*["']?[\w{$]"""),
        "aws_kinesis_firehose_delivery_stream",
    ),
    (re.compile(r"""^\s*awsAuth\s*:\s*["']?On\b""", re.I), "aws_opensearch_domain"),
)
# a settings block for S3 (backups, logs, object stores) naming its bucket; one whose endpoint is
# another host (MinIO, Ceph, another cloud) is an S3-compatible store, not AWS
_S3_BLOCK = re.compile(r"^(\s*)-?\s*s3\s*:\s*$")
_S3_BUCKET = re.compile(
    r"""^\s*-?\s*(?:bucket|bucketName|bucket_name|bucketnames|bucketNames)\s*:\s*["']?[\w<{$]"""
)
# ``regionendpoint``: the Docker registry's (and Harbor's) S3 storage driver
_S3_ENDPOINT = re.compile(
    r"""^\s*-?\s*(?:endpoint|s3Endpoint|s3_endpoint|endpoint_url|endpointUrl|endpointURL|regionendpoint)"""
    r"""\s*:\s*["']?([^"'\s#]*)"""
)
# S3_AP_BUCKET_NAME: moj-reg-prod (not a secret's key, bucket_name: bucket names have no
# underscores), unless the file points S3 at another host (MinIO)
_S3_BUCKET_SETTING = re.compile(
    r"""^\s*["']?(?:[A-Z0-9]+_)*S3(?:_[A-Z0-9]+)*_BUCKET(?:_NAME)?["']?\s*:\s*["']?[a-z0-9][a-z0-9-]*[.-][a-z0-9.-]*["']?\s*$"""
)
# …and the same as a container's environment entry: "- name: DC_S3_INDEX_BUCKET" then "value: dea-data"
_S3_BUCKET_ENV_NAME = re.compile(
    r"""^\s*-?\s*name\s*:\s*["']?(?:[A-Z0-9]+_)*S3(?:_[A-Z0-9]+)*_BUCKET(?:_NAME)?["']?\s*$"""
)
_BUCKET_ENV_VALUE = re.compile(r"""^\s*value\s*:\s*["']?[a-z0-9][a-z0-9-]*[.-][a-z0-9.-]*["']?\s*$""")
# a store whose type is S3 with its bucket beside it: Loki's "storage: {type: s3, bucketNames: …}",
# Thanos's "type: S3" with "config: {bucket: …}"
_S3_STORE_TYPE = re.compile(r"""^\s*-?\s*(?:type|backend)\s*:\s*["']?[sS]3["']?\s*(?:#.*)?$""")
_BUCKET_NAMES = re.compile(r"""^\s*(?:bucketNames|bucket_names)\s*:\s*$""")
_BUCKET_NAME_ENTRY = re.compile(r"""^\s*[\w-]+\s*:\s*["']?[a-z0-9][a-z0-9.-]{2,62}["']?\s*(?:#.*)?$""")
_OTHER_S3_ENDPOINT = re.compile(
    r"""(?:S3|AWS)\w*ENDPOINT\w*["']?\s*:\s*["']?https?://(?![^"'\s]*amazonaws\.com)""", re.I
)
_MINIO_BLOCK = re.compile(r"^\s*minio\s*:\s*$")
_ENABLED_TRUE = re.compile(r"""^\s*enabled\s*:\s*["']?true["']?\s*(?:#.*)?$""", re.I)
_ENABLED_FALSE = re.compile(r"""^\s*enabled\s*:\s*["']?false["']?\s*$""", re.I)
_LOG_OPENSEARCH = re.compile(r"^\s*AWS_Auth\s+(?:On\b|\{\{)", re.I)
# ACK resources name other services in their field names: s3OriginConfig, sqsQueueParameters, …
_ACK_FIELD = re.compile(r"^\s*-?\s*(s3|sqs|sns|kinesis|dynamoDB|lambda)[A-Z][A-Za-z]*:")
_ACK_FIELD_TYPES = {
    "s3": "aws_s3_bucket",
    "sqs": "aws_sqs_queue",
    "sns": "aws_sns_topic",
    "kinesis": "aws_kinesis_stream",
    "dynamoDB": "aws_dynamodb_table",
    "lambda": "aws_lambda_function",
}
# ACK controllers (s3.services.k8s.aws); Crossplane AWS providers (sesv2.aws.crossplane.io, …)
_ACK = re.compile(r"\b([a-z0-9]+)\.(?:services\.k8s\.aws|aws\.crossplane\.io|aws\.(?:m\.)?upbound\.io)\b")
# the community Crossplane provider's older API groups, named for a kind of service, not for one
_CROSSPLANE_GROUPS = {
    "applicationintegration": "aws_sqs_queue",
    "cache": "aws_elasticache_cluster",
    "certificatemanager": "aws_acm_certificate",
    "identity": "aws_iam_role",
    "network": "aws_vpc",
    "notification": "aws_sns_topic",
    "storage": "aws_s3_bucket",
}
_DYNAMO_TABLE_KIND = re.compile(r"^\s*-?\s*kind\s*:\s*[\"']?DynamoTable\b", re.M)
# keikoproj instance-manager (orkaproj before): an InstanceGroup's nodes join an EKS cluster
_INSTANCE_MANAGER = re.compile(r"\binstancemgr\.(?:keikoproj|orkaproj)\.io/")
_INSTANCE_GROUP_EKS = re.compile(r"""^\s*provisioner\s*:\s*["']?eks(?:-managed|-fargate|-cf)?["']?\s*$""")
_NLB = re.compile(r"aws-load-balancer-(?:type[\"']?\s*:\s*[\"']?(?:nlb|external|nlb-ip)|nlb-target-type)")
_EXTERNAL_SECRETS = re.compile(
    r"""^\s*service:\s*["']?(SecretsManager|ParameterStore|CertificateManager)\b"""
)
_EXTERNAL_SECRET_TYPES = {
    "SecretsManager": "aws_secretsmanager_secret",
    "ParameterStore": "aws_ssm_parameter",
    "CertificateManager": "aws_acm_certificate",
}
# a store reference by a name that says which AWS store it is (the store itself is defined elsewhere)
_EXTERNAL_SECRET_STORE_NAME = re.compile(
    r"""^\s*name\s*:\s*["']?[\w-]*?(?:(aws-?secrets?-?manager|secrets-?manager)|(parameter-?store|aws-ssm|ssm-parameters?))[\w-]*["']?\s*$""",
    re.I,
)
# Argo Events: an EventSource reading AWS SQS/SNS, a Sensor triggering an AWS Lambda function
_ARGO_EVENTS = re.compile(r"^\s*kind\s*:\s*[\"']?(?:EventSource|Sensor)\b", re.M)
_ARGO_AWS = re.compile(r"^\s+(sqs|sns|awsLambda)\s*:\s*$")
_ARGO_AWS_TYPES = {"sqs": "aws_sqs_queue", "sns": "aws_sns_topic", "awsLambda": "aws_lambda_function"}
# an AWS storage class's encryption key
_STORAGE_KMS = re.compile(r"""^\s+kmsKeyId\s*:\s*["']?\S""")
# an eksctl ClusterConfig builds its node groups and VPC in EC2, and its OIDC provider, service
# account roles and node roles in IAM
_EKSCTL_EC2 = re.compile(r"^\s*(?:managedNodeGroups|nodeGroups|vpc)\s*:")
_EKSCTL_IAM = re.compile(
    r"^\s*(?:iam|withOIDC|serviceAccounts|podIdentityAssociations|attachPolicyARNs|wellKnownPolicies"
    r"|instanceRoleARN|instanceProfileARN|serviceRoleARN)\s*:"
)
# external-dns configured for Route 53 in its chart values: ``provider: aws`` (``provider: {name: aws}``
# in newer charts) and the ``--aws-…`` flags
_EXTERNAL_DNS_AWS = re.compile(r"""^\s*(?:-\s*)?(?:provider\s*:\s*["']?aws["']?\s*$|--aws-[a-z])""")
# cert-manager's ACME DNS-01 solver writing its challenge records into Route 53
_CERT_MANAGER_ROUTE53 = re.compile(r"^\s*-?\s*route53\s*:\s*(?:\{\s*\}\s*)?(?:#.*)?$")
_EXTERNAL_DNS_PROVIDER_NAME = re.compile(r"""^\s*name\s*:\s*["']?aws["']?\s*$""")
# Velero with its AWS plugin: a volume snapshot location takes EBS snapshots
_VELERO_AWS = re.compile(r"velero-plugin-for-aws\b|velero\.io/aws\b")
_VELERO_SNAPSHOTS = re.compile(
    r"^\s*(?:volumeSnapshotLocation\s*:|kind\s*:\s*[\"']?VolumeSnapshotLocation\b)"
)
_API_VERSION = re.compile(r"^\s*-?\s*apiVersion\s*:", re.M)
_KIND = re.compile(r"^\s*-?\s*kind\s*:", re.M)


# what marks cluster objects written inside another language's files (Terraform's kubernetes_*
# resources, kubectl and Helm releases): the annotations and API groups the rules read
_EMBEDDED_MARKERS = (".k8s.aws", "amazonaws.com/role", "kubernetes.io/", "amazonaws\\\\.com/role")
# ``"key" = value`` and ``key = value`` (HCL) read as ``key: value``
_HCL_ASSIGNMENT = re.compile(r"""^(\s*["']?[\w./-]+["']?\s*)=(?!=)""")


def embedded_rules(code: str, resolver: Resolver) -> Iterator[tuple[int, str, str, str]]:
    """``(offset, service, how, text)`` for the cluster rules met in manifests written inside another
    language (a Terraform ``kubernetes_service_account`` with an IRSA annotation, a
    ``kubectl_manifest`` of a Karpenter node class, a ``helm_release`` setting
    ``eks\\.amazonaws\\.com/role-arn``)."""
    if not any(marker in code for marker in _EMBEDDED_MARKERS):
        return
    offset = 0
    fsx = "fsx" in code.lower()
    for raw in code.splitlines(keepends=True):
        line = _HCL_ASSIGNMENT.sub(r"\1:", raw.replace("\\", ""))
        for rule in _matching_rules(line, fsx):
            service = resolver.by_terraform(rule.via)
            if service:
                yield offset + len(raw) - len(raw.lstrip()), service, rule.type, raw.strip()[:80]
        offset += len(raw)


def _matching_rules(line: str, fsx: bool) -> Iterator[Rule]:
    """The rules ``line`` matches; an EFS id is not read in a file that mentions FSx (whose ids
    look the same)."""
    return (
        rule for rule in RULES if not (fsx and rule.type == "storage:efs-id") and rule.pattern.search(line)
    )


def looks_like(text: str, relpath: str) -> bool:
    """True for a manifest (``apiVersion`` and ``kind``) or a Helm chart template or values file."""
    return (
        relpath.endswith(".tpl")
        or "/templates/" in f"/{relpath}"
        or (_API_VERSION.search(text[:100_000]) is not None and _KIND.search(text[:100_000]) is not None)
        or "{{" in text[:100_000]
    )


def scan(text: str, relpath: str, resolver: Resolver) -> FileResult:
    """Every line that ties the manifests in ``text`` to an AWS service."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    lines = text.splitlines()
    classic_to_v2 = _NLB.search(text) is not None
    external_secrets = "external-secrets.io" in text
    ack = ".services.k8s.aws" in text
    log_outputs = "[OUTPUT]" in text or "<match" in text
    velero_aws = _VELERO_AWS.search(text) is not None
    eksctl = "eksctl.io/" in text
    external_dns = "external-dns" in text or "external-dns" in relpath or "external_dns" in relpath
    acme_dns = "dns01" in text
    instance_groups = _INSTANCE_MANAGER.search(text) is not None
    bundled_minio = "minio" in text and _bundled_minio(lines)
    fsx = "fsx" in text.lower()
    argo_events = "argoproj.io" in text and _ARGO_EVENTS.search(text) is not None
    aws_storage = "kind: StorageClass" in text and ("aws-ebs" in text or ".csi.aws.com" in text)
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(("#", "{{/*", "{{- /*")):
            continue
        for rule in _matching_rules(line, fsx):
            via = "aws_lb" if rule.via == "aws_elb" and classic_to_v2 else rule.via
            _add(result, resolver, via, rule.type, line, number)
        for match in _ACK.finditer(line):
            _ack_group(result, resolver, match, text, number)
        if instance_groups and _INSTANCE_GROUP_EKS.match(line):
            _add(result, resolver, "aws_eks_node_group", "instance-manager:eks", line, number)
        if ack:
            field = _ACK_FIELD.match(line)
            if field:
                _add(result, resolver, _ACK_FIELD_TYPES[field.group(1)], "ack:field", line, number)
        if log_outputs:
            output = _LOG_OUTPUT.match(line)
            if output:
                _add(result, resolver, _LOG_OUTPUT_TYPES[output.group(1)], "log-output", line, number)
            elif _LOG_OPENSEARCH.match(line):
                _add(result, resolver, "aws_opensearch_domain", "log-output", line, number)
        if eksctl:
            _eksctl(result, resolver, line, number)
        for pattern, via in _SHIPPER_SETTINGS:
            if pattern.match(line) and not _section_disabled(lines, number):
                _add(result, resolver, via, "log-shipper:aws", line, number)
        names_bucket = (_S3_BLOCK.match(line) and _names_aws_bucket(lines, number)) or (
            _S3_STORE_TYPE.match(line) and not bundled_minio and _store_names_aws_bucket(lines, number)
        )
        setting = _S3_BUCKET_SETTING.match(line) or (
            _S3_BUCKET_ENV_NAME.match(line) and _BUCKET_ENV_VALUE.match(_next_line(lines, number))
        )
        if names_bucket or (setting and not _OTHER_S3_ENDPOINT.search(text)):
            _add(result, resolver, "aws_s3_bucket", "settings:s3", line, number)
        if acme_dns and _CERT_MANAGER_ROUTE53.match(line):
            _add(result, resolver, "aws_route53_zone", "cert-manager:route53", line, number)
        if external_dns and _external_dns_on_aws(lines, number):
            _add(result, resolver, "aws_route53_zone", "external-dns:aws", line, number)
        if velero_aws and _VELERO_SNAPSHOTS.match(line):
            _add(result, resolver, "aws_ebs_snapshot", "velero:ebs-snapshots", line, number)
        if external_secrets:
            _external_secret(result, resolver, line, number)
        if aws_storage and _STORAGE_KMS.match(line):
            _add(result, resolver, "aws_kms_key", "storage:kms", line, number)
        if argo_events:
            argo = _ARGO_AWS.match(line)
            if argo:
                _add(result, resolver, _ARGO_AWS_TYPES[argo.group(1)], "argo-events:aws", line, number)
    return result


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _ack_group(result: FileResult, resolver: Resolver, match: re.Match[str], text: str, number: int) -> None:
    """An ACK or Crossplane resource's API group: ``s3.services.k8s.aws``, ``database.aws.crossplane.io``."""
    group = match.group(1)
    service = resolver.by_name(group)
    if service:
        result.hits.append(Hit(SCANNER, service, f"ack:{group}", match.group(0), number))
        return
    if not match.group(0).endswith(".aws.crossplane.io"):
        return
    if group == "database":
        via = "aws_dynamodb_table" if _DYNAMO_TABLE_KIND.search(text) else "aws_db_instance"
    else:
        via = _CROSSPLANE_GROUPS.get(group, "")
    if via:
        _add(result, resolver, via, f"crossplane:{group}", match.group(0), number)


def _names_aws_bucket(lines: list[str], number: int) -> bool:
    """Whether the ``s3:`` block opened on line ``number`` names a bucket on AWS's endpoint (or on
    none, or on one only known at deploy time)."""
    indent = _indent(lines[number - 1])
    bucket = 0
    for child, line in enumerate(lines[number:], start=number + 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _indent(line) <= indent:
            break
        if not bucket and _S3_BUCKET.match(line):
            bucket = child
        if _other_s3_host(line):
            return False
    return bucket > 0 and not _section_disabled(lines, bucket)


def _other_s3_host(line: str) -> bool:
    """Whether ``line`` sets an S3 endpoint on a host other than AWS's (MinIO, Ceph, another
    cloud); an endpoint only known at deploy time is not counted as another host."""
    endpoint = _S3_ENDPOINT.match(line)
    host = endpoint.group(1) if endpoint else ""
    return bool(host) and "amazonaws.com" not in host and not host.startswith(("<", "${", "{{", "$("))


def _store_names_aws_bucket(lines: list[str], number: int) -> bool:
    """Whether the mapping whose ``type: s3`` is on line ``number`` names a bucket (in a sibling
    setting or one of theirs) and no endpoint on another host."""
    indent = _indent(lines[number - 1])
    first = number
    while first > 1 and (not lines[first - 2].strip() or _indent(lines[first - 2]) >= indent):
        first -= 1
    last = number
    while last < len(lines) and (not lines[last].strip() or _indent(lines[last]) >= indent):
        last += 1
    bucket = False
    for index in range(first - 1, last):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _other_s3_host(line):
            return False
        if _S3_BUCKET.match(line) or (
            _BUCKET_NAMES.match(line) and _BUCKET_NAME_ENTRY.match(_next_line(lines, index + 1))
        ):
            bucket = True
    return bucket and not _section_disabled(lines, number)


def _bundled_minio(lines: list[str]) -> bool:
    """Whether the values switch on a chart's own MinIO (``minio: {enabled: true}``): its S3 store
    is in the cluster, not AWS."""
    for number, line in enumerate(lines, start=1):
        if _MINIO_BLOCK.match(line):
            indent = _indent(line)
            for child in lines[number:]:
                if child.strip() and not child.lstrip().startswith("#") and _indent(child) <= indent:
                    break
                if _ENABLED_TRUE.match(child) and _indent(child) > indent:
                    return True
    return False


def _next_line(lines: list[str], number: int) -> str:
    """The first non-blank line after line ``number`` ("" at the end)."""
    return next((line for line in lines[number:] if line.strip()), "")


def _section_disabled(lines: list[str], number: int) -> bool:
    """Whether the YAML mapping holding line ``number`` also says ``enabled: false``."""
    indent = _indent(lines[number - 1])
    for step in (-1, 1):
        index = number - 1 + step
        while 0 <= index < len(lines):
            line = lines[index]
            if line.strip() and not line.lstrip().startswith("#"):
                depth = _indent(line)
                if depth < indent:
                    break
                if depth == indent and _ENABLED_FALSE.match(line):
                    return True
            index += step
    return False


def _external_dns_on_aws(lines: list[str], number: int) -> bool:
    """``provider: aws``, an ``--aws-…`` flag, or ``name: aws`` right under ``provider:``."""
    line = lines[number - 1]
    if _EXTERNAL_DNS_AWS.match(line):
        return True
    under_provider = number > 1 and lines[number - 2].strip() == "provider:"
    return under_provider and _EXTERNAL_DNS_PROVIDER_NAME.match(line) is not None


def _eksctl(result: FileResult, resolver: Resolver, line: str, number: int) -> None:
    if _EKSCTL_EC2.match(line):
        _add(result, resolver, "aws_instance", "eksctl:ec2", line, number)
    elif _EKSCTL_IAM.match(line):
        _add(result, resolver, "aws_iam_role", "eksctl:iam", line, number)


def _external_secret(result: FileResult, resolver: Resolver, line: str, number: int) -> None:
    store = _EXTERNAL_SECRETS.search(line)
    if store:
        via = _EXTERNAL_SECRET_TYPES[store.group(1)]
    elif (named := _EXTERNAL_SECRET_STORE_NAME.match(line)) is not None:
        via = "aws_secretsmanager_secret" if named.group(1) else "aws_ssm_parameter"
    else:
        return
    _add(result, resolver, via, "external-secrets:aws", line, number)


def _add(result: FileResult, resolver: Resolver, via: str, type_: str, line: str, number: int) -> None:
    service = resolver.by_terraform(via)
    if service:
        result.hits.append(Hit(SCANNER, service, type_, line.strip()[:80], number))
