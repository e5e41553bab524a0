/* Reads a GIFT file (argv[2]) with gift-pegjs, the npm GIFT parser, and prints what it parsed as JSON. */
import { readFileSync } from "node:fs";
import { parse } from "gift-pegjs";

process.stdout.write(JSON.stringify(parse(readFileSync(process.argv[2], "utf8"))));
