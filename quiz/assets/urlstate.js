/* The classifier's state in the page address, so a result can be bookmarked, sent to a colleague and
 * restored by opening the link. ?a=… holds one character per fact in question order: for a yes/no
 * fact y or n, for a choice fact the answer's number (1-9, in the order offered); u for "not sure", -
 * for not asked. ?d=… holds earlier parties of the same deal, separated by ".". Pure: the caller
 * passes the page address's parts ({pathname, search, hash}). Whatever the address holds — junk, an
 * answer a fact does not have, a fact id like "__proto__" in the data — decoding ends and never throws. */
import { nextQuestion, own, blank, values } from "./rules.js";

const MAX_PARTIES = 20;

/* The one character for an answer to fact `f`. */
function letter(f, v) {
  if (v === null) return "u";
  if (v === true) return "y";
  if (v === false) return "n";
  const i = values(f).indexOf(v);
  return i >= 0 && i < 9 ? String(i + 1) : "-";
}

/* The answer a character stands for ({ok: false} when it is not one fact `f` can have). */
function answer(f, c) {
  const vals = values(f);
  if (c === "u") return { ok: true, v: null };
  if (vals[0] === true) return c === "y" ? { ok: true, v: true } : c === "n" ? { ok: true, v: false } : { ok: false };
  const i = /^[1-9]$/.test(c) ? Number(c) - 1 : -1;
  return i >= 0 && i < vals.length ? { ok: true, v: vals[i] } : { ok: false };
}

export function encode(d, answers) {
  return d.facts.map(f => own(answers, f.id) ? letter(f, answers[f.id]) : "-").join("");
}

/* Whether a code has one valid character per fact. */
export function validCode(d, code) {
  return typeof code === "string" && code.length === d.facts.length &&
    d.facts.every((f, i) => code.charAt(i) === "-" || answer(f, code.charAt(i)).ok);
}

/* Answers from a code, replayed in asking order: only what the tool would have asked is kept. */
export function decode(d, code) {
  const answers = blank();
  if (!validCode(d, code)) return answers;
  let f;
  for (let n = 0; n < d.facts.length && (f = nextQuestion(d, answers)) !== null && !own(answers, f); n++) {
    const i = d.facts.findIndex(x => x.id === f), c = code.charAt(i);
    if (c === "-") break;
    answers[f] = answer(d.facts[i], c).v;
  }
  return answers;
}

/* {order: [[fact, answer], …] in asking order, parties: [code, …]} from the address's search string. */
export function readState(d, search) {
  const q = new URLSearchParams(search), a = decode(d, q.get("a"));
  const parties = (q.get("d") || "").split(".").filter(c => validCode(d, c)).slice(0, MAX_PARTIES);
  return { order: Object.keys(a).map(f => [f, a[f]]), parties };
}

/* The page's own address holding answers `code` and the deal's other parties; other parameters kept. */
export function stateUrl(here, code, deal) {
  const q = new URLSearchParams(here.search);
  q.delete("a"); q.delete("d");
  if (deal.length) q.set("d", deal.join("."));
  if (code && code.replace(/-/g, "")) q.set("a", code);
  const s = q.toString();
  return here.pathname + (s ? "?" + s : "") + here.hash;
}
