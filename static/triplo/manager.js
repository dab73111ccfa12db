// The API & Models page. Talks only to the REST API (/api/...); no build step, no CDN.
// Every rule (ranges, required fields, option names) comes from /api/llm/providers.

const $ = (selector, root = document) => root.querySelector(selector);
const NEW = "new";
const CUSTOM_MODEL = "__custom__";

const state = {
  providers: [],
  providerById: {},
  profiles: [],
  credentials: {},
  models: {},
  multi: true,
  selectedId: null,
  original: null,
  originalOptions: {},
  dragId: null,
  customModel: false,
};

// ---------------------------------------------------------------- API

function cookie(name) {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : "";
}

// One request at a time: the page never races itself (e.g. two saves, or a save and a list).
let queue = Promise.resolve();
export function api(method, path, body) {
  const run = queue.then(() => request(method, path, body));
  queue = run.catch(() => {});
  return run;
}

async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = cookie("csrftoken");
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, status: 0, data: { detail: "The server cannot be reached." } };
  }
  if (response.status === 401) {
    window.location.assign(`/login/?next=${encodeURIComponent(window.location.pathname)}`);
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch (error) {
      data = { detail: `Unexpected answer from the server (HTTP ${response.status}).` };
    }
  }
  return { ok: response.ok, status: response.status, data };
}

export function firstMessage(data, fallback = "Something went wrong.") {
  if (!data) return fallback;
  if (typeof data.detail === "string") return data.detail;
  for (const messages of Object.values(data)) {
    if (Array.isArray(messages) && messages.length) return String(messages[0]);
    if (typeof messages === "string") return messages;
  }
  return fallback;
}

// ---------------------------------------------------------------- small UI helpers

