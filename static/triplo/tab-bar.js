// The page's tab bar: one tab per part of the old container UI. Each tab's panel is filled by
// its own module (its folder); this one only switches panels, keeps the chosen tab in the URL's
// hash (so a reload shows it again) and gives the tabs arrow-key navigation (WAI-ARIA tabs).

import { $ } from "./dom.js";

const tabs = () => [...document.querySelectorAll('[role="tab"]')];

function show(tab, { focus = false } = {}) {
  for (const other of tabs()) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(`#${other.getAttribute("aria-controls")}`).hidden = !selected;
  }
  if (focus) tab.focus();
  // The page's heading and title name the tab shown.
  $(".topbar h1").textContent = tab.textContent;
  document.title = `${tab.textContent} · triplo-config`;
  const name = tab.id.replace(/^tab-/, "");
  history.replaceState(null, "", name === "api-models" ? window.location.pathname : `#${name}`);
  document.dispatchEvent(new CustomEvent("triplo:tab", { detail: name }));
}

function onKey(event) {
  const all = tabs();
  const index = all.indexOf(event.target);
  const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  show(all[(moves[event.key] + all.length) % all.length], { focus: true });
}

export function startTabBar() {
  for (const tab of tabs()) {
    tab.addEventListener("click", () => show(tab));
    tab.addEventListener("keydown", onKey);
  }
  window.addEventListener("hashchange", showFromHash);
  showFromHash();
}

function showFromHash() {
  const name = window.location.hash.slice(1);
  const wanted = /^[a-z-]+$/.test(name) ? $(`#tab-${name}`) : null;
  show(wanted && wanted.getAttribute("role") === "tab" ? wanted : tabs()[0]);
}
