// Trunk's loader calls this module while the wasm downloads. If the module
// cannot load or start, or stops later, the person sees why instead of a
// page that ignores them. Once Candor runs, it registers the service worker
// that keeps it working offline.
export default function initializer() {
  watchForNewVersions();
  watchForTraps();
  // The browser's first Intl formatter loads its time-zone data (about 20 ms
  // on a slow machine). Candor needs one as it starts: make it now, while
  // the wasm downloads, once the loader has asked for the wasm.
  setTimeout(warmIntl, 0);
  return {
    onFailure(reason) {
      console.error('Candor could not start:', reason);
      const loading = document.getElementById('loading');
      if (loading) loading.remove();
      showFatal(readersPage()
        ? 'The notice could not be shown: the page did not load completely. Check your connection and reload the page.'
        : 'Candor could not start: its program did not load. ' +
          'Check your connection and reload the page. Nothing you wrote before was changed.');
    },
    onSuccess() {
      // The worker's first install downloads every file again for offline
      // use; on a slow phone that competes with starting up (about 30 ms of
      // the first typed character here). Start it once Candor is running.
      setTimeout(registerWorker, 1500);
    },
  };
}

// The reader's page (src/read.html) has nothing typed to lose: its
// messages say so.
function readersPage() {
  return document.documentElement.dataset.page === 'reader';
}

function showFatal(text) {
  const area = document.getElementById('fatal');
  if (!area) return;
  area.textContent = text;
  area.hidden = false;
}

// A Rust panic in the release build stops the program at once (see
// scripts/release.sh): the browser reports it as an uncaught
// WebAssembly.RuntimeError, from an event handler or from a promise.
// Candor cannot go on after that, and what was typed since the last save
// is only in the fields on the page.
function watchForTraps() {
  const stopped = (error) => {
    if (!(error instanceof WebAssembly.RuntimeError)) return;
    showFatal(readersPage()
      ? 'This page hit an internal error and stopped. Reload it to see the notice again.'
      : 'Candor hit an internal error and stopped. Your last changes may not be saved: ' +
        'copy what you wrote from the fields on this page, then reload it.');
  };
  window.addEventListener('error', (event) => stopped(event.error));
  window.addEventListener('unhandledrejection', (event) => stopped(event.reason));
}

function say(text) {
  const status = document.getElementById('app-status');
  if (status) status.textContent = text;
}

// Listens from the start, not once the wasm has loaded: on a slow connection
// the browser finds and installs a new version before then. sw.js claims open
// pages once active, so a new controller means that version is in place.
function watchForNewVersions() {
  if (!('serviceWorker' in navigator)) return;
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (readersPage()) {
      if (!hadWorker) say('This page is saved on this device: the notice will open again even without a network.');
      return;
    }
    say(hadWorker
      ? 'A new version of Candor has been downloaded. It will be used the next time you open Candor.'
      : 'Candor is saved on this device and will open even without a network.');
  });
}

function warmIntl() {
  try {
    new Intl.DateTimeFormat().resolvedOptions();
  } catch {
    // Nothing to warm: Candor starts without it and uses UTC.
  }
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  // The reader's page (read/) names the worker beside the editor, so that
  // one worker, at the top, keeps both pages working offline.
  const named = document.querySelector('meta[name=candor-worker]');
  navigator.serviceWorker.register(named ? named.content : './sw.js').catch((error) => {
    // Offline use is a bonus: Candor works without it, so say so quietly.
    console.warn('Candor could not set up offline use:', error);
  });
}