let noticeTimer = null;
function notify(text, kind = "ok") {
  const box = $("#notice");
  box.textContent = text;
  box.className = `notice notice-${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (box.hidden = true), kind === "error" ? 8000 : 4000);
}

function confirmDialog(text, { title = "Are you sure?", ok = "OK", cancel = "Cancel", danger = false } = {}) {
  const dialog = $("#confirm-dialog");
  $("#confirm-title").textContent = title;
  $("#confirm-text").textContent = text;
  $("#confirm-ok").textContent = ok;
  $("#confirm-ok").className = `btn ${danger ? "btn-danger" : "btn-primary"}`;
  $("#confirm-cancel").textContent = cancel;
  $("#confirm-cancel").hidden = cancel === null;
  return askDialog(dialog, cancel === null ? $("#confirm-ok") : $("#confirm-cancel"));
}

// Opens a modal <dialog> whose OK button closes it with returnValue "ok"; resolves to whether
// it was confirmed, and gives focus back to what had it before.
export function askDialog(dialog, focus) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        if (opener && opener.isConnected) opener.focus();
        resolve(dialog.returnValue === "ok");
      },
      { once: true },
    );
    dialog.returnValue = "cancel";
    dialog.showModal();
    focus.focus();
  });
}

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const sameDay = date.toDateString() === new Date().toDateString();
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return sameDay ? time : `${date.toLocaleDateString()} ${time}`;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// ---------------------------------------------------------------- loading

async function loadCatalogue() {
  const { ok, data } = await api("GET", "/api/llm/providers");
  if (!ok) throw new Error(firstMessage(data, "The provider catalogue could not be loaded."));
  state.providers = Array.isArray(data) ? data : data.providers || [];
  state.providerById = Object.fromEntries(state.providers.map((p) => [p.id, p]));
  $("#f-provider").replaceChildren(
    ...state.providers.map((p) => el("option", { value: p.id, text: p.label })),
  );
}

async function loadProfiles() {
  const { ok, data } = await api("GET", "/api/llm/profiles");
  if (!ok) throw new Error(firstMessage(data, "The profiles could not be loaded."));
  state.profiles = Array.isArray(data) ? data : data.results || [];
}

async function loadCredentials() {
  const { ok, data } = await api("GET", "/api/llm/credentials");
  if (!ok) return;
  const list = Array.isArray(data) ? data : Object.entries(data).map(([provider, c]) => ({ provider, ...c }));
  state.credentials = Object.fromEntries(list.map((c) => [c.provider, c]));
}

async function loadSettings() {
  const { ok, data } = await api("GET", "/api/settings/ui");
  state.multi = ok ? Boolean(data.multi_provider_mode) : state.profiles.length > 1;
  $("#multi-mode").checked = state.multi;
}

async function loadStatus() {
  const { ok, data } = await api("GET", "/api/status");
  const triplo = $("#triplo-state");
  const config = $("#config-state");
  if (!ok || !data) {
    triplo.textContent = "Triplo: status unavailable";
    triplo.className = "pill pill-muted";
    config.hidden = true;
    return;
  }
  const running = data.triplo ? data.triplo.running : null;
  triplo.textContent =
    running === true ? "Triplo running" : running === false ? "Triplo stopped" : "Triplo state unknown";
  triplo.className = `pill ${running === true ? "pill-ok" : running === false ? "pill-warn" : "pill-muted"}`;
  const last = data.triplo && data.triplo.last_restart;
  if (last) {
    const when = formatTime(last.ended_at || last.started_at);
    const failed = last.ok === false;
    const detail = failed ? ` failed${last.exit_code !== null && last.exit_code !== undefined ? ` (exit ${last.exit_code})` : ""}` : "";
    triplo.title = `Last restart ${when}${detail}${failed && last.stderr_tail ? `: ${last.stderr_tail}` : ""}`;
    if (when) triplo.textContent += failed ? ` · restart failed ${when}` : ` · restarted ${when}`;
    if (failed) triplo.className = "pill pill-warn";
  } else {
    triplo.title = "No restart recorded";
  }
  config.hidden = false;
  if (data.credentials && data.credentials.readable === false) {
    config.textContent = "Stored keys unreadable";
    config.className = "pill pill-warn";
    config.title = data.credentials.detail;
    return;
  }
  const inSync = data.config_in_sync !== false;
  config.textContent = inSync ? "config.json in sync" : "config.json changed outside";
  config.className = `pill ${inSync ? "pill-ok" : "pill-warn"}`;
  const drifted = Object.keys(data.config_drift || {});
  config.title = `${data.config_path || ""}${drifted.length ? `\nChanged outside this page: ${drifted.join(", ")}` : ""}`;
}

// ---------------------------------------------------------------- header and sidebar

function activeProfile() {
  return state.profiles.find((p) => p.is_active) || null;
}

function providerLabel(id) {
  return (state.providerById[id] || { label: id }).label;
}

function renderHeader() {
  const active = activeProfile();
  const summary = $("#active-summary");
  summary.replaceChildren();
  if (active) {
    summary.append("Active: ", el("strong", { text: active.name }), ` · ${providerLabel(active.provider)} · ${active.model}`);
    summary.title = summary.textContent;
  } else {
    summary.textContent = "No active profile yet";
    summary.title = "Save a profile, then press Set as active.";
  }
}

function renderSidebar() {
  const list = $("#profile-list");
  const items = state.profiles.map((profile, index) => {
    const selected = profile.id === state.selectedId;
    const item = el(
      "li",
      {
        class: `profile-item${selected ? " is-selected" : ""}${profile.is_active ? " is-active" : ""}`,
        draggable: "true",
        "data-id": profile.id,
      },
      el("span", { class: "drag-handle", "aria-hidden": "true", text: "⋮⋮" }),
      el(
        "button",
        {
          type: "button",
          class: "profile-select",
          "aria-current": selected ? "true" : null,
          onclick: () => selectProfile(profile.id),
        },
        el("span", { class: "profile-name", text: profile.name }),
        el(
          "span",
          { class: "profile-meta" },
          profile.is_active ? el("span", { class: "badge badge-active", text: "Active" }) : null,
          profile.credential_configured === false
            ? el("span", { class: "badge badge-warn", title: "Its provider's credential is incomplete", text: "No key" })
            : null,
          el("span", { class: "profile-meta-text", text: `${providerLabel(profile.provider)} · ${profile.model}` }),
        ),
      ),
      el(
        "span",
        { class: "move-buttons" },
        el("button", {
          type: "button",
          class: "icon-btn",
          "aria-label": `Move ${profile.name} up`,
          "data-move": "up",
          disabled: index === 0,
          text: "↑",
          onclick: () => moveProfile(profile.id, -1),
        }),
        el("button", {
          type: "button",
          class: "icon-btn",
          "aria-label": `Move ${profile.name} down`,
          "data-move": "down",
          disabled: index === state.profiles.length - 1,
          text: "↓",
          onclick: () => moveProfile(profile.id, 1),
        }),
      ),
    );
    wireDrag(item);
    return item;
  });
  if (state.selectedId === NEW) {
    items.push(
      el(
        "li",
        { class: "profile-item is-selected is-draft" },
        el("span", { class: "drag-handle", "aria-hidden": "true" }),
        el(
          "button",
          { type: "button", class: "profile-select", "aria-current": "true" },
          el("span", { class: "profile-name", text: $("#f-name").value || "New profile" }),
          el("span", { class: "profile-meta", text: "Not saved yet" }),
        ),
      ),
    );
  }
  if (!items.length) {
    items.push(el("li", { class: "empty", text: "No profiles yet." }));
  }
  list.replaceChildren(...items);
  const selected = state.profiles.find((p) => p.id === state.selectedId);
  $("#duplicate-profile").disabled = !selected;
  $("#delete-profile").disabled = !selected;
}

function renderLayout() {
  $("#layout").classList.toggle("single", !state.multi);
  $("#sidebar").hidden = !state.multi;
}

// ---------------------------------------------------------------- reordering

async function saveOrder(ids, focusSelector) {
  const { ok, data } = await api("POST", "/api/llm/profiles/reorder", { order: ids });
  if (!ok) {
    notify(firstMessage(data, "The new order could not be saved."), "error");
    await loadProfiles();
  } else {
    state.profiles = Array.isArray(data) ? data : data.results || state.profiles;
    notify("Order saved.");
  }
  renderSidebar();
  if (focusSelector) {
    const target = $(focusSelector);
    if (target && !target.disabled) target.focus();
    else if (target) target.parentElement.querySelector("button:not([disabled])")?.focus();
  }
}

function moveProfile(id, step) {
  const ids = state.profiles.map((p) => p.id);
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return;
  ids.splice(to, 0, ids.splice(from, 1)[0]);
  state.profiles = ids.map((i) => state.profiles.find((p) => p.id === i));
  saveOrder(ids, `.profile-item[data-id="${id}"] [data-move="${step < 0 ? "up" : "down"}"]`);
}

function wireDrag(item) {
  item.addEventListener("dragstart", (event) => {
    state.dragId = item.dataset.id;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.id);
    item.classList.add("is-dragging");
  });
  item.addEventListener("dragend", () => {
    item.classList.remove("is-dragging");
    document.querySelectorAll(".drop-before, .drop-after").forEach((n) => n.classList.remove("drop-before", "drop-after"));
  });
  item.addEventListener("dragover", (event) => {
    if (!state.dragId || state.dragId === item.dataset.id) return;
    event.preventDefault();
    const box = item.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    item.classList.toggle("drop-after", after);
    item.classList.toggle("drop-before", !after);
  });
  item.addEventListener("dragleave", () => item.classList.remove("drop-before", "drop-after"));
  item.addEventListener("drop", (event) => {
    event.preventDefault();
    const dragged = state.dragId;
    state.dragId = null;
    const after = item.classList.contains("drop-after");
    item.classList.remove("drop-before", "drop-after");
    if (!dragged || dragged === item.dataset.id) return;
    const ids = state.profiles.map((p) => p.id).filter((i) => i !== dragged);
    const index = ids.indexOf(item.dataset.id) + (after ? 1 : 0);
    ids.splice(index, 0, dragged);
    state.profiles = ids.map((i) => state.profiles.find((p) => p.id === i));
    saveOrder(ids);
  });
}

// ---------------------------------------------------------------- the editor: credentials

function credentialFor(providerId) {
  return state.credentials[providerId] || {};
}

function renderCredentialFields(providerId) {
  const provider = state.providerById[providerId];
  const credential = credentialFor(providerId);
  const box = $("#credential-fields");
  const fields = provider ? provider.credential_fields : [];
  box.replaceChildren(
    ...fields.map((field) => {
      const id = `c-${field.name}`;
      const errorId = `err-c-${field.name}`;
      const label = el("label", { for: id, text: field.label }, field.required ? null : el("span", { class: "optional", text: " (optional)" }));
      const error = el("p", { class: "field-error", id: errorId });
      if (field.secret) {
        const hint = credential[`${field.name}_hint`];
        const input = el("input", {
          id,
          type: "password",
          autocomplete: "off",
          spellcheck: "false",
          "data-credential": field.name,
          "data-secret": "true",
          placeholder: hint ? `New ${field.label}` : `Paste the ${field.label}`,
          "aria-describedby": `${id}-stored ${errorId}`,
        });
        const inputRow = el("div", { class: "row secret-input", hidden: Boolean(hint) }, input);
        const stored = el("div", { class: "row secret-stored", id: `${id}-stored`, hidden: !hint });
        if (hint) {
          const cancel = el("button", {
            type: "button",
            class: "btn btn-ghost btn-small",
            "aria-label": `Keep the stored ${field.label}`,
            text: "Cancel",
            onclick: () => {
              input.value = "";
              inputRow.hidden = true;
              stored.hidden = false;
              update.focus();
              refreshDirty();
            },
          });
          inputRow.append(cancel);
          const update = el("button", {
            type: "button",
            class: "btn btn-secondary btn-small",
            "aria-label": `Update the stored ${field.label}`,
            text: "Update",
            onclick: () => {
              stored.hidden = true;
              inputRow.hidden = false;
              input.focus();
            },
          });
          stored.append(el("code", { class: "secret-hint", text: hint }), el("span", { class: "hint", text: "stored" }), update);
        }
        return el("div", { class: "field" }, label, stored, inputRow, error);
      }
      const value = field.kind === "list" ? (credential[field.name] || []).join(", ") : credential[field.name] || "";
      const input = el("input", {
        id,
        type: field.kind === "url" ? "url" : "text",
        value,
        spellcheck: "false",
        "data-credential": field.name,
        "data-kind": field.kind,
        placeholder: field.kind === "url" ? "http://host:port" : field.kind === "list" ? "llama3, mistral" : "",
        "aria-describedby": errorId,
      });
      input.value = value;
      return el("div", { class: "field" }, label, input, field.kind === "list" ? el("p", { class: "hint", text: "Comma-separated." }) : null, error);
    }),
  );
  const users = state.profiles.filter((p) => p.provider === providerId && p.id !== state.selectedId).length;
  $("#credential-shared").textContent = provider
    ? `Shared by every ${provider.label} profile${users ? ` (${users} other${users > 1 ? "s" : ""})` : ""}.`
    : "";
  $("#test-result").textContent = "";
  $("#test-result").className = "test-result";
}

function readCredential() {
  const values = {};
  document.querySelectorAll("[data-credential]").forEach((input) => {
    const name = input.dataset.credential;
    if (input.dataset.secret) {
      if (!input.closest(".secret-input").hidden && input.value !== "") values[name] = input.value;
    } else if (input.dataset.kind === "list") {
      values[name] = input.value.split(",").map((v) => v.trim()).filter(Boolean);
    } else {
      values[name] = input.value.trim();
    }
  });
  return values;
}

function credentialChanges() {
  const now = readCredential();
  const before = state.original ? state.original.credential : {};
  const changes = {};
  for (const [name, value] of Object.entries(now)) {
    if (JSON.stringify(value) !== JSON.stringify(before[name])) changes[name] = value;
  }
  return changes;
}

async function saveCredential() {
  const providerId = $("#f-provider").value;
  const changes = credentialChanges();
  if (!Object.keys(changes).length) return true;
  const { ok, status, data } = await api("PATCH", `/api/llm/credentials/${providerId}`, changes);
  if (!ok) {
    showErrors(data, "c-", status);
    return false;
  }
  state.credentials[providerId] = { provider: providerId, ...(data || {}) };
  delete state.models[providerId];
  const snapshot = readForm();
  renderCredentialFields(providerId);
  state.original = { ...(state.original || snapshot), credential: readCredential() };
  refreshDirty();
  return true;
}

async function testConnection() {
  clearErrors();
  const result = $("#test-result");
  if (!(await saveCredential())) return;
  result.textContent = "Testing…";
  result.className = "test-result";
  const providerId = $("#f-provider").value;
  const { ok, data } = await api("POST", `/api/llm/credentials/${providerId}/test`);
  if (ok && data && data.ok) {
    result.textContent = `✓ Connected${data.latency_ms !== undefined ? ` · ${Math.round(data.latency_ms)} ms` : ""}`;
    result.className = "test-result is-ok";
  } else {
    const reason = data && (data.detail || (data.status ? `HTTP ${data.status}` : null));
    result.textContent = `✗ ${reason || firstMessage(data, "The provider did not answer.")}`;
    result.className = "test-result is-error";
  }
}

// ---------------------------------------------------------------- the editor: models

const modelRequests = {};
function loadModels(providerId, refresh = false) {
  const key = `${providerId}:${refresh}`;
  modelRequests[key] ||= fetchModels(providerId, refresh).finally(() => delete modelRequests[key]);
  return modelRequests[key];
}

async function fetchModels(providerId, refresh) {
  const meta = $("#model-meta");
  meta.textContent = refresh ? "Asking the provider…" : "Loading models…";
  const query = `provider=${encodeURIComponent(providerId)}${refresh ? "&refresh=1" : ""}`;
  const { ok, data } = await api("GET", `/api/llm/models?${query}`);
  if (ok && data && Array.isArray(data.models)) {
    state.models[providerId] = {
      models: data.models,
      fetchedAt: data.fetched_at,
      cached: data.cached,
      error: data.error ? firstMessage({ detail: data.error.detail || data.error }) : null,
    };
  } else {
    state.models[providerId] = { models: [], error: firstMessage(data, "The provider cannot be reached.") };
  }
  if ($("#f-provider").value === providerId) renderModels();
}

function renderModels() {
  const providerId = $("#f-provider").value;
  const info = state.models[providerId];
  const select = $("#f-model-select");
  const input = $("#f-model");
  const current = input.value.trim();
  const models = info ? info.models : [];
  const options = models.map((m) => el("option", { value: m, text: m }));
  if (current && !models.includes(current)) {
    options.unshift(el("option", { value: current, text: models.length ? `${current} (not listed)` : current }));
  }
  if (!options.length) options.push(el("option", { value: "", text: info ? "No models listed" : "Loading…" }));
  options.push(el("option", { value: CUSTOM_MODEL, text: "Other model… (type a name)" }));
  select.replaceChildren(...options);
  select.value = current;
  if (state.customModel) select.value = CUSTOM_MODEL;
  else if (select.value !== current) select.selectedIndex = 0;
  const unlisted = Boolean(info && info.error && !models.length);
  $("#model-custom-wrap").hidden = !(state.customModel || unlisted);
  $("#model-select-wrap").hidden = unlisted;
  const meta = $("#model-meta");
  if (!info) {
    meta.textContent = "";
  } else if (info.error && !models.length && credentialFor(providerId).configured === false) {
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

function onModelSelect() {
  const select = $("#f-model-select");
  state.customModel = select.value === CUSTOM_MODEL;
  if (!state.customModel) $("#f-model").value = select.value;
  renderModels();
  if (state.customModel) $("#f-model").focus();
  refreshDirty();
}

// ---------------------------------------------------------------- the editor: parameters

function applyRanges(providerId) {
  const provider = state.providerById[providerId];
  if (!provider) return;
  const t = provider.temperature;
  for (const input of [$("#f-temperature"), $("#f-temperature-range")]) {
    input.min = t.min;
    input.max = t.max;
  }
  $("#temperature-help").textContent = `${provider.label}: ${formatNumber(t.min)} to ${formatNumber(t.max)}. Lower is more focused, higher more varied.`;
  const p = provider.presence_penalty;
  const supported = p.supported !== false && !(p.min === 0 && p.max === 0);
  $("#presence-wrap").hidden = !supported;
  for (const input of [$("#f-presence"), $("#f-presence-range")]) {
    input.min = p.min;
    input.max = p.max;
  }
  $("#presence-help").textContent = `${formatNumber(p.min)} to ${formatNumber(p.max)}. Positive values nudge the model toward new topics.`;
  const maxTokens = provider.options && provider.options.max_tokens;
  if (maxTokens) {
    $("#f-max-tokens").min = maxTokens.min;
    $("#f-max-tokens").max = maxTokens.max;
  }
}

function syncRange(numberInput, rangeInput) {
  numberInput.addEventListener("input", () => {
    const value = parseFloat(numberInput.value);
    if (!Number.isNaN(value)) rangeInput.value = value;
  });
  rangeInput.addEventListener("input", () => {
    numberInput.value = rangeInput.value;
    refreshDirty();
  });
}

// ---------------------------------------------------------------- the editor: form state

function blankProfile() {
  const provider = state.providers[0];
  let name = "New profile";
  for (let n = 2; state.profiles.some((p) => p.name.toLowerCase() === name.toLowerCase()); n += 1) name = `New profile ${n}`;
  return {
    id: NEW,
    name,
    provider: provider.id,
    model: provider.default_model || "",
    temperature: 0.7,
    presence_penalty: 0,
    options: {},
    is_active: false,
  };
}

function readForm() {
  const provider = state.providerById[$("#f-provider").value];
  const options = { ...state.originalOptions };
  const maxTokens = $("#f-max-tokens").value.trim();
  if (maxTokens === "") delete options.max_tokens;
  else options.max_tokens = Number(maxTokens);
  for (const [key, id] of [["json_mode", "#f-json-mode"], ["stream", "#f-stream"]]) {
    if ($(id).checked) options[key] = true;
    else delete options[key];
  }
  const number = (id) => {
    const raw = $(id).value.trim();
    return raw === "" ? null : Number(raw);
  };
  const presenceSupported = provider && !$("#presence-wrap").hidden;
  return {
    name: $("#f-name").value,
    provider: $("#f-provider").value,
    model: $("#f-model").value.trim(),
    temperature: number("#f-temperature"),
    presence_penalty: presenceSupported ? number("#f-presence") : 0,
    options,
    credential: readCredential(),
  };
}

function isDirty() {
  if (!state.original) return false;
  return JSON.stringify(readForm()) !== JSON.stringify(state.original);
}

function refreshDirty() {
  const dirty = isDirty();
  $("#dirty-flag").hidden = !dirty;
  $("#revert").hidden = !dirty || state.selectedId === NEW;
  document.title = `${dirty ? "• " : ""}API & Models · triplo-config`;
  if (state.selectedId === NEW) renderSidebarDraftName();
}

function renderSidebarDraftName() {
  const draft = $(".profile-item.is-draft .profile-name");
  if (draft) draft.textContent = $("#f-name").value || "New profile";
}

function fillForm(profile) {
  clearErrors();
  state.originalOptions = { ...(profile.options || {}) };
  $("#f-name").value = profile.name;
  $("#f-provider").value = profile.provider;
  $("#f-model").value = profile.model;
  $("#f-temperature").value = profile.temperature;
  $("#f-temperature-range").value = profile.temperature;
  $("#f-presence").value = profile.presence_penalty;
  $("#f-presence-range").value = profile.presence_penalty;
  $("#f-max-tokens").value = profile.options && profile.options.max_tokens !== undefined ? profile.options.max_tokens : "";
  $("#f-json-mode").checked = Boolean(profile.options && profile.options.json_mode);
  $("#f-stream").checked = Boolean(profile.options && profile.options.stream);
  state.customModel = false;
  applyRanges(profile.provider);
  renderCredentialFields(profile.provider);
  const isNew = profile.id === NEW;
  $("#editor-title").textContent = isNew ? "New profile" : profile.name;
  $("#editor-subtitle").textContent = isNew
    ? "Fill in the details and save."
    : `${providerLabel(profile.provider)} · ${profile.model}`;
  $("#active-badge").hidden = !profile.is_active;
  $("#activate").disabled = Boolean(profile.is_active);
  $("#activate").textContent = profile.is_active ? "Active profile" : "Set as active";
  $("#save").textContent = isNew ? "Create profile" : "Save";
  state.original = readForm();
  renderModels();
  refreshDirty();
  if (!state.models[profile.provider]) loadModels(profile.provider);
}

function onProviderChange() {
  const providerId = $("#f-provider").value;
  const provider = state.providerById[providerId];
  applyRanges(providerId);
  if ($("#presence-wrap").hidden) {
    $("#f-presence").value = 0;
    $("#f-presence-range").value = 0;
  }
  $("#f-model").value = provider.default_model || "";
  state.customModel = !provider.default_model;
  renderCredentialFields(providerId);
  // The credential shown now is another provider's: compare against its stored values.
  state.original = { ...state.original, credential: readCredential() };
  renderModels();
  if (!state.models[providerId]) loadModels(providerId);
  refreshDirty();
}

// ---------------------------------------------------------------- errors

const FIELD_INPUTS = {
  name: "#f-name",
  provider: "#f-provider",
  model: "#f-model",
  temperature: "#f-temperature",
  presence_penalty: "#f-presence",
  options: "#f-max-tokens",
};

function clearErrors() {
  document.querySelectorAll(".field-error").forEach((node) => (node.textContent = ""));
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  $("#form-error").hidden = true;
}

function showErrors(data, credentialPrefix = "", status = 400) {
  if (!data || typeof data !== "object" || status !== 400) {
    $("#form-error").textContent = firstMessage(data);
    $("#form-error").hidden = false;
    return;
  }
  const loose = [];
  let focusTarget = null;
  let firstSlot = null;
  for (const [field, raw] of Object.entries(data)) {
    const messages = (Array.isArray(raw) ? raw : [raw]).map(String).join(" ");
    const credentialSlot = $(`#err-c-${field}`);
    const slot = credentialPrefix && credentialSlot ? credentialSlot : $(`#err-${field}`) || credentialSlot;
    if (!slot || field === "non_field_errors" || field === "detail") {
      loose.push(field === "non_field_errors" || field === "detail" ? messages : `${field}: ${messages}`);
      continue;
    }
    slot.textContent = messages;
    firstSlot = firstSlot || slot;
    let input = slot === credentialSlot ? $(`#c-${field}`) : $(FIELD_INPUTS[field] || `#f-${field}`);
    if (field === "model" && $("#model-custom-wrap").hidden) input = $("#f-model-select");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      if (input.closest("details")) input.closest("details").open = true;
      if (input.closest("[hidden]") && slot === credentialSlot) {
        input.closest(".field").querySelector(".secret-stored [type=button]")?.click();
      }
      focusTarget = focusTarget || input;
    }
  }
  if (loose.length) {
    $("#form-error").textContent = loose.join(" ");
    $("#form-error").hidden = false;
  }
  if (focusTarget) focusTarget.focus();
  else if (firstSlot) firstSlot.scrollIntoView({ block: "center", behavior: "smooth" });
  else if (loose.length) $("#form-error").scrollIntoView({ block: "center", behavior: "smooth" });
}

