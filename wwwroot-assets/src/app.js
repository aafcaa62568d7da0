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
    // The dark palette's rules are keyed on html[data-theme-mode] (and the OS setting for "system"), so "system"
    // follows the OS live with no script.
    set(mode) {
      if (mode !== "light" && mode !== "dark") mode = "system";
      document.documentElement.dataset.themeMode = mode;
      document.cookie = `${themeCookie}=${mode}; path=/; max-age=31536000; samesite=lax`;
      document.dispatchEvent(new CustomEvent("authevents:theme", { detail: { mode, dark: theme.isDark() } }));
    },
    isDark() {
      const mode = theme.get();
      return mode === "dark" || (mode === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    },
  };

  // The viewer's IANA time zone, so the server can show times the way this browser's user reads them.
  function timeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch { return "UTC"; }
  }

  // /live: tells the page when the analyst scrolls the grid away from the newest rows and back, so that the rows hold
  // still while they are read. The handle's dispose() stops watching.
  const liveGrid = {
    scroller(host) {
      return host?.querySelector(".ae-grid-scroll-body") ?? null;
    },
    watch(host, dotnet) {
      const scroller = liveGrid.scroller(host);
      if (!scroller) return null;
      let away = false;
      // The list's height when its end was last reported: reported again only once rows were added (or removed).
      let endAt = -1;
      const onScroll = () => {
        const now = scroller.scrollTop > 24;
        if (now !== away) {
          away = now;
          dotnet.invokeMethodAsync("OnGridScrolled", away).catch(() => { /* the circuit is gone */ });
        }
        const nearEnd = away && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < scroller.clientHeight;
        if (nearEnd && scroller.scrollHeight !== endAt) {
          endAt = scroller.scrollHeight;
          dotnet.invokeMethodAsync("OnGridEnd").catch(() => { /* the circuit is gone */ });
        }
      };
      scroller.addEventListener("scroll", onScroll, { passive: true });
      return { dispose: () => scroller.removeEventListener("scroll", onScroll) };
    },
    toTop(host) {
      const scroller = liveGrid.scroller(host);
      if (scroller) scroller.scrollTop = 0;
    },
  };

  // /live keyboard shortcuts: "/" searches, "p" pauses or resumes, Escape closes the event detail. Keys typed into a
  // field stay the field's; the shortcuts act only where their controls are on the page.
  function liveShortcuts(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (e.key === "Escape") {
      const close = document.querySelector("[data-testid=event-detail] [aria-label='Close detail']");
      if (close && !typing) { e.preventDefault(); close.click(); }
      return;
    }
    if (typing) return;
    if (e.key === "/") {
      const search = document.querySelector("input[data-testid=filter-text]");
      if (search) { e.preventDefault(); search.focus(); search.select(); }
    } else if (e.key === "p" || e.key === "P") {
      const pause = document.querySelector("[data-testid=pause-button]");
      if (pause) { e.preventDefault(); pause.click(); }
    }
  }

  document.addEventListener("keydown", liveShortcuts);

  // /alerts keyboard triage: j/k open the next/previous alert of the list, a acknowledges, r resolves, Escape closes the
  // detail. Same guards as /live: no modifier keys, and never while typing in a field.
  function alertShortcuts(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = Array.from(document.querySelectorAll("tr[data-alert-id]"));
    if (rows.length === 0) return;
    const target = e.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) return;
    const click = (selector) => {
      const button = document.querySelector(selector);
      if (button && !button.disabled) { e.preventDefault(); button.click(); }
    };
    if (e.key === "j" || e.key === "k") {
      const at = rows.findIndex(r => r.getAttribute("aria-selected") === "true");
      const next = at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + (e.key === "j" ? 1 : -1)));
      if (next !== at) {
        e.preventDefault();
        rows[next].click();
        rows[next].focus({ preventScroll: true });
        rows[next].scrollIntoView({ block: "nearest" });
      }
    } else if (e.key === "a") {
      click("[data-testid=alert-ack]");
    } else if (e.key === "r") {
      click("[data-testid=alert-resolve]");
    } else if (e.key === "Escape") {
      click("[data-testid=alert-detail] [aria-label='Close detail']");
    }
  }

  document.addEventListener("keydown", alertShortcuts);
  // Marks the page once its circuit has rendered the layout interactively and JS interop answers: what a test (or a
  // user's script) waits for instead of guessing with a delay.
  function interactive() {
    document.documentElement.dataset.interactive = "true";
  }

  window.authEvents = { theme, timeZone, liveGrid, interactive };
})();
