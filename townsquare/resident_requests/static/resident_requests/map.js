/* The map of public requests (/liuyan/ditu/): Leaflet with clustered markers over the list the page
   already shows. Points come rounded from the server; without tiles or this script the list remains. */
(function () {
  "use strict";
  var box = document.getElementById("request-map");
  var tilesData = document.getElementById("map-tiles");
  var pointsData = document.getElementById("map-points");
  if (!box || !tilesData || !pointsData || !window.L || !L.markerClusterGroup) { return; }
  var tiles = JSON.parse(tilesData.textContent);
  var points = JSON.parse(pointsData.textContent);
  box.hidden = false;
  var map = L.map(box, {scrollWheelZoom: false}).setView(tiles.center, tiles.zoom);
  var options = {subdomains: tiles.subdomains, attribution: tiles.attribution, maxZoom: 18};
  L.tileLayer(tiles.url, options).addTo(map);
  if (tiles.labels) { L.tileLayer(tiles.labels, {subdomains: tiles.subdomains, maxZoom: 18}).addTo(map); }
  var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 50});
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lng], {title: p.title, alt: p.title, keyboard: true});
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    var meta = document.createElement("p");
    meta.textContent = p.status + " · " + p.category + (p.people > 1 ? " · " + p.people + " 人反映" : "");
    popup.appendChild(link);
    popup.appendChild(meta);
    marker.bindPopup(popup);
    cluster.addLayer(marker);
    bounds.push([p.lat, p.lng]);
  });
  map.addLayer(cluster);
  if (bounds.length) { map.fitBounds(bounds, {padding: [24, 24], maxZoom: 16}); }
})();
