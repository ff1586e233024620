"""
# LoyaltyLens features

Computes the customer feature table as of the end of each day and publishes it to the serving API.

`generate` → `compute` → `validate` → `publish`, one task per verb of the `loyaltylens` CLI:

- **generate** writes the day's synthetic events (Parquet) into the store's home, under
  `events/<as-of>`. When the setting `LOYALTYLENS_EVENTS_DIR` names a folder of your own events,
  an **ingest** step takes its place: it checks that the folder holds Parquet files, and `compute`
  reads them from there.
- **compute** turns the events before the run's as-of instant into a candidate version and hands
  its id to the next tasks (XCom: the last line it prints).
- **validate** runs the gate; a failure fails the run and the previous version keeps serving.
- **publish** makes the version the one the API serves. With `LOYALTYLENS_ONLINE` set, it also
  materializes the version in that online store (Redis) first, and points the store at it once the
  registry calls it published; the API replicas that serve from Redis (`serve --online`) follow.

The as-of instant is the end of the run's data interval, as an ISO-8601 instant in UTC. Reruns of a
date are idempotent: the version id derives from the inputs and republishing is a no-op.

## Settings (environment variables of the scheduler and workers)

- `LOYALTYLENS_RUNNER`: `docker` (default, one container per task), `kubernetes` (one pod per
  task) or `local` (processes started from the repository, for a laptop).
- `LOYALTYLENS_HOME`: the store's folder on this machine, for `local` and `docker`; default
  `<repository>/data`.
- `LOYALTYLENS_EVENTS_DIR`: a folder of your own event files; `ingest` replaces `generate`. For
  `kubernetes`, a path the pods see, e.g. on the volume.
- `LOYALTYLENS_TASKS_IMAGE`: the tasks image; default `loyaltylens-tasks:latest`.
- `LOYALTYLENS_CONTAINER_USER`: `uid:gid` the containers run as, e.g. the owner of
  `LOYALTYLENS_HOME` (`docker`); default the image's user, uid 10001.
- `LOYALTYLENS_NAMESPACE` and `LOYALTYLENS_PVC`: the pods' namespace and the claim mounted at `/data`
  (`kubernetes`); default `default` and `loyaltylens-data`.
- `LOYALTYLENS_REPO`: where `./loyaltylens` is (`local`); default the folder above `dags/`.
- `LOYALTYLENS_ENGINE`: the engine `compute` runs the templates on, `duckdb` (default, in the task)
  or `spark`; `LOYALTYLENS_SPARK_MASTER` says where Spark runs (`local[N]` or
  `spark://HOST:PORT`; default `local[*]`), and for `docker` and `kubernetes` the compute task runs
  `LOYALTYLENS_SPARK_IMAGE` (default `loyaltylens-tasks-spark:latest`), the tasks image with the
  Spark engine, which docker/build-images.sh builds.
- `LOYALTYLENS_ONLINE`: the online store `publish` loads each version into, `redis://HOST:PORT` or
  `HOST:PORT,HOST:PORT,...` for a Redis Cluster, as the tasks reach it (the containers run on the host
  network; pods need an address of the cluster, such as a Service name); default none.

The writer tasks share the one-slot pool `loyaltylens_duckdb_writer`, since one process at a time may
write the DuckDB store: create it once with `airflow pools set loyaltylens_duckdb_writer 1 "DuckDB store"`.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from airflow.sdk import DAG, Param

WRITER_POOL = "loyaltylens_duckdb_writer"
CONTAINER_HOME = "/data"
CONTAINER_EVENTS = "/events"
IMAGE_UID = 10001

AS_OF = "{{ as_of_instant(data_interval_end or dag_run.run_after) }}"
EVENTS_FOLDER = "events/{{ as_of_folder(data_interval_end or dag_run.run_after) }}"
VERSION = '{{ ti.xcom_pull(task_ids="compute") }}'

# Counts Parquet files at any depth of the folder given as $0; the CLI checks every row later.
# (No `{#` in here: Jinja would read it as the start of a comment.)
CHECK_EVENTS_SCRIPT = (
    'shopt -s globstar nullglob; set -- "$0"/**/*.parquet; '
    'if [ $# -eq 0 ]; then echo "no Parquet event files under $0 (LOYALTYLENS_EVENTS_DIR)" >&2; exit 1; fi; '
    'echo "$# Parquet event files under $0"'
)


@dataclass(frozen=True)
class Settings:
    """The DAG's settings, read once from the environment."""

    runner: str
    home: Path
    events_dir: str | None
    tasks_image: str
    container_user: str | None
    namespace: str
    pvc: str
    repo: Path
    online: str | None
    engine: str = "duckdb"
    spark_master: str | None = None
    spark_image: str = "loyaltylens-tasks-spark:latest"

    @classmethod
    def from_environment(cls, env: dict[str, str]) -> Settings:
        repo = Path(env.get("LOYALTYLENS_REPO") or Path(__file__).resolve().parent.parent)
        runner = env.get("LOYALTYLENS_RUNNER", "docker")
        if runner not in ("docker", "kubernetes", "local"):
            raise ValueError(f"LOYALTYLENS_RUNNER={runner!r}: use docker, kubernetes or local")
        engine = env.get("LOYALTYLENS_ENGINE") or "duckdb"
        if engine not in ("duckdb", "spark"):
            raise ValueError(f"LOYALTYLENS_ENGINE={engine!r}: use duckdb or spark")
        return cls(
            runner=runner,
            home=Path(env.get("LOYALTYLENS_HOME") or repo / "data").resolve(),
            events_dir=env.get("LOYALTYLENS_EVENTS_DIR") or None,
            tasks_image=env.get("LOYALTYLENS_TASKS_IMAGE", "loyaltylens-tasks:latest"),
            container_user=env.get("LOYALTYLENS_CONTAINER_USER") or None,
            namespace=env.get("LOYALTYLENS_NAMESPACE", "default"),
            pvc=env.get("LOYALTYLENS_PVC", "loyaltylens-data"),
            repo=repo,
            online=env.get("LOYALTYLENS_ONLINE") or None,
            engine=engine,
            spark_master=env.get("LOYALTYLENS_SPARK_MASTER") or None,
            spark_image=env.get("LOYALTYLENS_SPARK_IMAGE", "loyaltylens-tasks-spark:latest"),
        )

    @property
    def engine_args(self) -> list[str]:
        """The compute arguments that choose the engine: none for DuckDB, the default."""
        if self.engine == "duckdb":
            return []
        return ["--engine", "spark", *(["--spark-master", self.spark_master] if self.spark_master else [])]

    @property
    def compute_image(self) -> str:
        """The image of the compute task: Spark's jars are in their own image."""
        return self.spark_image if self.engine == "spark" else self.tasks_image

    @property
    def task_home(self) -> str:
        """The store's folder as the tasks see it."""
        return str(self.home) if self.runner == "local" else CONTAINER_HOME

    @property
    def online_args(self) -> list[str]:
        """What `publish` is given to materialize in the online store, when one is set."""
        return ["--online", self.online] if self.online else []

    @property
    def task_events_dir(self) -> str | None:
        """The user's events folder as the tasks see it (a pod sees the path as given)."""
        if self.events_dir is None:
            return None
        if self.runner == "docker":
            return CONTAINER_EVENTS
        return str(Path(self.events_dir).resolve()) if self.runner == "local" else self.events_dir


