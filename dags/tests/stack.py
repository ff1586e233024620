"""The LoyaltyLens parts the DAG runs drive: the launcher, the API and the Docker engine."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TASKS_IMAGE = "loyaltylens-tasks:latest"
API_IMAGE = "loyaltylens-api:latest"


def loyaltylens(*args: str) -> str:
    """Runs the launcher from the repository and returns its stdout; a failure fails the test."""
    done = subprocess.run(["./loyaltylens", *args], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"loyaltylens {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str) -> tuple[int, object]:
    """GETs a URL on this machine and returns the status and the decoded JSON body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait_until_healthy(base_url: str, why_gone, timeout_s: float = 120) -> None:
    """Polls /health until it answers 200; `why_gone()` is empty while the server runs, else says why not."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        gone = why_gone()
        if gone:
            raise AssertionError(f"the server stopped before answering /health: {gone}")
        try:
            if http_get(f"{base_url}/health")[0] == 200:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{base_url}/health did not answer 200 within {timeout_s} s")


@contextmanager
def served_by_launcher(home: Path, online: str | None = None):
    """`./loyaltylens serve` on a free port, from the home or from an online store, stopped on exit."""
    port = free_port()
    log_path = home.parent / "serve.log"
    source = ["--online", online] if online else ["--home", str(home)]
    with log_path.open("w") as log:
        server = subprocess.Popen(
            ["./loyaltylens", "serve", *source, "--port", str(port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )

        def why_gone() -> str:
            if server.poll() is None:
                return ""
            return f"exit code {server.returncode}\n{log_path.read_text()[-2000:]}"

        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_healthy(base_url, why_gone)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextmanager
def served_by_api_image(home: Path):
    """The API image on the host network and a free port, removed on exit."""
    port = free_port()
    serve = ["--home", "/data", "--port", str(port)]
    run = ["docker", "run", "-d", "--network", "host", "-v", f"{home}:/data", API_IMAGE, *serve]
    container = subprocess.run(run, check=True, capture_output=True, text=True).stdout.strip()
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(base_url, lambda: container_gone(container))
        yield base_url
    finally:
        subprocess.run(["docker", "rm", "-f", container], capture_output=True)


def container_gone(container: str) -> str:
    """Empty while the container runs; else its exit code and last lines of output."""
    state = subprocess.run(
        ["docker", "inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", container],
        capture_output=True,
        text=True,
    ).stdout.split()
    if state and state[0] == "true":
        return ""
    logs = subprocess.run(["docker", "logs", "--tail", "20", container], capture_output=True, text=True)
    return f"exit code {state[1] if state else '?'}\n{logs.stdout}{logs.stderr}"


@contextmanager
def redis_server(folder: Path):
    """A real redis-server on a free loopback port without persistence, killed on exit; yields its port."""
    executable = shutil.which("redis-server")
    if executable is None:
        reason = "redis-server is not installed: apt-get install -y redis-server"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true, so this is a failure)")
        pytest.skip(reason)
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    arguments = [
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
    ]
    with (folder / "redis.log").open("w") as log:
        server = subprocess.Popen([executable, *arguments], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while redis_cli(port, "PING") != "PONG":
            assert server.poll() is None, f"redis-server exited: {(folder / 'redis.log').read_text()}"
            assert time.monotonic() < deadline, "redis-server did not answer within 20 s"
            time.sleep(0.1)
        yield port
    finally:
        server.kill()
        server.wait(timeout=10)


def redis_cli(port: int, *command: str) -> str:
    """One command through redis-cli; its answer, stripped."""
    done = subprocess.run(
        ["redis-cli", "-p", str(port), *command], capture_output=True, text=True, timeout=10
    )
    return done.stdout.strip()


def require_docker_engine() -> None:
    """Skips without a Docker engine, unless CI=true, where the engine is part of the contract."""
    answers = (
        shutil.which("docker") is not None
        and subprocess.run(["docker", "info"], capture_output=True).returncode == 0
    )
    if not answers:
        reason = "no Docker engine answers `docker info`: start one with docker/start-engine.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true, so this is a failure)")
        pytest.skip(reason)
    for image in (TASKS_IMAGE, API_IMAGE):
        inspected = subprocess.run(["docker", "image", "inspect", image], capture_output=True)
        assert inspected.returncode == 0, f"no image {image}: build it with docker/build-images.sh"


def published_versions(home: Path) -> list[tuple[str, str, bool]]:
    """The registry as `versions` prints it: (version, status, is the latest) per version."""
    rows = []
    for line in loyaltylens("versions", "--home", str(home)).splitlines()[1:]:
        fields = line.split()
        if fields:
            rows.append((fields[0], fields[2], line.rstrip().endswith("<- latest")))
    return rows


def latest_version(home: Path) -> str:
    latest = [version for version, _, is_latest in published_versions(home) if is_latest]
    assert len(latest) == 1, f"expected one latest version in {home}, got {published_versions(home)}"
    return latest[0]


def customer_ids(home: Path, version: str) -> list[str]:
    """The customers of a published version, read back from its Parquet export."""
    import pyarrow.parquet

    export = home.parent / f"{version}.parquet"
    loyaltylens("export", "--home", str(home), "--version", version, "--out", str(export))
    return pyarrow.parquet.read_table(export, columns=["customer_id"]).column("customer_id").to_pylist()


SPARK_HOME = Path(os.environ.get("LOYALTYLENS_SPARK_HOME") or REPO / ".spark" / "spark-4.2.0")


def require_spark_distribution() -> Path:
    """The Spark distribution of engine-spark/install-spark.sh; skipped without it, except under CI=true."""
    spark_class = SPARK_HOME / "bin" / "spark-class"
    if not spark_class.is_file():
        reason = f"no Spark distribution at {SPARK_HOME}: run engine-spark/install-spark.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true, so this is a failure)")
        pytest.skip(reason)
    return SPARK_HOME


def spark_master_state(web_port: int) -> dict:
    """The standalone master's state as its web UI serves it at /json/ (workers, applications)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/json/", timeout=5) as response:
        return json.loads(response.read())


