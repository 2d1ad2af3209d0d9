"""``scan_paths``: read source trees as a platform engineer would; list every AWS and platform dependency.

Files are walked once (vendored and generated directories skipped, see
:data:`~toolkit.scanners.pathscan.walk.DEFAULT_EXCLUDES`), read once, and handed in batches to
worker processes, where every scanner that applies to the file sees the same text. Each
dependency becomes a :class:`~toolkit.model.Resource` whose ``location`` is ``path:line`` relative
to the scanned root, with the line as evidence (secrets redacted).

Runs: one :class:`~toolkit.model.ScannerRun` per scanner kind (terraform, cloudformation,
serverless, kubernetes, code, platform, dns), plus a ``paths`` run that holds what the walk
skipped (binary, oversized, symlink loops) and files that could not be read.

Waivers: a line (or the line above it) containing ``evac:ignore <service> <reason>`` waives that
service (``*`` for all) there; a waivers file is YAML, ``waivers: [{service, path (glob), line,
reason}]``. Waived dependencies are left out of the resources and listed in the scanner run's
``skipped`` as ``waived <service> at <path>:<line>: <reason>``.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import __version__, yamlfast
from ..catalog import Catalog
from ..errors import InputError
from ..model import Inventory, Location, Resource, ScanError, ScannerRun, utcnow
from .pathscan.hits import FileResult, Hit
from .pathscan.resolver import Resolver
from .pathscan.walk import DEFAULT_EXCLUDES, Excluder, FileEntry, Walk, add_file, walk
from .pathscan.worker import Setup, init, run_batch, scan_file
from .platform import PlatformMatcher

SCANNERS = ("terraform", "cloudformation", "serverless", "kubernetes", "code", "platform", "dns")
_INLINE_BELOW = 48


class Waiver(BaseModel):
    """One entry of a waivers file."""

    model_config = ConfigDict(extra="forbid")

    service: str = Field(description="service or platform id, or * for any")
    path: str = Field(default="*", description="glob on the path relative to the scanned root")
    line: int | None = Field(default=None, ge=1)
    reason: str = Field(min_length=3)


class WaiversFile(BaseModel):
    """The waivers file: ``waivers: [...]``."""

    model_config = ConfigDict(extra="forbid")

    waivers: list[Waiver] = Field(default_factory=list)


def load_waivers(path: Path) -> list[Waiver]:
    """Read a waivers file; a bad one is an InputError naming the file and field."""
    try:
        raw = yamlfast.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InputError(f"{path}: cannot read waivers file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(raw, list):
        raw = {"waivers": raw}
    try:
        return WaiversFile.model_validate(raw).waivers
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: field '{where}': {first['msg']}") from exc


def scan_paths(
    paths: list[Path],
    *,
    catalog: Catalog,
    exclude: list[str] | None = None,
    include_default_excludes: bool = True,
    waivers_file: Path | None = None,
    zone_files: list[Path] | None = None,
    max_file_bytes: int = 2_000_000,
    workers: int | None = None,
    progress: bool = True,
    console: Any = None,
) -> Inventory:
    """Scan files and directories for AWS and platform dependencies; see the module docstring."""
    missing = [str(p) for p in [*paths, *(zone_files or [])] if not p.exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}")
    waivers = load_waivers(waivers_file) if waivers_file else []
    started = utcnow()
    resolver = Resolver.load(catalog)
    setup = Setup(resolver=resolver, platforms=PlatformMatcher(entries=resolver.platforms))
    patterns = [*(DEFAULT_EXCLUDES if include_default_excludes else ()), *(exclude or [])]
    excluded = Excluder(patterns)
    roots = _roots(paths)
    found = Walk()
    for root, prefix in roots:
        walk(root, prefix, excluded, max_file_bytes, found, extra=setup.platforms.file_match)
    for zone in zone_files or []:
        add_file(zone, zone.name, max_file_bytes, found, "zone", force=True)
    results = _scan_all(found.files, setup, workers, progress, console)
    results += _follow(results, roots, found, setup, excluded, max_file_bytes, workers, progress, console)
    return _inventory(results, found, roots, waivers, started)


def _roots(paths: list[Path]) -> list[tuple[Path, str]]:
    if len(paths) == 1:
        return [(paths[0], "")]
    names: dict[str, int] = {}
    roots = []
    for path in paths:
        label = path.resolve().name or "root"
        names[label] = names.get(label, 0) + 1
        suffix = f"-{names[label]}" if names[label] > 1 else ""
        roots.append((path, f"{label}{suffix}/" if path.is_dir() else ""))
    return roots


def _scan_all(
    entries: list[FileEntry], setup: Setup, workers: int | None, progress: bool, console: Any
) -> list[FileResult]:
    if not entries:
        return []
    count = workers or os.cpu_count() or 1
    bar = _progress(console, len(entries)) if progress and console is not None else None
    results: list[FileResult] = []
    try:
        if count <= 1 or len(entries) < _INLINE_BELOW:
            for entry in entries:
                results.append(scan_file(entry, setup))
                if bar:
                    bar[0].advance(bar[1])
            return results
        ordered = sorted(entries, key=lambda e: -e.size)
        batches: list[list[FileEntry]] = [[] for _ in range(min(len(ordered), count * 4))]
        for number, entry in enumerate(ordered):
            batches[number % len(batches)].append(entry)
        with ProcessPoolExecutor(max_workers=count, initializer=init, initargs=(setup,)) as pool:
            futures = [pool.submit(run_batch, batch) for batch in batches]
            for future in as_completed(futures):
                batch_results = future.result()
                results.extend(batch_results)
                if bar:
                    bar[0].advance(bar[1], len(batch_results))
        return results
    finally:
        if bar:
            bar[0].stop()


def _progress(console: Any, total: int) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("scanning files"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    )
    bar.start()
    return bar, bar.add_task("scan", total=total)


def _follow(
    results: list[FileResult],
    roots: list[tuple[Path, str]],
    found: Walk,
    setup: Setup,
    excluded: Excluder,
    max_bytes: int,
    workers: int | None,
    progress: bool,
    console: Any,
) -> list[FileResult]:
    """Scan what the first pass pointed at outside the walk: local modules, nested templates."""
    extra: list[FileResult] = []
    pending = results
    root_of = {prefix: root for root, prefix in roots}
    for _ in range(8):
        more = Walk(seen=found.seen)
        for result in pending:
            for follow in result.followups:
                prefix = next((p for p in root_of if p and result.relpath.startswith(p)), "")
                root = root_of.get(prefix, roots[0][0])
                base = root if root.is_dir() else root.parent
                referrer = result.relpath.removeprefix(prefix)
                if follow.kind == "terraform-dir":
                    target = base / posixpath.dirname(referrer) / follow.path
                    relpath = (
                        prefix + posixpath.normpath(os.path.relpath(target, base).replace(os.sep, "/")) + "/"
                    )
                    if target.is_dir():
                        walk(
                            target,
                            relpath,
                            Excluder([]),
                            max_bytes,
                            more,
                            recursive=False,
                            file_filter=(".tf", ".tf.json"),
                        )
                else:
                    target = base / follow.path
                    if target.is_file():
                        add_file(target, prefix + follow.path, max_bytes, more, follow.kind, force=True)
                    else:
                        result.notes.append(f"{result.relpath}: nested template {follow.path} not found")
        if not more.files:
            break
        found.notes.extend(more.notes)
        pending = _scan_all(more.files, setup, workers, progress, console)
        extra.extend(pending)
    return extra


def _waived(hit: Hit, result: FileResult, waivers: list[Waiver]) -> str | None:
    for line in (hit.line, hit.line - 1):
        for service, reason in result.waivers.get(line, []):
            if service in ("*", hit.service):
                return reason
    for waiver in waivers:
        if waiver.service not in ("*", hit.service):
            continue
        if waiver.line is not None and waiver.line != hit.line:
            continue
        if fnmatch.fnmatch(result.relpath, waiver.path) or fnmatch.fnmatch(
            result.relpath, f"*/{waiver.path}"
        ):
            return waiver.reason
    return None


def _inventory(
    results: list[FileResult],
    found: Walk,
    roots: list[tuple[Path, str]],
    waivers: list[Waiver],
    started: Any,
) -> Inventory:
    target = ", ".join(str(root) for root, _ in roots)
    runs = {
        name: ScannerRun(scanner=name, target=target, started_at=started) for name in (*SCANNERS, "paths")
    }
    runs["paths"].skipped.extend(found.notes)
    resources: list[Resource] = []
    for result in sorted(results, key=lambda r: r.relpath):
        runs["paths"].files_scanned += 1
        runs["paths"].skipped.extend(result.notes)
        for name in result.scanners:
            runs[name].files_scanned += 1
        for error in result.errors:
            run = runs[error.scanner] if error.scanner in runs else runs["paths"]
            run.errors.append(
                ScanError(scanner=run.scanner, target=result.relpath, code=error.code, message=error.message)
            )
        resources.extend(_resources(result, waivers, runs))
    finished = utcnow()
    for run in runs.values():
        run.finished_at = finished
        run.resources = sum(1 for r in resources if r.origin == run.scanner)
    return Inventory(tool_version=__version__, resources=resources, runs=list(runs.values()))


def _resources(result: FileResult, waivers: list[Waiver], runs: dict[str, ScannerRun]) -> Iterable[Resource]:
    seen: set[tuple[int, str, str]] = set()
    per_line: dict[int, int] = {}
    for hit in sorted(result.hits, key=lambda h: h.line):
        key = (hit.line, hit.provider, hit.service)
        if key in seen:
            continue
        seen.add(key)
        reason = _waived(hit, result, waivers)
        if reason is not None:
            runs[hit.origin].skipped.append(f"waived {hit.service} at {result.relpath}:{hit.line}: {reason}")
            continue
        per_line[hit.line] = per_line.get(hit.line, 0) + 1
        uid = f"{result.relpath}:{hit.line}" + (f"#{per_line[hit.line]}" if per_line[hit.line] > 1 else "")
        yield Resource(
            uid=uid,
            provider=hit.provider,
            service=hit.service,
            type=hit.type,
            name=hit.name,
            region=hit.region,
            origin=hit.origin,
            location=Location(path=result.relpath, line=hit.line, evidence=result.evidence.get(hit.line)),
            attributes=hit.attributes,
        )
