/* The district map (kreiskurs/geo): draws the municipality boundaries with Leaflet.
 *
 * No tiles, no network: the boundaries come from the page itself
 * (<script type="application/json" id="map-data">, Django's json_script), so the
 * map works offline and under the strict Content-Security-Policy (no inline
 * script, no style attributes). Every municipality is a link: click it, or tab
 * to it and press Enter. The table below the map holds the same values and links.
 */
(function () {
  "use strict";

  function init() {
    var container = document.getElementById("map");
    var source = document.getElementById("map-data");
    if (!container || !source || typeof window.L === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data.features.length || !data.bounds) {
      return;
    }
    var fallback = container.querySelector(".kk-map__fallback");
    if (fallback) {
      fallback.remove();
    }

    var L = window.L;
    var map = L.map(container, {
      attributionControl: false, // the source note stands below the map, as text
      zoomControl: false,
      zoomSnap: 0.25,
      scrollWheelZoom: false, // scrolling the page must not zoom the map
    });
    L.control.zoom({ zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut }).addTo(map);
    map.fitBounds(data.bounds, { padding: [8, 8] });

    function go(url) {
      window.location.assign(url);
    }

    var boundaries = L.geoJSON(data, {
      style: function (feature) {
        return {
          color: data.stroke,
          weight: 1.5,
          opacity: 1,
          fillColor: feature.properties.fill,
          fillOpacity: 1,
          dashArray: feature.properties.dashed ? "4 3" : null,
        };
      },
      onEachFeature: function (feature, path) {
        var tip = document.createElement("span");
        tip.textContent = feature.properties.label; // text, never HTML
        path.bindTooltip(tip, { sticky: true });
        path.on("click", function () {
          go(feature.properties.url);
        });
      },
    }).addTo(map);

    // Reachable by keyboard, announced as links, in the order of the table (by name).
    boundaries.eachLayer(function (path) {
      var element = path.getElement();
      var properties = path.feature.properties;
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "link");
      element.setAttribute("aria-label", properties.label);
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          go(properties.url);
        }
      });
    });
    container.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
