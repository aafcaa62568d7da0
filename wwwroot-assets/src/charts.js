// AuthEvents Dashboard: the one bridge between the Blazor chart control (ChartView) and ApexCharts.
// create() draws once; update() sends new data in place (the control throttles it); dispose() frees the chart.
// Colours come from the page's CSS tokens, so charts follow the light/dark theme, including "system" on an OS switch.

const charts = new Map();
let nextId = 1;

// Each chart draws inside its own shadow root. ApexCharts forces a style recalculation for every label it measures, and
// in the page those recalculations match each chart element against MudBlazor's stylesheet (620 KB of rules): a redraw
// cost about three times as much as inside a shadow root, where only ApexCharts' own stylesheet (which it injects into
// the root) and the few rules below apply. Inherited properties (font, colour, the theme's custom properties) still
// reach the chart through the host.
const surfaceRules = new CSSStyleSheet();
surfaceRules.replaceSync(`
  .ae-chart-surface { width: 100%; }
  .apexcharts-tooltip { box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25); }
  .is-clickable .apexcharts-bar-area, .is-clickable .apexcharts-pie-area, .is-clickable .apexcharts-area-series { cursor: pointer; }
`);

function surfaceOf(element, clickable) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  let surface = root.querySelector(":scope > .ae-chart-surface");
  if (!surface) {
    root.adoptedStyleSheets = [surfaceRules];
    surface = document.createElement("div");
    surface.className = "ae-chart-surface";
    root.appendChild(surface);
  }
  // Only a chart whose points open something looks clickable (a user whose roles do not open /live reads the charts only).
  surface.classList.toggle("is-clickable", clickable);
  return surface;
}

function token(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

function isDark() {
  return window.authEvents?.theme?.isDark?.() ?? window.matchMedia("(prefers-color-scheme: dark)").matches;
}

// Series colours are named by role ("success", "failure", ...) or by palette slot ("p1".."p8"); both map to CSS tokens.
function colour(role) {
  const roles = {
    success: ["--ae-success", "#15803d"],
    failure: ["--ae-failure", "#b91c1c"],
    ratelimited: ["--ae-ratelimited", "#b45309"],
    info: ["--ae-info", "#475569"],
  };
  const [name, fallback] = roles[role] ?? [`--ae-chart-${role}`, "#2563eb"];
  return token(name, fallback);
}

function formatValue(value, format) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (format === "percent") return `${(value * 100).toFixed(1)} %`;
  if (format === "duration") return value < 60 ? `${value.toFixed(0)} s` : value < 3600 ? `${(value / 60).toFixed(1)} min` : `${(value / 3600).toFixed(1)} h`;
  return Math.round(value).toLocaleString();
}

function timeLabel(ms, utc, withDate, withSeconds) {
  const d = new Date(ms);
  const opts = withDate
    ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
    : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  if (withSeconds) opts.second = "2-digit";
  if (utc) opts.timeZone = "UTC";
  return d.toLocaleString(undefined, opts);
}

// Seconds are shown only for buckets under a minute (the live rate chart).
function subMinute(spec) {
  const step = spec.times && spec.times.length > 1 ? spec.times[1] - spec.times[0] : 0;
  return step > 0 && step < 60000;
}

