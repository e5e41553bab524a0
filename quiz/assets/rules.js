/* The decision rules, evaluated: a line-for-line port of generator/decision.py (the parity test runs
 * both on every input). Pure: no DOM, no globals. An answer is true (yes), false (no), an option id
 * (a choice fact) or null (not sure); a fact absent from the answers is unasked. A rule's `when` gives
 * per fact the answer it needs or a list of answers any of which will do. `d` is rules.json:
 * {facts, rules, outcomes}. Answers live in objects without a prototype (`blank`), so a fact id like
 * "__proto__" is an ordinary key. */

export const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/* An empty set of answers: no inherited keys, so any fact id can be stored and found again. */
export const blank = () => Object.create(null);

/* A fact's possible answers, in the order offered: its option ids, or yes and no. */
export const values = f => Array.isArray(f.options) && f.options.length ? f.options.map(o => o.id) : [true, false];

/* A known answer meets a condition (one answer, or a list of them). */
const holds = (wanted, given) => given !== null && given !== undefined &&
  (Array.isArray(wanted) ? wanted : [wanted]).some(w => w === given);

export function matches(rule, facts) {
  return Object.keys(rule.when).every(f => own(facts, f) && holds(rule.when[f], facts[f]));
}

export function matchingRules(d, facts) { return d.rules.filter(r => matches(r, facts)); }

/* The one rule that decides complete facts; anything else is a bug in the caller or the rules. */
export function classify(d, facts) {
  const found = matchingRules(d, facts);
  if (found.length !== 1) throw new Error(found.length + " rules match");
  return found[0];
}

const isOpen = (answers, f, w) => !own(answers, f) || answers[f] === null || holds(w, answers[f]);

export function candidates(d, answers) {
  return d.rules.filter(r => Object.keys(r.when).every(f => isOpen(answers, f, r.when[f])));
}

/* The first fact, in the rules' order, that is unasked and that a remaining rule looks at. */
export function nextQuestion(d, answers) {
  const left = candidates(d, answers);
  if (left.length <= 1) return null;
  for (const { id: f } of d.facts) {
    if (!own(answers, f) && left.some(r => own(r.when, f))) return f;
  }
  return null;
}

/* The questions the tool asks for these facts, with the answers given ([fact, value] pairs). Each
 * fact is asked once at most, so even malformed data cannot keep it asking. */
export function path(d, facts) {
  const answers = blank(), out = [];
  let f;
  while (out.length < d.facts.length && (f = nextQuestion(d, answers)) !== null && !own(answers, f)) {
    answers[f] = own(facts, f) ? facts[f] : null;
    out.push([f, answers[f]]);
  }
  return out;
}

/* Whether knowing fact `f` would change which outcomes remain: two of its answers leave different sets. */
export function splits(rules, f, vals) {
  const seen = new Set(vals.map(v => {
    const outs = rules.filter(r => !own(r.when, f) || holds(r.when[f], v)).map(r => r.outcome);
    return JSON.stringify(Array.from(new Set(outs)).sort());
  }));
  return seen.size > 1;
}

/* The rules and outcomes still possible, and the "not sure" answers to find out (first one first). */
export function verdict(d, answers) {
  const left = candidates(d, answers);
  const outcomes = d.outcomes.map(o => o.id).filter(id => left.some(r => r.outcome === id));
  const findOut = outcomes.length > 1
    ? d.facts.filter(f => own(answers, f.id) && answers[f.id] === null && splits(left, f.id, values(f))).map(f => f.id) : [];
  return { rules: left, outcomes, find_out: findOut,
    outcome: outcomes.length === 1 ? outcomes[0] : null, rule: left.length === 1 ? left[0] : null };
}

/* What the tool concludes once nothing more can be asked (null while a question is open). */
export function decide(d, answers) { return nextQuestion(d, answers) === null ? verdict(d, answers) : null; }

/* The sources' readings of these answers that differ from the rules' outcome (generator.decision
 * .readings_for): left out where a known answer contradicts the source's test or where the rules decide
 * the same outcome; "applies" where every answer the test needs is known, else "open" with the facts
 * still unknown, in question order. */
export function readingsFor(d, answers) {
  const outcome = verdict(d, answers).outcome, out = [];
  const known = f => own(answers, f) && answers[f] !== null && answers[f] !== undefined;
  (d.readings || []).forEach(r => {
    if (r.outcome === outcome || Object.keys(r.when).some(f => known(f) && !holds(r.when[f], answers[f]))) return;
    const unknown = d.facts.map(f => f.id).filter(f => own(r.when, f) && !known(f));
    out.push({ reading: r, status: unknown.length ? "open" : "applies", unknown });
  });
  return out;
}
