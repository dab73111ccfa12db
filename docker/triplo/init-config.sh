#!/bin/sh
# In this image the upstream entrypoint runs this in place of its init-config.sh, on every start.
# Instead of rewriting config.json from the environment each time, triplo-config's bootstrap
# prepares its database and seeds config.json from the same variables on the first start only;
# after that the stored profiles and Triplo's own settings win. A failure is printed and the
# entrypoint goes on, so the page still starts and shows what is wrong.
cd "${TRIPLO_CONFIG_HOME:-/opt/triplo-config}/app" \
  && "${TRIPLO_CONFIG_HOME:-/opt/triplo-config}/venv/bin/python" manage.py bootstrap
