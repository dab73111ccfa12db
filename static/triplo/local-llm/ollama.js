// The Local LLM tab's server card: the Ollama server's URL and its model list are the Ollama
// credential's `url` and `models` (one place: profiles and config.json's ollama_url and
// ollama_models read them). Refresh asks the server (/api/tags, through /api/llm/models), Add
// and Remove edit the list; each change is saved at once.

import { $, el, notify } from "../dom.js";
import { api, firstMessage } from "../request.js";

let models = [];

async function saveCredential(changes, done) {
  const { ok, data } = await api("PATCH", "/api/llm/credentials/ollama", changes);
  const error = $("#ollama-error");
  error.textContent = ok ? "" : firstMessage(data);
  if (!ok) return false;
  models = data.models || [];
  render();
  notify(done);
  return true;
}

function render() {
  const list = $("#ollama-models");
  list.replaceChildren(
    ...models.map((name) => {
      const remove = el("button", { type: "button", class: "btn btn-ghost btn-small", text: "Remove", "aria-label": `Remove ${name}` });
      remove.addEventListener("click", () =>
        saveCredential({ models: models.filter((m) => m !== name) }, `Removed ${name}.`),
      );
      return el("li", { class: "row" }, el("span", { class: "model-name", text: name }), remove);
    }),
  );
  $("#ollama-empty").hidden = models.length > 0;
}

async function refresh() {
  $("#ollama-error").textContent = "";
  const { ok, data } = await api("GET", "/api/llm/models?provider=ollama&refresh=1");
  if (!ok || !Array.isArray(data.models) || data.error) {
    $("#ollama-error").textContent = firstMessage(ok ? { detail: (data.error && data.error.detail) || data.error } : data, "The server cannot be reached.");
    return;
  }
  await saveCredential({ models: data.models }, `The server lists ${data.models.length} model(s).`);
}

async function add(event) {
  event.preventDefault();
  const input = $("#ollama-add");
  const name = input.value.trim();
  if (!name) {
    $("#ollama-error").textContent = "Type a model name to add.";
    return;
  }
  if (await saveCredential({ models: [...models.filter((m) => m !== name), name] }, `Added ${name}.`)) input.value = "";
}

async function saveUrl(event) {
  event.preventDefault();
  await saveCredential({ url: $("#ollama-url").value.trim() }, "Server URL saved.");
}

export async function startOllama() {
  $("#ollama-url-form").addEventListener("submit", saveUrl);
  $("#ollama-add-form").addEventListener("submit", add);
  $("#ollama-refresh").addEventListener("click", refresh);
  const { ok, data } = await api("GET", "/api/llm/credentials/ollama");
  if (ok && data) {
    $("#ollama-url").value = data.url || "";
    models = data.models || [];
  }
  render();
}
