// The editor's form: filling it from a profile, reading it back in the API's shape, and knowing
// whether it holds unsaved changes (compared with what it held when filled or last saved). The
// credential is saved on its own (PATCH) before the profile, as the one thing its provider's
// profiles share.

import { $, el } from "../dom.js";
import { api, firstMessage } from "../request.js";
import { credentialChanges, readCredential, renderCredentialFields } from "./credential-fields.js";
import { clearErrors, showErrors } from "./errors.js";
import { forgetModels, hasModels, loadModels, loadTypedModels, renderModels, setCustomModel } from "./model-list.js";
import { applyRanges } from "./parameters.js";
import * as store from "./store.js";

let original = null; // readForm() as last filled or saved; null: nothing to lose
let originalOptions = {}; // the profile's options, so keys the form does not show survive a save

export function renderProviderChoices() {
  $("#f-provider").replaceChildren(...store.providers().map((p) => el("option", { value: p.id, text: p.label })));
}

export function blankProfile() {
  const provider = store.providers()[0];
  const taken = (name) => store.profiles().some((p) => p.name.toLowerCase() === name.toLowerCase());
  let name = "New profile";
  for (let n = 2; taken(name); n += 1) name = `New profile ${n}`;
  return {
    id: store.NEW,
    name,
    provider: provider.id,
    model: provider.default_model || "",
    temperature: 0.7,
    presence_penalty: 0,
    options: {},
    is_active: false,
  };
}

export function readForm() {
  const provider = store.provider($("#f-provider").value);
  const options = { ...originalOptions };
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

export function isDirty() {
  if (!original) return false;
  return JSON.stringify(readForm()) !== JSON.stringify(original);
}

// The profile is gone: nothing in the form is worth keeping.
export function forgetOriginal() {
  original = null;
}

export function refreshDirty() {
  const dirty = isDirty();
  $("#dirty-flag").hidden = !dirty;
  $("#revert").hidden = !dirty || store.selectedId() === store.NEW;
  document.title = `${dirty ? "• " : ""}API & Models · triplo-config`;
}

export function fillForm(profile) {
  clearErrors();
  const options = profile.options || {};
  originalOptions = { ...options };
  $("#f-name").value = profile.name;
  $("#f-provider").value = profile.provider;
  $("#f-model").value = profile.model;
  $("#f-temperature").value = profile.temperature;
  $("#f-temperature-range").value = profile.temperature;
  $("#f-presence").value = profile.presence_penalty;
  $("#f-presence-range").value = profile.presence_penalty;
  $("#f-max-tokens").value = options.max_tokens !== undefined ? options.max_tokens : "";
  $("#f-json-mode").checked = Boolean(options.json_mode);
  $("#f-stream").checked = Boolean(options.stream);
  setCustomModel(false);
  applyRanges(store.provider(profile.provider));
  renderCredentialFields(profile.provider);
  const isNew = profile.id === store.NEW;
  $("#editor-title").textContent = isNew ? "New profile" : profile.name;
  $("#editor-subtitle").textContent = isNew
    ? "Fill in the details and save."
    : `${store.providerLabel(profile.provider)} · ${profile.model}`;
  $("#active-badge").hidden = !profile.is_active;
  $("#activate").disabled = Boolean(profile.is_active);
  $("#activate").textContent = profile.is_active ? "Active profile" : "Set as active";
  $("#save").textContent = isNew ? "Create profile" : "Save";
  original = readForm();
  renderModels();
  refreshDirty();
  if (!hasModels(profile.provider)) loadModels(profile.provider);
}

// Another provider brings its own ranges, default model and (shared) credential.
export function onProviderChange() {
  const providerId = $("#f-provider").value;
  const provider = store.provider(providerId);
  applyRanges(provider);
  if ($("#presence-wrap").hidden) {
    $("#f-presence").value = 0;
    $("#f-presence-range").value = 0;
  }
  $("#f-model").value = provider.default_model || "";
  setCustomModel(!provider.default_model);
  renderCredentialFields(providerId);
  // The credential shown now is another provider's: compare against its stored values.
  original = { ...original, credential: readCredential() };
  renderModels();
  if (!hasModels(providerId)) loadModels(providerId);
  refreshDirty();
}

// Saves the credential's changed fields, if any; false (errors shown) when refused.
export async function saveCredential() {
  const providerId = $("#f-provider").value;
  const changes = credentialChanges(original ? original.credential : {});
  if (!Object.keys(changes).length) return true;
  const { ok, status, data } = await api("PATCH", `/api/llm/credentials/${providerId}`, changes);
  if (!ok) {
    showErrors(data, "c-", status);
    return false;
  }
  store.setCredential(providerId, data);
  forgetModels(providerId);
  const snapshot = readForm();
  renderCredentialFields(providerId);
  original = { ...(original || snapshot), credential: readCredential() };
  refreshDirty();
  return true;
}

// Fields typed but not saved: Test connection and Refresh list try them without storing them
// (Save stores them).
function typedCredential() {
  const changes = credentialChanges(original ? original.credential : {});
  return Object.keys(changes).length ? changes : undefined;
}

export async function testConnection() {
  clearErrors();
  const result = $("#test-result");
  result.textContent = "Testing…";
  result.className = "test-result";
  const providerId = $("#f-provider").value;
  const { ok, data } = await api("POST", `/api/llm/credentials/${providerId}/test`, typedCredential());
  if (ok && data && data.ok) {
    result.textContent = `✓ Connected${data.latency_ms !== undefined ? ` · ${Math.round(data.latency_ms)} ms` : ""}`;
    result.className = "test-result is-ok";
  } else {
    const reason = data && (data.detail || (data.status ? `HTTP ${data.status}` : null));
    result.textContent = `✗ ${reason || firstMessage(data, "The provider did not answer.")}`;
    result.className = "test-result is-error";
  }
}

export async function refreshModels() {
  clearErrors();
  const typed = typedCredential();
  if (typed) loadTypedModels($("#f-provider").value, typed);
  else loadModels($("#f-provider").value, true);
}
