// Trunk post_build hook, on the staged build before it becomes dist/:
// 1. puts the sha256 of every inline script Trunk wrote (its wasm loader, and
//    in `trunk serve` its reload script) into the page's
//    Content-Security-Policy, so the policy allows those scripts and no other
//    inline script (Trunk 0.21 cannot hash its loader itself);
// 2. fills in the service worker's list of files and its version, so that
//    every build with different files is a new version;
// 3. in the release build, minifies the JavaScript with terser (wasm-bindgen's
//    glue, the initializer, the service worker: 2.5 KB less gzip) and the
//    stylesheet with csso (0.6 KB less), and updates the page's integrity
//    hashes to match.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripRules } from './strip-rules.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TERSER = join(ROOT, 'tests/e2e/node_modules/.bin/terser');
const CSSO = join(ROOT, 'tests/e2e/node_modules/.bin/csso');

const PLACEHOLDER = "'candor-inline-script-hashes'";
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run this as a Trunk post_build hook.');
  process.exit(1);
}
const file = join(staging, 'index.html');
let html = readFileSync(file, 'utf8');
if (!html.includes(PLACEHOLDER)) {
  console.error(`post-build: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy.`);
  process.exit(1);
}
// `trunk serve` (a debug build) rewrites its reload script as it serves the
// page, after this hook, so no hash can match it: the development server
// allows inline scripts; the release build that is shipped does not.
const debug = process.env.TRUNK_PROFILE === 'debug';
// The reader's page (src/read.html, built first by scripts/release.sh into
// its own folder) shares the editor's zone tables and service worker: its
// build names the tables one folder up and writes neither; the editor's
// build copies the reader's folder in as read/ and caches it for offline use.
const readersPage = html.includes('data-page="reader"');

