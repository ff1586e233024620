"""The DAG as the scheduler parses it, for each of the three runners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

RUNNERS = ("docker", "kubernetes", "local")
WRITERS = ("compute", "validate", "publish")


@pytest.mark.parametrize("runner", RUNNERS)
def test_dag_folder_imports_without_errors(load_dag, runner, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path))

    assert dag is not None
    assert dag.doc_md.lstrip().startswith("# LoyaltyLens features")


@pytest.mark.parametrize("runner", RUNNERS)
def test_tasks_run_in_the_order_of_the_cli_verbs(load_dag, runner, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path))

    assert [task.task_id for task in dag.topological_sort()] == ["generate", "compute", "validate", "publish"]
    assert dag.get_task("compute").upstream_task_ids == {"generate"}
    assert dag.get_task("validate").upstream_task_ids == {"compute"}
    assert dag.get_task("publish").upstream_task_ids == {"validate"}


@pytest.mark.parametrize("runner", RUNNERS)
def test_own_events_folder_puts_ingest_in_place_of_generate(load_dag, runner, tmp_path):
    dag = load_dag(
        LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path), LOYALTYLENS_EVENTS_DIR="/srv/events"
    )

    assert [task.task_id for task in dag.topological_sort()] == ["ingest", "compute", "validate", "publish"]


def test_unknown_runner_is_an_import_error_that_names_the_choices(monkeypatch):
    monkeypatch.setenv("LOYALTYLENS_RUNNER", "nomad")
    from airflow.dag_processing.dagbag import DagBag

    errors = DagBag(dag_folder=Path(__file__).resolve().parents[1]).import_errors

    assert "use docker, kubernetes or local" in "".join(errors.values())


def test_dag_runs_daily_one_run_at_a_time(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_HOME=str(tmp_path))

    assert dag.max_active_runs == 1
    assert not dag.catchup
    assert dag.schedule == "@daily"


def test_writer_tasks_share_the_one_slot_pool(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_HOME=str(tmp_path))

    assert {task.task_id for task in dag.tasks if task.pool == "loyaltylens_duckdb_writer"} == set(WRITERS)


def test_every_task_has_a_timeout_and_only_the_gate_is_never_retried(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_HOME=str(tmp_path))

    assert all(task.execution_timeout and task.execution_timeout <= timedelta(hours=2) for task in dag.tasks)
    assert {task.task_id: task.retries for task in dag.tasks} == {
        "generate": 2,
        "compute": 2,
        "validate": 0,
        "publish": 2,
    }


def test_as_of_is_an_iso_instant_in_utc():
    from loyaltylens_features import as_of_folder, as_of_instant

    end_of_day = datetime(2026, 11, 24, tzinfo=UTC)

    assert as_of_instant(end_of_day) == "2026-11-24T00:00:00Z"
    assert as_of_instant(datetime.fromisoformat("2026-11-24T01:00:00+01:00")) == "2026-11-24T00:00:00Z"
    assert as_of_folder(end_of_day) == "20261124T000000Z"


def test_docker_tasks_run_the_tasks_image_on_the_host_network_with_the_home_mounted(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER="docker", LOYALTYLENS_HOME=str(tmp_path))
    compute = dag.get_task("compute")

    assert compute.image == "loyaltylens-tasks:latest"
    assert compute.network_mode == "host"
    assert [(m["Target"], m["Source"], m["Type"]) for m in compute.mounts] == [
        ("/data", str(tmp_path), "bind")
    ]
    assert compute.command[:2] == ["compute", "--events"]
    assert compute.do_xcom_push
    assert not dag.get_task("publish").do_xcom_push


def test_docker_ingest_checks_the_own_events_folder_mounted_read_only(load_dag, tmp_path):
    dag = load_dag(
        LOYALTYLENS_RUNNER="docker", LOYALTYLENS_HOME=str(tmp_path), LOYALTYLENS_EVENTS_DIR=str(tmp_path)
    )
    ingest, compute = dag.get_task("ingest"), dag.get_task("compute")

    assert ("/events", str(tmp_path), True) in [
        (m["Target"], m["Source"], m["ReadOnly"]) for m in ingest.mounts
    ]
    assert ingest.entrypoint == ["bash", "-c"]
    assert ingest.command[1] == "/events"
    assert compute.command[:3] == ["compute", "--events", "/events"]


def test_kubernetes_tasks_mount_the_claim_and_hand_the_version_through_the_xcom_file(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER="kubernetes", LOYALTYLENS_PVC="features-store")
    compute, publish = dag.get_task("compute"), dag.get_task("publish")

    assert compute.image == "loyaltylens-tasks:latest"
    assert compute.cmds == ["/app/bin/with-xcom"]
    assert compute.arguments[:2] == ["compute", "--events"]
    assert compute.do_xcom_push
    assert [v.persistent_volume_claim.claim_name for v in compute.volumes] == ["features-store"]
    assert [m.mount_path for m in compute.volume_mounts] == ["/data"]
    assert compute.security_context.run_as_non_root
    assert publish.cmds == []
    assert publish.arguments == [
        "publish",
        "--home",
        "/data",
        "--version",
        '{{ ti.xcom_pull(task_ids="compute") }}',
    ]


def test_local_tasks_run_the_launcher_from_the_repository(load_dag, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER="local", LOYALTYLENS_HOME=str(tmp_path))
    compute = dag.get_task("compute")

    assert compute.cwd == str(Path(__file__).resolve().parents[2])
    assert compute.bash_command.startswith("./loyaltylens compute --events ")
    assert f"--home {tmp_path}" in compute.bash_command


@pytest.mark.parametrize("runner", RUNNERS)
def test_publish_materializes_in_the_online_store_only_when_one_is_set(load_dag, runner, tmp_path):
    online = "redis://127.0.0.1:6390"
    with_online = load_dag(
        LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path), LOYALTYLENS_ONLINE=online
    )
    without = load_dag(LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path))

    def cli_args(dag, task_id: str) -> list[str]:
        task = dag.get_task(task_id)
        if runner == "docker":
            return task.command
        if runner == "kubernetes":
            return task.arguments
        return task.bash_command.split()[1:]

    assert cli_args(with_online, "publish")[-2:] == ["--online", online]
    assert cli_args(without, "publish")[-2:] != ["--online", online]
    assert all("--online" not in cli_args(without, task_id) for task_id in WRITERS)
    assert all("--online" not in cli_args(with_online, task_id) for task_id in ("compute", "validate"))


@pytest.mark.parametrize("runner", RUNNERS)
def test_compute_runs_on_duckdb_unless_spark_is_chosen(load_dag, runner, tmp_path):
    dag = load_dag(LOYALTYLENS_RUNNER=runner, LOYALTYLENS_HOME=str(tmp_path))
    compute = dag.get_task("compute")

    assert "--engine" not in (compute.bash_command if runner == "local" else " ".join(_args(compute)))


def test_spark_engine_reaches_the_local_launcher_with_its_master(load_dag, tmp_path):
    dag = load_dag(
        LOYALTYLENS_RUNNER="local",
        LOYALTYLENS_HOME=str(tmp_path),
        LOYALTYLENS_ENGINE="spark",
        LOYALTYLENS_SPARK_MASTER="spark://127.0.0.1:7077",
    )

    assert dag.get_task("compute").bash_command.endswith(
        "--engine spark --spark-master spark://127.0.0.1:7077"
    )
    assert "--engine" not in dag.get_task("validate").bash_command


@pytest.mark.parametrize("runner", ["docker", "kubernetes"])
def test_spark_engine_runs_compute_in_the_spark_image_with_the_engine_arguments(load_dag, runner, tmp_path):
    dag = load_dag(
        LOYALTYLENS_RUNNER=runner,
        LOYALTYLENS_HOME=str(tmp_path),
        LOYALTYLENS_ENGINE="spark",
        LOYALTYLENS_SPARK_MASTER="spark://spark-master:7077",
    )
    compute, validate = dag.get_task("compute"), dag.get_task("validate")

    assert compute.image == "loyaltylens-tasks-spark:latest"
    assert _args(compute)[-4:] == ["--engine", "spark", "--spark-master", "spark://spark-master:7077"]
    assert validate.image == "loyaltylens-tasks:latest"


def test_unknown_engine_is_an_import_error_that_names_the_choices(monkeypatch):
    monkeypatch.setenv("LOYALTYLENS_ENGINE", "flink")
    from airflow.dag_processing.dagbag import DagBag

    errors = DagBag(dag_folder=Path(__file__).resolve().parents[1]).import_errors

    assert "use duckdb or spark" in "".join(errors.values())


def _args(task) -> list[str]:
    """A container task's arguments to the CLI, on either container runner."""
    return list(task.command if hasattr(task, "command") else task.arguments)
