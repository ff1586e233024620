"""A throwaway Airflow home for the DAG tests, set before anything imports Airflow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

DAGS_FOLDER = Path(__file__).resolve().parents[1]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
WRITER_POOL = "loyaltylens_duckdb_writer"

_airflow_home = tempfile.mkdtemp(prefix="loyaltylens-airflow-")


def pytest_configure(config):
    os.environ.update(
        AIRFLOW_HOME=_airflow_home,
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS_FOLDER),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
    )


def pytest_unconfigure(config):
    shutil.rmtree(_airflow_home, ignore_errors=True)


@pytest.fixture(scope="session")
def airflow_db():
    """A migrated SQLite metadata database with the writer pool, as a real deployment has."""
    subprocess.run([AIRFLOW, "db", "migrate"], check=True, capture_output=True, text=True)
    subprocess.run(
        [AIRFLOW, "pools", "set", WRITER_POOL, "1", "one writer of the DuckDB store at a time"],
        check=True,
        capture_output=True,
        text=True,
    )


def parse_dag(monkeypatch: pytest.MonkeyPatch, **settings: str):
    """Parses the DAG folder with the given LOYALTYLENS_* settings and returns the LoyaltyLens DAG."""
    for name in ("LOYALTYLENS_RUNNER", "LOYALTYLENS_HOME", "LOYALTYLENS_EVENTS_DIR", "LOYALTYLENS_ONLINE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)

    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=DAGS_FOLDER)
    assert bag.import_errors == {}
    return bag.dags["loyaltylens_features"]


@pytest.fixture
def load_dag(monkeypatch):
    """Parses the DAG with settings that last for the test."""
    return lambda **settings: parse_dag(monkeypatch, **settings)
