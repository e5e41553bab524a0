// ESLint (flat config) for the browser code and its Node tests: `make lint` runs it.
// The browser modules are small vanilla ES modules (quiz/assets/, loaded with type="module");
// docs/assets/ holds two classic scripts MkDocs adds to every page (extra_javascript), which see
// Material's `document$` global; tests/js/ runs under `node --test`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", ".site-build-*/", ".zensical-serve/", ".cache/", "bench/results/"] },
  js.configs.recommended,
  {
    files: ["quiz/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    files: ["docs/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser, document$: "readonly" } },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],  // == null is the one deliberate loose comparison
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
      "prefer-const": "error",
      "no-var": "error",
      // Deliberate here: regexes that find control characters in text in order to remove them.
      "no-control-regex": "off",
      // `let x = null; try { x = JSON.parse(…) } catch { … }` states the fallback before the try on purpose.
      "no-useless-assignment": "off",
    },
  },
];
