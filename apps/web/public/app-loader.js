/* global document, window, location, addEventListener, requestIdleCallback -- a browser script */
// Starts the web app on a page the server rendered (an event or the event list): the content is
// already in the page, so the app's modules do not share a slow phone line with it. The app starts
// at once for a signed-in visitor or one back from signing in to register; otherwise once the page
// has loaded, or at the visitor's first touch, key or click, whichever comes first.
(function () {
  var script = document.currentScript;
  var entry = script && script.getAttribute('data-entry');
  if (!entry) return;
  var preloads = (script.getAttribute('data-preload') || '').split(' ').filter(Boolean);
  var started = false;

  function start() {
    if (started) return;
    started = true;
    preloads.forEach(function (href) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    });
    import(entry);
  }

  function signedIn() {
    try {
      return Boolean(localStorage.getItem('wutong.token'));
    } catch {
      return false;
    }
  }

  if (signedIn() || /[?&]register=1\b/.test(location.search)) return start();
  ['pointerdown', 'keydown', 'touchstart', 'focusin'].forEach(function (type) {
    addEventListener(type, start, { once: true, capture: true, passive: true });
  });
  function afterLoad() {
    if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 1000 });
    else setTimeout(start, 0);
  }
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
})();
