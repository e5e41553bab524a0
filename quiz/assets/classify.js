/* The classifier page's script (<script type="module">, once per document): starts [data-module=classify]. */
import { boot } from "./component.js";
import { classify } from "./classify-widget.js";

boot({ classify });
