// What the user does to profiles: open one (asking before unsaved changes are lost), save,
// set as active, duplicate, delete, and switch Multi-provider mode. Each reloads what the
// server changed and redraws the header's summary, the sidebar and the editor.

import { $, confirmDialog, el, notify } from "../dom.js";
import { api, firstMessage } from "../request.js";
import { loadStatus } from "../status-panel.js";
import { clearErrors, showErrors } from "./errors.js";
import { blankProfile, fillForm, forgetOriginal, isDirty, readForm, saveCredential } from "./profile-form.js";
import { renderLayout, renderSidebar } from "./sidebar.js";
import * as store from "./store.js";

export function renderHeader() {
  const active = store.activeProfile();
  const summary = $("#active-summary");
  summary.replaceChildren();
  if (active) {
    summary.append("Active: ", el("strong", { text: active.name }), ` · ${store.providerLabel(active.provider)} · ${active.model}`);
    summary.title = summary.textContent;
  } else {
    summary.textContent = "No active profile yet";
    summary.title = "Save a profile, then press Set as active.";
  }
}

export async function selectProfile(id, { force = false } = {}) {
  if (id === store.selectedId() && !force) return;
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
  store.select(id);
  const profile = id === store.NEW ? blankProfile() : store.findProfile(id);
  if (!profile) return;
  fillForm(profile);
  renderSidebar();
}

export async function saveProfile({ quiet = false } = {}) {
  clearErrors();
  if (!(await saveCredential())) return null;
  const values = readForm();
  delete values.credential;
  const id = store.selectedId();
  const isNew = id === store.NEW;
  const { ok, status, data } = isNew
    ? await api("POST", "/api/llm/profiles", values)
    : await api("PUT", `/api/llm/profiles/${id}`, values);
  if (!ok) {
    showErrors(data, "", status);
    return null;
  }
  await store.loadProfiles();
  await store.loadCredentials();
  await selectProfile(data.id, { force: true });
  renderHeader();
  if (!quiet) notify(isNew ? `Created “${data.name}”.` : `Saved “${data.name}”.`);
  if (data.is_active) loadStatus();
  return data;
}

// Unsaved changes (or a draft) are saved first: the user activates what they see.
export async function activate() {
  let id = store.selectedId();
  if (isDirty() || id === store.NEW) {
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
  await store.loadProfiles();
  await selectProfile(id, { force: true });
  renderHeader();
  notify(`“${data.name}” is now the active profile.`);
  loadStatus();
}

export async function duplicate() {
  const id = store.selectedId();
  if (!id || id === store.NEW) return;
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
  await store.loadProfiles();
  await selectProfile(data.id, { force: true });
  notify(`Created “${data.name}”.`);
}

export async function remove() {
  const profile = store.findProfile(store.selectedId());
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
  const index = store.profiles().findIndex((p) => p.id === profile.id);
  await store.loadProfiles();
  const profiles = store.profiles();
  const next = profiles[Math.min(index, profiles.length - 1)];
  forgetOriginal();
  await selectProfile(next ? next.id : store.NEW, { force: true });
  notify(`Deleted “${profile.name}”.`);
}

// Off shows only the active profile, as the single-provider form did.
export async function toggleMulti() {
  const wanted = $("#multi-mode").checked;
  const { ok, data } = await api("PUT", "/api/settings/ui", { multi_provider_mode: wanted });
  if (!ok) {
    $("#multi-mode").checked = store.isMulti();
    notify(firstMessage(data), "error");
    return;
  }
  store.setMulti(Boolean(data.multi_provider_mode));
  renderLayout();
  if (!store.isMulti()) {
    const active = store.activeProfile() || store.profiles()[0];
    if (active) await selectProfile(active.id);
  }
}
