// The page's entry: the header's status, the tab bar and the page's tabs. Each tab is its own
// ES module (its folder beside this file) exporting a start function that wires its part of the
// page and loads what it shows; shared helpers live in dom.js, request.js and settings-form/,
// never here, so no module imports this one. The History panel (history.js) starts itself from
// its own template.

import { startAccess } from "./access/tab.js";
import { startApiModels } from "./api-models/tab.js";
import { notify } from "./dom.js";
import { startDisplayUi } from "./display-ui/tab.js";
import { startLocalLlm } from "./local-llm/tab.js";
import { startPreferences } from "./preferences/tab.js";
import { load as loadTriploSettings } from "./settings-form/store.js";
import { startStatus } from "./status-panel.js";
import { startTabBar } from "./tab-bar.js";
import { startVoiceAudio } from "./voice-audio/tab.js";

async function startSettingsTabs() {
  try {
    await loadTriploSettings();
  } catch (error) {
    notify(error.message, "error");
    return;
  }
  startPreferences();
  startVoiceAudio();
  startDisplayUi();
  await startLocalLlm();
}

async function start() {
  startTabBar();
  if (!(await startApiModels())) return;
  await startSettingsTabs();
  await startAccess();
  startStatus();
  document.body.classList.add("is-ready");
}

start();