def as_of_instant(moment: datetime) -> str:
    """The run's as-of instant as the CLI takes it: `2026-11-24T00:00:00Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_of_folder(moment: datetime) -> str:
    """A folder name for the run's events, without characters that paths dislike."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def cli_task(
    settings: Settings,
    task_id: str,
    args: list[str],
    *,
    returns_version: bool = False,
    image: str | None = None,
    **kwargs,
):
    """One task running `loyaltylens <args>` with the configured runner (in `image` for containers)."""
    if settings.runner == "local":
        return _local_process(settings, task_id, ["./loyaltylens", *args], returns_version, **kwargs)
    image = image or settings.tasks_image
    if settings.runner == "docker":
        return _docker_container(settings, task_id, None, args, returns_version, image=image, **kwargs)
    entrypoint = ["/app/bin/with-xcom"] if returns_version else None
    return _kubernetes_pod(settings, task_id, entrypoint, args, returns_version, image=image, **kwargs)


def check_events_task(settings: Settings, **kwargs):
    """The `ingest` task: the user's events folder must hold Parquet files."""
    check = [CHECK_EVENTS_SCRIPT, settings.task_events_dir]
    if settings.runner == "local":
        return _local_process(settings, "ingest", ["bash", "-c", *check], False, **kwargs)
    if settings.runner == "docker":
        return _docker_container(settings, "ingest", ["bash", "-c"], check, False, **kwargs)
    return _kubernetes_pod(settings, "ingest", ["bash", "-c"], check, False, **kwargs)


