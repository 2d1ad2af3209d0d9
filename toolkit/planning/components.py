"""The component table (``providers/components.yaml``): how the plan acts on each replacement component.

Knowledge as data: the planner renders these Jinja2 command templates instead of branching on the
component in code. A bad file is rejected with its path and the field at fault.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import yamlfast
from ..catalog import Component
from ..errors import CatalogError
from ..model import Resource
from ..paths import providers_dir

_PER_RESOURCE = re.compile(r"\{\{[^}]*\br\.")
ActionName = str  # prepare | provision | managed | bulk | delta | deploy | verify | cutover | decommission


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Action(_Strict):
    """Commands, checks and undo for one phase of one component."""

    run: list[str] = Field(default_factory=list, description="rendered once per step")
    each: list[str] = Field(default_factory=list, description="rendered once per resource")
    verify: list[str] = Field(default_factory=list)
    verify_each: list[str] = Field(default_factory=list)
    rollback: list[str] = Field(default_factory=list)
    rollback_each: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _once_has_no_resource(self) -> Action:
        for once, each in (("run", "each"), ("verify", "verify_each"), ("rollback", "rollback_each")):
            for template in getattr(self, once):
                if _PER_RESOURCE.search(template):
                    raise ValueError(f"{once}: {template!r} uses the resource r; move it to {each}")
        return self


class ComponentSpec(_Strict):
    """Where a component runs on the target and how each phase acts on it."""

    group: str = Field(description="Ansible inventory group in playbooks/site.yml (all: the base role)")
    software: str
    owner: str = "platform"
    installs: bool = Field(default=True, description="False: no role installs the software yet")
    stateful: bool = Field(default=False, description="only holds data: no deploy step")
    prepare: Action | None = None
    provision: Action | None = None
    managed: Action | None = None
    bulk: Action | None = None
    delta: Action | None = None
    deploy: Action | None = None
    verify: Action | None = None
    cutover: Action | None = None


class ComponentTable(_Strict):
    """The whole file: defaults, one spec per component, decommission commands per source service."""

    defaults: dict[str, Action]
    components: dict[Component, ComponentSpec]
    services: dict[str, Action] = Field(default_factory=dict)

    def spec(self, component: str) -> ComponentSpec:
        """The spec of ``component``; unknown components run on app hosts."""
        return self.components.get(component) or self.components["app"]  # type: ignore[call-overload]

    def stateful(self) -> frozenset[str]:
        """Components that only hold data."""
        return frozenset(name for name, spec in self.components.items() if spec.stateful)

    def role(self, component: str) -> str:
        """The playbooks/ role that acts on a component (``base`` for the ``all`` group)."""
        group = self.spec(component).group
        return "base" if group == "all" else group

    def action(self, component: str, name: ActionName) -> Action | None:
        """The component's action for a phase, else the default one, else None."""
        own = getattr(self.spec(component), name, None)
        return own if own is not None else self.defaults.get(name)

    def decommission(self, service: str) -> Action:
        """How to retire a source service's resources."""
        return self.services.get(service) or self.defaults["decommission"]


class ResourceView:
    """What a command template sees of a resource (``r`` in the templates)."""

    def __init__(self, resource: Resource) -> None:
        self.uid = resource.uid
        self.name = resource.name
        self.region = resource.region
        self.service = resource.service
        self._attributes = resource.attributes

    @cached_property
    def slug(self) -> str:
        """The name made safe for file names."""
        cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in self.name).strip("-.")
        return cleaned or "resource"

    @property
    def short_id(self) -> str:
        """The last segment of the ARN (an instance id, a key id)."""
        return self.uid.rsplit("/", 1)[-1].rsplit(":", 1)[-1]

    def attr(self, *keys: str, default: str = "") -> str:
        """The first attribute found among ``keys`` (dotted paths allowed), else ``default``."""
        for key in keys:
            value: Any = self._attributes
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value not in (None, ""):
                return str(value)
        return default


class Renderer:
    """Renders command templates with a strict Jinja2 environment (an unknown variable is an error)."""

    def __init__(self, source: Path) -> None:
        self._source = source
        self._env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)

    def render(self, template: str, context: dict[str, Any]) -> str:
        """One rendered command line."""
        try:
            return self._env.from_string(template).render(context).strip()
        except TemplateError as exc:
            raise CatalogError(f"{self._source}: template {template!r}: {exc}") from exc

    def lines(self, templates: list[str], context: dict[str, Any]) -> list[str]:
        """Render each template once."""
        return [self.render(t, context) for t in templates]

    def each(self, templates: list[str], context: dict[str, Any], resources: list[Resource]) -> list[str]:
        """Render the templates for every resource, resource by resource."""
        return [
            self.render(t, {**context, "r": ResourceView(resource)})
            for resource in resources
            for t in templates
        ]


def load_components(path: Path | None = None) -> ComponentTable:
    """Load and validate ``providers/components.yaml`` (or ``path``)."""
    path = path or providers_dir() / "components.yaml"
    try:
        raw = yamlfast.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    try:
        table = ComponentTable.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"{path}: field '{where}': {first['msg']}") from exc
    if "app" not in table.components or "decommission" not in table.defaults:
        raise CatalogError(f"{path}: field 'components.app' and 'defaults.decommission' are required")
    return table
