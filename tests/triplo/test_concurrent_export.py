"""Several processes changing profiles at once: config.json ends with the newest state."""

import json

WORKERS = 4
CHANGES = 3

# Each worker makes its changes; then the workers make one last change each, in worker order,
# and wait for the config.json lock in the reverse order (as a slow or busy process would), so
# the export of the oldest last change writes last. An export that wrote the state it saw before
# the lock, rather than the newest committed one, would leave an older state in the file.
WORKER = """
import contextlib, time
from pathlib import Path
from profiles.credential_services import set_credential
from profiles import services
from triplo import configfile

def barrier(name):
    folder = Path({folder!r}) / name
    folder.mkdir(exist_ok=True)
    (folder / "{worker}").touch()
    deadline = time.monotonic() + 60
    while len(list(folder.iterdir())) < {workers} and time.monotonic() < deadline:
        time.sleep(0.001)

barrier("start")
for step in range({changes}):
    profile = services.create_profile(name="W{worker}-" + str(step), provider="open_ai", model="m")
    services.update_profile(profile.pk, model="model-{worker}-" + str(step))
    set_credential("anthropic", api_key="sk-ant-worker-{worker}-step-" + str(step))
    services.activate_profile(profile.pk)

real_lock = configfile.lock

@contextlib.contextmanager
def slow_lock(*args, **kwargs):
    time.sleep(({workers} - {worker}) * 0.2)
    with real_lock(*args, **kwargs):
        yield

configfile.lock = slow_lock
barrier("last")
time.sleep({worker} * 0.1)
services.update_profile(profile.pk, model="last-{worker}")
print("done")
"""


def test_concurrent_exports_end_with_the_newest_state(site, tmp_path):
    workers = [
        site.start(
            "shell",
            "--no-imports",
            "-c",
            WORKER.format(folder=str(tmp_path), worker=w, workers=WORKERS, changes=CHANGES),
        )
        for w in range(WORKERS)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        assert "done" in out
        assert "Traceback" not in err, err

    settings = json.loads(site.config_path.read_text())["settings"]
    models = {p["name"]: p["model"] for p in settings["llm_profiles"]}
    for w in range(WORKERS):
        for step in range(CHANGES - 1):
            assert models[f"W{w}-{step}"] == f"model-{w}-{step}"
        assert models[f"W{w}-{CHANGES - 1}"] == f"last-{w}"
    # The file holds exactly what a fresh export of the final database state would write.
    check = site.run("export_config")
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == f"already up to date: {site.config_path}"
    assert not list(site.config_path.parent.glob("*.tmp"))
