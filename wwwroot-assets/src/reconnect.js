// The reconnect dialog's behaviour under .NET 10's contract (see Components/Layout/ReconnectModal.razor): blazor.web.js
// raises components-reconnect-state-changed on #components-reconnect-modal; this opens and closes the dialog and wires
// its buttons. Modelled on the .NET 10 project template's ReconnectModal.razor.js.
(function () {
  "use strict";
  const modal = document.getElementById("components-reconnect-modal");
  if (!modal) return;

  function open() {
    if (!modal.open) modal.showModal();
  }

  function onStateChanged(event) {
    switch (event.detail?.state) {
      case "paused":
      case "resume-failed":
        // A paused circuit is gone from the server: the page answers again only once a resumed circuit has rendered
        // it (the layout marks it again then, see authEvents.interactive).
        delete document.documentElement.dataset.interactive;
        open();
        break;
      case "show":
        open();
        break;
      case "hide":
        modal.close();
        break;
      case "failed":
        open();
        document.addEventListener("visibilitychange", retryWhenVisible);
        break;
      case "rejected":
        // The server is reachable but no longer holds this circuit (it restarted): only a reload brings the page back.
        open();
        setTimeout(() => location.reload(), 500);
        break;
    }
  }

  // Blazor.reconnect(): true = the same circuit is back; false = the server rejected it, so try to resume from saved
  // state and reload if that fails too; a throw = the server is still unreachable, so try again when the tab is seen.
  async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
      if (await Blazor.reconnect()) return;
      if (await Blazor.resumeCircuit()) { modal.close(); return; }
      location.reload();
    } catch {
      document.addEventListener("visibilitychange", retryWhenVisible);
    }
  }

  async function resume() {
    try {
      if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
      modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
  }

  async function retryWhenVisible() {
    if (document.visibilityState === "visible") await retry();
  }

  modal.addEventListener("components-reconnect-state-changed", onStateChanged);
  // Escape would close the dialog while the page still has no circuit; the client script closes it when one is back.
  modal.addEventListener("cancel", e => e.preventDefault());
  document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
  document.getElementById("components-resume-button")?.addEventListener("click", resume);
  document.getElementById("components-reload-button")?.addEventListener("click", () => location.reload());
})();
