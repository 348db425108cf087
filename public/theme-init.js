// Runs before first paint (loaded synchronously in <head>) so a learner who chose a theme never sees a flash of the
// other one. Without a stored choice the CSS follows prefers-color-scheme.
(function () {
  try {
    var t = localStorage.getItem("interleave-theme");
    if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
  } catch (e) {}
})();
