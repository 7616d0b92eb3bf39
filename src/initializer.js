// Trunk's loader calls this module while the wasm downloads. If the module
// cannot load or start, the person sees why instead of a blank page.
export default function initializer() {
  return {
    onFailure(reason) {
      console.error('Candor could not start:', reason);
      const loading = document.getElementById('loading');
      if (loading) loading.remove();
      const area = document.getElementById('fatal');
      if (area) {
        area.textContent =
          'Candor could not start: its program did not load. ' +
          'Check your connection and reload the page. Nothing you wrote before was changed.';
        area.hidden = false;
      }
    },
  };
}
