"""``evac provision`` without ``--inventory``: the plan's target module, its variables, and the journal.

The AWS target is planned, applied and destroyed for real (mirrored provider, moto over HTTP). A
provider-free stand-in target (``terraform_data`` with the module contract's variables and outputs)
covers what moto cannot: the Ansible phase after Terraform, and interrupting a running terraform.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tf_fixtures import MIRROR, TARGETS

from toolkit.cli import main
from toolkit.context import AwsAccess
from toolkit.documents import read, write
from toolkit.errors import EXIT_APPLY, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, InputError
from toolkit.model import Journal, Plan, Step
from toolkit.provision import pipeline
from toolkit.provision.tfvars import TerraformOptions, module_variables, read_var_file

# A real (throw-away) public key: the EC2 API checks the format.
OPS_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTGiOvcbvJMfrE1jpOo3WVcnduY5y+eRQY/kV8XiJNw ops@example"
SECRET = "pw-Zq8vXr2LmN5tK"


def make_plan(path: Path, target: str) -> Path:
    """A plan as `evac plan` writes it: PostgreSQL and nginx self-hosted, a managed queue, the base step."""
    steps = [
        Step(id="provision-base", phase="provision", title="Base", component="network", role="base"),
        Step(id="provision-postgres", phase="provision", title="PG", component="postgres", role="postgres"),
        Step(id="provision-web", phase="provision", title="Web", component="web", role="web"),
        Step(
            id="provision-queue",
            phase="provision",
            title="Queue",
            component="queue",
            role="app",
            self_hosted=False,
        ),
    ]
    return write(path, Plan(target=target, steps=steps))


def journal_text(out: Path) -> str:
    return (out / "journal.json").read_text()


# -- variables ---------------------------------------------------------------------------------


def test_plan_groups_follow_step_roles_and_skip_managed_and_base(tmp_path: Path) -> None:
    plan = read(make_plan(tmp_path / "plan.json", "aws"), Plan)
    assert pipeline.plan_groups(plan) == (["postgres", "web"], [])


def test_hcl_tfvars_then_options_then_roles_from_the_plan(tmp_path: Path) -> None:
    tfvars = tmp_path / "prod.tfvars"
    tfvars.write_text(
        f'name = "shop"\nregion = "fsn1"\nssh_keys = ["{OPS_KEY}"]\n'
        f'db_password = "{SECRET}"\nadmin_cidrs = ["203.0.113.0/24"]\n'
    )
    key = tmp_path / "id.pub"
    key.write_text(f"# ops\n{OPS_KEY}\n")
    options = TerraformOptions(var_files=[tfvars], region="nbg1", ssh_keys=[key], size="medium")
    merged = module_variables(options, ["postgres", "web"])
    assert merged.values == {
        "name": "shop",
        "region": "nbg1",
        "ssh_keys": [OPS_KEY],
        "db_password": SECRET,
        "admin_cidrs": ["203.0.113.0/24"],
        "roles": {"postgres": {"count": 1, "size": "medium"}, "web": {"count": 1, "size": "medium"}},
    }
    assert merged.sources["region"] == "--region" and merged.sources["name"] == str(tfvars)
    assert merged.secrets == [SECRET]
    assert SECRET not in json.dumps(merged.journal_detail())


def test_roles_in_a_var_file_win_over_the_plan(tmp_path: Path) -> None:
    var_file = tmp_path / "v.tfvars.json"
    var_file.write_text(json.dumps({"roles": {"web": {"count": 3, "size": "large"}}}))
    options = TerraformOptions(var_files=[var_file], name="shop", region="fsn1", ssh_keys=[])
    with pytest.raises(InputError, match="needs ssh_keys"):
        module_variables(options, ["web"])
    var_file.write_text(json.dumps({"roles": {"web": {"count": 3, "size": "large"}}, "ssh_keys": [OPS_KEY]}))
    assert module_variables(options, ["web"]).values["roles"] == {"web": {"count": 3, "size": "large"}}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{nope", "bad.json: not valid JSON"),
        ("bad.tfvars", 'name = "x" = ', "bad.tfvars: not a valid .tfvars file"),
        ("list.json", "[1]", "must be an object"),
    ],
)
def test_bad_var_files_are_bad_input(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError, match=message):
        read_var_file(tmp_path / name)


def test_a_private_key_given_as_ssh_key_is_refused_without_echoing_it(tmp_path: Path, capsys: Any) -> None:
    plan = make_plan(tmp_path / "plan.json", "aws")
    private = tmp_path / "id_ed25519"
    private.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
    args = ["provision", "--plan", str(plan), "--name", "shop", "--region", "eu-central-1"]
    code = main([*args, "--ssh-key", str(private), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert "private key" in err and "b3BlbnNzaC1rZXktdjEAAAAA" not in err


def test_missing_contract_variables_are_named_before_terraform_runs(tmp_path: Path, capsys: Any) -> None:
    plan = make_plan(tmp_path / "plan.json", "aws")
    code = main(["provision", "--plan", str(plan), "--region", "eu-central-1", "--out", str(tmp_path / "o")])
    assert code == EXIT_INPUT
    assert "the target module needs name, ssh_keys" in capsys.readouterr().err
    assert read(tmp_path / "o" / "journal.json", Journal).outcome == "failed"
    assert not (tmp_path / "o" / "terraform").exists()


# -- a provider-free stand-in target ------------------------------------------------------------

STAND_IN = """
variable "db_password" {
  type      = string
  default   = null
  sensitive = true
}

