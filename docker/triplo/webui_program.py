"""Put triplo-config's gunicorn in place of the old web UI's supervisord program, then exec.

The upstream entrypoint writes its supervisord configuration afresh on every start (one layout
for headless mode, one for noVNC, with the old web UI as program `webui` on port 8080 or 5000
behind nginx), so the swap happens at every start too, just before supervisord: the `webui`
section keeps its name, port, priority and logs, and only its command and directory change.

Usage: webui_program.py /usr/bin/supervisord -c CONFIG [more supervisord arguments]
"""

import os
import re
import sys

SECTION = "[program:webui]"
BIND = re.compile(r"(?:-b|--bind)[ =](?P<bind>\S+)")
DEFAULT_BIND = "0.0.0.0:8080"
HOME = os.environ.get("TRIPLO_CONFIG_HOME", "/opt/triplo-config")


def gunicorn_command(bind: str) -> str:
    return (
        f"{HOME}/venv/bin/gunicorn triplo_config.wsgi --workers 2 --bind {bind} "
        "--no-control-socket --access-logfile - --graceful-timeout 10"
    )


def swap_webui(conf: str) -> str:
    """The configuration with the `webui` program running triplo-config on the same address.

    Without a `webui` section (a changed upstream layout) one is added on port 8080.
    """
    lines = conf.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == SECTION]
    if not starts:
        return "\n".join([*lines, "", SECTION, *_program_lines(DEFAULT_BIND), ""])
    start = starts[0]
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
        len(lines),
    )
    body = lines[start + 1 : end]
    command = next((line for line in body if line.strip().startswith("command")), "")
    found = BIND.search(command)
    bind = found.group("bind") if found else DEFAULT_BIND
    kept = [line for line in body if not re.match(r"\s*(command|directory)\s*=", line)]
    return "\n".join([*lines[:start], SECTION, *_program_lines(bind), *kept, *lines[end:], ""])


def _program_lines(bind: str) -> list[str]:
    return [f"command={gunicorn_command(bind)}", f"directory={HOME}/app"]


def main(argv: list[str]) -> None:
    if "-c" not in argv or argv.index("-c") + 1 >= len(argv):
        sys.exit("webui_program.py: expected a supervisord command line with -c CONFIG")
    path = argv[argv.index("-c") + 1]
    with open(path, encoding="utf-8") as handle:
        conf = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(swap_webui(conf))
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
