import { test } from "node:test";
import assert from "node:assert/strict";
import { pct, label, mdEscape, shortLine } from "../../quiz/assets/format.js";

test("a source is labelled by its byline and its title, a described work without quotes", () => {
  const sources = { a: { title: "Partners", byline: "Ann Author" }, b: { title: "(a forum thread)", byline: "Bo" } };
  assert.equal(label(sources, "a"), "Ann Author, \u201cPartners\u201d");
  assert.equal(label(sources, "b"), "Bo, a forum thread");
  assert.equal(label(sources, "zz"), "zz");
});

test("percentages round, Markdown is escaped, long prompts are cut", () => {
  assert.equal(pct(2 / 3), 67);
  assert.equal(pct(1), 100);
  assert.equal(mdEscape("[a](b) *c* <d> |e| `f` \\"), "\\[a\\](b) \\*c\\* \\<d\\> \\|e\\| \\`f\\` \\\\");
  assert.equal(shortLine("a\n  b"), "a b");
  assert.equal(shortLine("x".repeat(120)), "x".repeat(120));
  assert.equal(shortLine("x".repeat(121)), "x".repeat(117) + "...");
});
