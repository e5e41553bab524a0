/* The quiz page's script (<script type="module">, once per document): starts [data-module=quiz], and
   reports its assessment rounds to a learning management system when the page runs inside one. */
import { boot } from "./component.js";
import { quiz } from "./quiz-widget.js";
import { lmsReport } from "./lms-widget.js";

boot({ quiz: root => { quiz(root); lmsReport(root, window); } });