def _local_process(settings: Settings, task_id, command, returns_version, **kwargs):
    from airflow.providers.standard.operators.bash import BashOperator

    return BashOperator(
        task_id=task_id,
        bash_command=" ".join(shlex.quote(part) for part in command),
        cwd=str(settings.repo),
        do_xcom_push=returns_version,
        **kwargs,
    )


def _docker_container(
    settings: Settings, task_id, entrypoint, command, returns_version, image=None, **kwargs
):
    from airflow.providers.docker.operators.docker import DockerOperator
    from docker.types import Mount

    mounts = [Mount(target=CONTAINER_HOME, source=str(settings.home), type="bind")]
    if settings.events_dir is not None:
        source = str(Path(settings.events_dir).resolve())
        mounts.append(Mount(target=CONTAINER_EVENTS, source=source, type="bind", read_only=True))
    return DockerOperator(
        task_id=task_id,
        image=image or settings.tasks_image,
        entrypoint=entrypoint,
        command=command,
        user=settings.container_user,
        network_mode="host",
        mounts=mounts,
        mount_tmp_dir=False,
        auto_remove="success",
        do_xcom_push=returns_version,
        **kwargs,
    )


def _kubernetes_pod(
    settings: Settings, task_id, entrypoint, arguments, returns_version, image=None, **kwargs
):
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
    from kubernetes.client import models as k8s

    return KubernetesPodOperator(
        task_id=task_id,
        name=f"loyaltylens-{task_id}",
        namespace=settings.namespace,
        image=image or settings.tasks_image,
        image_pull_policy="IfNotPresent",
        cmds=entrypoint,
        arguments=arguments,
        volumes=[
            k8s.V1Volume(
                name="loyaltylens-home",
                persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(claim_name=settings.pvc),
            )
        ],
        volume_mounts=[k8s.V1VolumeMount(name="loyaltylens-home", mount_path=CONTAINER_HOME)],
        security_context=k8s.V1PodSecurityContext(
            run_as_non_root=True, run_as_user=IMAGE_UID, run_as_group=IMAGE_UID, fs_group=IMAGE_UID
        ),
        do_xcom_push=returns_version,
        get_logs=True,
        on_finish_action="delete_succeeded_pod",
        **kwargs,
    )


settings = Settings.from_environment(dict(os.environ))

with DAG(
    dag_id="loyaltylens_features",
    description="Daily customer features: generate or ingest, compute, validate, publish",
    doc_md=__doc__,
    schedule="@daily",
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["loyaltylens"],
    user_defined_macros={"as_of_instant": as_of_instant, "as_of_folder": as_of_folder},
    params={
        "events": Param(50_000, type="integer", minimum=1, description="synthetic events to generate"),
        "customers": Param(5_000, type="integer", minimum=1, description="synthetic customers"),
        "days": Param(180, type="integer", minimum=1, description="days of events before the as-of instant"),
        "seed": Param(42, type="integer", description="generator seed: same seed, same events"),
    },
    default_args={"retries": 2, "retry_delay": timedelta(minutes=2)},
) as dag:
    home = settings.task_home

    if settings.events_dir is None:
        events = f"{home}/{EVENTS_FOLDER}"
        source = cli_task(
            settings,
            "generate",
            [
                "generate",
                "--events",
                "{{ params.events }}",
                "--customers",
                "{{ params.customers }}",
                "--days",
                "{{ params.days }}",
                "--seed",
                "{{ params.seed }}",
                "--as-of",
                AS_OF,
                "--out",
                events,
            ],
            execution_timeout=timedelta(hours=1),
        )
    else:
        events = settings.task_events_dir
        source = check_events_task(settings, execution_timeout=timedelta(minutes=10))

    compute = cli_task(
        settings,
        "compute",
        ["compute", "--events", events, "--as-of", AS_OF, "--home", home, *settings.engine_args],
        returns_version=True,
        image=settings.compute_image,
        pool=WRITER_POOL,
        execution_timeout=timedelta(hours=2),
    )
    validate = cli_task(
        settings,
        "validate",
        ["validate", "--home", home, "--version", VERSION],
        pool=WRITER_POOL,
        execution_timeout=timedelta(minutes=30),
        # The gate's verdict on a version does not change on a second try.
        retries=0,
    )
    publish = cli_task(
        settings,
        "publish",
        ["publish", "--home", home, "--version", VERSION, *settings.online_args],
        pool=WRITER_POOL,
        execution_timeout=timedelta(minutes=15),
    )

    source >> compute >> validate >> publish
