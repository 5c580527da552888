// Live filters (htmx): once new results have settled, focus moves to the element the results
// container names in data-kk-focus (the results heading, tabindex="-1"), so a screen reader
// announces the new count and the keyboard continues from the results. A file, not an inline
// script: the Content-Security-Policy allows scripts from 'self' only.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.target;
  var id = target && target.dataset ? target.dataset.kkFocus : "";
  var heading = id ? document.getElementById(id) : null;
  if (heading) {
    heading.focus();
  }
});
