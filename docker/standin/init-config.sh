#!/bin/sh
# Stand-in of the upstream init-config.sh: on every start, config.json is rewritten from the
# environment (here only the LLM variables and one preference; upstream writes about 40).
set -eu
mkdir -p "/root/.config/Triplo AI"
python3 - <<'PY'
import json
import os

env = os.environ.get
settings = {
    "ai_source": env("TRIPLO_AI_SOURCE") or "open_ai",
    "openai_key": env("OPENAI_API_KEY", ""),
    "openrouter_key": env("OPENROUTER_API_KEY", ""),
    "anthropic_key": env("ANTHROPIC_API_KEY", ""),
    "openai_model": env("TRIPLO_OPENAI_MODEL") or "gpt-4o-mini",
    "temperature": float(env("TRIPLO_TEMPERATURE") or 0.5),
    "presence_penalty": float(env("TRIPLO_PRESENCE_PENALTY") or 0),
    "color_scheme": env("TRIPLO_COLOR_SCHEME") or "auto",
    "llm_key": env("TRIPLO_LLM_KEY") or "st4n-d1n0-k3y0-0000",
}
with open("/root/.config/Triplo AI/config.json", "w", encoding="utf-8") as handle:
    json.dump({"version": "5.4.0", "settings": settings}, handle, indent=2)
PY
echo "Config file generated at /root/.config/Triplo AI/config.json"
