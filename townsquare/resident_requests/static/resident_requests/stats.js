/* 接诉即办 statistics: draw the monthly charts with uPlot over the tables that hold the same figures.
   Without JavaScript (or without uPlot) the charts section stays hidden and the tables say it all. */
(function () {
  "use strict";

  var COLOURS = { primary: "#c2410c", accent: "#0f766e", muted: "#57534e", line: "#e7e5e4", text: "#1c1917" };
  // Colour never carries meaning alone: each rate has its own dash pattern, shown in the legend too.
  var RATE_STYLES = [
    { stroke: COLOURS.primary, dash: [] },
    { stroke: COLOURS.accent, dash: [10, 5] },
    { stroke: COLOURS.muted, dash: [3, 4] }
  ];

  function fontSize() {
    return parseFloat(window.getComputedStyle(document.body).fontSize) || 16;
  }

  function axisFont() {
    return Math.round(fontSize() * 0.875) + 'px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  }

  function monthAxis() {
    return {
      font: axisFont(),
      stroke: COLOURS.muted,
      grid: { show: false },
      ticks: { stroke: COLOURS.line },
      incrs: [1, 2, 3],
      space: fontSize() * 2.6,
      values: function (u, ticks) { return ticks.map(function (t) { return t + "月"; }); }
    };
  }

  function valueAxis(suffix) {
    return {
      font: axisFont(),
      stroke: COLOURS.muted,
      grid: { stroke: COLOURS.line, width: 1 },
      ticks: { show: false },
      size: fontSize() * 3.2,
      values: function (u, ticks) { return ticks.map(function (t) { return t + suffix; }); }
    };
  }

  function baseOptions(width, height, yRange, suffix) {
    return {
      width: width,
      height: height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false },
      scales: { x: { time: false, range: [0.5, 12.5] }, y: { range: yRange } },
      axes: [monthAxis(), valueAxis(suffix)]
    };
  }

  // Write each bar's number above it, so the chart reads without hovering (phones cannot hover).
  function barLabels(u) {
    var ctx = u.ctx;
    var xs = u.data[0];
    var ys = u.data[1];
    ctx.save();
    ctx.font = "bold " + Math.round(fontSize() * 0.8 * window.devicePixelRatio) + 'px "PingFang SC", "Noto Sans CJK SC", sans-serif';
    ctx.fillStyle = COLOURS.text;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    for (var i = 0; i < xs.length; i++) {
      if (!ys[i]) continue;  // no label for empty months (0 or not yet begun)
      var x = u.valToPos(xs[i], "x", true);
      var y = u.valToPos(ys[i], "y", true);
      ctx.fillText(String(ys[i]), x, y - 4 * window.devicePixelRatio);
    }
    ctx.restore();
  }

  function receivedChart(target, data, width) {
    var max = 0;
    data.received.forEach(function (v) { if (v !== null && v > max) max = v; });
    var top = Math.max(4, Math.ceil(max * 1.2));
    var options = baseOptions(width, 220, [0, top], "");
    options.axes[1].incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
    options.series = [
      {},
      {
        label: "收到",
        stroke: COLOURS.primary,
        fill: COLOURS.primary,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars({ size: [0.6, 48] })
      }
    ];
    options.hooks = { draw: [barLabels] };
    return new uPlot(options, [data.months, data.received], target);
  }

  function ratesChart(target, data, width) {
    var options = baseOptions(width, 240, [0, 100], "%");
    options.axes[1].incrs = [25, 50];
    options.series = [{}].concat(data.rates.map(function (rate, i) {
      var style = RATE_STYLES[i % RATE_STYLES.length];
      return {
        label: rate.label,
        stroke: style.stroke,
        dash: style.dash,
        width: 3,
        spanGaps: false,
        points: { show: true, size: 8, stroke: style.stroke, fill: "#fff", width: 2 }
      };
    }));
    var series = [data.months].concat(data.rates.map(function (rate) { return rate.values; }));
    return new uPlot(options, series, target);
  }

  function draw() {
    var source = document.getElementById("stats-chart-data");
    var section = document.getElementById("stats-charts");
    if (!source || !section || typeof window.uPlot === "undefined") return;
    var data = JSON.parse(source.textContent);
    section.hidden = false;

    var charts = [];
    var targets = [
      [document.getElementById("chart-received"), receivedChart],
      [document.getElementById("chart-rates"), ratesChart]
    ];
    function widthOf(target) { return Math.max(240, Math.floor(target.clientWidth)); }
    targets.forEach(function (pair) {
      if (pair[0]) charts.push([pair[0], pair[1](pair[0], data, widthOf(pair[0]))]);
    });

    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        charts.forEach(function (pair) {
          pair[1].setSize({ width: widthOf(pair[0]), height: pair[1].height });
        });
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
