"""Several processes changing profiles at once: config.json ends with the newest state."""

import json

WORKERS = 4
CHANGES = 3

WORKER = """
import time
from pathlib import Path
from credentials.services import set_credential
from profiles import services

barrier = Path({barrier!r})
(barrier / "{worker}").touch()
deadline = time.monotonic() + 60
while len(list(barrier.iterdir())) < {workers} and time.monotonic() < deadline:
    time.sleep(0.01)
for step in range({changes}):
    profile = services.create_profile(name="W{worker}-" + str(step), provider="open_ai", model="m")
    services.update_profile(profile.pk, model="model-{worker}-" + str(step))
    set_credential("anthropic", api_key="sk-ant-worker-{worker}-step-" + str(step))
    services.activate_profile(profile.pk)
print("done")
"""


def test_concurrent_exports_end_with_the_newest_state(site, tmp_path):
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    workers = [
        site.start(
            "shell",
            "--no-imports",
            "-c",
            WORKER.format(barrier=str(barrier), worker=w, workers=WORKERS, changes=CHANGES),
        )
        for w in range(WORKERS)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        assert "done" in out
        assert "Traceback" not in err, err

    settings = json.loads(site.config_path.read_text())["settings"]
    names = {p["name"] for p in settings["llm_profiles"]}
    assert {f"W{w}-{s}" for w in range(WORKERS) for s in range(CHANGES)} <= names
    assert all(
        p["model"] == f"model-{p['name'][1]}-{p['name'].split('-')[1]}"
        for p in settings["llm_profiles"]
        if p["name"].startswith("W")
    )
    # The file holds exactly what a fresh export of the final database state would write.
    check = site.run("export_config")
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == f"already up to date: {site.config_path}"
    assert not list(site.config_path.parent.glob("*.tmp"))
