"""Platform and SaaS dependencies (``providers/platforms/``): auth, payments, email, SMS, push, CDN,
DNS, analytics, maps, app stores — found from packages, imports, hosts, environment variables,
tell-tale files and, given a zone file, DNS records (MX, NS, CNAME, SPF includes).
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field

from .pathscan.hits import FileError, FileResult, Hit
from .pathscan.resolver import PlatformDetect, Resolver
from .pathscan.text import LineIndex, blank_comments, blank_hash_lines
from .source import C_STYLE, HASH_STYLE, PYTHON

SCANNER = "platform"

_PY_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import|import[ \t]+([\w.]+))", re.M)
_JS_IMPORT = re.compile(r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|\bimport\s+)['"]([^'"\n]+)['"]""")
_GO_IMPORT = re.compile(r'"((?:[\w-]+\.)+[a-z]{2,}/[^"\s]+)"')
_JAVA_IMPORT = re.compile(r"^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)", re.M)
_JS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte")
_JVM = (".java", ".kt", ".kts", ".scala", ".groovy")
_PY_MANIFESTS = ("pyproject.toml", "pipfile", "setup.py", "setup.cfg", "environment.yml")
_ZONE_LINE = re.compile(
    r"^(?P<name>\S+)?[ \t]+(?:\d+[ \t]+)?(?:IN[ \t]+)?(?:\d+[ \t]+)?"
    r"(?P<type>MX|NS|CNAME|TXT|ALIAS|ANAME|SRV)[ \t]+(?P<data>.+)$",
    re.I,
)


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@dataclass
class PlatformMatcher:
    """Compiled detection rules of every platform entry."""

    entries: list[PlatformDetect]
    owners: dict[str, dict[str, str]] = field(default_factory=dict)
    patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for kind in (
            "pypi",
            "npm",
            "go",
            "maven",
            "imports",
            "domains",
            "env",
            "terraform",
            "dns_mx",
            "dns_ns",
            "dns_cname",
        ):
            owners = {
                (n.lower() if kind in ("pypi", "domains", "dns_mx", "dns_ns", "dns_cname") else n): e.id
                for e in self.entries
                for n in e.detect.get(kind, [])
            }
            self.owners[kind] = owners
            self.patterns[kind] = None
            if not owners:
                continue
            names = _alternation(list(owners))
            if kind == "pypi":
                self.patterns[kind] = re.compile(rf"(?<![\w.-])({names})(?![\w-])", re.I)
            elif kind == "npm":
                self.patterns[kind] = re.compile(rf'"({names})"\s*:')
            elif kind in ("go", "maven"):
                self.patterns[kind] = re.compile(rf"(?<![\w.-])({names})(?![\w-])")
            elif kind == "domains":
                self.patterns[kind] = re.compile(rf"(?<![\w-])(?:[\w-]+\.)*({names})(?![\w-])", re.I)
            elif kind == "env":
                self.patterns[kind] = re.compile(rf"(?<![A-Za-z0-9_])({names})\w*")
        self.files = [(glob, e.id) for e in self.entries for glob in e.detect.get("files", [])]

    def terraform_prefixes(self) -> dict[str, str]:
        """Terraform provider name → platform id."""
        return dict(self.owners.get("terraform", {}))

    def file_match(self, relpath: str) -> str | None:
        """The platform whose tell-tale file this is, if any."""
        name = relpath.rsplit("/", 1)[-1]
        for glob, owner in self.files:
            if (
                fnmatch.fnmatch(name, glob)
                or fnmatch.fnmatch(relpath, glob)
                or fnmatch.fnmatch(relpath, f"*/{glob}")
            ):
                return owner
        return None

    def import_owner(self, module: str, separator: str) -> str | None:
        """The platform owning an imported module (exact name or a sub-module of it)."""
        owners = self.owners["imports"]
        parts = module.split(separator)
        for size in range(len(parts), 0, -1):
            owner = owners.get(separator.join(parts[:size]))
            if owner:
                return owner
        return None

    def dns_owner(self, rtype: str, data: str) -> str | None:
        """The platform a DNS record points at (MX/NS/CNAME targets, SPF includes)."""
        kinds = {"MX": ("dns_mx",), "NS": ("dns_ns",), "TXT": ("dns_mx",)}.get(rtype, ("dns_cname",))
        target = data.lower().rstrip(".")
        for kind in kinds:
            for suffix, owner in self.owners.get(kind, {}).items():
                if target.endswith(suffix.rstrip(".")) or (rtype == "TXT" and f"include:{suffix}" in target):
                    return owner
        return None


