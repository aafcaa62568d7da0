// AuthEvents Dashboard: small browser helpers the Blazor components call. No framework, no build step.
(function () {
  "use strict";
  const themeCookie = "authevents-theme";

  function readCookie(name) {
    const prefix = name + "=";
    return document.cookie.split("; ").find(c => c.startsWith(prefix))?.substring(prefix.length) ?? null;
  }

  const theme = {
    get() {
      const value = readCookie(themeCookie);
      return value === "light" || value === "dark" ? value : "system";
    },
    // Both stylesheets stay linked; their media attributes pick one, so "system" follows the OS live.
    set(mode) {
      const light = document.getElementById("theme-light");
      const dark = document.getElementById("theme-dark");
      const media = {
        light: ["all", "not all"],
        dark: ["not all", "all"],
        system: ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"],
      }[mode] ?? ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"];
      if (light) light.media = media[0];
      if (dark) dark.media = media[1];
      document.documentElement.dataset.themeMode = mode;
      document.cookie = `${themeCookie}=${mode}; path=/; max-age=31536000; samesite=lax`;
      document.dispatchEvent(new CustomEvent("authevents:theme", { detail: { mode, dark: theme.isDark() } }));
    },
    isDark() {
      const mode = theme.get();
      return mode === "dark" || (mode === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    },
  };

  const reconnect = {
    retry() {
      if (window.Blazor && typeof window.Blazor.reconnect === "function") {
        window.Blazor.reconnect().then(ok => { if (!ok) location.reload(); }, () => location.reload());
      } else {
        location.reload();
      }
    },
  };

  // The 9.x and 10.x client scripts both set classes on #components-reconnect-modal. "rejected" means the
  // server no longer has this circuit (it restarted): only a reload brings the page back.
  function watchReconnectModal() {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    new MutationObserver(() => {
      if (modal.classList.contains("components-reconnect-rejected")) {
        setTimeout(() => location.reload(), 500);
      }
    }).observe(modal, { attributes: true, attributeFilter: ["class"] });
  }

  // The viewer's IANA time zone, so the server can show times the way this browser's user reads them.
  function timeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch { return "UTC"; }
  }

  window.authEvents = { theme, reconnect, timeZone };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchReconnectModal);
  } else {
    watchReconnectModal();
  }
})();
