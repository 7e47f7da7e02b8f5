"""Scheduled runs: the ``ingest_articles`` flow served as a Prefect deployment on a cron schedule.

    eval "$(scripts/prefect-server.sh start)"      # a Prefect server; exports PREFECT_API_URL
    newsclaims serve --cron "*/15 * * * *" [PATH ...] [--db FILE]

Prefect's temporary server (what a plain ``newsclaims run`` starts) has no
scheduler, so serving needs a real one (``prefect server start``); without
``PREFECT_API_URL`` the command refuses and points at docs/SCHEDULING.md, which
also gives the serverless alternative (an OS cron line calling ``newsclaims run``).

Deployment parameters must be JSON: ``paths`` (absolute) and ``settings`` as
Settings' JSON dump, which the flow validates back into a Settings object. The
deployment keeps the flow's name, ``ingest_articles``; the served process runs
each scheduled run in a subprocess with the task runner chosen here.
"""

from __future__ import annotations

from pathlib import Path

from flows.settings import Settings

DEPLOYMENT_NAME = "newsclaims-scheduled"
# One run of the deployment at a time: a run that comes due while the previous one still
# works waits for it (the run lock would otherwise fail it as busy).
ONE_AT_A_TIME = 1


class NoPrefectServer(RuntimeError):
    pass


def deployment_parameters(paths: list[str | Path], settings: Settings) -> dict:
    """The flow's parameters as JSON values (absolute paths: the served process may run elsewhere)."""
    return {
        "paths": [str(Path(p).resolve()) for p in paths],
        "settings": settings.model_dump(mode="json"),
        "scheduled": True,  # refused by a manual run's lock: a failed row and a message, not silence
    }


def _scheduled_settings(settings: Settings) -> Settings:
    # scheduled runs are incremental (only new files): one process unless told otherwise
    if settings.task_runner == "auto":
        return settings.model_copy(update={"task_runner": "thread", "workers": settings.workers or 1})
    return settings


def _options(paths: list[str | Path], settings: Settings, cron: str, name: str, timezone: str | None) -> dict:
    from prefect.schedules import Cron

    return dict(
        name=name,
        schedules=[Cron(cron, timezone=timezone) if timezone else Cron(cron)],
        parameters=deployment_parameters(paths, settings),
        tags=["newsclaims"],
        description=f"newsclaims ingest of {', '.join(str(p) for p in paths)} into {settings.db}",
    )


def served_flow(settings: Settings):
    """ingest_articles with the task runner the (scheduled) settings name."""
    settings = _scheduled_settings(settings)
    from flows.ingest import ingest_articles
    from flows.runners import task_runner_for

    return ingest_articles.with_options(task_runner=task_runner_for(settings))


def build_deployment(paths: list[str | Path], settings: Settings, cron: str, *, name: str = DEPLOYMENT_NAME,
                     timezone: str | None = None):
    """The RunnerDeployment ``serve`` registers (for inspection and tests; nothing is sent)."""
    settings = _scheduled_settings(settings)
    return served_flow(settings).to_deployment(**_options(paths, settings, cron, name, timezone),
                                               concurrency_limit=ONE_AT_A_TIME)


def api_url() -> str | None:
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def serve(paths: list[str | Path], settings: Settings, cron: str, *, name: str = DEPLOYMENT_NAME,
          timezone: str | None = None, on_ready=None) -> int:
    """Register the deployment with its schedule and run the scheduled runs until SIGINT or SIGTERM.

    Returns the signal number that stopped serving. Both signals stop it the same
    way: the runner's loop is cancelled and its context closes (a run in progress is
    cancelled by Prefect's runner). Handlers are installed explicitly, because a
    shell starts a background job with SIGINT ignored, and Prefect's runner would
    answer SIGTERM by calling its async stop without awaiting it.
    """
    import asyncio
    import signal

    from prefect.runner import Runner

    if not api_url():
        raise NoPrefectServer(
            "scheduling needs a Prefect server, and PREFECT_API_URL is not set. Start one with "
            '`eval "$(scripts/prefect-server.sh start)"` (see docs/SCHEDULING.md), or schedule '
            "`newsclaims run` with an OS cron line instead."
        )
    settings = _scheduled_settings(settings)

    state: dict = {"stop": None, "task": None, "loop": None}

    def request_stop(signum, frame=None) -> None:
        """Any time: remember the signal; once the loop runs, cancel the serving task from it."""
        state["stop"] = state["stop"] or signum
        if state["loop"] is not None:
            state["loop"].call_soon_threadsafe(state["task"].cancel)

    class _Runner(Runner):
        def handle_sigterm(self, *args, **kwargs) -> None:  # Runner.start installs this for SIGTERM
            request_stop(signal.SIGTERM)

    # pause_on_shutdown=False: a restarted `newsclaims serve` finds its schedule active
    runner = _Runner(name=name, pause_on_shutdown=False, limit=ONE_AT_A_TIME)
    runner.add_flow(served_flow(settings), **_options(paths, settings, cron, name, timezone),
                    concurrency_limit=ONE_AT_A_TIME)

    async def main() -> None:
        state["task"], state["loop"] = asyncio.current_task(), asyncio.get_running_loop()
        if state["stop"]:  # a signal came while starting up
            return
        if on_ready is not None:
            on_ready()
        try:
            await runner.start()  # its `async with` closes the runner when cancelled
        except asyncio.CancelledError:
            if not state["stop"]:
                raise

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(main())
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return state["stop"] or 0
