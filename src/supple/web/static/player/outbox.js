// The outbox: what the player sends the server (the session, each set, side answers, "this hurts",
// the finish), kept in localStorage and sent in order until the server has it. A lost connection
// delays sets but never loses them: any page of supple sends what waits once the connection is
// back (app.js), trying again later and later while it is not.
//
// localStorage is the one copy: every tab reads it before acting and writes it after, and one tab
// at a time sends (a Web Lock, where the browser has them; without, the server's keys keep what
// two tabs send twice once). Each person has an outbox of their own (the page names it, base.html).

export const OUTBOX_KEY = "supple-outbox";
const SENDING_LOCK = "supple-outbox-sending";
const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 5 * 60 * 1000;
// The device's time each operation carries (the server keeps it: a session played offline stays
// on the day it was played).
export const DEVICE_TIME = { open: "started_at", sets: "ended_at", finish: "ended_at" };

// The outbox of whoever the page is for, or null when it is for no one (clinic mode, signed out).
export function outboxKey(doc = document) {
  return (doc.body && doc.body.dataset.outbox) || null;
}

// Clinic mode's outboxes are named after their person ("supple-outbox:7"); each request says whose
// it is, and the server refuses it under anyone else's sign-in (web/deps.py), so what one person
// did is never sent as another's, even from a tab left open while someone else signed in.
export const FOR_PERSON = "X-Supple-Person";
export function personOf(key) {
  const at = key.indexOf(":");
  return at < 0 ? null : key.slice(at + 1);
}

// What the server refused to keep, in plain words (never dropped without a word: the player says it).
export function refusedWords(refused) {
  const sets = refused.filter((r) => r.op.kind === "sets").length;
  const others = refused.length - sets;
  const parts = [];
  if (sets) parts.push(sets === 1 ? "1 set" : `${sets} sets`);
  if (others) parts.push(others === 1 ? "1 other update" : `${others} other updates`);
  if (!parts.length) return "";
  const why = refused.every((r) => r.status === 409) ? " because the session had already ended"
    : refused.every((r) => r.status === 404) ? " because the session is no longer there" : "";
  return `${parts.join(" and ")} could not be saved${why}.`;
}

