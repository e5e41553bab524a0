/* The decision rules, evaluated: a line-for-line port of generator/decision.py (the parity test runs
 * both on every input). Pure: no DOM, no globals. An answer is true (yes), false (no) or null (not
 * sure); a fact absent from the answers is unasked. `d` is rules.json: {facts, rules, outcomes}. */

export const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

export function matches(rule, facts) {
  return Object.keys(rule.when).every(f => own(facts, f) && facts[f] === rule.when[f]);
}

export function matchingRules(d, facts) { return d.rules.filter(r => matches(r, facts)); }

/* The one rule that decides complete facts; anything else is a bug in the caller or the rules. */
export function classify(d, facts) {
  const found = matchingRules(d, facts);
  if (found.length !== 1) throw new Error(found.length + " rules match");
  return found[0];
}

const isOpen = (answers, f, v) => !own(answers, f) || answers[f] === null || answers[f] === v;

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

/* The questions the tool asks for these facts, with the answers given ([fact, value] pairs). */
export function path(d, facts) {
  const answers = {}, out = [];
  let f;
  while ((f = nextQuestion(d, answers)) !== null) {
    answers[f] = own(facts, f) ? facts[f] : null;
    out.push([f, answers[f]]);
  }
  return out;
}

/* Whether knowing fact `f` would change which outcomes remain. */
function splits(rules, f) {
  const outs = v => rules.filter(r => !own(r.when, f) || r.when[f] === v).map(r => r.outcome);
  const a = outs(true), b = outs(false);
  return a.some(o => !b.includes(o)) || b.some(o => !a.includes(o));
}

/* The rules and outcomes still possible, and the "not sure" answers to find out (first one first). */
export function verdict(d, answers) {
  const left = candidates(d, answers);
  const outcomes = d.outcomes.map(o => o.id).filter(id => left.some(r => r.outcome === id));
  const findOut = outcomes.length > 1
    ? d.facts.map(f => f.id).filter(f => own(answers, f) && answers[f] === null && splits(left, f)) : [];
  return { rules: left, outcomes, find_out: findOut,
    outcome: outcomes.length === 1 ? outcomes[0] : null, rule: left.length === 1 ? left[0] : null };
}

/* What the tool concludes once nothing more can be asked (null while a question is open). */
export function decide(d, answers) { return nextQuestion(d, answers) === null ? verdict(d, answers) : null; }
