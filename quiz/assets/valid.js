/* Checking loaded data: questions.json and rules.json are data, never trusted. A link is only ever a
 * relative link inside the site (the same pattern the knowledge base's links must match). Pure.
 * rules.json's own check is validrules.js, which only the classifier loads. */

const LINK = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9_-]+)*\/(#[a-z0-9_-]+)?$/;
export const ID = /^[a-z][a-z0-9_-]*$/;
export const str = x => typeof x === "string";
export const obj = x => !!x && typeof x === "object" && !Array.isArray(x);
export const strs = x => Array.isArray(x) && x.every(str);

export function siteLink(x) { return str(x) && LINK.test(x); }

/* A URL pattern of the data's `urls` ("sources/{id}/"): one {id} slot, a site link once filled. */
export function urlPattern(x) { return str(x) && x.split("{id}").length === 2 && siteLink(x.replace("{id}", "x")); }

/* A URL pattern filled with an id, URL-encoded: the data says where pages are, never this code. */
export function urlOf(pattern, id) { return pattern.replace("{id}", () => encodeURIComponent(id)); }

export const validUrls = (u, names) => obj(u) && names.every(n => urlPattern(u[n]));

export function validSources(s) {
  return obj(s) && Object.keys(s).every(k => ID.test(k) && obj(s[k]) && str(s[k].title) && str(s[k].byline));
}

function validQuestion(q) {
  if (!obj(q) || !str(q.id) || !str(q.topic) || !str(q.prompt) || !str(q.explanation) || !siteLink(q.link)) return false;
  if (!Array.isArray(q.options) || q.options.length < 2 || !q.options.every(o => obj(o) && str(o.id) && str(o.text))) return false;
  if (!strs(q.correct) || !q.correct.length || !q.correct.every(c => q.options.some(o => o.id === c))) return false;
  if (q.feedback !== undefined && !(obj(q.feedback) && Object.values(q.feedback).every(str))) return false;
  return (q.sources === undefined || (strs(q.sources) && q.sources.every(s => ID.test(s)))) && (q.facts === undefined || obj(q.facts));
}

/* Settings are data too: numbers from 0 to 100 under id keys, one level of nesting (per_topic …), so a
   tampered quota cannot make a round loop to it (issue #21). */
const nums = (x, d) => obj(x) && Object.keys(x).every(k => ID.test(k) &&
  (typeof x[k] === "number" ? x[k] >= 0 && x[k] <= 100 : d > 0 && nums(x[k], d - 1)));

export function validBank(data) {
  return obj(data) && Array.isArray(data.questions) && data.questions.length > 0 && data.questions.every(validQuestion) &&
    (data.config === undefined || nums(data.config, 2)) && validSources(data.sources || {}) && validUrls(data.urls, ["source", "question"]) &&
    Array.isArray(data.topics) && data.topics.every(t => obj(t) && str(t.id) && str(t.name) && siteLink(t.link));
}
