// Triplo's settings as GET /api/triplo/settings answers them: the catalogue's groups and fields
// (types, choices, ranges, labels, help) and config.json's values, secrets masked. Loaded once
// for every settings tab; a save replaces it with the server's answer.

import { api, firstMessage } from "../request.js";

let state = null;

export async function load() {
  const { ok, data } = await api("GET", "/api/triplo/settings");
  if (!ok) throw new Error(firstMessage(data, "Triplo's settings could not be loaded."));
  state = data;
  return state;
}

export const group = (id) => state.groups.find((g) => g.id === id);
export const value = (key) => state.values[key];
export const locked = (key) => state.locked[key];

// Sends the changed values; resolves to {ok, errors} and keeps the server's new state.
export async function save(changes) {
  const { ok, data } = await api("PATCH", "/api/triplo/settings", changes);
  if (ok) state = data;
  return { ok, errors: ok ? {} : data };
}

export async function regenerateLlmKey() {
  const { ok, data } = await api("POST", "/api/triplo/settings/llm-key/regenerate");
  if (ok) state = data;
  return { ok, message: ok ? "" : firstMessage(data) };
}
