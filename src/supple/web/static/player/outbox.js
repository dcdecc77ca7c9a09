// The outbox: what the player sends the server (the session, each set, side answers, "this hurts",
// the finish), kept in localStorage and sent in order until the server has it. A lost connection
// delays sets but never loses them. Its own module, so that a later change can keep one per person.

export const OUTBOX_KEY = "supple-outbox";
const RETRY_MS = 3000;

// hooks: refused(message) when the server will not open the session; hurtAnswer(body) with its
// answer to a "this hurts" (an easier exercise, or none); changed() after each round of sending.
export function createOutbox({ storage = window.localStorage, key = OUTBOX_KEY, hooks = {} } = {}) {
  const kept = JSON.parse(storage.getItem(key) || '{"ops": [], "sessions": {}}');
  const outbox = {
    ops: kept.ops, // waiting to be sent, in order
    sessions: kept.sessions, // local key -> the server's session id
    busy: false,
    sent: 0,
    signedOut: false,
    failed: [],
    save() { storage.setItem(key, JSON.stringify({ ops: this.ops, sessions: this.sessions })); },
    add(op) { this.ops.push(op); this.save(); this.flush(); },
    async flush() {
      if (this.busy) return;
      this.busy = true;
      try {
        while (this.ops.length) {
          const op = this.ops[0];
          const sid = this.sessions[op.key];
          if (op.kind !== "open" && sid === undefined) {
            // its session was never opened (refused, or lost with an older outbox): drop it
            if (!this.ops.some((o) => o.kind === "open" && o.key === op.key)) { this.ops.shift(); continue; }
          }
          const url = op.kind === "open" ? "/api/sessions" : `/api/sessions/${sid}/${op.kind}`;
          let response;
          try {
            response = await fetch(url, {
              method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(op.body),
            });
          } catch (e) {
            setTimeout(() => this.flush(), RETRY_MS); // offline: try again later
            return;
          }
          if (response.status >= 500) { setTimeout(() => this.flush(), RETRY_MS); return; }
          // Clinic mode: the sign-in ran out. Nothing is lost: the sets wait here until the person
          // signs in again (in another tab) and comes back to this one.
          if (response.status === 401) { this.signedOut = true; return; }
          this.signedOut = false;
          // The answer is read and acted on before the operation leaves the outbox, so an empty
          // outbox means every answer has been handled (the easier exercise offered, say).
          const body = response.status === 204 ? null : await response.json().catch(() => null);
          this.ops.shift();
          if (!response.ok) {
            this.save();
            const detail = body && body.detail;
            this.failed.push({ op, status: response.status, detail });
            if (op.kind === "open" && hooks.refused) hooks.refused(detail || "The server refused to start this session.");
            continue;
          }
          this.sent += 1;
          if (op.kind === "open") this.sessions[op.key] = body.id;
          this.save();
          if (op.kind === "hurt" && hooks.hurtAnswer) hooks.hurtAnswer(body);
        }
      } finally {
        this.busy = false;
        if (hooks.changed) hooks.changed();
      }
    },
    // Send again when the connection comes back, or when the person returns after signing in.
    watch(target = window) {
      target.addEventListener("online", () => this.flush());
      target.addEventListener("focus", () => { if (this.signedOut) this.flush(); });
    },
  };
  return outbox;
}
