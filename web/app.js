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
