// The page's entry: the header's status and the page's tabs. Each tab is its own ES module
// (its folder beside this file) exporting a start function that wires its part of the page and
// loads what it shows; shared helpers live in dom.js and request.js, never here, so no module
// imports this one. The History panel (history.js) starts itself from its own template.

import { startApiModels } from "./api-models/tab.js";
import { startStatus } from "./status-panel.js";

async function start() {
  if (!(await startApiModels())) return;
  startStatus();
  document.body.classList.add("is-ready");
}

start();
