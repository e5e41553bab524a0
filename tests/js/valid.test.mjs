import { test } from "node:test";
import assert from "node:assert/strict";
import { siteLink, urlOf, urlPattern, validBank } from "../../quiz/assets/valid.js";

const question = extra => ({ id: "q1", topic: "t", prompt: "P?", explanation: "E.", link: "decision/#rule-a",
  options: [{ id: "a", text: "A" }, { id: "b", text: "B" }], correct: ["a"], ...extra });
const bank = extra => ({ questions: [question()], topics: [{ id: "t", name: "T", link: "decision/" }],
  sources: { s: { title: "T", byline: "B" } }, urls: { source: "sources/{id}/", question: "quiz/study/#{id}" }, ...extra });
test("only a relative link inside the site is a link", () => {
  for (const ok of ["decision/", "decision/#rule-a", "sources/a_b/"]) assert.ok(siteLink(ok), ok);
  for (const bad of ["javascript:alert(1)//", "https://evil.example/", "//evil.example/", "../up/", "decision",
    "decision/#<b>", 7, null, "//evil/", "//evil/x/", "/decision/", "a//b/", "../x/"]) assert.ok(!siteLink(bad), String(bad));
});

test("a well-formed bank passes", () => {
  assert.ok(validBank(bank()));
});

test("a malformed bank is refused", () => {
  const broken = [null, [], {}, bank({ questions: [] }), bank({ topics: "t" }), bank({ config: [] }),
    bank({ sources: { "Bad id": { title: "T", byline: "B" } } }), bank({ sources: { s: { title: 1, byline: "B" } } }),
    bank({ topics: [{ id: "t", name: "T", link: "javascript:x" }] })];
  const questions = [{ link: "https://evil.example/" }, { options: [{ id: "a", text: "A" }] }, { correct: [] },
    { correct: ["z"] }, { prompt: 3 }, { sources: ["ok", "Not ok"] }, { facts: "yes" }, { options: [{ id: "a" }, { id: "b", text: "B" }] }];
  questions.forEach(q => broken.push(bank({ questions: [question(q)] })));
  broken.forEach((b, i) => assert.ok(!validBank(b), `case ${i}`));
});

test("the data says where pages are: URL patterns with one id slot, filled URL-encoded", () => {
  assert.equal(urlOf("sources/{id}/", "ada"), "sources/ada/");
  assert.equal(urlOf("quiz/study/#{id}", "a b$&"), "quiz/study/#a%20b%24%26");
  for (const ok of ["sources/{id}/", "quiz/study/#{id}"]) assert.ok(urlPattern(ok), ok);
  for (const bad of ["sources/", "{id}/{id}/", "https://evil.example/{id}/", "//evil/{id}/", "../{id}/", 3, null])
    assert.ok(!urlPattern(bad), String(bad));
  assert.ok(!validBank(bank({ urls: undefined })) && !validBank(bank({ urls: { source: "sources/{id}/" } })));
});

test("a bank's settings are checked, not trusted: per_topic quotas, size and pass mark (issue #21)", () => {
  assert.ok(validBank(bank({ config: { size: 12, pass_mark: 0.8, per_topic: { t: 4, u: 0 } } })));
  for (const config of [{ per_topic: { t: 1e9 } }, { per_topic: { t: -1 } }, { per_topic: { t: "2" } },
    { per_topic: [] }, { per_topic: JSON.parse('{"__proto__": 1}') }, { size: 1e9 }, { size: -1 }, { pass_mark: "x" },
    { assessment: { size: 1e9 } }, { assessment: { per_topic: { classification: 1e9 } } }, { assessment: [] }]) {
    assert.ok(!validBank(bank({ config })), JSON.stringify(config));
  }
});

test("a question's feedback is text per option", () => {
  assert.ok(validBank(bank({ questions: [question({ pool: "assessment", feedback: { a: "Right.", b: "No." } })] })));
  for (const feedback of [[], "x", { a: 1 }, { a: { toString: 1 } }, null]) assert.ok(!validBank(bank({ questions: [question({ feedback })] })));
});
