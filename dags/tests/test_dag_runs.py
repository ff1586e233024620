"""Whole runs of the DAG with dag.test() on small data, each ending with a version served."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import parse_dag
from stack import (
    TASKS_IMAGE,
    customer_ids,
    http_get,
    latest_version,
    loyaltylens,
    published_versions,
    redis_cli,
    redis_server,
    require_docker_engine,
    served_by_api_image,
    served_by_launcher,
)

RUN_DATE = datetime(2026, 11, 24, tzinfo=UTC)
NEXT_DATE = datetime(2026, 11, 25, tzinfo=UTC)
SMALL = {"events": 20_000, "customers": 2_000}

pytestmark = pytest.mark.usefixtures("airflow_db")


def run_dag(
    monkeypatch, runner: str, home: Path, run_date: datetime, conf: dict = SMALL, **settings: str
) -> dict[str, str]:
    """Runs the DAG for a date and returns the state of the run and of each task."""
    dag = parse_dag(monkeypatch, LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(home), **settings)
    run = dag.test(logical_date=run_date, run_conf=conf)
    return {"run": run.state, **{ti.task_id: ti.state for ti in run.get_task_instances()}}


def assert_serves(base_url: str, home: Path, version: str) -> None:
    customer = customer_ids(home, version)[0]

    status, vector = http_get(f"{base_url}/features/{customer}")

    assert status == 200, vector
    assert json.dumps(vector).count(version) >= 1
    assert customer in json.dumps(vector)


@pytest.fixture
def home(tmp_path):
    """A store home the containers' user (uid 10001) may write as well."""
    folder = tmp_path / "home"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


ALL_SUCCESS = {
    "run": "success",
    "generate": "success",
    "compute": "success",
    "validate": "success",
    "publish": "success",
}


def test_local_run_publishes_a_version_that_the_api_serves(monkeypatch, home):
    states = run_dag(monkeypatch, "local", home, RUN_DATE)

    assert states == ALL_SUCCESS
    [(version, status, is_latest)] = published_versions(home)
    assert (status, is_latest) == ("published", True)
    assert version.startswith("v20261124T000000Z")
    with served_by_launcher(home) as base_url:
        assert_serves(base_url, home, version)


def test_local_rerun_of_a_date_publishes_the_same_version_again(monkeypatch, home):
    run_dag(monkeypatch, "local", home, RUN_DATE)
    first = published_versions(home)

    states = run_dag(monkeypatch, "local", home, RUN_DATE)

    assert states == ALL_SUCCESS
    assert [row[:2] for row in published_versions(home)] == [row[:2] for row in first]


def test_local_run_failing_the_gate_leaves_the_previous_version_serving(monkeypatch, home):
    run_dag(monkeypatch, "local", home, RUN_DATE)
    previous = latest_version(home)

    # A tenth of the customers is a 90% drop in rows, past the gate's 50% bound.
    states = run_dag(monkeypatch, "local", home, NEXT_DATE, {"events": 2_000, "customers": 200})

    assert states["run"] == "failed"
    assert (states["validate"], states["publish"]) == ("failed", "upstream_failed")
    assert latest_version(home) == previous
    assert [status for _, status, _ in published_versions(home)].count("published") == 1
    with served_by_launcher(home) as base_url:
        assert_serves(base_url, home, previous)


def test_local_run_with_an_online_store_materializes_the_version_that_redis_mode_serves(
    monkeypatch, home, tmp_path
):
    with redis_server(tmp_path / "redis") as port:
        online = f"redis://127.0.0.1:{port}"

        states = run_dag(monkeypatch, "local", home, RUN_DATE, LOYALTYLENS_ONLINE=online)

        assert states == ALL_SUCCESS
        version = latest_version(home)
        assert redis_cli(port, "GET", "{loyaltylens}:current") == version
        assert redis_cli(port, "HGET", f"{{loyaltylens}}:version:{version}", "state") == "complete"
        with served_by_launcher(home, online=online) as base_url:
            assert_serves(base_url, home, version)


def test_local_run_on_own_events_ingests_them_in_place_of_generating(monkeypatch, home, tmp_path):
    own_events = tmp_path / "landing" / "2026-11-23"
    small = ["--events", "20000", "--customers", "2000", "--seed", "3"]
    loyaltylens("generate", *small, "--as-of", "2026-11-24T00:00:00Z", "--out", str(own_events))

    states = run_dag(monkeypatch, "local", home, RUN_DATE, LOYALTYLENS_EVENTS_DIR=str(own_events.parent))

    assert states == {
        "run": "success",
        "ingest": "success",
        "compute": "success",
        "validate": "success",
        "publish": "success",
    }
    assert not (home / "events").exists()
    with served_by_launcher(home) as base_url:
        assert_serves(base_url, home, latest_version(home))


@pytest.fixture(scope="module")
def docker_run(tmp_path_factory):
    """One run of the DAG with the Docker runner, shared by the Docker tests."""
    require_docker_engine()
    home = tmp_path_factory.mktemp("docker") / "home"
    home.mkdir()
    home.chmod(0o777)
    with pytest.MonkeyPatch.context() as monkeypatch:
        states = run_dag(monkeypatch, "docker", home, RUN_DATE)
    return home, states


@pytest.mark.docker
def test_kubernetes_entry_point_hands_the_version_id_to_xcom(docker_run):
    home, _ = docker_run
    xcom = home.parent / "xcom"
    xcom.mkdir(mode=0o777, exist_ok=True)
    xcom.chmod(0o777)

    mounts = ["-v", f"{home}:/data", "-v", f"{xcom}:/airflow/xcom"]
    compute = ["compute", "--events", "/data/events/20261124T000000Z", "--as-of", "2026-11-24T00:00:00Z"]
    pod = ["docker", "run", "--rm", "--network", "host", *mounts, "--entrypoint", "/app/bin/with-xcom"]

    subprocess.run([*pod, TASKS_IMAGE, *compute], check=True, capture_output=True)

    assert json.loads((xcom / "return.json").read_text()) == latest_version(home)


@pytest.mark.docker
def test_docker_run_publishes_a_version_that_the_api_image_serves(docker_run):
    home, states = docker_run

    assert states == ALL_SUCCESS
    [(version, status, is_latest)] = published_versions(home)
    assert (status, is_latest) == ("published", True)
    with served_by_api_image(home) as base_url:
        assert_serves(base_url, home, version)
