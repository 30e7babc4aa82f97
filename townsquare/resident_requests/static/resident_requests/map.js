/* The map of public requests (/liuyan/ditu/): Leaflet with clustered markers over the list the page
   already shows, on the tile server's map or on the towns' outline. Points come rounded from the server;
   without this script the list remains. */
(function () {
  "use strict";
  var box = document.getElementById("request-map");
  var tilesData = document.getElementById("map-tiles");
  var pointsData = document.getElementById("map-points");
  if (!box || !tilesData || !pointsData || !window.L || !L.markerClusterGroup) { return; }
  var tiles = JSON.parse(tilesData.textContent);
  var points = JSON.parse(pointsData.textContent);
  box.hidden = false;
  var map = L.map(box, {scrollWheelZoom: false, maxZoom: 18}).setView(tiles.center, tiles.zoom);
  var outlineData = document.getElementById("map-outline");
  if (tiles.url) {
    var options = {subdomains: tiles.subdomains, attribution: tiles.attribution, maxZoom: 18};
    L.tileLayer(tiles.url, options).addTo(map);
    if (tiles.labels) { L.tileLayer(tiles.labels, {subdomains: tiles.subdomains, maxZoom: 18}).addTo(map); }
  }
  if (outlineData) {
    /* No tile server (an intranet, the demo): the towns' boundaries, named, are the background. */
    L.geoJSON(JSON.parse(outlineData.textContent), {
      style: {color: "#1d5c8c", weight: 2, fillColor: "#e8f0f7", fillOpacity: tiles.url ? 0.05 : 0.6},
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.name, {permanent: true, direction: "center", className: "map-town-name", pane: "shadowPane"});
      }
    }).addTo(map);
  }
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
