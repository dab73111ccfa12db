// The Triplo container image's remote-desktop (noVNC) switch, kept in platform-settings.json
// beside config.json. The image's entrypoint reads it on start, so a change applies at the next
// container start; anywhere else (no such file) the card stays hidden.

import { $, notify } from "../dom.js";
import { api, firstMessage } from "../request.js";

function show(state) {
  $("#remote-desktop").hidden = !state.available;
  $("#novnc-enabled").checked = Boolean(state.novnc_enabled);
}

async function save() {
  const toggle = $("#novnc-enabled");
  $("#err-novnc_enabled").textContent = "";
  const { ok, data } = await api("PATCH", "/api/triplo/platform", { novnc_enabled: toggle.checked });
  if (ok) {
    show(data);
    notify(`Remote desktop ${data.novnc_enabled ? "on" : "off"} ${data.takes_effect}.`);
    return;
  }
  toggle.checked = !toggle.checked;
  $("#err-novnc_enabled").textContent = firstMessage(data);
}

export async function startRemoteDesktop() {
  $("#novnc-enabled").addEventListener("change", save);
  const { ok, data } = await api("GET", "/api/triplo/platform");
  if (ok) show(data);
}
