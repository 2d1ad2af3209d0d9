"""site.yml applied for real to a namespace host in every group, then checked service by service.

One module-scoped run builds the host and applies the playbook once; the tests then talk to each
service from the root namespace over the veth pair, and finally rerun the playbook, which must
change nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import ssl
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.client import Config
from botocore.exceptions import ClientError
from pydantic import BaseModel, ConfigDict, Field

from toolkit.provision.ansible import PlaybookSummary, run_playbook

pytestmark = [pytest.mark.netns, pytest.mark.slow]

GROUPS = ["postgres", "dns", "web", "objectstore", "app"]
S3RVER_VERSION = "3.7.1"
APP_SERVER = """\
import http.server, os, sys

VERSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "VERSION")).read().strip()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"evac app {VERSION} {os.environ.get('GREETING', '')}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
"""


class Site(BaseModel):
    """The provisioned host and what the first run did."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    host: Any = Field(description="conftest.NetnsHost")
    inventory: Path
    run_dir: Path
    secrets: Path
    work: Path
    first: PlaybookSummary
    first_seconds: float


def app_tarball(directory: Path, version: str) -> Path:
    """A release artifact: a tiny HTTP server that answers with its version."""
    source = directory / f"app-{version}"
    source.mkdir()
    (source / "server.py").write_text(APP_SERVER)
    (source / "VERSION").write_text(version + "\n")
    artifact = directory / f"app-{version}.tar.gz"
    with tarfile.open(artifact, "w:gz") as tar:
        for item in source.iterdir():
            tar.add(item, arcname=item.name)
    return artifact


def warm_npm_cache(scratch: Path) -> None:
    """Fill npm's cache from the registry, so the role's install inside the namespace works offline."""
    result = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(scratch), f"s3rver@{S3RVER_VERSION}"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def cleanup_machine(token: str, nginx_default_existed: bool) -> None:
    """Remove what the roles left on the shared filesystem that would outlive the namespace."""
    subprocess.run(["pg_dropcluster", "--stop", "15", "evactest"], capture_output=True)
    Path(f"/var/lib/powerdns/evactest-{token}.sqlite3").unlink(missing_ok=True)
    shutil.rmtree(f"/opt/evac-test/{token}", ignore_errors=True)
    with contextlib.suppress(OSError):
        Path("/opt/evac-test").rmdir()
    for path in ("/etc/nginx/sites-enabled/evac.conf", "/etc/nginx/sites-available/evac.conf"):
        Path(path).unlink(missing_ok=True)
    default = Path("/etc/nginx/sites-enabled/default")
    if nginx_default_existed and not default.exists():
        default.symlink_to("/etc/nginx/sites-available/default")


@pytest.fixture(scope="module")
def site(
    netns_hosts: Callable[[str], Any],
    inventory_writer: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Site]:
    """A namespace host in every group with site.yml applied once."""
    token = uuid.uuid4().hex[:8]
    work = tmp_path_factory.mktemp("site")
    nginx_default_existed = Path("/etc/nginx/sites-enabled/default").exists()
    host = netns_hosts("site")
    # Parents the roles create would take the mode of the directory inside them; make them first.
    for directory in (Path("/opt/evac-test"), Path(f"/opt/evac-test/{token}")):
        directory.mkdir(exist_ok=True)
        os.chown(directory, 0, 0)
        directory.chmod(0o755)
    warm_npm_cache(work / "npm-warm")
    variables: dict[str, Any] = {
        "evac_secrets_dir": str(work / "secrets"),
        "base_nftables_conf": str(work / "nftables.conf"),
        "base_users": [{"name": "evac", "groups": ["sudo"], "sudo": True, "keys": [host.public_key]}],
        "postgres_cluster": "evactest",
        "dns_config_dir": str(work / "pdns"),
        "dns_database": f"/var/lib/powerdns/evactest-{token}.sqlite3",
        "objectstore_engine": "s3rver",
        "objectstore_s3rver_prefix": f"/opt/evac-test/{token}/s3rver",
        "objectstore_data_dir": f"/opt/evac-test/{token}/objects",
        "app_root": f"/opt/evac-test/{token}/app",
        "app_version": "1.0.0",
        "app_artifact": str(app_tarball(work, "1.0.0")),
        "app_command": "/usr/bin/python3 server.py {{ app_listen }} {{ app_port }}",
        "app_env": {"GREETING": "hello-from-env"},
    }
    inventory = inventory_writer(work / "hosts.yml", {"site": (host, GROUPS)}, variables)
    run_dir = work / "run"
    try:
        started = time.monotonic()
        first = run_playbook(inventory, run_dir)
        seconds = time.monotonic() - started
        yield Site(
            host=host,
            inventory=inventory,
            run_dir=run_dir,
            secrets=work / "secrets",
            work=work,
            first=first,
            first_seconds=seconds,
        )
    finally:
        cleanup_machine(token, nginx_default_existed)


def test_first_run_changes_the_host(site: Site) -> None:
    summary = site.first.host("site")
    print(f"\nfirst run: {site.first_seconds:.1f}s, {summary}")
    assert site.first.succeeded
    assert summary.changed > 10
    assert summary.failed == 0 and summary.unreachable == 0
    assert (site.run_dir / "artifacts").is_dir()


def test_postgres_accepts_queries_over_tcp(site: Site) -> None:
    password = (site.secrets / "postgres-evactest-app").read_text()
    assert oct((site.secrets / "postgres-evactest-app").stat().st_mode & 0o777) == "0o600"

    def psql(secret: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                "psql",
                "-h",
                site.host.address,
                "-p",
                "5432",
                "-U",
                "app",
                "-d",
                "app",
                "-tAc",
                "SELECT current_user || ' ' || host(inet_server_addr())",
            ],
            env={**os.environ, "PGPASSWORD": secret, "PGCONNECT_TIMEOUT": "5"},
            capture_output=True,
            text=True,
        )

    good = psql(password)
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == f"app {site.host.address}"
    bad = psql("not-the-password")
    assert bad.returncode != 0 and "password authentication failed" in bad.stderr


