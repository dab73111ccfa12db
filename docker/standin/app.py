"""The stand-in's old web UI: answers every request so a test can tell it from triplo-config."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"the old Triplo web UI\n"]