// ---------------------------------------------------------------- actions

async function selectProfile(id, { force = false } = {}) {
  if (id === state.selectedId && !force) return;
  if (!force && isDirty()) {
    const name = $("#f-name").value || "this profile";
    const discard = await confirmDialog(`“${name}” has unsaved changes. Discard them?`, {
      title: "Unsaved changes",
      ok: "Discard changes",
      cancel: "Keep editing",
      danger: true,
    });
    if (!discard) return;
  }
  state.selectedId = id;
  const profile = id === NEW ? blankProfile() : state.profiles.find((p) => p.id === id);
  if (!profile) return;
  fillForm(profile);
  renderSidebar();
}

async function saveProfile({ quiet = false } = {}) {
  clearErrors();
  if (!(await saveCredential())) return null;
  const values = readForm();
  delete values.credential;
  const isNew = state.selectedId === NEW;
  const { ok, status, data } = isNew
    ? await api("POST", "/api/llm/profiles", values)
    : await api("PUT", `/api/llm/profiles/${state.selectedId}`, values);
  if (!ok) {
    showErrors(data, "", status);
    return null;
  }
  await loadProfiles();
  await loadCredentials();
  await selectProfile(data.id, { force: true });
  renderHeader();
  if (!quiet) notify(isNew ? `Created “${data.name}”.` : `Saved “${data.name}”.`);
  if (data.is_active) loadStatus();
  return data;
}

