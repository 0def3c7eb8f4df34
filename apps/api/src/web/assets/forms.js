// Forms post JSON to the API with the session cookie, then reload (or go to data-then). No inline script (CSP).
'use strict';
(function () {
  function valueOf(el) {
    if (el.type === 'checkbox') {
      if (el.dataset.list !== undefined) return el.checked ? el.value : undefined;
      return el.checked;
    }
    if (el.value === '') return undefined;
    if (el.type === 'number' || el.dataset.type === 'number') return Number(el.value);
    if (el.type === 'datetime-local') return new Date(el.value).toISOString();
    return el.value;
  }

  function bodyOf(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled) continue;
      const value = valueOf(el);
      const path = el.name.split('.');
      let target = body;
      for (const key of path.slice(0, -1)) target = target[key] = target[key] || {};
      const last = path[path.length - 1];
      if (el.dataset.list !== undefined) {
        target[last] = target[last] || [];
        if (value !== undefined) target[last].push(value);
      } else if (value !== undefined) target[last] = value;
    }
    return body;
  }

  function show(form, text, ok) {
    let out = form.querySelector('.form-message');
    if (!out) {
      out = document.createElement('p');
      out.className = 'form-message';
      out.setAttribute('role', 'status');
      form.appendChild(out);
    }
    out.className = 'form-message ' + (ok ? 'ok-message' : 'error-message');
    out.textContent = text;
  }

  async function submit(event) {
    const form = event.target.closest('form[data-api]');
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      const method = (form.dataset.method || 'POST').toUpperCase();
      let body = bodyOf(form);
      if (form.dataset.jsonField) {
        // A textarea that holds the whole body as JSON (e.g. threshold overrides).
        try {
          body = JSON.parse(form.elements[form.dataset.jsonField].value || '{}');
        } catch (error) {
          show(form, 'That is not valid JSON: ' + error.message, false);
          return;
        }
      }
      const res = await fetch(form.dataset.api, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: method === 'DELETE' ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const data = text ? JSON.parse(text) : {};
      if (!res.ok) {
        const details = Array.isArray(data.details) ? ' (' + data.details.map((d) => d.field + ': ' + (d.problems || []).join(', ')).join('; ') + ')' : '';
        show(form, (data.message || res.statusText) + details, false);
        return;
      }
      if (form.dataset.follow && data[form.dataset.follow]) {
        window.location.assign(data[form.dataset.follow]);
      } else if (form.dataset.then) {
        const next = new URLSearchParams(window.location.search).get('next');
        window.location.assign(form.dataset.then === 'next' ? (next && next.startsWith('/') && !next.startsWith('//') ? next : '/') : form.dataset.then);
      } else if (form.dataset.message) {
        show(form, form.dataset.message, true);
        form.reset();
      } else {
        window.location.reload();
      }
    } catch (error) {
      show(form, 'Could not reach Loadwatch: ' + error.message, false);
    } finally {
      if (button) button.disabled = false;
    }
  }

  document.addEventListener('submit', submit);
})();