@dataclass(frozen=True)
class SparkCluster:
    """A running standalone cluster: the URL drivers connect to, and the master's web UI port."""

    url: str
    web_port: int

    def state(self) -> dict:
        return spark_master_state(self.web_port)


@contextmanager
def spark_cluster(folder: Path, workers: int = 2, start_timeout_s: float = 180):
    """A real Spark standalone master and `workers` workers of one core and 1 GB on 127.0.0.1, each its own
    process started with bin/spark-class from the installed distribution (its sbin/ has no start scripts);
    every process is stopped on exit. Yields a SparkCluster."""
    spark_home = require_spark_distribution()
    folder.mkdir(parents=True, exist_ok=True)
    port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "SPARK_HOME": str(spark_home),
        "SPARK_CONF_DIR": str(folder / "conf"),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOCAL_DIRS": str(folder / "local"),
        "SPARK_LOG_DIR": str(folder),
        "SPARK_DAEMON_MEMORY": "512m",
    }
    (folder / "conf").mkdir(exist_ok=True)
    url = f"spark://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []

    def start(name: str, *arguments: str) -> None:
        with (folder / f"{name}.log").open("w") as log:
            command = [str(spark_home / "bin" / "spark-class"), *arguments]
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT))

    try:
        start(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--webui-port",
            str(web_port),
        )
        for i in range(1, workers + 1):
            work = folder / f"worker-{i}"
            work.mkdir(exist_ok=True)
            start(
                f"worker-{i}",
                "org.apache.spark.deploy.worker.Worker",
                url,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                str(work),
                "--webui-port",
                "0",
            )
        deadline = time.monotonic() + start_timeout_s
        while True:
            for process in processes:
                assert process.poll() is None, (
                    f"a Spark daemon exited with {process.returncode}: see {folder}"
                )
            try:
                if spark_master_state(web_port).get("aliveworkers") == workers:
                    break
            except (OSError, ValueError):
                pass
            assert time.monotonic() < deadline, f"{workers} Spark workers did not register: see {folder}"
            time.sleep(0.5)
        yield SparkCluster(url, web_port)
    finally:
        # The workers first (each stops its executors), then the master; then whatever they left running.
        leftovers = [child for process in processes for child in _descendants(process.pid)]
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        for pid in leftovers:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _descendants(pid: int) -> list[int]:
    """The processes below `pid` (the executors a worker started), from `ps`."""
    table = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in table.splitlines():
        child, parent = (int(field) for field in line.split())
        children.setdefault(parent, []).append(child)
    found, pending = [], [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found
