"""Precision and recall of ``evac scan path`` against hand labels of real public files.

Usage: ``python bench/path_accuracy.py CORPUS [CORPUS ...]``

A corpus is a directory holding the files, in ``<category>/<repo>/<path>`` form, and one or more
``*/labels.yaml`` files mapping each file (relative to the corpus) to the AWS services a careful
reader finds in it::

    files:
      terraform/acme-infra/main.tf: {kind: terraform, services: [s3, iam], implicit: [lambda]}

``implicit`` services are only knowable from outside the file (a local module's contents, the
runtime); they are neither required nor counted against evac. The labelling rules are in
``bench/labels/README.md``; the labels used for the figures in ``bench/README.md`` are kept in
``bench/labels/`` (the files themselves belong to their authors and are not committed — each
label names its repository and commit).

Scores per file and per repository, per kind of file, and checks that every finding points at a
non-empty line of a real file. Exit status 1 when either overall figure is under 0.95.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from toolkit.catalog import Catalog
from toolkit.scanners.paths import scan_paths

TARGET = 0.95


def _ratio(tp: int, other: int) -> float:
    return tp / (tp + other) if tp + other else 1.0


def _line(counts: list[int]) -> str:
    tp, fp, fn = counts
    return f"precision {_ratio(tp, fp):.3f}  recall {_ratio(tp, fn):.3f}  (tp {tp}, fp {fp}, fn {fn})"


def evaluate(root: Path, catalog: Catalog) -> tuple[list[int], list[int], list[str]]:
    """Score one corpus: (per-file counts, per-repository counts, report lines)."""
    labels: dict[str, dict[str, Any]] = {}
    repos: dict[str, str] = {}
    for labels_file in sorted([*root.glob("labels.yaml"), *root.glob("*/labels.yaml")]):
        depth = len(labels_file.relative_to(root).parts)  # labels.yaml at the top: 1; in a category: 2
        for path, label in yaml.safe_load(labels_file.read_text(encoding="utf-8"))["files"].items():
            labels[path] = label
            repos[path] = "/".join(path.split("/")[:depth])
    canon = {alias: entry.id for entry in catalog.services.values() for alias in [entry.id, *entry.aliases]}
    inventory = scan_paths(
        [root], catalog=catalog, progress=False, exclude=["labels.yaml", "*.md"], workers=1
    )
    found: dict[str, set[str]] = defaultdict(set)
    lines_at: dict[tuple[str, str], list[int]] = defaultdict(list)
    bad_lines: list[str] = []
    for resource in inventory.resources:
        if resource.provider != "aws" or resource.location is None:
            continue
        path, line = resource.location.path, resource.location.line or 0
        found[path].add(resource.service)
        lines_at[(path, resource.service)].append(line)
        text = (root / path).read_text(encoding="utf-8", errors="replace").splitlines()
        if not 0 < line <= len(text) or not text[line - 1].strip():
            bad_lines.append(f"{path}:{line} ({resource.service})")
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    truth_by_repo: dict[str, set[str]] = defaultdict(set)
    got_by_repo: dict[str, set[str]] = defaultdict(set)
    implicit_by_repo: dict[str, set[str]] = defaultdict(set)
    report: list[str] = []
    for path, label in sorted(labels.items()):
        truth = {canon.get(s, s) for s in label.get("services") or []}
        implicit = {canon.get(s, s) for s in label.get("implicit") or []}
        got = found.get(path, set())
        repo = repos[path]
        truth_by_repo[repo] |= truth
        got_by_repo[repo] |= got
        implicit_by_repo[repo] |= implicit
        missed, extra = truth - got, got - truth - implicit
        counts = per_kind[label.get("kind", "other")]
        counts[0] += len(truth & got)
        counts[1] += len(extra)
        counts[2] += len(missed)
        if missed or extra:
            where = {s: lines_at[(path, s)] for s in sorted(extra)}
            report.append(f"  {path}: missed {sorted(missed)} extra {where}")
    per_file = [sum(c[i] for c in per_kind.values()) for i in range(3)]
    per_repo = [0, 0, 0]
    for repo, truth in truth_by_repo.items():
        got = got_by_repo[repo]
        per_repo[0] += len(truth & got)
        per_repo[1] += len(got - truth - implicit_by_repo[repo])
        per_repo[2] += len(truth - got)
    header = [f"{root}: {len(labels)} files, {len(truth_by_repo)} repositories"]
    header += [f"  {kind:14s} {_line(counts)}" for kind, counts in sorted(per_kind.items())]
    header += [f"  {'per file':14s} {_line(per_file)}", f"  {'per repository':14s} {_line(per_repo)}"]
    unlabelled = sorted(set(found) - set(labels))
    footer = [f"  findings not on a real, non-empty line: {len(bad_lines)} {bad_lines[:5]}"]
    footer += [f"  files with findings but no label: {unlabelled}"] if unlabelled else []
    errors = [(e.target, e.message) for e in inventory.errors]
    footer += [f"  parse errors: {errors}"] if errors else []
    return per_file, per_repo, header + report + footer


def main() -> int:
    """Score each corpus given, then all of them together."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    args = parser.parse_args()
    catalog = Catalog.load()
    totals = [[0, 0, 0], [0, 0, 0]]
    for root in args.corpora:
        per_file, per_repo, lines = evaluate(root, catalog)
        print("\n".join(lines))
        for total, counts in zip(totals, (per_file, per_repo), strict=True):
            for i in range(3):
                total[i] += counts[i]
    print(f"all corpora, per file:       {_line(totals[0])}")
    print(f"all corpora, per repository: {_line(totals[1])}")
    worst = min(_ratio(totals[0][0], totals[0][1]), _ratio(totals[0][0], totals[0][2]))
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
