"""The drop-in image's swap of the old web UI's supervisord program for triplo-config."""

import configparser
import importlib.util

from tests.support.processes import ROOT

_spec = importlib.util.spec_from_file_location(
    "webui_program", ROOT / "docker" / "triplo" / "webui_program.py"
)
webui_program = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(webui_program)

# The shape of the upstream entrypoint's generated configuration (headless mode; the noVNC mode
# runs the old web UI on 5000 behind nginx and has more programs).
UPSTREAM = """[unix_http_server]
file=/var/run/supervisor.sock
chmod=0700

[program:xvfb]
command=/usr/bin/Xvfb :1 -screen 0 %(ENV_DISPLAY_WIDTH)sx%(ENV_DISPLAY_HEIGHT)sx24
autostart=true

[program:webui]
command=/usr/local/bin/gunicorn -w 2 -b 0.0.0.0:{port} app:app
directory=/opt/webui
autostart=true
priority=300
stdout_logfile=/var/log/supervisor/webui.log

[program:triplo]
command=/opt/triplo/triplo-ai/triplo.ai --no-sandbox --disable-gpu
priority=200
"""


def sections(text: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=True)
    parser.read_string(text)
    return parser


def test_the_webui_program_runs_triplo_config_on_the_same_port():
    for port in ("8080", "5000"):
        swapped = sections(webui_program.swap_webui(UPSTREAM.format(port=port)))
        webui = swapped["program:webui"]
        assert webui["command"] == webui_program.gunicorn_command(f"0.0.0.0:{port}")
        assert "--no-control-socket" in webui["command"]
        assert webui["directory"] == "/opt/triplo-config/app"
        assert (webui["priority"], webui["stdout_logfile"]) == (
            "300",
            "/var/log/supervisor/webui.log",
        )


def test_everything_else_is_kept_as_it_was():
    original = sections(UPSTREAM.format(port="8080"))
    swapped = sections(webui_program.swap_webui(UPSTREAM.format(port="8080")))
    assert swapped.sections() == original.sections()
    for name in original.sections():
        if name != "program:webui":
            assert dict(swapped[name]) == dict(original[name])


def test_a_layout_without_the_old_web_ui_gets_one_on_8080():
    without = UPSTREAM.format(port="8080").split("[program:webui]")[0]
    swapped = sections(webui_program.swap_webui(without))
    assert swapped["program:webui"]["command"] == webui_program.gunicorn_command("0.0.0.0:8080")
