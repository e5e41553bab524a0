/* The pure modules run anywhere: they never reach for the page (document, window, localStorage,
   location, fetch); the widgets hand them what they need. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const PURE = ["rules.js", "urlstate.js", "draw.js", "storage.js", "valid.js", "validrules.js", "format.js"];
// A name used as a variable (not a property `.history` or a key `history:`).
const BROWSER = /(?<![.\w])(document|window|globalThis|self|localStorage|sessionStorage|location|history|navigator|fetch)\b(?!\s*:)/;

test("the pure modules name no browser global and import only pure modules", () => {
  for (const name of PURE) {
    const code = readFileSync(new URL("../../quiz/assets/" + name, import.meta.url), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, BROWSER, name);
    for (const [, dep] of code.matchAll(/from\s+"\.\/([^"]+)"/g)) assert.ok(PURE.includes(dep), `${name} imports ${dep}`);
  }
});