// 0. in the editor's release build, the parts loaded later (src/ui/later.rs)
//    that scripts/split/wasm-bindgen split off into CANDOR_SPLIT_DIR: each
//    shrunk with wasm-opt as the start module is, named by its content
//    (later-<part>-<hash>.wasm), the loader that fetches them minified and
//    named by its content (split-<hash>.js), and wasm-bindgen's JavaScript
//    pointed at that loader. The service worker's list below takes them in
//    with every other file, so the parts work offline after one visit.
const WASM_OPT = join(ROOT, 'tests/e2e/node_modules/.bin/wasm-opt');
const splitDir = process.env.CANDOR_SPLIT_DIR;
if (splitDir && !debug && !readersPage) {
  const loaderSource = join(splitDir, 'candor-split.js');
  if (!existsSync(loaderSource)) {
    console.error(`post-build: ${loaderSource} is missing: the wasm was not split (is scripts/split first on PATH?).`);
    process.exit(1);
  }
  const mainJs = readdirSync(staging).filter((f) => /^candor-[0-9a-f]+\.js$/.test(f));
  if (mainJs.length !== 1) {
    console.error(`post-build: expected one candor-<hash>.js in the build, found ${mainJs.length}.`);
    process.exit(1);
  }
  // The start module's own wasm-opt settings (index.html), for the parts.
  const params = readFileSync(join(ROOT, 'index.html'), 'utf8').match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/) ?? [];
  let loader = readFileSync(loaderSource, 'utf8').replaceAll('"./candor-main.js"', `"./${mainJs[0]}"`);
  for (const part of readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== 'start.wasm').sort()) {
    const stem = part.replace(/\.wasm$/, '');
    const shrunk = join(splitDir, `${stem}.opt.wasm`);
    execFileSync(WASM_OPT, ['-Oz', ...params, join(splitDir, part), '-o', shrunk]);
    const bytes = readFileSync(shrunk);
    const label = stem.replace(/^split_/, '').replace(/^chunk_/, 'shared-');
    const name = `later-${label}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`;
    writeFileSync(join(staging, name), bytes);
    if (!loader.includes(`"./${part}"`)) {
      console.error(`post-build: the split loader does not name ${part}.`);
      process.exit(1);
    }
    loader = loader.replaceAll(`"./${part}"`, `"./${name}"`);
    console.log(`post-build: ${part} shrunk and written as ${name}, fetched when first shown`);
  }
  const loaderTmp = join(splitDir, 'loader.js');
  writeFileSync(loaderTmp, loader);
  execFileSync(TERSER, [loaderTmp, '--module', '--compress', '--mangle', '--output', loaderTmp]);
  const minified = readFileSync(loaderTmp);
  const splitLoader = `split-${createHash('sha256').update(minified).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(staging, splitLoader), minified);
  // Only the module imports change: the wasm still names its imports'
  // module "./candor-split.js", and so must the imports object.
  const mainPath = join(staging, mainJs[0]);
  const main = readFileSync(mainPath, 'utf8');
  const from = /(from\s*)(["'])\.\/candor-split\.js\2/g;
  if (!from.test(main)) {
    console.error(`post-build: ${mainJs[0]} does not import ./candor-split.js.`);
    process.exit(1);
  }
  writeFileSync(mainPath, main.replace(from, `$1$2./${splitLoader}$2`));
  console.log(`post-build: the split loader written as ${splitLoader}`);
}

function minify(name, module) {
  const path = join(staging, name);
  if (name.endsWith('.css')) execFileSync(CSSO, [path, '--output', path]);
  else execFileSync(TERSER, [path, ...(module ? ['--module'] : []), '--compress', '--mangle', '--output', path]);
}
if (!debug) {
  for (const tool of [TERSER, CSSO]) {
    if (!existsSync(tool)) {
      console.error(`post-build: ${tool} is missing; run scripts/tools.sh build to install the Node packages.`);
      process.exit(1);
    }
  }
  for (const name of readdirSync(staging).filter((f) => /\.(js|css)$/.test(f) && f !== 'sw.js' && !/^split-[0-9a-f]+\.js$/.test(f))) {
    minify(name, true);
    const integrity = `sha384-${createHash('sha384').update(readFileSync(join(staging, name))).digest('base64')}`;
    const link = new RegExp(`(href="[^"]*${name.replaceAll('.', '\\.')}"[^>]*integrity=")[^"]+"`);
    if (!link.test(html)) {
      console.error(`post-build: index.html has no integrity hash for ${name} to update.`);
      process.exit(1);
    }
    html = html.replace(link, `$1${integrity}"`);
  }
  console.log('post-build: JavaScript and CSS minified, integrity hashes updated');
}
// 4. writes what Candor fetches after its first step, each as a file named
//    by its content and named in the page's <meta name=…> (src/ui/mod.rs):
//    the candor check's rules, stripped as build.rs strips the compiled-in
//    copy, and the zone search's tables without their `#` lines.
const withoutComments = (text) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');
const AFTER_START = [
  ['__CANDOR_RULES__', 'rules', 'src/candor/rules.txt', stripRules],
  ['__CANDOR_PLACES__', 'places', 'src/time/zones.tsv', withoutComments],
  ['__CANDOR_NAMES__', 'names', 'src/time/common-names.tsv', withoutComments],
];
for (const [placeholder, stem, source, strip] of AFTER_START) {
  if (!html.includes(placeholder)) continue;
  const text = strip(readFileSync(join(ROOT, source), 'utf8'));
  const name = `${stem}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`;
  if (readersPage) {
    html = html.replace(placeholder, `../${name}`);
    continue;
  }
  writeFileSync(join(staging, name), text);
  html = html.replace(placeholder, `./${name}`);
  console.log(`post-build: ${source} written as ${name}, fetched after start`);
}
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
}
writeFileSync(file, html.replace(PLACEHOLDER, debug ? "'unsafe-inline'" : hashes.join(' ')));
console.log(`post-build: ${hashes.length} inline script(s) hashed into the policy`);

const readerDist = process.env.CANDOR_READER_DIST;
const pages = ['./'];
let readerFiles = [];
if (!readersPage && readerDist) {
  if (!existsSync(join(readerDist, 'index.html'))) {
    console.error(`post-build: CANDOR_READER_DIST is ${readerDist}, which holds no reader's page; build it first (scripts/release.sh does).`);
    process.exit(1);
  }
  cpSync(readerDist, join(staging, 'read'), { recursive: true });
  pages.push('./read/');
  readerFiles = readdirSync(join(staging, 'read')).filter((f) => /\.(wasm|js|css)$/.test(f)).map((f) => `read/${f}`);
  console.log(`post-build: the reader's page copied in as read/ (${readerFiles.length} files)`);
}

const worker = join(staging, 'sw.js');
if (existsSync(worker)) {
  const files = [...readdirSync(staging).filter((f) => /\.(wasm|js|css|txt)$/.test(f) && f !== 'sw.js'), ...readerFiles].sort();
  const version = createHash('sha256').update(files.join('\n') + readFileSync(file)).digest('hex').slice(0, 16);
  const source = readFileSync(worker, 'utf8')
    .replace('__CANDOR_VERSION__', version)
    .replace('__CANDOR_FILES__', JSON.stringify(files.map((f) => `./${f}`)))
    .replace('__CANDOR_PAGES__', JSON.stringify(pages));
  writeFileSync(worker, source);
  if (!debug) minify('sw.js', false);
  console.log(`post-build: service worker ${version} caches ${files.length} files`);
}
