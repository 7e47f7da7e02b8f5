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
          timezone: str | None = None) -> None:
    """Register the deployment with its schedule and run the scheduled runs until interrupted."""
    if not api_url():
        raise NoPrefectServer(
            "scheduling needs a Prefect server, and PREFECT_API_URL is not set. Start one with "
            '`eval "$(scripts/prefect-server.sh start)"` (see docs/SCHEDULING.md), or schedule '
            "`newsclaims run` with an OS cron line instead."
        )
    settings = _scheduled_settings(settings)
    # pause_on_shutdown=False: a restarted `newsclaims serve` finds its schedule active
    served_flow(settings).serve(**_options(paths, settings, cron, name, timezone), global_limit=ONE_AT_A_TIME,
                                pause_on_shutdown=False)
