/* The quiz page's script (<script type="module">, once per document): starts [data-module=quiz]. */
import { boot } from "./component.js";
import { quiz } from "./quiz-widget.js";

boot({ quiz });
