from __future__ import annotations

from pathlib import Path

import yaml
from prefect.flows import load_flow_from_entrypoint

REPO = Path(__file__).resolve().parents[2]


def test_prefect_yaml_points_at_the_daily_digest_flow() -> None:
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = config["deployments"]
    assert deployment["name"] == "daily"
    assert deployment["work_pool"]["name"] == "digest-pool"
    assert deployment["schedules"][0]["cron"] == "0 6 * * *"
    assert deployment["concurrency_limit"] == 1  # one run at a time
    flow = load_flow_from_entrypoint(str(REPO / deployment["entrypoint"]))
    assert flow.name == "daily-digest"
    assert {"sources", "date", "outbox", "delivery", "max_items", "summarizer", "dry_run"} <= set(
        flow.parameters.properties
    )
