/* 监管: draw the score trend with uPlot (vendored). The table beside it holds the same figures;
   without JavaScript or uPlot the chart stays hidden and the table says it all. */
(function () {
  "use strict";

  var COLOURS = ["#1d4ed8", "#c2410c", "#0f766e", "#7c3aed", "#b91c1c", "#4d7c0f", "#a16207", "#0e7490"];
  var DASHES = [[], [10, 5], [3, 4], [12, 4, 3, 4]];

  function draw(target) {
    var source = document.getElementById(target.getAttribute("data-oversight-chart"));
    if (!source || typeof window.uPlot === "undefined") return;
    var chart = JSON.parse(source.textContent);
    if (!chart.x || chart.x.length < 2) return;
    target.hidden = false;
    var series = [{
      label: "日期",
      value: function (u, t) { if (t === null || t === undefined) return "—"; var d = new Date(t * 1000); return (d.getMonth() + 1) + "月" + d.getDate() + "日"; }
    }];
    var data = [chart.x];
    chart.series.forEach(function (s, i) {
      var vetoed = s.vetoed || [];
      series.push({
        label: s.label,
        stroke: COLOURS[i % COLOURS.length],
        dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length],
        width: i === 0 ? 3 : 2,
        spanGaps: true,
        // A vetoed point is drawn at 0: it fails whatever its points.
        value: function (u, v, si, idx) { if (v === null || v === undefined) return "—"; return vetoed[idx] ? "单项否决" : v + "分"; }
      });
      data.push(s.values);
    });
    series.push({ label: "合格线", stroke: "#57534e", dash: [2, 6], width: 1, value: function () { return chart.pass_score + "分"; } });
    data.push(chart.x.map(function () { return chart.pass_score; }));
    var width = Math.max(280, Math.min(target.clientWidth || 720, 960));
    new window.uPlot({
      width: width,
      height: 280,
      series: series,
      scales: { y: { range: [0, 100] } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { var d = new Date(t * 1000); return (d.getMonth() + 1) + "月" + d.getDate() + "日"; }); } },
        { values: function (u, ticks) { return ticks.map(function (t) { return t + "分"; }); } }
      ]
    }, data, target);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-oversight-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
