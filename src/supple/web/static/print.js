// A "Print" button (data-print) prints the page. A script file, not an onclick attribute: the
// Content-Security-Policy runs no inline script.
"use strict";
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
