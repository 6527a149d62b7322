/* The dashboard's chart element in the page (see dashboard/chart_element.py).
 *
 * Loaded once per page, right after plotly.js, by the element's own small module. Each chart
 * arrives as bytes: one header line of JSON (hash, height, name), then the figure as JSON.
 * A chart is drawn once with Plotly.newPlot, and again (Plotly.react) only when its hash
 * changes; Streamlit calls the element on every page run, with the same bytes for a chart
 * whose figure did not change. Charts are drawn one per task, in page order, those near the
 * screen first, so the first chart shows before the others are done.
 *
 * window.ikoChartDraws() lists every chart on the page with how often it was drawn, and
 * whether it waits for a drawing; window.ikoChartLog has every drawing since the page opened
 * (a chart that is mounted anew starts its own count at 0, the log keeps it). The browser
 * test and the benchmark count them.
 */
(function () {
  "use strict";

  // What Streamlit's st.plotly_chart draws a figure without a height at.
  const DEFAULT_HEIGHT = 450;
  // Charts within one screen height of the visible part count as near.
  const NEAR_MARGIN = "100% 0px";
  const FULLSCREEN_CLASS = "iko-chart--volledig";
  // as the page names Streamlit's own button (dashboard/chrome.py)
  const FULLSCREEN_TITLE = "Volledig scherm";
  const FULLSCREEN_CLOSE = "Volledig scherm sluiten";
  const STYLE = `
.iko-chart { width: 100%; position: relative; }
.iko-chart > .iko-chart__plot { width: 100%; }
.iko-chart.${FULLSCREEN_CLASS} {
  position: fixed; inset: 0; z-index: 1000100; background: #ffffff;
  padding: 2rem 3rem; box-sizing: border-box;
}
`;
  // Four corners: the modebar's button that shows the chart over the whole window.
  const FULLSCREEN_ICON = {
    width: 24,
    height: 24,
    path: "M3 3h7v2.5H5.5V10H3zM14 3h7v7h-2.5V5.5H14zM3 14h2.5v4.5H10V21H3zM18.5 14H21v7h-7v-2.5h4.5z",
    transform: "matrix(1 0 0 1 0 0)",
  };

  const LOG_SIZE = 1000;
  const log = [];
  const waiting = new Set(); // charts with a figure not yet drawn
  let busy = false;
  const decoder = new TextDecoder();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const chart = entry.target.ikoChart;
        if (chart) chart.near = entry.isIntersecting;
      }
      pump();
    },
    { rootMargin: NEAR_MARGIN },
  );
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const chart = entry.target.ikoChart;
      const width = Math.round(entry.contentRect.width);
      const height = Math.round(entry.contentRect.height);
      if (!chart || !chart.drawn || width === 0) continue;
      if (chart.stretch && height > 0 && height !== chart.layoutHeight) {
        chart.width = width;
        chart.layoutHeight = height;
        Plotly.relayout(chart.plot, { width, height });
      } else if (width !== chart.width) {
        chart.width = width;
        Plotly.relayout(chart.plot, { width });
      }
    }
  });

  const style = document.createElement("style");
  style.textContent = STYLE;
  document.head.appendChild(style);

  function header(bytes) {
    const end = bytes.indexOf(10);
    return { ...JSON.parse(decoder.decode(bytes.subarray(0, end))), bytes, start: end + 1 };
  }

  function create(root) {
    const box = document.createElement("div");
    box.className = "iko-chart";
    // Streamlit's test id for a chart: the browser tests find this chart as they find
    // st.plotly_chart's, whichever element the setting chooses.
    box.dataset.testid = "stPlotlyChart";
    box.setAttribute("data-testid", "stPlotlyChart");
    const plot = document.createElement("div");
    plot.className = "iko-chart__plot";
    box.appendChild(plot);
    root.appendChild(box);
    const chart = {
      root, box, plot,
      hash: null, pending: null, drawn: false, near: false, width: 0,
      newPlot: 0, react: 0, name: "", component: null, height: DEFAULT_HEIGHT,
    };
    box.ikoChart = chart;
    root.ikoChart = chart;
    observer.observe(box);
    resized.observe(box);
    return chart;
  }

  function show(component) {
    const root = component.parentElement;
    const chart = root.ikoChart || create(root);
    chart.component = component;
    const next = header(component.data);
    const latest = chart.pending ? chart.pending.hash : chart.hash;
    if (next.hash === latest) return;
    chart.pending = next;
    chart.name = next.name;
    chart.height = next.height;
    chart.stretch = next.stretch;
    // the chart's room is kept while it waits; a stretched chart fills its container's
    if (next.stretch) chart.box.style.height = "100%";
    else chart.box.style.minHeight = `${next.height}px`;
    waiting.add(chart);
    pump();
  }

  function remove(root) {
    const chart = root.ikoChart;
    if (!chart) return;
    waiting.delete(chart);
    observer.unobserve(chart.box);
    resized.unobserve(chart.box);
    if (chart.drawn) Plotly.purge(chart.plot);
    chart.box.remove();
    delete root.ikoChart;
  }

  function inPageOrder(a, b) {
    return a.box.compareDocumentPosition(b.box) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  // Near the screen first, in page order, then the rest, and last those in a tab that is
  // not open (drawn at plotly.js's default width, and fitted when the tab opens).
  function nextChart() {
    const ready = [...waiting].filter((c) => c.box.isConnected).sort(inPageOrder);
    return ready.find((c) => c.near) || ready.find((c) => c.box.clientWidth > 0) || ready[0];
  }

  // One chart per task, and a frame between two, so each shows as soon as it is drawn and
  // a click or a scroll need not wait for the whole page.
  function pump() {
    if (busy) return;
    busy = true;
    requestAnimationFrame(() =>
      setTimeout(async () => {
        const chart = nextChart();
        if (chart) await draw(chart);
        busy = false;
        if (chart) pump();
      }, 0),
    );
  }

  function fullscreenButton(chart) {
    return {
      name: "volledig-scherm",
      title: FULLSCREEN_TITLE,
      icon: FULLSCREEN_ICON,
      click: () => toggleFullscreen(chart),
    };
  }

  function toggleFullscreen(chart) {
    const on = !chart.box.classList.contains(FULLSCREEN_CLASS);
    chart.box.classList.toggle(FULLSCREEN_CLASS, on);
    const height = on ? chart.box.clientHeight - 64 : chart.layoutHeight;
    Plotly.relayout(chart.plot, { height });
    const button = chart.plot.querySelector(`.modebar-btn[data-title^="${FULLSCREEN_TITLE}"]`);
    if (button) button.setAttribute("data-title", on ? FULLSCREEN_CLOSE : FULLSCREEN_TITLE);
    if (on) {
      chart.onKey = (event) => event.key === "Escape" && toggleFullscreen(chart);
      document.addEventListener("keydown", chart.onKey);
    } else {
      document.removeEventListener("keydown", chart.onKey);
    }
  }

  // What st.plotly_chart puts in the session state for a selection (points only).
  function selection(points) {
    const shown = (points || []).map((p) => ({
      curve_number: p.curveNumber,
      point_number: p.pointNumber,
      point_index: p.pointIndex,
      x: p.x,
      y: p.y,
      customdata: p.customdata,
      legendgroup: p.data ? p.data.legendgroup : undefined,
    }));
    return {
      points: shown,
      point_indices: [...new Set(shown.map((p) => p.point_index))],
      box: [],
      lasso: [],
    };
  }

  function listen(chart) {
    chart.plot.on("plotly_selected", (event) => {
      if (event && chart.select) chart.component.setStateValue("selection", selection(event.points));
    });
    chart.plot.on("plotly_deselect", () => {
      if (chart.select) chart.component.setStateValue("selection", selection([]));
    });
  }

  async function draw(chart) {
    const pending = chart.pending;
    waiting.delete(chart);
    chart.pending = null;
    const spec = JSON.parse(decoder.decode(pending.bytes.subarray(pending.start)));
    const height = (pending.stretch && chart.box.clientHeight) || pending.height;
    const layout = { ...spec.figure.layout, height, autosize: true };
    delete layout.width; // as wide as the page gives it, like st.plotly_chart
    chart.layoutHeight = height;
    chart.select = spec.select;
    if (spec.select) {
      // st.plotly_chart's defaults for a chart whose points can be picked
      layout.clickmode ??= "event+select";
      layout.hovermode ??= "closest";
      layout.dragmode ??= "pan";
    }
    const config = {
      displaylogo: false,
      showSendToCloud: false,
      ...spec.config,
      modeBarButtonsToAdd: [fullscreenButton(chart), ...(spec.config.modeBarButtonsToAdd || [])],
      modeBarButtonsToRemove: [
        ...(spec.config.modeBarButtonsToRemove || []),
        "lasso2d", "select2d", "sendChartToCloud",
      ],
    };
    const figure = { data: spec.figure.data, layout, config, frames: spec.figure.frames };
    log.push({ name: chart.name, hash: pending.hash, how: chart.drawn ? "react" : "newPlot" });
    if (log.length > LOG_SIZE) log.shift();
    try {
      if (chart.drawn) {
        chart.react += 1;
        await Plotly.react(chart.plot, figure);
      } else {
        chart.newPlot += 1;
        await Plotly.newPlot(chart.plot, figure);
        chart.drawn = true;
        chart.width = chart.box.clientWidth;
        listen(chart);
      }
      chart.hash = pending.hash;
    } catch (error) {
      console.error("Grafiek niet getekend", chart.name, error);
    }
  }

  window.ikoCharts = { show, remove };
  window.ikoChartDraws = () =>
    [...document.querySelectorAll(".iko-chart")].map((box) => {
      const c = box.ikoChart;
      return {
        name: c.name, hash: c.hash, newPlot: c.newPlot, react: c.react, waits: waiting.has(c),
      };
    });
  window.ikoChartLog = log;
})();
