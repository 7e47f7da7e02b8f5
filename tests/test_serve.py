"""Scheduled runs: the deployment `newsclaims serve` registers, its schedule and parameters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT, SEEDS

CRON = "*/15 * * * *"


@pytest.fixture
def settings(tmp_path):
    from flows.settings import get_settings

    return get_settings(db=tmp_path / "w.duckdb", batch_size=50, strict=True)


def test_deployment_keeps_the_flow_name_and_carries_the_cron_schedule(settings):
    from flows.serve import DEPLOYMENT_NAME, build_deployment

    dep = build_deployment([SEEDS], settings, CRON)
    assert (dep.flow_name, dep.name) == ("ingest_articles", DEPLOYMENT_NAME)
    assert [s.schedule.cron for s in dep.schedules] == [CRON]
    assert all(s.active for s in dep.schedules)
    assert dep.concurrency_limit == 1  # a run due while the last one works waits for it


def test_deployment_parameters_are_json_and_validate_back_into_the_settings(settings):
    import cloudpickle

    from flows.serve import build_deployment, served_flow

    dep = build_deployment([SEEDS], settings, CRON)
    sent = json.loads(json.dumps(dep.parameters))  # what the server stores
    assert sent["paths"] == [str(SEEDS.resolve())]
    # the served process runs each scheduled run from a pickle of the flow, which validates there
    flow_there = cloudpickle.loads(cloudpickle.dumps(served_flow(settings)))
    assert flow_there.name == "ingest_articles"
    bound = flow_there.validate_parameters(sent)
    # scheduled runs are incremental: 'auto' is served as one thread
    assert bound["settings"] == settings.model_copy(update={"task_runner": "thread", "workers": 1})
    assert (bound["settings"].db, bound["settings"].batch_size, bound["settings"].strict) == \
        (settings.db, 50, True)


@pytest.mark.parametrize("runner, workers", [("process", 2), ("dask", 3)])
def test_an_explicit_task_runner_is_kept(settings, runner, workers):
    from flows.serve import build_deployment

    chosen = settings.model_copy(update={"task_runner": runner, "workers": workers})
    dep = build_deployment([SEEDS], chosen, CRON)
    assert (dep.parameters["settings"]["task_runner"], dep.parameters["settings"]["workers"]) == (runner, workers)


@pytest.mark.slow
def test_deployment_registers_on_a_prefect_server_with_its_schedule_and_parameters(settings):
    """Applied to the test session's Prefect server and read back through the API."""
    from prefect.client.orchestration import get_client

    from flows.serve import build_deployment

    name = f"test-{uuid.uuid4().hex[:8]}"
    dep = build_deployment([SEEDS], settings, CRON, name=name, timezone="Europe/Berlin")
    deployment_id = dep.apply()
    with get_client(sync_client=True) as client:
        try:
            stored = client.read_deployment_by_name(f"ingest_articles/{name}")
            assert stored.id == deployment_id
            assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in stored.schedules] == \
                [(CRON, "Europe/Berlin", True)]
            assert stored.parameters == json.loads(json.dumps(dep.parameters))
            assert stored.global_concurrency_limit.limit == 1
        finally:
            client.delete_deployment(deployment_id)


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def test_serve_without_a_prefect_server_refuses_and_says_how(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_PROFILES_PATH"] = str(tmp_path / "profiles.toml")  # no profile with an API URL either
    done = _cli("serve", "--cron", CRON, "--db", str(tmp_path / "w.duckdb"), env=env)
    assert done.returncode == 2, done.stderr
    assert "PREFECT_API_URL" in done.stderr and "docs/SCHEDULING.md" in done.stderr


def test_serve_rejects_a_bad_cron(tmp_path):
    done = _cli("serve", "--cron", "every quarter hour", "--db", str(tmp_path / "w.duckdb"))
    assert done.returncode == 2
    assert "bad --cron" in done.stderr


def test_serve_refuses_a_missing_input_path_before_it_registers_anything(tmp_path):
    done = _cli("serve", "--cron", CRON, "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "nope"))
    assert done.returncode == 2
    assert "input path does not exist" in done.stderr and "nope" in done.stderr
    assert not (tmp_path / "w.duckdb").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_served_run_on_a_real_server_shows_in_prefects_own_cli_and_serve_stops_cleanly(tmp_path):
    """A real `prefect server`, `newsclaims serve`, a triggered run; then Prefect's CLI (flow-run ls,
    deployment ls, flow-run logs, artifact inspect) answers, with the pinned fastapi (HTTP 422 before);
    SIGINT then SIGTERM stop serve at once, without 'coroutine ... never awaited'."""
    import signal
    import time

    import duckdb

    from tests.conftest import query

    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_API_PORT": str(_free_port()),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    script = str(ROOT / "scripts" / "prefect-server.sh")
    started = subprocess.run(["bash", script, "start"], env=env, capture_output=True, text=True, timeout=150)
    assert started.returncode == 0, started.stderr
    env["PREFECT_API_URL"] = started.stdout.strip().split("=", 1)[1]
    prefect = str(ROOT / ".venv" / "bin" / "prefect") if (ROOT / ".venv" / "bin" / "prefect").exists() else "prefect"

    def prefect_cli(*args):
        return subprocess.run([prefect, *args], env={**env, "COLUMNS": "250"}, capture_output=True, text=True,
                              timeout=120)

    db = tmp_path / "w.duckdb"
    name = f"t-{uuid.uuid4().hex[:6]}"
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--cron", "0 3 * * *", "--db",
                                     str(db), "--name", name, str(SEEDS)], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                assert "serving until Ctrl-C or SIGTERM" in proc.stdout.readline()
                if signum == signal.SIGINT:  # one triggered run, seen through Prefect's CLI
                    trig = prefect_cli("deployment", "run", f"ingest_articles/{name}")
                    assert trig.returncode == 0, trig.stdout + trig.stderr
                    deadline = time.monotonic() + 240
                    while time.monotonic() < deadline:
                        try:
                            if db.exists() and query(db, "select count(*) from pipeline_runs "
                                                         "where status = 'success'") == [(1,)]:
                                break
                        except duckdb.IOException:  # the run holds the file while it writes
                            pass
                        time.sleep(2)
                    (flow_run_id,) = query(db, "select flow_run_id from pipeline_runs where status = 'success'")[0]
                    runs = prefect_cli("flow-run", "ls")
                    assert runs.returncode == 0, runs.stdout + runs.stderr
                    assert flow_run_id in runs.stdout and "ingest_articles" in runs.stdout
                    deps = prefect_cli("deployment", "ls")
                    assert deps.returncode == 0 and name in deps.stdout, deps.stdout + deps.stderr
                    for _ in range(30):  # the run's state settles a moment after its commit
                        if "COMPLETED" in prefect_cli("flow-run", "ls").stdout:
                            break
                        time.sleep(1)
                    logs = prefect_cli("flow-run", "logs", flow_run_id)
                    assert logs.returncode == 0 and "5 files seen = 5 new" in logs.stdout, logs.stdout + logs.stderr
                    art = prefect_cli("artifact", "inspect", "newsclaims-run")
                    assert art.returncode == 0 and "| 5 | 5 | 0 | 0 | 0 | 0 | 0 |" in art.stdout, art.stdout
                proc.send_signal(signum)
                out, err = proc.communicate(timeout=30)
            finally:
                if proc.poll() is None:
                    proc.kill()
            assert proc.returncode == 0, err
            assert f"stopped by {signal.Signals(signum).name}" in out
            assert "never awaited" not in err and "Traceback" not in err, err
    finally:
        subprocess.run(["bash", script, "stop"], env=env, capture_output=True, timeout=60)
