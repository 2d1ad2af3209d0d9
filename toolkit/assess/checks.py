"""Attribute checks: facts about one resource that change (or sharpen) the catalog's verdict.

Scanners only describe; these checks judge. Attributes are read spelling-insensitively
(``kms_key_id`` = ``KmsKeyId``). What each check reads:

=============  ==========================================================================
rds            ``engine``, ``engine_mode``, ``global_cluster_identifier``, ``http_endpoint_enabled``,
               ``iam_database_authentication_enabled``
s3             ``object_lock_enabled`` / ``object_lock``; ``storage_classes`` ({class: bytes}) or
               ``storage_class``
dynamodb       ``stream_enabled`` / ``stream_specification`` / ``latest_stream_arn``; ``replicas`` /
               ``global_table_version``
lambda         ``event_source_mappings`` (list of ARNs or {EventSourceArn})
kms            the key's ``key_id``/``aliases``; every other resource naming it under a key containing "kms"
cognito-idp    ``data.users`` or ``estimated_number_of_users``
ec2 images     ``platform(_details)``, ``product_codes``, ``encrypted`` / block devices, ``owner_id``
elbv2          any listener action of type ``authenticate-cognito`` (or ``cognito_auth``)
cloudfront     ``lambda_function_associations`` / ``function_associations`` / ``edge_functions``
route53        ``records`` [{ttl}] or ``ttl``: the cutover waits for the longest TTL
route53domains every registered domain: unlock and transfer while the account works
acm            ``exportable`` / ``export_option`` / ``type``
=============  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Inventory, LockIn, Resource
from .attributes import attr, kms_references, truthy, walk

DEFAULT_TTL_SECONDS = 300
"""TTL assumed for the cutover when no DNS record states one."""

RESTORE_HOURS = {"GLACIER": 5.0, "DEEP_ARCHIVE": 12.0}
"""Standard-tier restore time before an archived object can be read (S3 user guide: 3-5 h, within 12 h)."""

PORTABLE_ENGINES = ("postgres", "mysql", "mariadb")


@dataclass(frozen=True)
class BlockerNote:
    """One resource's part in a blocker; blockers.py merges notes of the same kind."""

    kind: str
    detail: str
    users: int = 0


@dataclass(frozen=True)
class CheckResult:
    """What one check found about one resource."""

    check: str
    note: str
    lock_in: LockIn | None = None
    effort: tuple[float, float] = (0.0, 0.0)
    blocker: BlockerNote | None = None


@dataclass
class EstateIndex:
    """Cross-resource facts the checks need: which resources each KMS key encrypts."""

    kms_users: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, inventory: Inventory) -> EstateIndex:
        """Index every KMS reference in the inventory."""
        users: dict[str, set[str]] = {}
        for resource in inventory.resources:
            if resource.service == "kms":
                continue
            for ref in kms_references(resource):
                users.setdefault(ref, set()).add(resource.uid)
        return cls(kms_users={k: sorted(v) for k, v in users.items()})

    def encrypted_by(self, key: Resource) -> list[str]:
        """Uids of resources that name this key by ARN, id or alias."""
        names = {key.uid, key.name, key.uid.rsplit("/", 1)[-1]}
        for value in (attr(key, "key_id"), attr(key, "arn")):
            if isinstance(value, str):
                names.add(value)
        aliases = attr(key, "aliases", "alias_names", default=[])
        for alias in aliases if isinstance(aliases, list) else [aliases]:
            if isinstance(alias, str):
                names.update({alias, alias.rsplit(":", 1)[-1]})
            elif isinstance(alias, dict):
                names.update(str(v) for v in alias.values() if isinstance(v, str))
        found: set[str] = set()
        for ref, uids in self.kms_users.items():
            if ref in names or ref.rsplit("/", 1)[-1] in names or ref.rsplit(":", 1)[-1] in names:
                found.update(uids)
        return sorted(found)


Check = Callable[[Resource, LockIn, EstateIndex], list[CheckResult]]


def _at_least(level: LockIn, floor: LockIn) -> LockIn:
    return level if level.rank >= floor.rank else floor


