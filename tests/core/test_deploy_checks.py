"""`manage.py check --deploy --fail-level WARNING` passes with the container's settings."""

import pytest

from tests.support.processes import manage, project_env


@pytest.mark.parametrize("https", ["false", "true"])
def test_deploy_checks_pass(tmp_path, https):
    env = project_env(tmp_path / "data", tmp_path / "config.json", TRIPLO_HTTPS=https)
    done = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