async function activate() {
  let id = state.selectedId;
  if (isDirty() || id === NEW) {
    const saved = await saveProfile({ quiet: true });
    if (!saved) return;
    id = saved.id;
  }
  clearErrors();
  const { ok, status, data } = await api("POST", `/api/llm/profiles/${id}/activate`);
  if (!ok) {
    showErrors(data, "", status);
    return;
  }
  await loadProfiles();
  await selectProfile(id, { force: true });
  renderHeader();
  notify(`“${data.name}” is now the active profile.`);
  loadStatus();
}

async function duplicate() {
  const id = state.selectedId;
  if (!id || id === NEW) return;
  if (isDirty()) {
    const discard = await confirmDialog("Duplicate the saved version and discard your unsaved changes?", {
      title: "Unsaved changes",
      ok: "Discard and duplicate",
      cancel: "Keep editing",
    });
    if (!discard) return;
  }
  const { ok, data } = await api("POST", `/api/llm/profiles/${id}/duplicate`);
  if (!ok) {
    notify(firstMessage(data), "error");
    return;
  }
  await loadProfiles();
  await selectProfile(data.id, { force: true });
  notify(`Created “${data.name}”.`);
}

async function remove() {
  const profile = state.profiles.find((p) => p.id === state.selectedId);
  if (!profile) return;
  if (profile.is_active) {
    await confirmDialog(
      `“${profile.name}” is the active profile: Triplo is using it. Activate another profile first, then delete this one.`,
      { title: "Can't delete the active profile", ok: "OK", cancel: null },
    );
    return;
  }
  const sure = await confirmDialog(`Delete “${profile.name}”? This cannot be undone.`, {
    title: "Delete profile",
    ok: "Delete",
    danger: true,
  });
  if (!sure) return;
  const { ok, status, data } = await api("DELETE", `/api/llm/profiles/${profile.id}`);
  if (!ok) {
    const message = firstMessage(data);
    if (status === 409) await confirmDialog(message, { title: "Can't delete this profile", cancel: null });
    else notify(message, "error");
    return;
  }
  const index = state.profiles.findIndex((p) => p.id === profile.id);
  await loadProfiles();
  const next = state.profiles[Math.min(index, state.profiles.length - 1)];
  state.original = null;
  await selectProfile(next ? next.id : NEW, { force: true });
  notify(`Deleted “${profile.name}”.`);
}

