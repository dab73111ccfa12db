// What the API & Models tab knows, shared by its parts. It is written only by the functions
// below (the loaders fill it from the API), so every change to it has one place to be found:
//
//   providers    the catalogue from /api/llm/providers, in its order: [{id, label,
//                default_model, credential_fields, temperature, presence_penalty, options}]
//   providerById the same, by id
//   profiles     /api/llm/profiles in the user's order: [{id, name, provider, model,
//                temperature, presence_penalty, options, is_active, credential_configured}]
//   credentials  /api/llm/credentials by provider id: {provider, configured, <field>,
//                <secret>_hint} (a secret itself never reaches the page)
//   multi        Multi-provider mode: whether the sidebar's profile list shows
//   selectedId   the profile in the editor: its id, NEW for a draft not saved yet, null at first
//
// What only one part needs stays in that part: the form's last saved values (profile-form.js),
// the model lists (model-list.js), the profile being dragged (sidebar.js).

import { api, firstMessage } from "../request.js";

export const NEW = "new";

const data = {
  providers: [],
  providerById: {},
  profiles: [],
  credentials: {},
  multi: true,
  selectedId: null,
};

export const providers = () => data.providers;
export const provider = (id) => data.providerById[id];
export const providerLabel = (id) => (data.providerById[id] || { label: id }).label;
export const profiles = () => data.profiles;
export const findProfile = (id) => data.profiles.find((p) => p.id === id);
export const activeProfile = () => data.profiles.find((p) => p.is_active) || null;
export const credentialFor = (providerId) => data.credentials[providerId] || {};
export const isMulti = () => data.multi;
export const selectedId = () => data.selectedId;

export function select(id) {
  data.selectedId = id;
}

export function setMulti(multi) {
  data.multi = multi;
}

export function setCredential(providerId, credential) {
  data.credentials[providerId] = { provider: providerId, ...(credential || {}) };
}

// The server's answer to a reorder, or the order the user just made while it is being saved.
export function setProfiles(list) {
  data.profiles = list;
}

export function reorder(ids) {
  data.profiles = ids.map((id) => findProfile(id));
}

export async function loadCatalogue() {
  const { ok, data: answer } = await api("GET", "/api/llm/providers");
  if (!ok) throw new Error(firstMessage(answer, "The provider catalogue could not be loaded."));
  data.providers = Array.isArray(answer) ? answer : answer.providers || [];
  data.providerById = Object.fromEntries(data.providers.map((p) => [p.id, p]));
}

export async function loadProfiles() {
  const { ok, data: answer } = await api("GET", "/api/llm/profiles");
  if (!ok) throw new Error(firstMessage(answer, "The profiles could not be loaded."));
  data.profiles = Array.isArray(answer) ? answer : answer.results || [];
}

export async function loadCredentials() {
  const { ok, data: answer } = await api("GET", "/api/llm/credentials");
  if (!ok) return;
  const list = Array.isArray(answer) ? answer : Object.entries(answer).map(([provider, c]) => ({ provider, ...c }));
  data.credentials = Object.fromEntries(list.map((c) => [c.provider, c]));
}

// Without the setting (an older server), the list shows when there is more than one profile.
export async function loadSettings() {
  const { ok, data: answer } = await api("GET", "/api/settings/ui");
  data.multi = ok ? Boolean(answer.multi_provider_mode) : data.profiles.length > 1;
}
