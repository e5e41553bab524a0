/* Checking loaded data: questions.json and rules.json are data, never trusted. A link is only ever a
 * relative link inside the site (the same pattern the knowledge base's links must match). Pure. */

const LINK = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9_-]+)*\/(#[a-z0-9_-]+)?$/, ID = /^[a-z][a-z0-9_-]*$/;
const str = x => typeof x === "string", obj = x => !!x && typeof x === "object" && !Array.isArray(x);
const strs = x => Array.isArray(x) && x.every(str);

export function siteLink(x) { return str(x) && LINK.test(x); }

/* A URL pattern of the data's `urls` ("sources/{id}/"): one {id} slot, a site link once filled. */
export function urlPattern(x) { return str(x) && x.split("{id}").length === 2 && siteLink(x.replace("{id}", "x")); }

/* A URL pattern filled with an id, URL-encoded: the data says where pages are, never this code. */
export function urlOf(pattern, id) { return pattern.replace("{id}", () => encodeURIComponent(id)); }

const validUrls = (u, names) => obj(u) && names.every(n => urlPattern(u[n]));

function validSources(s) {
  return obj(s) && Object.keys(s).every(k => ID.test(k) && obj(s[k]) && str(s[k].title) && str(s[k].byline));
}

function validQuestion(q) {
  if (!obj(q) || !str(q.id) || !str(q.topic) || !str(q.prompt) || !str(q.explanation) || !siteLink(q.link)) return false;
  if (!Array.isArray(q.options) || q.options.length < 2 || !q.options.every(o => obj(o) && str(o.id) && str(o.text))) return false;
  if (!strs(q.correct) || !q.correct.length || !q.correct.every(c => q.options.some(o => o.id === c))) return false;
  return (q.sources === undefined || (strs(q.sources) && q.sources.every(s => ID.test(s)))) && (q.facts === undefined || obj(q.facts));
}

export function validBank(data) {
  return obj(data) && Array.isArray(data.questions) && data.questions.length > 0 && data.questions.every(validQuestion) &&
    (data.config === undefined || obj(data.config)) && validSources(data.sources || {}) && validUrls(data.urls, ["source", "question"]) &&
    Array.isArray(data.topics) && data.topics.every(t => obj(t) && str(t.id) && str(t.name) && siteLink(t.link));
}

/* A rule's condition on fact `f`: one of its answers (yes/no, or an option id), or a non-empty list of them. */
function condition(f, x) {
  if (!obj(f)) return false;
  const vals = Array.isArray(f.options) && f.options.length ? f.options.map(o => o.id) : [true, false];
  const given = Array.isArray(x) ? x : [x];
  return given.length > 0 && given.every(v => vals.includes(v));
}

export function validRules(d) {
  const notes = n => obj(n) && strs(n.signals) && strs(n.special_cases) && strs(n.pitfalls);
  const linked = x => obj(x) && str(x.id) && siteLink(x.link) && (x.sources === undefined || (strs(x.sources) && x.sources.every(s => ID.test(s))));
  return obj(d) && Array.isArray(d.facts) && d.facts.length > 0 && Array.isArray(d.rules) && Array.isArray(d.outcomes) &&
    d.facts.every(f => linked(f) && ID.test(f.id) && str(f.question) && str(f.help) && str(f.yes) && str(f.no) && str(f.how_to_find_out) &&
      (f.options === undefined || (Array.isArray(f.options) && f.options.length <= 9 &&
        f.options.every(o => obj(o) && str(o.id) && ID.test(o.id) && o.id !== "unknown" && str(o.short) && str(o.label) && str(o.example))))) &&
    d.outcomes.every(o => linked(o) && str(o.name) && str(o.summary) && str(o.next_step) && notes(o.notes) && Array.isArray(o.plays)) &&
    d.rules.every(r => linked(r) && str(r.outcome) && str(r.because) && obj(r.when) && notes(r.notes) &&
      Object.keys(r.when).every(k => condition(d.facts.find(f => f.id === k), r.when[k])) && Array.isArray(r.alternatives) &&
      r.alternatives.every(a => obj(a) && str(a.outcome) && str(a.reading) && str(a.source) && ID.test(a.source))) &&
    ["signals", "special_cases", "pitfalls"].every(k => Array.isArray(d[k]) && d[k].every(x => linked(x) && str(x.name))) &&
    validSources(d.sources || {}) && validUrls(d.urls, ["source"]);
}