def scan(text: str, relpath: str, matcher: PlatformMatcher) -> FileResult:
    """Platform dependencies revealed by one source, manifest or configuration file."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    name = relpath.rsplit("/", 1)[-1].lower()
    index = LineIndex(text)

    def add(owner: str | None, type_: str, found: str, offset: int) -> None:
        if owner:
            result.hits.append(Hit(SCANNER, owner, type_, found, index.line(offset), provider="platform"))

    owner = matcher.file_match(relpath)
    if owner:
        result.hits.append(Hit(SCANNER, owner, "file", relpath.rsplit("/", 1)[-1], 1, provider="platform"))
    if name.endswith(PYTHON):
        code = blank_comments(text, "hash")
        for match in _PY_IMPORT.finditer(code):
            module = match.group(1) or match.group(2)
            add(matcher.import_owner(module, "."), "import", module, match.start())
    elif name.endswith(C_STYLE) or name.endswith(_JS):
        code = blank_comments(text, "c")
        if name.endswith(_JS):
            for match in _JS_IMPORT.finditer(code):
                spec = match.group(1)
                add(
                    matcher.import_owner(spec, "/") or matcher.owners["npm"].get(spec),
                    "import",
                    spec,
                    match.start(1),
                )
        elif name.endswith(".go"):
            for match in _GO_IMPORT.finditer(code):
                spec = match.group(1)
                add(
                    matcher.import_owner(spec, "/") or _prefix_owner(matcher.owners["go"], spec),
                    "import",
                    spec,
                    match.start(1),
                )
        elif name.endswith(_JVM):
            for match in _JAVA_IMPORT.finditer(code):
                add(matcher.import_owner(match.group(1), "."), "import", match.group(1), match.start(1))
    elif name.endswith(HASH_STYLE):
        code = blank_comments(text, "hash")
    else:
        code = text if name.endswith((".json", ".xml")) else blank_hash_lines(text)
        _manifest(code, name, matcher, add)
    for kind in ("domains", "env"):
        pattern = matcher.patterns.get(kind)
        if pattern is None:
            continue
        for match in pattern.finditer(code):
            found = match.group(1)
            key = found.lower() if kind == "domains" else found
            add(
                matcher.owners[kind].get(key),
                "domain" if kind == "domains" else "env",
                match.group(0),
                match.start(),
            )
    return result


def _prefix_owner(owners: dict[str, str], spec: str) -> str | None:
    return next((o for prefix, o in owners.items() if spec == prefix or spec.startswith(prefix + "/")), None)


def _manifest(code: str, name: str, matcher: PlatformMatcher, add: object) -> None:
    kind = None
    if (name.startswith("requirements") and name.endswith((".txt", ".in"))) or name in _PY_MANIFESTS:
        kind = "pypi"
    elif name == "package.json":
        kind = "npm"
    elif name == "go.mod":
        kind = "go"
    elif name == "pom.xml" or name.endswith((".gradle", ".gradle.kts", ".sbt")):
        kind = "maven"
    pattern = matcher.patterns.get(kind) if kind else None
    if kind is None or pattern is None:
        return
    owners = matcher.owners[kind]
    for match in pattern.finditer(code):
        found = match.group(1)
        owner = owners.get(found.lower() if kind == "pypi" else found)
        add(owner, kind, found, match.start(1))  # type: ignore[operator]


def scan_zone(text: str, relpath: str, matcher: PlatformMatcher, resolver: Resolver) -> FileResult:
    """Platform (and AWS) dependencies in a BIND zone file or a Route53 ``list-resource-record-sets`` JSON."""
    result = FileResult(relpath=relpath, scanners=["dns"])
    index = LineIndex(text)
    records: list[tuple[str, str, int]] = []
    if text.lstrip().startswith("{"):
        try:
            document = json.loads(text)
        except ValueError as exc:
            result.errors.append(FileError("dns", "ParseError", f"not valid JSON: {exc}"))
            return result
        cursor = 0
        for record in document.get("ResourceRecordSets", []) if isinstance(document, dict) else []:
            found = re.compile(r'"Name"\s*:\s*"' + re.escape(str(record.get("Name", "")))).search(
                text, cursor
            )
            cursor = found.end() if found else cursor
            line = index.line(found.start()) if found else 1
            values = [v.get("Value", "") for v in record.get("ResourceRecords", [])]
            alias = record.get("AliasTarget", {}).get("DNSName")
            for value in [*values, *([alias] if alias else [])]:
                records.append((str(record.get("Type", "")).upper(), str(value), line))
    else:
        for number, raw in enumerate(text.splitlines(), start=1):
            content = raw.split(";", 1)[0].rstrip()
            if not content or content.startswith("$"):
                continue
            match = _ZONE_LINE.match(content) or _ZONE_LINE.match(" " + content)
            if match:
                records.append((match.group("type").upper(), match.group("data").strip(), number))
    for rtype, data, line in records:
        target = data.split()[-1].strip('"') if rtype in ("MX", "SRV") else data.strip('"')
        owner = matcher.dns_owner(rtype, data if rtype == "TXT" else target)
        if owner:
            result.hits.append(Hit("dns", owner, f"dns:{rtype}", target, line, provider="platform"))
            continue
        service = _aws_target(rtype, data, target, resolver)
        if service:
            result.hits.append(Hit("dns", service, f"dns:{rtype}", target, line))
    return result


def _aws_target(rtype: str, data: str, target: str, resolver: Resolver) -> str | None:
    lowered = target.lower().rstrip(".")
    if rtype == "NS" and ".awsdns-" in lowered:
        return resolver.canon("route53")
    if rtype == "TXT" and "include:amazonses.com" in data.lower():
        return resolver.canon("ses")
    if lowered.endswith(".cloudfront.net"):
        return resolver.canon("cloudfront")
    if lowered.endswith((".amazonaws.com", ".amazonaws.com.cn", ".on.aws", ".amazoncognito.com")):
        return resolver.by_endpoint(lowered)[0]
    if lowered.endswith(".elasticbeanstalk.com"):
        return resolver.canon("elasticbeanstalk")
    return None
