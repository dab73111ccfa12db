// Requests to the REST API (/api/...) for every module of the page: one at a time, with the
// CSRF token, the face header the history records, and a readable answer even when the server
// cannot be reached or answers with something that is not JSON.

function cookie(name) {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]) : "";
}

// One request at a time: the page never races itself (e.g. two saves, or a save and a list).
let queue = Promise.resolve();
export function api(method, path, body) {
  const run = queue.then(() => request(method, path, body));
  queue = run.catch(() => {});
  return run;
}

async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = cookie("csrftoken");
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, status: 0, data: { detail: "The server cannot be reached." } };
  }
  if (response.status === 401) {
    window.location.assign(`/login/?next=${encodeURIComponent(window.location.pathname)}`);
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch (error) {
      data = { detail: `Unexpected answer from the server (HTTP ${response.status}).` };
    }
  }
  return { ok: response.ok, status: response.status, data };
}

export function firstMessage(data, fallback = "Something went wrong.") {
  if (!data) return fallback;
  if (typeof data.detail === "string") return data.detail;
  for (const messages of Object.values(data)) {
    if (Array.isArray(messages) && messages.length) return String(messages[0]);
    if (typeof messages === "string") return messages;
  }
  return fallback;
}
