/* Checking rules.json (the classifier's data, never trusted): its facts, answers, rules and notes have
 * the shapes rules.js and the widget rely on, and every link is a link inside the site. Pure; apart
 * from valid.js so that the quiz page, which never reads rules.json, does not carry it. */
import { ID, str, obj, strs, siteLink, validSources, validUrls } from "./valid.js";

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
    d.outcomes.every(o => linked(o) && (o.checklist === undefined || o.checklist === "" || siteLink(o.checklist)) && str(o.name) && str(o.summary) && str(o.next_step) && notes(o.notes) && Array.isArray(o.plays)) &&
    d.rules.every(r => linked(r) && str(r.outcome) && str(r.because) && obj(r.when) && notes(r.notes) &&
      Object.keys(r.when).every(k => condition(d.facts.find(f => f.id === k), r.when[k]))) &&
    Array.isArray(d.readings) && d.readings.every(r => linked(r) && str(r.outcome) && str(r.text) && str(r.answers) &&
      str(r.source) && ID.test(r.source) && obj(r.when) && Object.keys(r.when).every(k => condition(d.facts.find(f => f.id === k), r.when[k]))) &&
    ["signals", "special_cases", "pitfalls"].every(k => Array.isArray(d[k]) && d[k].every(x => linked(x) && str(x.name))) &&
    validSources(d.sources || {}) && validUrls(d.urls, ["source"]);
}