def test_dns_answers_and_api_needs_the_key(site: Site) -> None:
    answer = subprocess.run(
        ["dig", "+short", "+time=2", "+tries=2", f"@{site.host.address}", "www.evac.test", "A"],
        capture_output=True,
        text=True,
    )
    assert answer.stdout.strip() == site.host.address
    key = (site.secrets / "pdns-api-key").read_text()
    url = f"http://{site.host.address}:8081/api/v1/servers/localhost/zones"
    with urllib.request.urlopen(urllib.request.Request(url, headers={"X-API-Key": key}), timeout=5) as reply:
        assert b'"name": "evac.test."' in reply.read().replace(b'":"', b'": "')
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(url, headers={"X-API-Key": "wrong"}), timeout=5)
    assert refused.value.code == 401


def test_web_serves_http_and_https_with_a_self_signed_certificate(site: Site) -> None:
    with urllib.request.urlopen(f"http://{site.host.address}/", timeout=5) as reply:
        assert b"evac web" in reply.read()
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(f"https://{site.host.address}/", timeout=5, context=insecure) as reply:
        assert b"evac web" in reply.read()
    with pytest.raises(urllib.error.URLError):  # self-signed: a verifying client refuses it
        urllib.request.urlopen(f"https://{site.host.address}/", timeout=5)


def test_objectstore_accepts_a_sigv4_upload(site: Site) -> None:
    def client(key: str) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=f"http://{site.host.address}:9000",
            region_name="us-east-1",
            aws_access_key_id=key,
            aws_secret_access_key="S3RVER",
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    s3 = client("S3RVER")
    s3.put_object(Bucket="evac", Key="probe/hello.txt", Body=b"evacuated")
    assert s3.get_object(Bucket="evac", Key="probe/hello.txt")["Body"].read() == b"evacuated"
    with pytest.raises(ClientError) as denied:
        client("NOT-A-KEY").put_object(Bucket="evac", Key="x", Body=b"x")
    assert denied.value.response["Error"]["Code"] == "InvalidAccessKeyId"


def test_app_runs_the_release_with_its_environment(site: Site) -> None:
    with urllib.request.urlopen(f"http://{site.host.address}:8080/", timeout=5) as reply:
        assert reply.read().decode() == "evac app 1.0.0 hello-from-env"
    current = next(Path("/opt/evac-test").glob("*/app/current"))
    assert current.resolve().name == "1.0.0"


def test_base_role_hardens_ssh_and_filters_ports(site: Site) -> None:
    login = subprocess.run(
        [
            "ssh",
            "-i",
            site.host.private_key,
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            f"evac@{site.host.address}",
            "id -un; sudo -n true && echo sudo-ok",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert login.stdout.split() == ["evac", "sudo-ok"], login.stderr
    effective = subprocess.run(["/usr/sbin/sshd", "-T"], capture_output=True, text=True)
    assert "passwordauthentication no" in effective.stdout
    shadow = subprocess.run(["getent", "shadow", "evac"], capture_output=True, text=True).stdout
    assert shadow.split(":")[1] == "*"  # no password can ever match
    rules = site.host.run("nft", "list", "table", "inet", "evac").stdout
    assert "policy drop" in rules and "tcp dport 5432 accept" in rules
    # A port nobody opened is dropped, not refused: the connection attempt times out.
    listener = subprocess.Popen(
        [
            "ip",
            "netns",
            "exec",
            site.host.namespace,
            "python3",
            "-c",
            "import socket, sys, time; s = socket.socket(); s.bind((sys.argv[1], 6553)); s.listen(); "
            "time.sleep(30)",
            site.host.address,
        ]
    )
    try:
        time.sleep(0.5)
        with pytest.raises(TimeoutError):
            socket.create_connection((site.host.address, 6553), timeout=2)
    finally:
        listener.kill()


def test_second_run_changes_nothing(site: Site) -> None:
    started = time.monotonic()
    second = run_playbook(site.inventory, site.run_dir)
    seconds = time.monotonic() - started
    print(f"\nsecond run: {seconds:.1f}s, {second.hosts}")
    assert second.succeeded
    assert [h.changed for h in second.hosts] == [0], [c.task for c in second.changes]


def test_dry_run_of_a_new_release_changes_nothing_then_apply_switches(site: Site) -> None:
    artifact = app_tarball(site.work, "2.0.0")
    extra = {"app_version": "2.0.0", "app_artifact": str(artifact)}
    dry = run_playbook(site.inventory, site.run_dir, check=True, limit="app", extravars=extra)
    assert dry.check and dry.succeeded
    assert "Current release" in {c.task for c in dry.changes}
    with urllib.request.urlopen(f"http://{site.host.address}:8080/", timeout=5) as reply:
        assert reply.read().decode().startswith("evac app 1.0.0")
    applied = run_playbook(site.inventory, site.run_dir, limit="app", extravars=extra)
    assert applied.host("site").changed > 0
    deadline = time.monotonic() + 20
    body = ""
    while time.monotonic() < deadline and not body.startswith("evac app 2.0.0"):
        try:
            with urllib.request.urlopen(f"http://{site.host.address}:8080/", timeout=2) as reply:
                body = reply.read().decode()
        except OSError:
            time.sleep(0.3)
    assert body == "evac app 2.0.0 hello-from-env"
