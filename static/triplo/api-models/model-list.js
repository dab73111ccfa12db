// The editor's model choice: the provider's list (cached by the server, refreshed on demand)
// in a select, with "Other model…" for a name typed by hand, which is also the way when the
// provider cannot be asked. The #f-model input always holds the chosen name.

import { $, el, formatTime } from "../dom.js";
import { api, firstMessage } from "../request.js";
import { credentialFor } from "./store.js";

const CUSTOM_MODEL = "__custom__";

const lists = {}; // provider id -> {models, fetchedAt, cached, error}
const pending = {}; // "provider:refresh" -> the request under way, so it is not asked twice
let custom = false; // the user chose "Other model…"

export const hasModels = (providerId) => Boolean(lists[providerId]);

// After a credential change the list may differ: the next look asks again.
export function forgetModels(providerId) {
  delete lists[providerId];
}

export function setCustomModel(on) {
  custom = on;
}

export function loadModels(providerId, refresh = false) {
  const key = `${providerId}:${refresh}`;
  pending[key] ||= fetchModels(providerId, refresh).finally(() => delete pending[key]);
  return pending[key];
}

async function fetchModels(providerId, refresh) {
  const meta = $("#model-meta");
  meta.textContent = refresh ? "Asking the provider…" : "Loading models…";
  const query = `provider=${encodeURIComponent(providerId)}${refresh ? "&refresh=1" : ""}`;
  const { ok, data } = await api("GET", `/api/llm/models?${query}`);
  if (ok && data && Array.isArray(data.models)) {
    lists[providerId] = {
      models: data.models,
      fetchedAt: data.fetched_at,
      cached: data.cached,
      error: data.error ? firstMessage({ detail: data.error.detail || data.error }) : null,
    };
  } else {
    lists[providerId] = { models: [], error: firstMessage(data, "The provider cannot be reached.") };
  }
  if ($("#f-provider").value === providerId) renderModels();
}

// The list for credential fields typed but not saved: asked with them, stored nowhere.
export async function loadTypedModels(providerId, fields) {
  $("#model-meta").textContent = "Asking the provider with the key as typed…";
  const { ok, data } = await api("POST", "/api/llm/models", { provider: providerId, fields });
  lists[providerId] = ok && Array.isArray(data.models)
    ? { models: data.models, fetchedAt: data.fetched_at, cached: false, error: null }
    : { models: [], error: firstMessage(data, "The provider cannot be reached.") };
  if ($("#f-provider").value === providerId) renderModels();
}

export function renderModels() {
  const providerId = $("#f-provider").value;
  const info = lists[providerId];
  const select = $("#f-model-select");
  const current = $("#f-model").value.trim();
  const models = info ? info.models : [];
  const options = models.map((m) => el("option", { value: m, text: m }));
  if (current && !models.includes(current)) {
    options.unshift(el("option", { value: current, text: models.length ? `${current} (not listed)` : current }));
  }
  if (!options.length) options.push(el("option", { value: "", text: info ? "No models listed" : "Loading…" }));
  options.push(el("option", { value: CUSTOM_MODEL, text: "Other model… (type a name)" }));
  select.replaceChildren(...options);
  select.value = current;
  if (custom) select.value = CUSTOM_MODEL;
  else if (select.value !== current) select.selectedIndex = 0;
  const unlisted = Boolean(info && info.error && !models.length);
  $("#model-custom-wrap").hidden = !(custom || unlisted);
  $("#model-select-wrap").hidden = unlisted;
  renderMeta(info, models, credentialFor(providerId));
}

function renderMeta(info, models, credential) {
  const meta = $("#model-meta");
  if (!info) {
    meta.textContent = "";
  } else if (info.error && !models.length && credential.configured === false) {
    meta.textContent = "Fill in the credentials above, then refresh to pick from the provider's models. Until then, type the model name.";
    meta.className = "hint";
  } else if (info.error && !models.length) {
    meta.textContent = `Couldn't list models: ${info.error.replace(/\.$/, "")}. Type the model name instead.`;
    meta.className = "hint hint-warn";
  } else {
    const when = formatTime(info.fetchedAt);
    const parts = [`${models.length} model${models.length === 1 ? "" : "s"}`];
    if (when) parts.push(`fetched ${when}`);
    if (info.cached) parts.push("cached");
    if (info.error) parts.push(`provider error: ${info.error}`);
    meta.textContent = parts.join(" · ");
    meta.className = info.error ? "hint hint-warn" : "hint";
  }
}

// The select's change also reaches the form's listener, which re-counts unsaved changes.
export function onModelSelect() {
  const select = $("#f-model-select");
  custom = select.value === CUSTOM_MODEL;
  if (!custom) $("#f-model").value = select.value;
  renderModels();
  if (custom) $("#f-model").focus();
}