locals {
  active = { for role, spec in var.roles : role => spec if spec.count > 0 }
}

resource "terraform_data" "host" {
  for_each = local.active
  input    = { role = each.key, size = each.value.size, password = var.db_password }
}

output "hosts" {
  value = [
    for role in sort(keys(terraform_data.host)) : {
      name            = "${var.name}-${role}-1"
      role            = role
      public_address  = "127.0.0.1"
      private_address = null
    }
  ]
}

output "ssh_user" {
  value = "evac"
}
"""


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """terraform/targets/standin: the real contract variables.tf, resources that need no provider."""
    root = tmp_path / "tf"
    module = root / "targets" / "standin"
    module.mkdir(parents=True)
    shutil.copy(TARGETS / "aws" / "variables.tf", module / "variables.tf")
    (module / "main.tf").write_text(STAND_IN)
    monkeypatch.setattr(pipeline, "terraform_dir", lambda: root)
    var_file = tmp_path / "standin.tfvars.json"
    var_file.write_text(
        json.dumps({"name": "shop", "region": "lab", "ssh_keys": [OPS_KEY], "db_password": SECRET})
    )
    return var_file


@pytest.mark.slow
def test_after_apply_ansible_runs_on_the_new_hosts_and_fails_cleanly_when_unreachable(
    tmp_path: Path, stand_in: Path, capsys: Any
) -> None:
    """Terraform's hosts become inventory.yml; sshd is not there, so Ansible fails: exit 7, host named."""
    plan = make_plan(tmp_path / "plan.json", "standin")
    out = tmp_path / "run"
    code = main(["provision", "--plan", str(plan), "--var-file", str(stand_in), "--out", str(out), "--apply"])
    terminal = capsys.readouterr()
    assert code == EXIT_APPLY
    inventory = yaml.safe_load((out / "inventory.yml").read_text())
    assert inventory["all"]["vars"] == {"ansible_user": "evac"}
    assert inventory["all"]["children"]["postgres"]["hosts"] == {
        "shop-postgres-1": {"ansible_host": "127.0.0.1", "public_address": "127.0.0.1"}
    }
    assert set(inventory["all"]["children"]) == {"postgres", "web"}
    journal = read(out / "journal.json", Journal)
    assert journal.outcome == "failed" and not journal.dry_run
    terraform, written, ansible = journal.entries[1:]
    assert terraform.action == "terraform apply standin" and terraform.detail["create"] == 2
    assert terraform.detail["variables"]["db_password"] == str(stand_in)
    assert terraform.detail["roles"] == {
        "postgres": {"count": 1, "size": "small"},
        "web": {"count": 1, "size": "small"},
    }
    assert written.detail["hosts"] == {"shop-postgres-1": "postgres", "shop-web-1": "web"}
    assert ansible.status == "failed" and ansible.detail["limit"] == "postgres:web"
    assert {f["host"] for f in ansible.detail["failures"]} == {"shop-postgres-1", "shop-web-1"}
    assert {f["status"] for f in ansible.detail["failures"]} == {"unreachable"}
    for text in (
        terminal.out,
        terminal.err,
        journal_text(out),
        (out / "terraform" / "terraform.log").read_text(),
    ):
        assert SECRET not in text


@pytest.mark.slow
def test_ctrl_c_during_terraform_leaves_an_interrupted_journal(tmp_path: Path, stand_in: Path) -> None:
    plan = read(make_plan(tmp_path / "plan.json", "standin"), Plan)
    out = tmp_path / "run"
    seen: list[str] = []

    def interrupt(line: str) -> None:
        seen.append(line)
        if "Terraform will perform" in line or "Plan:" in line:
            raise KeyboardInterrupt

    options = TerraformOptions(var_files=[stand_in])
    with pytest.raises(KeyboardInterrupt):
        pipeline.provision(plan, out, apply=True, terraform=options, on_terraform_line=interrupt)
    journal = read(out / "journal.json", Journal)
    assert journal.outcome == "interrupted" and journal.finished_at is not None
    assert [e.status for e in journal.entries] == ["ok", "failed"]
    assert journal.entries[1].detail["error"] == "KeyboardInterrupt"
    assert "[interrupted]" in (out / "terraform" / "terraform.log").read_text()
    assert (
        not (out / "terraform" / "terraform.tfstate").exists()
        or "terraform_data" not in (out / "terraform" / "terraform.tfstate").read_text()
    )


