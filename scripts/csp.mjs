// Trunk post_build hook: puts the sha256 of every inline script Trunk wrote
// (its wasm loader, and in `trunk serve` its reload script) into the page's
// Content-Security-Policy, so the policy allows those scripts and no other
// inline script. Trunk 0.21 cannot hash its loader itself.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PLACEHOLDER = "'candor-inline-script-hashes'";
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp: TRUNK_STAGING_DIR is not set; run this as a Trunk post_build hook.');
  process.exit(1);
}
const file = join(staging, 'index.html');
const html = readFileSync(file, 'utf8');
if (!html.includes(PLACEHOLDER)) {
  console.error(`csp: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy.`);
  process.exit(1);
}
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
}
writeFileSync(file, html.replace(PLACEHOLDER, hashes.join(' ')));
console.log(`csp: ${hashes.length} inline script(s) hashed into the policy`);