def check_rds(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Open engines move with their own tools; Aurora-only features and commercial engines do not."""
    engine = str(attr(resource, "engine", default="")).lower()
    if not engine:
        return []
    features = []
    mode = str(attr(resource, "engine_mode", default="")).lower()
    if mode in {"serverless", "global", "parallelquery", "multimaster"}:
        features.append(f"engine mode {mode}")
    if attr(resource, "global_cluster_identifier", "global_cluster"):
        features.append("global database")
    if truthy(attr(resource, "http_endpoint_enabled", "data_api", default=False)):
        features.append("Data API")
    if truthy(attr(resource, "babelfish", "babelfish_enabled", default=False)):
        features.append("Babelfish")
    if truthy(attr(resource, "iam_database_authentication_enabled", default=False)):
        features.append("IAM database authentication")
    if engine.startswith("aurora"):
        if features:
            return [
                CheckResult(
                    "rds.engine",
                    f"{engine} uses Aurora-only features: {', '.join(features)}",
                    LockIn.proprietary,
                    (16.0, 40.0),
                )
            ]
        return [
            CheckResult(
                "rds.engine",
                f"{engine} is wire-compatible; storage and features are Aurora's",
                LockIn.compatible,
            )
        ]
    if engine.startswith(PORTABLE_ENGINES):
        level = LockIn.compatible if features else LockIn.portable
        extra = f" (but {', '.join(features)})" if features else ""
        return [
            CheckResult(
                "rds.engine", f"{engine} is an open engine: native dump and replication{extra}", level
            )
        ]
    return [
        CheckResult(
            "rds.engine",
            f"{engine} needs a licence and a commercial engine elsewhere",
            LockIn.proprietary,
            (16.0, 80.0),
        )
    ]


def archived_bytes(resource: Resource) -> dict[str, int]:
    """Bytes per archive class (GLACIER, DEEP_ARCHIVE) that need a restore before they can be read."""
    classes = attr(resource, "storage_classes", "storage_class_bytes")
    found: dict[str, int] = {}
    if isinstance(classes, dict):
        for name, size in classes.items():
            key = str(name).upper()
            if key in RESTORE_HOURS and isinstance(size, int | float) and size > 0:
                found[key] = int(size)
    elif isinstance(classes, list | str):
        names = [classes] if isinstance(classes, str) else classes
        total = resource.data.bytes if resource.data else 0
        archived = [str(n).upper() for n in names if str(n).upper() in RESTORE_HOURS]
        if archived:
            # only the class names are known: count the store's bytes once, under the slowest class
            slowest = max(archived, key=lambda n: RESTORE_HOURS[n])
            found[slowest] = total
    single = attr(resource, "storage_class")
    if not found and isinstance(single, str) and single.upper() in RESTORE_HOURS:
        found[single.upper()] = resource.data.bytes if resource.data else 0
    return found


def check_s3(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Object Lock retention and archive classes (restore delays) change how a bucket leaves."""
    results = []
    lock = attr(resource, "object_lock_enabled", "object_lock", "object_lock_configuration")
    if lock is not None and truthy(lock):
        results.append(
            CheckResult(
                "s3.object_lock",
                "Object Lock: retention and legal holds must be re-applied on the target (MinIO and Ceph RGW "
                "implement Object Lock); COMPLIANCE-mode objects cannot be deleted before retention ends",
                _at_least(base, LockIn.proprietary),
                (4.0, 16.0),
            )
        )
    archived = archived_bytes(resource)
    if archived:
        delay = max(RESTORE_HOURS[c] for c in archived)
        classes = ", ".join(f"{c} {size} bytes" for c, size in sorted(archived.items()))
        results.append(
            CheckResult(
                "s3.archive_classes",
                f"archived objects ({classes}) must be restored first: +{delay:g} h standard-tier restore",
                _at_least(base, LockIn.proprietary),
                (2.0, 8.0),
                BlockerNote("s3-archive-restore", f"{resource.name}: {classes}; restore takes {delay:g} h"),
            )
        )
    return results


def check_dynamodb(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Streams consumers and global tables are DynamoDB semantics that must be rebuilt."""
    results = []
    spec = attr(resource, "stream_specification")
    stream = attr(resource, "stream_enabled", "latest_stream_arn", "stream") or (
        spec is not None and truthy(spec)
    )
    if stream and (truthy(stream) or str(stream).startswith("arn:")):
        results.append(
            CheckResult(
                "dynamodb.streams",
                "DynamoDB Streams: change-data consumers must move to CDC elsewhere (Scylla CDC, Debezium)",
                _at_least(base, LockIn.proprietary),
                (4.0, 16.0),
            )
        )
    replicas = attr(resource, "replicas", "replica_regions", default=[])
    version = attr(resource, "global_table_version")
    if (isinstance(replicas, list) and replicas) or version:
        count = len(replicas) if isinstance(replicas, list) else 0
        results.append(
            CheckResult(
                "dynamodb.global_table",
                f"global table ({count} replica regions): multi-region replication must be rebuilt",
                _at_least(base, LockIn.proprietary),
                (8.0, 24.0),
            )
        )
    return results


def check_lambda(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Event source mappings tie a function to AWS queues and streams."""
    mappings = attr(resource, "event_source_mappings", "event_sources", default=[])
    if not isinstance(mappings, list) or not mappings:
        return []
    sources = sorted(
        {
            str(m if isinstance(m, str) else attr_of(m, "event_source_arn") or m.get("uuid", "?"))
            for m in mappings
            if isinstance(m, str | dict)
        }
    )
    return [
        CheckResult(
            "lambda.event_source_mappings",
            f"{len(mappings)} event source mapping(s) ({', '.join(sources)}): "
            "triggers must be rebuilt as consumers",
            _at_least(base, LockIn.proprietary),
            (4.0 * len(mappings), 8.0 * len(mappings)),
        )
    ]


def attr_of(mapping: dict[str, object], name: str) -> str | None:
    """A key of a plain dict, spelling-insensitively."""
    wanted = name.replace("_", "").lower()
    for key, value in mapping.items():
        if str(key).replace("_", "").lower() == wanted and isinstance(value, str):
            return value
    return None


def check_kms_key(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """A KMS key never leaves; everything it encrypts must be decrypted or re-encrypted now."""
    users = index.encrypted_by(resource)
    listed = ", ".join(users) if users else "no resource in this inventory"
    return [
        CheckResult(
            "kms.key",
            f"key material cannot leave KMS; encrypts {len(users)} resource(s): {listed}",
            LockIn.trapped,
            blocker=BlockerNote("kms-reencrypt", f"{resource.name} encrypts {len(users)} resource(s)"),
        )
    ]


def check_kms_use(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Data encrypted under a KMS key is readable only through AWS while access lasts."""
    refs = kms_references(resource)
    if not refs:
        return []
    return [
        CheckResult(
            "kms.encrypted",
            f"encrypted under KMS key {', '.join(refs)}: read it out (decrypt) while access lasts",
            blocker=BlockerNote("kms-reencrypt", f"{resource.name} is encrypted under {', '.join(refs)}"),
        )
    ]


def check_cognito(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Password hashes and MFA secrets never leave a user pool."""
    users = resource.data.users if resource.data and resource.data.users is not None else None
    if users is None:
        estimated = attr(resource, "estimated_number_of_users", "user_count")
        users = int(estimated) if isinstance(estimated, int | float) else None
    if users is None:
        return []
    if users == 0:
        return [
            CheckResult(
                "cognito.users", "no users: only the pool configuration must be rebuilt", LockIn.proprietary
            )
        ]
    return [
        CheckResult(
            "cognito.users",
            f"{users} users whose password hashes and MFA secrets cannot be exported",
            LockIn.trapped,
            blocker=BlockerNote("cognito-passwords", f"{resource.name}: {users} users", users=users),
        )
    ]


def _is_image(resource: Resource) -> bool:
    kind = resource.type.lower()
    return "image" in kind or kind in {"aws_ami", "ami"} or resource.uid.split(":")[-1].startswith("image/")


def check_ec2(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """VM Import/Export cannot export Windows, Marketplace, encrypted or shared images."""
    if not _is_image(resource):
        return []
    reasons = []
    platform = f"{attr(resource, 'platform', default='')} {attr(resource, 'platform_details', default='')}"
    if "windows" in platform.lower() or "sql server" in platform.lower():
        reasons.append("Windows/SQL Server")
    if attr(resource, "product_codes", "marketplace", default=[]):
        reasons.append("Marketplace product")
    encrypted = truthy(attr(resource, "encrypted", default=False)) or any(
        key.lower() == "encrypted" and truthy(value) for key, value in walk(resource.attributes)
    )
    if encrypted:
        reasons.append("encrypted snapshots")
    owner = attr(resource, "owner_id")
    if owner and resource.account and str(owner) != resource.account:
        reasons.append(f"shared from account {owner}")
    if not reasons:
        return [
            CheckResult(
                "ec2.image_export", "exportable with ec2 export-image (VMDK/VHD/RAW)", LockIn.compatible
            )
        ]
    why = ", ".join(reasons)
    return [
        CheckResult(
            "ec2.image_export",
            f"cannot be exported by VM Import/Export: {why}",
            LockIn.trapped,
            (4.0, 16.0),
            BlockerNote("ami-not-exportable", f"{resource.name}: {why}"),
        )
    ]


def check_elb(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """A listener that authenticates through Cognito ties the load balancer to the user pool."""
    cognito = truthy(attr(resource, "cognito_auth", default=False)) or any(
        isinstance(value, str) and value.lower() == "authenticate-cognito"
        for _, value in walk(resource.attributes)
    )
    if not cognito:
        return []
    return [
        CheckResult(
            "elb.cognito_auth",
            "listener authenticates with Cognito: rebuild login at the proxy (oauth2-proxy + Keycloak)",
            _at_least(base, LockIn.proprietary),
            (4.0, 16.0),
        )
    ]


_EDGE_KEYS = {
    "lambdafunctionassociations",
    "functionassociations",
    "edgefunctions",
    "lambdafunctionarn",
    "functionarn",
    "lambdaedge",
}


def check_cloudfront(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Lambda@Edge and CloudFront Functions must be rewritten for another edge or proxy."""
    functions = sorted(
        {
            str(value)
            for key, value in walk(resource.attributes)
            if key.replace("_", "").lower() in _EDGE_KEYS and value not in (None, "", 0, False)
        }
    )
    if not functions:
        return []
    return [
        CheckResult(
            "cloudfront.edge_functions",
            f"edge functions ({', '.join(functions)}) must be rewritten "
            "(nginx/Varnish logic or another CDN's workers)",
            _at_least(base, LockIn.proprietary),
            (4.0 * len(functions), 12.0 * len(functions)),
        )
    ]


DELEGATION_TYPES = {"NS", "SOA"}
"""Record types left out of the cutover TTL: they change only when the DNS provider changes."""


def record_ttls(resource: Resource) -> list[int]:
    """TTLs (seconds) of the DNS records a route53 resource holds (NS and SOA left out)."""
    if str(attr(resource, "record_type", default="")).upper() in DELEGATION_TYPES:
        return []
    ttls: list[int] = []
    records = attr(resource, "records", "resource_record_sets")
    if isinstance(records, list):
        for record in records:
            if isinstance(record, dict) and str(attr_of(record, "type") or "").upper() in DELEGATION_TYPES:
                continue
            ttls.extend(int(v) for k, v in walk(record) if k.lower() == "ttl" and str(v).isdigit())
        return ttls
    return [
        int(value)
        for key, value in walk(resource.attributes)
        if key.lower() == "ttl" and isinstance(value, int | float | str) and str(value).isdigit()
    ]


def check_route53(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Long TTLs stretch the cutover: lower them now, while the zone can still be edited."""
    ttls = record_ttls(resource)
    high = max(ttls, default=0)
    if high <= DEFAULT_TTL_SECONDS:
        return []
    return [
        CheckResult(
            "route53.ttl",
            f"records with TTL up to {high} s: the cutover waits that long",
            blocker=BlockerNote("dns-lower-ttl", f"{resource.name}: max TTL {high} s"),
        )
    ]


def check_route53domains(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """A domain registered with Route53 must be unlocked and transferred while the account works."""
    locked = attr(resource, "transfer_lock", "status_list", default=None)
    state = f" (transfer lock: {locked})" if locked is not None else ""
    return [
        CheckResult(
            "route53domains.transfer",
            f"registered with Route53{state}: without the account the domain is lost",
            _at_least(base, LockIn.trapped),
            blocker=BlockerNote("domain-transfer", f"{resource.name}{state}"),
        )
    ]


def check_acm(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Exportable certificates (and their keys) can be exported now; the rest must be re-issued."""
    kind = str(attr(resource, "type", default="")).upper()
    option = str(attr(resource, "export_option", default="")).upper()
    exportable = (
        truthy(attr(resource, "exportable", default=False)) or option == "ENABLED" or kind == "PRIVATE"
    )
    if kind == "IMPORTED":
        return [
            CheckResult(
                "acm.export", "imported certificate: you hold its private key already", LockIn.portable
            )
        ]
    if exportable:
        return [
            CheckResult(
                "acm.export",
                "exportable: export certificate and private key now",
                blocker=BlockerNote("acm-export", f"{resource.name}: exportable"),
            )
        ]
    return [
        CheckResult(
            "acm.export",
            "not exportable: re-issue (ACME) at the new home before cutover",
            _at_least(base, LockIn.trapped),
            blocker=BlockerNote("acm-reissue", f"{resource.name}: not exportable"),
        )
    ]


CHECKS: dict[str, list[Check]] = {
    "rds": [check_rds],
    "s3": [check_s3],
    "dynamodb": [check_dynamodb],
    "lambda": [check_lambda],
    "kms": [check_kms_key],
    "cognito-idp": [check_cognito],
    "ec2": [check_ec2],
    "elbv2": [check_elb],
    "elb": [check_elb],
    "cloudfront": [check_cloudfront],
    "route53": [check_route53],
    "route53domains": [check_route53domains],
    "acm": [check_acm],
}


def run_checks(resource: Resource, base: LockIn, index: EstateIndex) -> list[CheckResult]:
    """Every check that applies to ``resource`` (service checks, then KMS use), in a stable order."""
    results = [r for check in CHECKS.get(resource.service, []) for r in check(resource, base, index)]
    if resource.service != "kms" and resource.origin == "api":
        results.extend(check_kms_use(resource, base, index))
    return results
