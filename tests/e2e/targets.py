"""Tap targets measured in the browser: every control a finger may need, at least 44x44 CSS px."""

from __future__ import annotations

from typing import Any

MIN_PX = 44

# Everything a person taps, as laid out (hidden ones left out). A checkbox or radio is tapped by
# its label; a link inside a sentence of running text is exempt, as WCAG 2.5.8 exempts it.
SMALL_TARGETS = """(min) => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const inSentence = (e) => {
    if (e.tagName !== 'A' || getComputedStyle(e).display !== 'inline') return false;
    const block = e.closest('p, li, td, dd, small') || e.parentElement;
    const words = (x) => x.textContent.replace(/\\s+/g, ' ').trim().length;
    return words(block) > words(e) + 3;
  };
  const targets = new Set();
  for (const e of document.querySelectorAll('a[href], button, select, textarea, summary, input:not([type=hidden])')) {
    if (e.matches('input[type=checkbox], input[type=radio]')) {
      for (const label of e.labels || []) targets.add(label);
    } else targets.add(e);
  }
  return [...targets].filter(shown).filter((e) => !inSentence(e)).map((e) => {
    const r = e.getBoundingClientRect();
    return { what: `${e.tagName.toLowerCase()} "${(e.textContent || e.value || e.name || '').trim().slice(0, 40)}"`,
             width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  }).filter((t) => t.width < min - 0.01 || t.height < min - 0.01);
}"""


def small_targets(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(SMALL_TARGETS, MIN_PX)
    return found
