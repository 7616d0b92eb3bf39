// Link-size benchmark: Candor's share link against two common ways of
// putting JSON in a URL, over the reference drafts in tests/fixtures/share/.
//
//   deflate-JSON  zlib raw deflate, level 9, of the draft's compact JSON, base64url
//   lz-string     lz-string's compressToEncodedURIComponent of the same JSON
//
// Goals (the share-link issue): Candor <= 0.75 x deflate-JSON and
// <= 0.6 x lz-string on every reference draft. Run with `make bench`
// (it builds and runs `cargo run --example share_sizes` for Candor's links).
// Exits non-zero when a goal is missed. Pass a directory of draft JSON files
// to measure those instead.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync, constants } from "node:zlib";
import LZString from "lz-string";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = process.argv[2]
  ? resolve(process.argv[2])
  : join(root, "tests", "fixtures", "share");
const DEFLATE_GOAL = 0.75;
const LZ_GOAL = 0.6;
const TYPICAL = 1000; // Outlook cuts links near 1,024 characters

const candor = JSON.parse(
  execFileSync("cargo", ["run", "--quiet", "--example", "share_sizes", "--", fixtures], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }),
);

const rows = [];
for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".json")).sort()) {
  const name = file.replace(/\.json$/, "");
  const json = JSON.stringify(JSON.parse(readFileSync(join(fixtures, file), "utf8")));
  const link = candor[name];
  if (typeof link !== "string") throw new Error(`no Candor link for ${name}`);
  const deflate = deflateRawSync(Buffer.from(json, "utf8"), {
    level: 9,
    windowBits: 15,
    memLevel: 9,
    strategy: constants.Z_DEFAULT_STRATEGY,
  }).toString("base64url").length;
  const lz = LZString.compressToEncodedURIComponent(json).length;
  rows.push({ name, json: json.length, candor: link.length, deflate, lz });
}

const pad = (s, n) => String(s).padStart(n);
const ratio = (a, b) => (a / b).toFixed(3);
console.log(
  `${"draft".padEnd(24)}${pad("JSON", 7)}${pad("Candor", 8)}${pad("deflate", 9)}${pad("lz-str", 8)}` +
    `${pad("C/defl", 8)}${pad("C/lz", 7)}  goals`,
);
let allMet = true;
let under = 0;
for (const r of rows) {
  const met = r.candor <= DEFLATE_GOAL * r.deflate && r.candor <= LZ_GOAL * r.lz;
  allMet &&= met;
  if (r.candor < TYPICAL) under += 1;
  console.log(
    `${r.name.padEnd(24)}${pad(r.json, 7)}${pad(r.candor, 8)}${pad(r.deflate, 9)}${pad(r.lz, 8)}` +
      `${pad(ratio(r.candor, r.deflate), 8)}${pad(ratio(r.candor, r.lz), 7)}  ${met ? "met" : "MISSED"}`,
  );
}
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
console.log(
  `${"all drafts".padEnd(24)}${pad(sum("json"), 7)}${pad(sum("candor"), 8)}${pad(sum("deflate"), 9)}${pad(sum("lz"), 8)}` +
    `${pad(ratio(sum("candor"), sum("deflate")), 8)}${pad(ratio(sum("candor"), sum("lz")), 7)}`,
);
console.log(
  `goals: Candor <= ${DEFLATE_GOAL} x deflate-JSON and <= ${LZ_GOAL} x lz-string on every draft: ` +
    `${allMet ? "met" : "MISSED"}; ${under} of ${rows.length} links under ${TYPICAL} characters`,
);
process.exit(allMet ? 0 : 1);
