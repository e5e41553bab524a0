/* The classifier widget: asks the decision facts from rules.json one at a time (rules.js decides
 * which), shows the outcome or what to find out, and keeps the answers in the page address
 * (urlstate.js) so a result can be bookmarked and shared. */
import { h, parts, button, focus, cite, load } from "./dom.js";
import { nextQuestion, verdict, decide, blank, readingsFor } from "./rules.js";
import { encode, decode, readState, stateUrl } from "./urlstate.js";
import { urlOf } from "./valid.js";
import { validRules } from "./validrules.js";
import { label } from "./format.js";

export function classify(root) {
  const p = parts(root), step = p.step;
  let d, base, order = [], parties = [];
  load(root).then(got => {
    d = got.data; base = got.base;
    if (!validRules(d)) throw new Error("bad rules");
    restore();
    const first = render();
    if (order.length || parties.length) focus(first);  /* a restored result; a fresh page keeps its focus */
  }).catch(() => p.say("The decision rules could not be loaded. Reload the page, or use the flowchart in the decision guide."));

  const fact = id => d.facts.find(f => f.id === id);
  const outcome = id => { return d.outcomes.find(o => o.id === id) || { id: id, name: id, sources: [] }; };
  const option = (f, v) => (f.options || []).find(o => o.id === v);
  const shown = (f, v) => v === true ? "Yes." : v === false ? "No." : v === null ? "Not sure." : (option(f, v) || { label: String(v) }).label + ".";
  /* The radio value for an answer: yes / no for a yes/no fact, the option id for a choice fact. */
  const radio = v => v === true ? "yes" : v === false ? "no" : v === null || v === undefined ? "unknown" : v;
  /* What to do after this answer: a yes/no fact's if_no, a choice fact's option's `then`. */
  const then = (f, v) => v === false ? f.if_no : (option(f, v) || {}).then;
  /* " (the guide's synthesis)" after a statement rules.json marks as the guide's own (its `labelled` list). */
  const mark = (x, field) => (x.labelled || []).indexOf(field) >= 0 ? h("span", { class: "pq-synthesis", text: " (the guide's synthesis)" }) : null;
  function answers() { const a = blank(); order.forEach(x => { a[x[0]] = x[1]; }); return a; }
  function restore() {
    const state = readState(d, window.location.search);
    order = state.order;
    parties = state.parties;
  }
  function url(code, deal) { return stateUrl(window.location, code, deal); }
  function remember() {
    try { window.history.replaceState(window.history.state, "", url(encode(d, answers()), parties)); } catch (e) { /* file: URLs */ }
  }
  function trail() {
    return h("ol", { class: "pq-path" }, order.map(x => {
      const f = fact(x[0]);
      return h("li", { "data-fact": f.id, "data-answer": radio(x[1]) }, [
        h("span", { text: f.question + " " }), h("strong", { text: shown(f, x[1]) }), " ",
        then(f, x[1]) ? h("span", {}, [then(f, x[1]), x[1] === false ? mark(f, "if_no") : mark(option(f, x[1]) || {}, "then"), " "]) : null,
        x[1] === null ? h("span", { class: "pq-find" }, ["To find out: " + f.how_to_find_out, mark(f, "how_to_find_out"), " "]) : null,
        cite(d, base, f.sources || [])]);
    }));
  }
  function controls(main) {
    return h("div", { class: "pq-actions" }, [main,
      order.length ? button("back", "Back") : null,
      order.length ? button("restart", "Start over") : null]);
  }
  function name(code) {
    const v = verdict(d, decode(d, code));
    return v.outcome ? outcome(v.outcome).name : "not decided yet";
  }
  function dealList() {
    if (!parties.length) return null;
    return h("div", { class: "pq-deal" }, [h("h3", { text: "Other parties of this deal" }),
      h("ol", { class: "pq-parties" }, parties.map((code, i) => {
        const others = parties.filter((c, j) => j !== i), mine = encode(d, answers());
        if (mine.replace(/-/g, "")) others.push(mine);
        return h("li", { "data-code": code }, [h("a", { href: url(code, others), text: "Party " + (i + 1) }),
          ": " + name(code)]);
      }))]);
  }
  function noteList(v) {
    const ids = { signals: [], special_cases: [], pitfalls: [] };
    v.rules.concat(v.outcomes.map(outcome)).forEach(x => Object.keys(ids).forEach(k => {
      ((x.notes || {})[k] || []).forEach(id => { if (ids[k].indexOf(id) < 0) ids[k].push(id); });
    }));
    const items = [];
    [["signals", "Signal"], ["special_cases", "Special case"], ["pitfalls", "Pitfall"]].forEach(kv => {
      ids[kv[0]].forEach(id => {
        const x = d[kv[0]].find(y => y.id === id);
        if (!x) return;
        items.push(h("li", { "data-note": kv[0], "data-id": id }, [h("strong", { text: kv[1] + ": " }),
          h("a", { href: new URL(x.link, base).href, text: x.name }), " — " + (x.text || x.description || ""),
          mark(x, x.text ? "text" : "description"), " ",
          cite(d, base, x.sources || [])]));
      });
    });
    return items.length ? [h("h3", { text: "Also consider" }), h("ul", { class: "pq-notes" }, items)] : [];
  }

  function render(previous) {
    const a = answers(), next = nextQuestion(d, a), out = p.result;
    step.textContent = ""; out.textContent = "";
    out.removeAttribute("data-outcome"); out.removeAttribute("data-rule"); out.removeAttribute("data-find-out");
    remember();
    if (next !== null) {
      const f = fact(next), k = order.length + 1, title = h("h2", { class: "pq-step-title", tabindex: "-1", text: "Question " + k });
      out.hidden = true; step.hidden = false;
      const choices = (f.options && f.options.length
        ? f.options.map(o => [o.id, o.label, " — for example: " + o.example])
        : [["yes", "Yes", " — for example: " + f.yes], ["no", "No", " — for example: " + f.no]])
        .concat([["unknown", "Not sure", " — to find out: " + f.how_to_find_out +
          ((f.labelled || []).indexOf("how_to_find_out") >= 0 ? " (the guide's synthesis)" : "")]]);
      step.append(title, h("fieldset", { class: "pq-q", "data-question-id": f.id }, [
        h("legend", {}, [h("span", { class: "pq-line", text: f.question })]),
        h("p", { class: "pq-help" }, [f.help, mark(f, "help"), " ", h("a", { href: new URL(f.link, base).href, text: "More in the guide" }), " ", cite(d, base, f.sources || [])]),
        h("div", { class: "pq-options" }, choices.map(o => {
          const id = "pq-fact-" + o[0];
          return h("div", { class: "pq-option" }, [
            h("input", { type: "radio", name: "answer", id: id, value: o[0], checked: previous === o[0] }),
            h("label", { for: id }, [h("strong", { text: o[1] }), h("span", { class: "pq-eg", text: o[2] })])]);
        }))]), controls(h("button", { type: "submit", class: "pq-btn pq-btn--main", text: "Next" })));
      step.append(h("p", { class: "pq-unsure-hint" }, ["If nothing you know about them says, answer \u201cNot sure\u201d: do not guess. ",
        "The tool keeps every outcome that answer allows and, if it matters, tells you what to find out first."]));
      if (order.length) step.append(h("h3", { text: "Your answers so far" }), trail());
      const list = dealList();
      if (list) step.append(list);
      return title;
    }
    const v = verdict(d, a);
    let title2;
    step.hidden = true; out.hidden = false;
    if (!v.outcomes.length) { out.append(h("p", { text: "No rule decides this case — please report it." })); return out; }
    out.setAttribute("data-outcome", v.outcome || "undecided");
    if (v.rule) out.setAttribute("data-rule", v.rule.id);
    if (v.outcome) {
      const o = outcome(v.outcome);
      title2 = h("h2", { tabindex: "-1" }, ["Outcome: ", h("span", { text: o.name })]);
      out.append(title2, h("p", { class: "pq-summary" }, [o.summary, mark(o, "summary"), " ", cite(d, base, o.sources || [])]),
        h("h3", { text: "Why" }));
      v.rules.forEach(rule => out.append(h("p", { class: "pq-because" }, [rule.because, mark(rule, "because"), " ", cite(d, base, rule.sources || []), " ",
        h("a", { href: new URL(rule.link, base).href, text: "Rule \u201c" + rule.id + "\u201d in the decision guide" })])));
    } else {
      const first = fact(v.find_out[0]);
      out.setAttribute("data-find-out", first.id);
      title2 = h("h2", { tabindex: "-1", text: "Not decided yet" });
      out.append(title2, h("p", { class: "pq-possible" }, ["Still possible: "].concat(v.outcomes.map((id, i) => {
        return [i ? ", " : "", h("a", { href: new URL(outcome(id).link, base).href, "data-outcome": id, text: outcome(id).name })];
      }).flat(), ["."])),
        h("h3", { text: "Find out first" }),
        h("p", { class: "pq-find-out" }, [h("strong", { text: first.question + " " }), first.how_to_find_out, mark(first, "how_to_find_out"), " ",
          h("a", { href: new URL(first.link, base).href, text: "More in the guide" })]),
        h("p", { text: "When you know, go back to that question and answer it." }));
    }
    out.append(h("h3", { text: "How you got here" }), trail());
    if (v.outcome) {
      const oc = outcome(v.outcome);
      out.append(h("h3", { text: "What to do next" }), h("p", { class: "pq-next" }, [oc.next_step,
        mark(oc, "next_step")]),
        h("ul", { class: "pq-plays" }, (oc.plays || []).map(pl => {
          return h("li", {}, [h("strong", { text: pl.aspect_name + ": " }), pl.text + " ",
            cite(d, base, pl.sources || []), pl.synthesis ? h("span", { class: "pq-synthesis", text: " (the guide's synthesis)" }) : null]);
        })));
      /* The outcome's first-week checklist, when it has one: its URL comes from the page registry (rules.json). */
      if (oc.checklist) out.append(h("p", { class: "pq-checklist" }, [h("a", { href: new URL(oc.checklist, base).href,
        text: "Your first week with them: the checklist" }), " — what to do, in order, on one printable page."]));
    }
    noteList(v).forEach(e => out.append(e));
    /* Each source's own test, shown only where these answers meet it (or leave it open): rules.js decides. */
    const others = readingsFor(d, a);
    if (others.length) {
      out.append(h("h3", { text: "Other readings" }), h("ul", { class: "pq-alternatives" }, others.map(x => {
        const r = x.reading, who = h("a", { href: new URL(urlOf(d.urls.source, r.source), base).href, text: label(d.sources || {}, r.source) });
        const test = h("a", { href: new URL(r.link, base).href, text: "their test" });
        return h("li", { "data-outcome": r.outcome, "data-source": r.source, "data-reading": r.id, "data-status": x.status },
          x.status === "applies"
            ? ["According to ", who, ", it is ", h("strong", { text: outcome(r.outcome).name }), " — answering \u201c" + r.answers + "\u201d (",
              test, "): " + r.text, mark(r, "text"), " ", cite(d, base, r.sources || [])]
            : ["Whether ", who, " would call it ", h("strong", { text: outcome(r.outcome).name }), " is open (", test,
              "): it turns on " + x.unknown.map(id => fact(id).question).join(" · ")]);
      })));
    }
    const list2 = dealList();
    if (list2) out.append(list2);
    out.append(h("p", { class: "pq-share" }, ["The address of this page now holds your answers: bookmark it or send it to a colleague to come back to this result."]));
    out.append(controls(button("party", "Classify another party of this deal")));
    return title2;
  }

  function show(previous, message) {
    focus(render(previous));
    p.say(message);
  }
  root.addEventListener("submit", e => {
    e.preventDefault();
    const picked = step.querySelector("input:checked"), fs = step.querySelector("fieldset");
    if (!picked) { p.say("Choose an answer (or not sure) first."); focus(step.querySelector("input")); return; }
    const f = fact(fs.getAttribute("data-question-id")), value = picked.value;
    order.push([f.id, value === "unknown" ? null : f.options && f.options.length ? value : value === "yes"]);
    const done = decide(d, answers());
    /* A result is announced by moving focus to its heading, not repeated in the status line. */
    show(null, done ? "" : "Question " + (order.length + 1));
  });
  root.addEventListener("click", e => {
    const b = e.target.closest("button[data-action]"), act = b && b.getAttribute("data-action");
    if (act === "back" && order.length) {
      const x = order.pop();
      show(radio(x[1]), "Back to question " + (order.length + 1));
    }
    if (act === "restart") { order = []; show(null, "Started over: question 1"); }
    if (act === "party") {
      parties.push(encode(d, answers()));
      order = [];
      show(null, "Party " + (parties.length + 1) + " of this deal: question 1");
    }
  });
}
