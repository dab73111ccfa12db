// The API & Models tab: the profile list beside the editor of one profile. Its parts:
//   store.js             what the tab knows (catalogue, profiles, credentials, selection)
//   sidebar.js           the profile list and its order
//   profile-form.js      the editor's form, its unsaved changes, the credential's save and test
//   credential-fields.js the provider's credential inputs
//   model-list.js        the model select and the provider's list
//   parameters.js        the Advanced card's ranges
//   errors.js            messages under their fields
//   actions.js           save, activate, duplicate, delete, Multi-provider mode
// Every rule (ranges, required fields, option names) comes from /api/llm/providers.

import { $, notify } from "../dom.js";
import { activate, duplicate, remove, renderHeader, saveProfile, selectProfile, toggleMulti } from "./actions.js";
import { onModelSelect } from "./model-list.js";
import { syncRange } from "./parameters.js";
import { isDirty, onProviderChange, refreshDirty, refreshModels, renderProviderChoices, testConnection } from "./profile-form.js";
import { renderDraftName, renderLayout, startSidebar } from "./sidebar.js";
import * as store from "./store.js";

// Every control of the form reports here (a slider, the model select and a secret's Cancel
// included), so no part needs to re-count unsaved changes itself.
function onEdit() {
  refreshDirty();
  if (store.selectedId() === store.NEW) renderDraftName();
}

function wire() {
  const form = $("#profile-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveProfile();
  });
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  $("#f-provider").addEventListener("change", onProviderChange);
  $("#f-model-select").addEventListener("change", onModelSelect);
  syncRange($("#f-temperature"), $("#f-temperature-range"));
  syncRange($("#f-presence"), $("#f-presence-range"));
  $("#refresh-models").addEventListener("click", refreshModels);
  $("#test-connection").addEventListener("click", testConnection);
  $("#activate").addEventListener("click", activate);
  $("#revert").addEventListener("click", () => selectProfile(store.selectedId(), { force: true }));
  startSidebar({ select: selectProfile, name: () => $("#f-name").value });
  $("#new-profile").addEventListener("click", () => selectProfile(store.NEW));
  $("#new-profile-single").addEventListener("click", () => selectProfile(store.NEW));
  $("#duplicate-profile").addEventListener("click", duplicate);
  $("#delete-profile").addEventListener("click", remove);
  $("#multi-mode").addEventListener("change", toggleMulti);
  window.addEventListener("beforeunload", (event) => {
    if (isDirty()) event.preventDefault();
  });
}

// Loads what the tab shows and opens the active profile (else the first, else a draft).
// False when the page cannot work (the catalogue or the profiles could not be loaded).
export async function startApiModels() {
  wire();
  try {
    await store.loadCatalogue();
    renderProviderChoices();
    await Promise.all([store.loadProfiles(), store.loadCredentials()]);
    await store.loadSettings();
  } catch (error) {
    notify(error.message, "error");
    return false;
  }
  $("#multi-mode").checked = store.isMulti();
  renderHeader();
  renderLayout();
  const initial = store.activeProfile() || store.profiles()[0];
  await selectProfile(initial ? initial.id : store.NEW, { force: true });
  return true;
}
