// What every page shares: its messages (rendered by the server in the
// reader's language), the CSRF token, JSON requests, the status line and
// the log-out button.
const msgsEl = document.getElementById('msgs');
const MSGS = msgsEl ? JSON.parse(msgsEl.textContent) : {};

export function msg(key) {
	return MSGS[key] || key;
}

export function meta(name) {
	const m = document.querySelector(`meta[name="${name}"]`);
	return m ? m.content : '';
}

export function lang() {
	return document.documentElement.lang === 'en' ? 'en' : 'ja';
}

// The project of a /p/{p}/… page, or ''.
export function project() {
	const m = location.pathname.match(/^\/p\/([^/]+)/);
	return m ? decodeURIComponent(m[1]) : '';
}

export async function api(method, url, body) {
	const headers = {'X-CSRF-Token': meta('csrf-token')};
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	let r;
	try {
		r = await fetch(url, {method, headers, credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body)});
	} catch {
		return {status: 0, json: {error: msg('network')}};
	}
	let json = {};
	try { json = await r.json(); } catch { json = {}; }
	return {status: r.status, json};
}

// A file's bytes to a route of raw bodies (an upload): {status, json}.
export async function upload(url, bytes) {
	let r;
	try {
		r = await fetch(url, {method: 'POST', credentials: 'same-origin', body: bytes,
			headers: {'X-CSRF-Token': meta('csrf-token'), 'Content-Type': 'application/octet-stream'}});
	} catch {
		return {status: 0, json: {error: msg('network')}};
	}
	let json = {};
	try { json = await r.json(); } catch { json = {}; }
	return {status: r.status, json};
}

// The live region: what happened, said once.
export function status(text, kind = '') {
	const el = document.getElementById('status');
	if (!el) return;
	el.className = 'status' + (kind ? ' ' + kind : '');
	el.textContent = text;
}

// A message that survives the reload after a change.
export function flash(text) {
	sessionStorage.setItem('secspec-flash', text);
}

function showFlash() {
	const f = sessionStorage.getItem('secspec-flash');
	if (f) {
		sessionStorage.removeItem('secspec-flash');
		status(f, 'good');
	}
}

const logout = document.getElementById('logout');
if (logout) {
	logout.addEventListener('click', async () => {
		await api('DELETE', '/api/session');
		location.href = '/login';
	});
}
showFlash();

// Live updates: on a project's page, the server tells (Server-Sent Events)
// when the project's log moves; the first event is the head the page was
// made at, a later one another person's change. The page is not reloaded
// under the reader's hands (a form may be half filled): the status line
// says so and offers to show the changes.
if (project() && typeof EventSource === 'function') {
	const es = new EventSource(`/api/projects/${encodeURIComponent(project())}/events`);
	let seen = null;
	es.addEventListener('head', (e) => {
		let seq;
		try { seq = JSON.parse(e.data).seq; } catch { return; }
		if (seen === null) { seen = seq; return; }
		if (seq === seen) return;
		seen = seq;
		const el = document.getElementById('status');
		if (!el || el.querySelector('button.reload')) return;
		el.className = 'status';
		el.textContent = document.body.dataset.moved + ' ';
		const b = document.createElement('button');
		b.type = 'button';
		b.className = 'reload';
		b.textContent = document.body.dataset.reload;
		b.addEventListener('click', () => location.reload());
		el.appendChild(b);
	});
	es.addEventListener('end', () => es.close());
}