async function restart() {
  const button = $("#restart");
  button.disabled = true;
  const { ok, data } = await api("POST", "/api/restart");
  button.disabled = false;
  notify(ok ? "Restart requested. Triplo will reload its configuration." : firstMessage(data), ok ? "ok" : "error");
  setTimeout(loadStatus, 2000);
}

async function toggleMulti() {
  const wanted = $("#multi-mode").checked;
  const { ok, data } = await api("PUT", "/api/settings/ui", { multi_provider_mode: wanted });
  if (!ok) {
    $("#multi-mode").checked = state.multi;
    notify(firstMessage(data), "error");
    return;
  }
  state.multi = Boolean(data.multi_provider_mode);
  renderLayout();
  if (!state.multi) {
    const active = activeProfile() || state.profiles[0];
    if (active) await selectProfile(active.id);
  }
}

// ---------------------------------------------------------------- start

function wire() {
  $("#profile-form").addEventListener("submit", (event) => {
    event.preventDefault();
    saveProfile();
  });
  $("#profile-form").addEventListener("input", refreshDirty);
  $("#profile-form").addEventListener("change", refreshDirty);
  $("#f-provider").addEventListener("change", onProviderChange);
  $("#f-model-select").addEventListener("change", onModelSelect);
  $("#f-name").addEventListener("input", () => {
    if (state.selectedId === NEW) renderSidebarDraftName();
  });
  syncRange($("#f-temperature"), $("#f-temperature-range"));
  syncRange($("#f-presence"), $("#f-presence-range"));
  $("#refresh-models").addEventListener("click", async () => {
    clearErrors();
    if (await saveCredential()) loadModels($("#f-provider").value, true);
  });
  $("#test-connection").addEventListener("click", testConnection);
  $("#activate").addEventListener("click", activate);
  $("#revert").addEventListener("click", () => selectProfile(state.selectedId, { force: true }));
  $("#new-profile").addEventListener("click", () => selectProfile(NEW));
  $("#duplicate-profile").addEventListener("click", duplicate);
  $("#delete-profile").addEventListener("click", remove);
  $("#restart").addEventListener("click", restart);
  $("#multi-mode").addEventListener("change", toggleMulti);
  window.addEventListener("beforeunload", (event) => {
    if (isDirty()) event.preventDefault();
  });
  setInterval(loadStatus, 20000);
}

async function start() {
  wire();
  try {
    await loadCatalogue();
    await Promise.all([loadProfiles(), loadCredentials()]);
    await loadSettings();
  } catch (error) {
    notify(error.message, "error");
    return;
  }
  renderHeader();
  renderLayout();
  const first = state.multi ? state.profiles[0] : activeProfile() || state.profiles[0];
  const initial = activeProfile() || first;
  await selectProfile(initial ? initial.id : NEW, { force: true });
  loadStatus();
  document.body.classList.add("is-ready");
}

start();