def test_ctrl_c_during_ansible_exits_130_with_an_interrupted_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run_playbook", interrupted)
    plan = make_plan(tmp_path / "plan.json", "aws")
    inventory = tmp_path / "hosts.yml"
    inventory.write_text(yaml.safe_dump({"all": {"children": {"web": {"hosts": {"w1": None}}}}}))
    out = tmp_path / "o"
    assert main(["provision", "--plan", str(plan), "--inventory", str(inventory), "--out", str(out)]) == (
        EXIT_INTERRUPTED
    )
    journal = read(out / "journal.json", Journal)
    assert journal.outcome == "interrupted"
    assert journal.entries[-1].action == "ansible site.yml --check --diff"
    assert journal.entries[-1].status == "failed"


# -- the AWS target against moto -----------------------------------------------------------------


def live_instances(moto_server: str) -> list[dict[str, Any]]:
    access = AwsAccess(endpoint_url=moto_server, region="eu-central-1")
    client = access.client(access.session(), "ec2", "eu-central-1")
    return [
        instance
        for reservation in client.describe_instances()["Reservations"]
        for instance in reservation["Instances"]
        if instance["State"]["Name"] != "terminated"
    ]


@pytest.mark.slow
def test_aws_target_dry_run_apply_and_destroy_against_moto(
    tmp_path: Path, moto_server: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    plan = make_plan(tmp_path / "plan.json", "aws")
    var_file = tmp_path / "aws.tfvars.json"
    var_file.write_text(
        json.dumps(
            {
                "name": "standby",
                "region": "eu-central-1",
                "image": "ami-785db401",  # an AMI moto knows
                "db_password": SECRET,
            }
        )
    )
    key = tmp_path / "ops.pub"
    key.write_text(OPS_KEY + "\n")
    out = tmp_path / "run"
    base = ["provision", "--plan", str(plan), "--var-file", str(var_file), "--ssh-key", str(key)]
    base += ["--provider-mirror", str(MIRROR), "--out", str(out)]

    assert main(base) == EXIT_OK
    dry = read(out / "journal.json", Journal)
    assert dry.outcome == "dry_run"
    terraform = dry.entries[1]
    assert terraform.action == "terraform plan aws" and terraform.status == "changed"
    # VPC, gateway, subnet, route table + association, security group, key pair, 2 instances.
    assert terraform.detail["create"] == 9 and terraform.detail["delete"] == 0
    assert dry.entries[2].status == "skipped"
    assert live_instances(moto_server) == []

    assert main([*base, "--apply", "--terraform-only"]) == EXIT_OK
    applied = read(out / "journal.json", Journal)
    assert applied.outcome == "ok" and not applied.dry_run
    assert applied.entries[-1].detail == {"reason": "--terraform-only"}
    instances = live_instances(moto_server)
    roles = sorted(tag["Value"] for i in instances for tag in i["Tags"] if tag["Key"] == "Role")
    assert roles == ["postgres", "web"]
    assert {i["InstanceType"] for i in instances} == {"t3.small"}
    inventory = yaml.safe_load((out / "inventory.yml").read_text())
    assert inventory["all"]["vars"] == {"ansible_user": "evac"}
    assert set(inventory["all"]["children"]["web"]["hosts"]) == {"standby-web-1"}
    assert set(inventory["all"]["children"]["postgres"]["hosts"]) == {"standby-postgres-1"}

    destroy = ["provision", "--plan", str(plan), "--destroy", "--provider-mirror", str(MIRROR)]
    destroy += ["--out", str(out)]
    assert main(destroy) == EXIT_OK  # a dry run: the variables of the last run are reused
    planned = read(out / "journal.json", Journal).entries[-1]
    assert planned.action == "terraform plan -destroy aws" and planned.detail["delete"] == 9
    assert len(live_instances(moto_server)) == 2

    assert main([*destroy, "--apply"]) == EXIT_OK
    assert read(out / "journal.json", Journal).entries[-1].action == "terraform destroy aws"
    assert live_instances(moto_server) == []

    terminal = capsys.readouterr()
    for text in (
        terminal.out,
        terminal.err,
        journal_text(out),
        (out / "terraform" / "terraform.log").read_text(),
    ):
        assert SECRET not in text


def test_destroy_with_an_inventory_is_bad_input(tmp_path: Path, capsys: Any) -> None:
    plan = make_plan(tmp_path / "plan.json", "aws")
    inventory = tmp_path / "hosts.yml"
    inventory.write_text("all: {}\n")
    args = ["provision", "--plan", str(plan), "--destroy", "--inventory", str(inventory)]
    assert main([*args, "--out", str(tmp_path / "o")]) == EXIT_INPUT
    assert "takes no --inventory" in capsys.readouterr().err
    assert read(tmp_path / "o" / "journal.json", Journal).outcome == "failed"