// What waits, in plain words: "the start of the session, 3 sets and the end of the session".
export function waitingWords(ops) {
  const count = (kind) => ops.filter((op) => op.kind === kind).length;
  const n = { open: count("open"), sets: count("sets"), sides: count("sides"), hurt: count("hurt"), finish: count("finish") };
  const parts = [];
  if (n.open) parts.push(n.open === 1 ? "the start of the session" : `the starts of ${n.open} sessions`);
  if (n.sets) parts.push(n.sets === 1 ? "1 set" : `${n.sets} sets`);
  if (n.sides) parts.push(n.sides === 1 ? "your answer about the tighter side" : `${n.sides} answers about the tighter side`);
  if (n.hurt) parts.push(n.hurt === 1 ? "your report of pain" : `${n.hurt} reports of pain`);
  if (n.finish) parts.push(n.finish === 1 ? "the end of the session" : `the ends of ${n.finish} sessions`);
  if (parts.length < 2) return parts[0] || "nothing";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

const sameOp = (a, b) => (a.id ? a.id === b.id : JSON.stringify(a) === JSON.stringify(b));

// hooks: refused(message) when the server will not open the session; hurtAnswer(body) with its
// answer to a "this hurts" (an easier exercise, or none); changed() after each round of sending,
// when the connection comes or goes, and when another tab changed the outbox.
// yieldTo: a Web Lock's name; while another page holds it (an open player), this one leaves the
// sending to it, and tries again later.
export function createOutbox({
  storage = window.localStorage, key = outboxKey() || OUTBOX_KEY, hooks = {}, locks = navigator.locks, yieldTo = null,
} = {}) {
  const read = () => ({ refused: [], ...JSON.parse(storage.getItem(key) || '{"ops": [], "sessions": {}}') });
  const person = personOf(key);
  const headers = { "Content-Type": "application/json", ...(person === null ? {} : { [FOR_PERSON]: person }) };
  const write = (kept) => storage.setItem(key, JSON.stringify(kept));
  const changed = () => { if (hooks.changed) hooks.changed(); };
  let timer = null;

  const outbox = {
    get ops() { return read().ops; }, // waiting to be sent, in order
    get sessions() { return read().sessions; }, // local key -> the server's session id
    get refused() { return read().refused; }, // what the server would not keep, and why, until the next session
    forgetRefused() { const kept = read(); kept.refused = []; write(kept); },
    busy: false,
    sent: 0,
    signedOut: false,
    offline: false, // the last try found no connection
    retryMs: FIRST_RETRY_MS, // the wait before the next try, doubled after each failed one
    add(op) {
      const kept = read();
      kept.ops.push({ ...op, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });
      write(kept);
      // Offline, it waits for the next try (or the connection's return) instead of trying at once.
      if (!this.offline) this.flush();
      else changed();
    },
    // Change an operation still waiting (or drop it: change returns null), in the one copy.
    update(op, change) {
      const kept = read();
      kept.ops = kept.ops.flatMap((o) => (sameOp(o, op) ? [change(o)].filter(Boolean) : [o]));
      write(kept);
    },
    async flush() {
      if (this.busy) return;
      this.busy = true;
      try {
        if (yieldTo && locks && (await locks.query()).held.some((lock) => lock.name === yieldTo)) {
          this.later();
          return;
        }
        await (locks ? locks.request(SENDING_LOCK, () => this.send()) : this.send());
      } finally {
        this.busy = false;
        changed();
      }
    },
    later() {
      clearTimeout(timer);
      timer = setTimeout(() => this.flush(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
    },
    async send() {
      for (;;) {
        const kept = read();
        const op = kept.ops[0];
        if (!op) return;
        const sid = kept.sessions[op.key];
        if (op.kind !== "open" && sid === undefined) {
          // its session was never opened (refused, or lost with an older outbox): set aside, said
          kept.ops = kept.ops.filter((o) => !sameOp(o, op));
          kept.refused.push({ op, status: 0, detail: "its session was not started" });
          write(kept);
          continue;
        }
        const url = op.kind === "open" ? "/api/sessions" : `/api/sessions/${sid}/${op.kind}`;
        let response;
        try {
          response = await fetch(url, { method: "POST", headers, body: JSON.stringify(op.body) });
        } catch (e) {
          if (!this.offline) { this.offline = true; changed(); }
          this.later(); // offline: try again later, and later still if it is still off
          return;
        }
        this.offline = false;
        if (response.status >= 500) { this.later(); return; }
        // Clinic mode: the sign-in ran out, or someone else has signed in on this device. Nothing is
        // lost: the sets wait here until their person signs in again, and any page of theirs sends them.
        if (response.status === 401) { this.signedOut = true; return; }
        this.signedOut = false;
        this.retryMs = FIRST_RETRY_MS;
        const field = DEVICE_TIME[op.kind];
        if (response.status === 400 && field && op.body[field] !== undefined) {
          // The server finds the device's clock wrong: keep it at the time it arrives instead.
          this.update(op, (o) => { const body = { ...o.body }; delete body[field]; return { ...o, body }; });
          continue;
        }
        // The answer is read and acted on before the operation leaves the outbox, so an empty
        // outbox means every answer has been handled (the easier exercise offered, say).
        const body = response.status === 204 ? null : await response.json().catch(() => null);
        if (!response.ok) {
          // Refused for good (sending it again would be refused again): out of the queue, so what
          // follows is sent, but kept beside it with the reason, and said on the player's screen.
          const detail = body && body.detail;
          const now = read();
          now.ops = now.ops.filter((o) => !sameOp(o, op));
          now.refused.push({ op, status: response.status, detail });
          write(now);
          if (op.kind === "open" && hooks.refused) hooks.refused(detail || "The server refused to start this session.");
          continue;
        }
        this.sent += 1;
        const now = read();
        if (op.kind === "open") now.sessions[op.key] = body.id;
        now.ops = now.ops.filter((o) => !sameOp(o, op));
        write(now);
        if (op.kind === "hurt" && hooks.hurtAnswer) hooks.hurtAnswer(body);
      }
    },
    // Send again when the connection comes back, when the person returns after signing in, and
    // show what another tab changed.
    watch(target = window) {
      target.addEventListener("online", () => { this.retryMs = FIRST_RETRY_MS; this.flush(); });
      target.addEventListener("offline", () => { this.offline = true; changed(); });
      target.addEventListener("focus", () => { if (this.signedOut) this.flush(); });
      target.addEventListener("storage", (event) => { if (event.key === key) changed(); });
    },
  };
  return outbox;
}
