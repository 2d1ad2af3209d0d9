"""TerraformRun against the real terraform binary, with a provider-free module."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from python_terraform import Terraform
from tf_fixtures import MIRROR, write_module

from toolkit.errors import EXIT_APPLY, ApplyError, InputError
from toolkit.provision.terraform import (
    BACKEND_OVERRIDE,
    Redactor,
    TerraformRun,
    find_binary,
    hosts_from_outputs,
    write_cli_config,
)

TOKEN = "tok-8f2b1c9d77e1"


def make_run(tmp_path: Path, names: list[str], lines: list[str]) -> TerraformRun:
    module = write_module(tmp_path / "src")
    return TerraformRun(
        module,
        tmp_path / "run",
        variables={"names": names, "token": TOKEN},
        secret_variables=["token"],
        on_line=lines.append,
    )


def test_dry_run_plans_only_and_keeps_everything_in_the_run_dir(tmp_path: Path) -> None:
    lines: list[str] = []
    run = make_run(tmp_path, ["web-1", "app-1"], lines)
    result = run.run()
    assert result.applied is False
    assert result.plan.changed is True
    assert sorted(c.address for c in result.plan.changes) == [
        'terraform_data.host["app-1"]',
        'terraform_data.host["web-1"]',
    ]
    assert result.plan.count("create") == 2
    assert not (tmp_path / "run" / "terraform.tfstate").exists()  # nothing applied, nothing stored
    assert (tmp_path / "run" / "plan.tfplan").is_file()
    assert (tmp_path / "run" / "module" / BACKEND_OVERRIDE).is_file()
    # the source module is untouched
    assert sorted(p.name for p in (tmp_path / "src").iterdir()) == ["main.tf"]
    assert any("Terraform has been successfully initialized" in line for line in lines)
    assert any("Plan: 2 to add" in line for line in lines)


def test_apply_outputs_inventory_then_destroy(tmp_path: Path) -> None:
    lines: list[str] = []
    run = make_run(tmp_path, ["web-1", "web-2", "postgres-1"], lines)
    result = run.run(apply=True)
    assert result.applied
    state = json.loads((tmp_path / "run" / "terraform.tfstate").read_text())
    assert len(state["resources"][0]["instances"]) == 3
    hosts = hosts_from_outputs(result.outputs)
    assert [(h.name, h.role) for h in hosts] == [
        ("postgres-1", "postgres"),
        ("web-1", "web"),
        ("web-2", "web"),
    ]
    assert hosts[0].public_address == "203.0.113.10"
    assert result.outputs["ssh_user"] == "evac"

    # No secret reaches the callback or the log, even though an output echoes it.
    log = (tmp_path / "run" / "terraform.log").read_text()
    assert TOKEN not in log and all(TOKEN not in line for line in lines)
    assert stat.S_IMODE((tmp_path / "run" / "module" / "evac.auto.tfvars.json").stat().st_mode) == 0o600

    # Second plan is a no-op: the state really is in the run directory.
    assert run.plan().changed is False

    run.destroy()
    state = json.loads((tmp_path / "run" / "terraform.tfstate").read_text())
    assert state["resources"] == []
    assert "-auto-approve" in log + (tmp_path / "run" / "terraform.log").read_text()
    assert "-force" not in (tmp_path / "run" / "terraform.log").read_text()


def test_python_terraform_destroy_default_is_rejected_by_terraform_1x(tmp_path: Path) -> None:
    """Why TerraformRun.destroy does not call python-terraform's destroy(): it adds ``-force``."""
    write_module(tmp_path)
    tf = Terraform(working_dir=str(tmp_path), terraform_bin_path=find_binary())
    code, _out, err = tf.destroy()
    assert code != 0
    assert "-force" in err


def test_failure_raises_apply_error_with_command_code_and_stderr(tmp_path: Path) -> None:
    module = write_module(tmp_path / "src", 'resource "terraform_data" "x" {\n  input = var.missing\n}\n')
    run = TerraformRun(module, tmp_path / "run")
    with pytest.raises(ApplyError) as caught:
        run.run()
    error = caught.value
    assert error.exit_code == EXIT_APPLY
    assert "failed with exit code 1" in error.message
    assert "terraform plan" in error.message or "terraform init" in error.message
    assert "Reference to undeclared input variable" in error.message
    assert str(tmp_path / "run" / "terraform.log") in (error.hint or "")


def test_secret_in_failing_command_output_is_redacted(tmp_path: Path) -> None:
    module = write_module(
        tmp_path / "src",
        'variable "password" {\n  type = string\n}\n'
        'resource "terraform_data" "x" {\n  input = tonumber(var.password)\n}\n',
    )
    run = TerraformRun(
        module, tmp_path / "run", variables={"password": "hunter2-long"}, secret_variables=["password"]
    )
    with pytest.raises(ApplyError) as caught:
        run.run()
    assert "hunter2-long" not in caught.value.message
    assert 'cannot convert "***" to number' in caught.value.message  # terraform did print it
    assert "hunter2-long" not in (tmp_path / "run" / "terraform.log").read_text()


def test_binary_detection_and_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert find_binary() == shutil.which("terraform")
    assert find_binary("terraform") == shutil.which("terraform")
    monkeypatch.setenv("EVAC_TERRAFORM_BIN", "no-such-tofu")
    with pytest.raises(InputError, match="no-such-tofu"):
        find_binary()
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("EVAC_TERRAFORM_BIN")
    with pytest.raises(InputError, match="terraform, tofu"):
        find_binary()


def test_cli_config_points_at_the_mirror(tmp_path: Path) -> None:
    text = write_cli_config(tmp_path / "rc", MIRROR, tmp_path / "cache").read_text()
    assert 'filesystem_mirror {\n    path = "/opt/tf-plugins"' in text
    assert f'plugin_cache_dir = "{tmp_path / "cache"}"' in text
    assert "provider_installation" not in write_cli_config(tmp_path / "rc2", None).read_text()
    with pytest.raises(InputError, match="not a directory"):
        write_cli_config(tmp_path / "rc3", tmp_path / "nope")


def test_not_a_module_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a Terraform module"):
        TerraformRun(tmp_path, tmp_path / "run")


def test_redactor_prefers_longest_secret() -> None:
    redact = Redactor(["abcd", "abcdefgh", "x"])
    assert redact("key=abcdefgh and abcd and x") == "key=*** and *** and x"
