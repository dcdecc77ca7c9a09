// The routine builder without page reloads. Every change is a plain form the server answers with
// the whole builder page (what a reload would show, the new total time included): here each form
// is sent in the background and the builder replaced by that answer, focus kept on the same
// control. Exercises can also be dragged into place by their handle, with a mouse or a finger, or
// moved with the arrow keys on the handle. Without this file every form still works.

const ROOT = "#builder";
const SEARCH_DELAY_MS = 250;

// The builder of the same routine (a refused change answers with it too, at the form's own address).
function sameBuilder(fresh) {
  return fresh && fresh.dataset.page === document.querySelector(ROOT).dataset.page;
}

function findAgain(root, label, fallback) {
  const again = label ? [...root.querySelectorAll("[aria-label]")].find((el) => el.getAttribute("aria-label") === label) : null;
  if (again && !again.disabled && !again.hidden) return again;
  const item = again?.closest(".builder-item");
  return item?.querySelector("[data-handle]:not([hidden]), button:not([disabled])") || root.querySelector(fallback) || root.querySelector("#total");
}

async function send(form, { label = "", data = null } = {}) {
  const body = data || new FormData(form);
  const method = (form.getAttribute("method") || "get").toUpperCase();
  const target = new URL(form.action, location.href);
  target.hash = "";
  const init = { method, credentials: "same-origin", headers: { Accept: "text/html" } };
  if (method === "GET") target.search = new URLSearchParams(body).toString();
  else init.body = new URLSearchParams(body);
  let response;
  document.querySelector(ROOT).setAttribute("aria-busy", "true"); // until the answer is in the page
  try {
    response = await fetch(target, init);
  } catch {
    form.submit(); // the network failed: the browser's own submission says so in its own way
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector(ROOT);
  if (!sameBuilder(fresh)) {
    location.assign(response.url);
    return;
  }
  fresh.setAttribute("aria-busy", "true"); // until the focus is back where it was
  document.querySelector(ROOT).replaceWith(fresh);
  document.title = page.title;
  if (response.ok) history.replaceState(null, "", response.url);
  setUp(fresh);
  const problem = fresh.querySelector("#problem");
  const focus = problem || findAgain(fresh, label, "#undo button");
  if (problem) problem.setAttribute("tabindex", "-1");
  focus?.focus();
  if (problem) problem.scrollIntoView({ block: "center" });
  fresh.removeAttribute("aria-busy");
}

function moveTo(item, to) {
  const form = item.querySelector("form[action$='/move']");
  const data = new FormData(form);
  data.set("to", String(to));
  return send(form, { data, label: item.querySelector("[data-handle]").getAttribute("aria-label") });
}

function setUpDrag(list) {
  for (const handle of list.querySelectorAll("[data-handle]")) {
    handle.hidden = false;
    const item = handle.closest(".builder-item");
    handle.addEventListener("keydown", (event) => {
      const step = { ArrowUp: -1, ArrowDown: 1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const to = Number(item.dataset.index) + step;
      if (to >= 0 && to < list.querySelectorAll(":scope > .builder-item").length) moveTo(item, to);
    });
    handle.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      // the window follows the pointer: moving the item in the page would end a capture by the handle
      item.classList.add("dragging");
      const items = () => [...list.querySelectorAll(":scope > .builder-item")];
      const from = items().indexOf(item);
      const follow = (move) => {
        const others = items().filter((other) => other !== item);
        const at = others.filter((other) => {
          const box = other.getBoundingClientRect();
          return box.top + box.height / 2 < move.clientY;
        }).length;
        const next = others[at] || null;
        if (item.nextElementSibling !== next) list.insertBefore(item, next);
      };
      const drop = () => {
        window.removeEventListener("pointermove", follow);
        window.removeEventListener("pointerup", drop);
        window.removeEventListener("pointercancel", drop);
        item.classList.remove("dragging");
        const to = items().indexOf(item);
        if (to !== from) moveTo(item, to);
      };
      window.addEventListener("pointermove", follow);
      window.addEventListener("pointerup", drop);
      window.addEventListener("pointercancel", drop);
    });
  }
}

function setUp(root) {
  for (const form of root.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => {
      if (form.action.endsWith("/duplicate") || form.action.endsWith("/delete")) return; // another page follows
      event.preventDefault();
      send(form, { label: event.submitter?.getAttribute("aria-label") || "" });
    });
  }
  const search = root.querySelector("form[data-live-search]");
  if (search) {
    let waiting = 0;
    const later = () => {
      clearTimeout(waiting);
      waiting = setTimeout(() => send(search, { label: "" }).then(() => {
        const box = document.querySelector("#q");
        box?.focus();
        box?.setSelectionRange(box.value.length, box.value.length);
      }), SEARCH_DELAY_MS);
    };
    search.querySelector("#q")?.addEventListener("input", later);
    search.querySelectorAll("select").forEach((select) => select.addEventListener("change", () => send(search, { label: "" }).then(() => document.getElementById(select.id)?.focus())));
  }
  const list = root.querySelector("[data-reorder]");
  if (list) setUpDrag(list);
}

const root = document.querySelector(ROOT);
if (root) setUp(root);
