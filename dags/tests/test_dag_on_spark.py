"""A whole run of the DAG with dag.test() whose compute runs on a real Spark standalone cluster."""

from __future__ import annotations

import time

import pytest
from stack import loyaltylens, published_versions, spark_cluster
from test_dag_runs import ALL_SUCCESS, RUN_DATE, run_dag

pytestmark = pytest.mark.usefixtures("airflow_db")

# A 1 GB worker cannot hold the default 1 GB executor with its overhead, and few shuffle partitions
# suit a small run on two one-core workers. A deployment sets its own.
SMALL_SPARK_RUN = "-Dspark.sql.shuffle.partitions=4 -Dspark.executor.memory=768m"


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_local_run_on_a_spark_cluster_publishes_the_version_spark_computed(monkeypatch, home, tmp_path):
    monkeypatch.setenv("JDK_JAVA_OPTIONS", SMALL_SPARK_RUN)
    with spark_cluster(tmp_path / "spark") as cluster:
        assert cluster.state()["completedapps"] == []

        states = run_dag(
            monkeypatch,
            "local",
            home,
            RUN_DATE,
            {"events": 5_000, "customers": 500},
            LOYALTYLENS_ENGINE="spark",
            LOYALTYLENS_SPARK_MASTER=cluster.url,
        )

        assert states == ALL_SUCCESS
        [(version, status, is_latest)] = published_versions(home)
        assert (status, is_latest) == ("published", True)
        assert version.startswith("v20261124T000000Z")
        # compute was the cluster's one application, and its executors ran in the workers' folders
        [app] = wait_for_completed_apps(cluster)
        assert (app["name"], app["state"]) == ("loyaltylens compute", "FINISHED")
        assert any((tmp_path / "spark" / f"worker-{i}" / app["id"]).is_dir() for i in (1, 2))

    # DuckDB computes the same version id from the same events and templates
    monkeypatch.delenv("LOYALTYLENS_ENGINE")
    monkeypatch.delenv("LOYALTYLENS_SPARK_MASTER")
    events = home / "events" / "20261124T000000Z"
    on_duckdb = loyaltylens(
        "compute",
        "--home",
        str(tmp_path / "duckdb"),
        "--events",
        str(events),
        "--as-of",
        "2026-11-24T00:00:00Z",
    )
    assert on_duckdb.splitlines()[-1] == version


def wait_for_completed_apps(cluster, timeout_s: float = 30) -> list[dict]:
    """The master's finished applications, once it has moved the driver's there (just after it stops)."""
    deadline = time.monotonic() + timeout_s
    while not (apps := cluster.state()["completedapps"]) and time.monotonic() < deadline:
        time.sleep(0.5)
    return apps
