// The Local LLM tab: the "Enable local LLMs" switch (independent of the active profile, unless
// that profile needs it), sync, the local-LLM key (masked, Regenerate after a confirmation) from
// the catalogue, and the Ollama server card (ollama.js).

import { $, el, notify, confirmDialog } from "../dom.js";
import { renderSettingsForm } from "../settings-form/form.js";
import * as store from "../settings-form/store.js";
import { startOllama } from "./ollama.js";

let refill = () => {};

async function regenerate() {
  const sure = await confirmDialog(
    "Triplo encrypts its local-model data with this key. A new key makes what was encrypted with the old one unreadable.",
    { title: "Regenerate the local LLM key?", ok: "Regenerate", danger: true },
  );
  if (!sure) return;
  const { ok, message } = await store.regenerateLlmKey();
  if (!ok) {
    notify(message, "error");
    return;
  }
  refill();
  notify("A new local LLM key is saved. Triplo restarts to use it.");
}

export async function startLocalLlm() {
  const button = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "regenerate-llm-key", text: "Regenerate" });
  button.addEventListener("click", regenerate);
  refill = renderSettingsForm($("#panel-local-llm-settings"), ["local_llm"], { llm_key: button });
  await startOllama();
}