// ApexCharts writes tooltip and legend text as HTML (innerHTML); its axis and data labels are SVG text. A category or a
// series name can be a provider's value (a country, an event type): it reaches the HTML sinks escaped, as text.
function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function options(spec, handle) {
  const dark = isDark();
  const text = token("--mud-palette-text-primary", dark ? "#e5e7eb" : "#1f2937");
  const grid = dark ? "rgba(255,255,255,0.08)" : "rgba(0,0,0,0.08)";
  const horizontal = spec.type === "hbar";
  const apexType = spec.type === "hbar" ? "bar" : spec.type;
  const datetime = spec.axis === "time";
  const pie = apexType === "donut" || apexType === "pie";
  const opts = {
    chart: {
      type: apexType,
      height: spec.height,
      stacked: spec.stacked,
      background: "transparent",
      foreColor: text,
      fontFamily: "inherit",
      animations: { enabled: false },
      toolbar: { show: false },
      zoom: { enabled: false },
      parentHeightOffset: 0,
      // Only a window resize redraws: a parent-resize observer can loop when the chart itself changes its card's size.
      redrawOnParentResize: false,
      redrawOnWindowResize: true,
      events: {
        dataPointSelection: (_e, _ctx, cfg) => handle.select(cfg.seriesIndex, cfg.dataPointIndex),
        // Bars report a click through dataPointSelection. Lines and areas report one there only from a marker, so a click
        // anywhere on them picks the point under the shared tooltip (the x nearest the pointer; the indices arrive as text).
        click: (_e, _ctx, cfg) => {
          if (pie || apexType === "bar" || !cfg) return;
          const point = Number(cfg.dataPointIndex);
          if (cfg.dataPointIndex !== null && Number.isInteger(point) && point >= 0) handle.select(Math.max(0, Number(cfg.seriesIndex) || 0), point);
        },
      },
    },
    theme: { mode: dark ? "dark" : "light" },
    // A donut's slices are its categories: one palette slot each. Other charts colour their series.
    colors: pie ? spec.categories.map((_, i) => colour(`p${(i % 8) + 1}`)) : spec.series.map(s => colour(s.color)),
    series: seriesOf(spec),
    dataLabels: { enabled: pie },
    legend: { show: spec.legend, position: pie ? "right" : "top", horizontalAlign: "left", labels: { colors: text }, formatter: name => escapeHtml(name) },
    // Right padding keeps a value axis's last label ("3,000") from being cut at the card's edge.
    grid: { borderColor: grid, strokeDashArray: 3, padding: { right: horizontal ? 24 : 12 } },
    stroke: { width: apexType === "line" ? 2 : apexType === "area" ? 1.5 : 0, curve: "straight" },
    // Stacked areas are opaque bands, one outcome over the next; a lone area is a tint under its line.
    fill: { type: "solid", opacity: apexType === "area" ? (spec.stacked ? 0.8 : 0.35) : 1 },
    tooltip: {
      theme: dark ? "dark" : "light",
      shared: !pie && spec.series.length > 1 && !horizontal,
      intersect: false,
      x: { formatter: v => (datetime ? timeLabel(v, handle.utc, true, subMinute(spec)) : escapeHtml(v)) },
      y: { formatter: v => formatValue(v, spec.format), title: { formatter: name => (name ? `${escapeHtml(name)}:` : "") } },
    },
    plotOptions: { bar: { horizontal, borderRadius: 2, columnWidth: "80%", barHeight: "70%" } },
    noData: { text: spec.emptyText, style: { color: text } },
    states: { active: { filter: { type: "none" } } },
  };
  if (pie) {
    opts.labels = spec.categories;
    opts.stroke = { width: 1, colors: [token("--mud-palette-surface", dark ? "#111" : "#fff")] };
    opts.plotOptions = { pie: { donut: { size: "62%" } } };
  } else {
    opts.xaxis = {
      type: datetime ? "datetime" : "category",
      labels: { trim: true, hideOverlappingLabels: true, style: { colors: text } },
      axisBorder: { color: grid },
      axisTicks: { color: grid },
    };
    if (datetime) {
      opts.xaxis.labels.datetimeUTC = handle.utc;
      opts.xaxis.labels.formatter = v => timeLabel(v, handle.utc, spec.withDate, subMinute(spec));
      opts.xaxis.tickAmount = 8;
    } else {
      opts.xaxis.categories = spec.categories;
    }
    if (spec.xTitle) opts.xaxis.title = { text: spec.xTitle, style: { color: text, fontWeight: 500 } };
    opts.yaxis = {
      min: 0,
      forceNiceScale: true,
      labels: { formatter: v => formatValue(v, spec.format), style: { colors: text }, maxWidth: horizontal ? 260 : 160 },
    };
    if (horizontal) {
      // A horizontal bar chart draws its categories on the y axis and its values on the x axis, but ApexCharts still
      // takes the value scale (min, max) from yaxis: format each axis by what it shows.
      opts.yaxis.labels.formatter = v => v;
      opts.xaxis.labels.formatter = v => formatValue(v, spec.format);
      opts.xaxis.labels.trim = false;
      opts.xaxis.tickAmount = 4;
    }
    if (spec.format === "percent") opts.yaxis.max = 1;
    if (spec.yTitle) opts.yaxis.title = { text: spec.yTitle, style: { color: text, fontWeight: 500 } };
  }
  return opts;
}

function seriesOf(spec) {
  if (spec.type === "donut" || spec.type === "pie") return spec.series.length ? spec.series[0].data : [];
  if (spec.axis === "time") {
    return spec.series.map(s => ({ name: s.name, data: s.data.map((y, i) => [spec.times[i], y]) }));
  }
  return spec.series.map(s => ({ name: s.name, data: s.data }));
}

function redrawForTheme() {
  for (const handle of charts.values()) handle.redraw();
}

document.addEventListener("authevents:theme", redrawForTheme);
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawForTheme);

export function create(element, spec, utc, dotnet, clickable = true) {
  if (!element || typeof ApexCharts === "undefined") return 0;
  const id = nextId++;
  const handle = {
    spec,
    utc,
    chart: null,
    select(seriesIndex, pointIndex) {
      if (!clickable) return;
      // A marker click reports through both events: one selection per click.
      const now = performance.now();
      if (handle.lastSelect && handle.lastSelect.point === pointIndex && now - handle.lastSelect.at < 400) return;
      handle.lastSelect = { point: pointIndex, at: now };
      dotnet.invokeMethodAsync("OnJsPointSelected", seriesIndex, pointIndex).catch(() => { /* the circuit is gone */ });
    },
    redraw() {
      handle.chart?.destroy();
      handle.chart = new ApexCharts(surfaceOf(element, clickable), options(handle.spec, handle));
      handle.chart.render();
    },
  };
  charts.set(id, handle);
  handle.redraw();
  element.dataset.chartReady = "true";
  return id;
}

// Same shape (type, series names, axis): new data in place. A different shape: a full redraw.
export function update(id, spec, utc, reshape) {
  const handle = charts.get(id);
  if (!handle) return;
  const utcChanged = handle.utc !== utc;
  handle.spec = spec;
  handle.utc = utc;
  // A donut updated in place keeps showing its no-data text, or its old slices, until the page is resized (ApexCharts
  // issues 5057 and ng-apexcharts 143): it has a few slices, so it is drawn again whole.
  const pie = spec.type === "donut" || spec.type === "pie";
  if (reshape || utcChanged || pie) {
    handle.redraw();
  } else {
    // One redraw per update: categories and data together.
    if (spec.axis === "time") {
      handle.chart.updateSeries(seriesOf(spec), false);
    } else {
      handle.chart.updateOptions({ xaxis: { categories: spec.categories }, series: seriesOf(spec) }, false, false, false);
    }
  }
}

export function dispose(id) {
  const handle = charts.get(id);
  if (!handle) return;
  charts.delete(id);
  handle.chart?.destroy();
}
