// A stand-in for a seller portal's front end, served at the real portal URL by the e2e
// suite and the demo. Each button replays one fixture (tests/fixtures/<name>.json): the
// page asks the fixture server which request to make, then makes it the way the portal's
// own code would (fetch with a URL, fetch with a Request, or XHR with a responseType).
(() => {
  const log = document.getElementById('log');
  const say = (text, ok) => {
    const li = document.createElement('li');
    li.textContent = text;
    li.className = ok ? 'ok' : 'bad';
    log.prepend(li);
  };

  async function arm(name) {
    const res = await fetch(`/__sim/arm?fixture=${encodeURIComponent(name)}`);
    if (!res.ok) throw new Error(`fixture ${name} is missing`);
    return res.json();
  }

  function viaXhr(req, responseType) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(req.method, req.url);
      xhr.responseType = responseType;
      xhr.setRequestHeader('Authorization', 'Bearer SENTINEL-bearer-token-should-never-be-stored');
      xhr.setRequestHeader('fk-csrf-token', 'SENTINEL-CSRF');
      if (req.body !== undefined) xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.onloadend = () => resolve({ status: xhr.status, text: xhr.statusText });
      xhr.send(req.body === undefined ? null : JSON.stringify(req.body));
    });
  }

  async function viaFetch(req, style) {
    const init = {
      method: req.method,
      headers: {
        Authorization: 'Bearer SENTINEL-bearer-token-should-never-be-stored',
        'X-Shopify-Access-Token': 'SENTINEL-SHPAT',
        'fk-csrf-token': 'SENTINEL-CSRF',
        'Content-Type': 'application/json',
      },
      credentials: 'include',
    };
    if (req.body !== undefined) init.body = JSON.stringify(req.body);
    const url = style === 'relative' ? new URL(req.url).pathname + new URL(req.url).search : req.url;
    const res = style === 'request' ? await fetch(new Request(url, init)) : await fetch(url, init);
    // The page reads its own response, as a portal would; the tap must not disturb this.
    const body = await res.text();
    return { status: res.status, text: res.statusText, body };
  }

  async function run(name, via) {
    const req = await arm(name);
    const result = via.startsWith('xhr') ? await viaXhr(req, via.split('-')[1] || '') : await viaFetch(req, via.split('-')[1] || 'url');
    say(`${name} via ${via}: HTTP ${result.status} ${result.text}`, result.status >= 200 && result.status < 300);
    document.body.dataset.done = String(Number(document.body.dataset.done || 0) + 1);
    return result;
  }

  window.simRun = run;
  document.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-fixture]');
    if (!b) return;
    // "Save and close": the portal leaves the page as soon as its save answered.
    const then = b.dataset.then;
    void run(b.dataset.fixture, b.dataset.via || 'fetch').then(() => {
      if (then) window.location.href = then;
    });
  });
  // What a portal keeps in the page: a session cookie and a token in localStorage.
  // biome-ignore lint/suspicious/noDocumentCookie: the privacy test plants a sentinel cookie the extension must never read
  document.cookie = 'session=SENTINEL-COOKIE; path=/';
  localStorage.setItem('access_token', 'SENTINEL-LOCALSTORAGE-TOKEN');
  const start = document.body.dataset.onload;
  if (start) void run(start, 'fetch');
})();
