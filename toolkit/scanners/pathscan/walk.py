"""Walking a tree: which files to read, which to skip (vendored, generated, binary, too big) and why."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "jspm_packages",
    ".terraform",
    ".terragrunt-cache",
    "vendor",
    "cdk.out",
    ".serverless",
    ".aws-sam",
    ".build",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".next",
    ".nuxt",
    ".gradle",
    ".idea",
    ".vscode",
    "site-packages",
    "dist",
    "coverage",
    ".eggs",
    "*.egg-info",
    "*.min.js",
    "*.min.css",
    "*.map",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "go.sum",
    "Pipfile.lock",
    "poetry.lock",
    "Cargo.lock",
    "composer.lock",
    "Gemfile.lock",
    "*.pyc",
)

# (a Go template with no other suffix, deployment.tmpl, is read like a Helm helper: as YAML)
TEMPLATE_EXT = (".yaml", ".yml", ".json", ".template", ".cfn", ".tpl", ".tmpl", ".gotmpl")
TERRAFORM_EXT = (".tf", ".tofu", ".tf.json", ".tfstate", ".tfstate.backup", ".tfplan.json")
SOURCE_EXT = (
    ".tftpl",  # a Terraform template of no other kind: user data, a policy
    ".py",
    ".pyi",
    ".pyw",
    ".js",
    ".mjs",
    ".cjs",
    ".jsx",
    ".ts",
    ".tsx",
    ".mts",
    ".cts",
    ".vue",
    ".svelte",
    ".go",
    ".java",
    ".kt",
    ".kts",
    ".scala",
    ".groovy",
    ".gradle",
    ".cs",
    ".csproj",
    ".fsproj",
    ".php",
    ".rb",
    ".gemspec",
    ".swift",
    ".dart",
    ".rs",
    ".ex",
    ".exs",
    ".sh",
    ".bash",
    ".zsh",
    ".ps1",
    ".env",
    ".properties",
    ".ini",
    ".cfg",
    ".conf",
    ".toml",
    ".xml",
    ".sbt",
    ".tfvars",
    ".hcl",
    ".dockerfile",
)
SOURCE_NAMES = (
    "dockerfile",
    "containerfile",
    "makefile",
    "gemfile",
    "rakefile",
    "procfile",
    "pipfile",
    "go.mod",
    "packages.config",
    ".env",
    "jenkinsfile",
    "app.arc",  # Architect
    ".arc",
)


# templates other tools render into the file named before the suffix (values.yaml.tftpl,
# handler.py.j2); Terraform's templatefile() convention, Go templates, Jinja
RENDERED_SUFFIXES = (".tftpl", ".tmpl", ".gotmpl", ".j2", ".jinja", ".jinja2")


def rendered_name(name: str) -> str:
    """The lower-cased name a file is read as: ``values.yml.tftpl`` → ``values.yml``. A template
    with nothing before its suffix keeps its name (``user_data.tftpl`` is read as plain text)."""
    lower = name.lower()
    for suffix in RENDERED_SUFFIXES:
        inner = lower.removesuffix(suffix)
        if inner != lower and "." in inner:
            return inner
    return lower


def is_candidate(name: str) -> bool:
    """True when a file's name says a scanner can read it."""
    lower = rendered_name(name)
    if lower.endswith(TERRAFORM_EXT + TEMPLATE_EXT + SOURCE_EXT) or lower in SOURCE_NAMES:
        return True
    return (lower.startswith("requirements") and lower.endswith((".txt", ".in"))) or lower.startswith(
        (".env.", "dockerfile.")
    )


@dataclass
class FileEntry:
    """One file to read: where it is and its path relative to the scanned root."""

    path: str
    relpath: str
    size: int
    kind: str = "auto"


@dataclass
class Walk:
    """The outcome of walking one or more roots."""

    files: list[FileEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)


class Excluder:
    """Decides whether a relative path is excluded by a glob (on any path component or the whole path)."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [p.rstrip("/") for p in patterns if p.strip()]
        names = [p for p in self.patterns if "/" not in p and "**" not in p]
        paths = [p for p in self.patterns if p not in names]
        self._name = _any_of(names)
        self._path = _any_of([*paths, *(p.removeprefix("**/") for p in paths)])

    def __call__(self, relpath: str, *, parents_checked: bool = False) -> bool:
        """True when ``relpath`` is excluded; ``parents_checked`` skips components already tested."""
        if self._name is not None:
            parts = relpath.split("/")
            if any(self._name.match(part) for part in (parts[-1:] if parents_checked else parts)):
                return True
        return self._path is not None and self._path.match(relpath) is not None


def _any_of(globs: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(fnmatch.translate(g) for g in globs)) if globs else None


def walk(
    root: Path,
    prefix: str,
    excluded: Excluder,
    max_bytes: int,
    result: Walk,
    *,
    recursive: bool = True,
    kind: str = "auto",
    file_filter: tuple[str, ...] = (),
    extra: object = None,
) -> None:
    """Add every readable candidate file under ``root`` to ``result``; note what is skipped and why."""
    base = root if root.is_dir() else root.parent
    if root.is_file():
        add_file(root, prefix + root.name if prefix else root.name, max_bytes, result, kind, force=True)
        return
    for current, dirs, files in os.walk(root, followlinks=True):
        here = Path(current)
        rel_dir = os.path.relpath(current, base).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        try:
            stat = here.stat()
        except OSError as exc:
            result.notes.append(f"{prefix}{rel_dir}: cannot read directory ({exc.strerror})")
            dirs[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in result.seen:
            result.notes.append(f"{prefix}{rel_dir}: symlink loop (directory already scanned), skipped")
            dirs[:] = []
            continue
        result.seen.add(key)
        kept = []
        for name in sorted(dirs):
            if excluded(f"{rel_dir}{name}", parents_checked=True):
                continue
            kept.append(name)
        dirs[:] = kept if recursive else []
        for name in sorted(files):
            relpath = f"{prefix}{rel_dir}{name}"
            if excluded(f"{rel_dir}{name}", parents_checked=True):
                continue
            lower = name.lower()
            if file_filter and not lower.endswith(file_filter):
                continue
            if not is_candidate(name) and not (extra and extra(relpath)):  # type: ignore[operator]
                continue
            add_file(here / name, relpath, max_bytes, result, kind)


def add_file(
    path: Path, relpath: str, max_bytes: int, result: Walk, kind: str, *, force: bool = False
) -> None:
    try:
        stat = path.stat()
    except OSError as exc:
        result.notes.append(f"{relpath}: cannot read ({exc.strerror}), skipped")
        return
    key = (stat.st_dev, stat.st_ino)
    if key in result.seen:
        return
    result.seen.add(key)
    if stat.st_size > max_bytes:
        result.notes.append(f"{relpath}: {stat.st_size} bytes, over the {max_bytes}-byte limit, skipped")
        return
    result.files.append(FileEntry(str(path), relpath, stat.st_size, "auto" if not force else kind))
