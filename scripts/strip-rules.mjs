// The candor check's rules as the browser gets them: src/candor/rules.txt
// less its comments, blank lines, `source:` lines and the ` ; source` after
// each sourced pattern and zone. The same cut as build.rs makes for the
// compiled-in copy; tests/rules_file.rs checks that the two agree.
//   node scripts/strip-rules.mjs [FILE]   prints the stripped text
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCED = ['phrase:', 'unless:', 'unless-sentence:', 'needs-sentence:', 'unless-earlier:',
  'unless-before:', 'zone:', 'offset-names:', 'generic-names:'];

export function stripRules(text) {
  let out = '';
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('source:')) continue;
    const cut = line.indexOf(' ; ');
    if (cut >= 0 && SOURCED.some((key) => line.startsWith(key))) line = line.slice(0, cut).trimEnd();
    out += `${line}\n`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? new URL('../src/candor/rules.txt', import.meta.url);
  process.stdout.write(stripRules(readFileSync(file, 'utf8')));
}
