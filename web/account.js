// One's own account: the password, and the second factor (set up, confirm,
// remove). Plain requests with the CSRF token; the page is read again after
// a change, so that it shows the account as it now is.
import {api, flash, msg, status} from './app.js';

function done(text) {
	flash(text);
	location.reload();
}

const pw = document.getElementById('password-form');
pw.addEventListener('submit', async (e) => {
	e.preventDefault();
	if (pw.elements.password.value !== pw.elements.again.value) {
		status(msg('mismatch'), 'bad');
		pw.elements.again.focus();
		return;
	}
	status(msg('working'));
	const r = await api('POST', '/api/session/password',
		{old: pw.elements.old.value, password: pw.elements.password.value});
	if (r.status === 200) {
		// the session was renewed: its new token is in the cookie, the page
		// read again carries the new CSRF token
		done(msg('pwchanged'));
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
});

const enroll = document.getElementById('totp-enroll');
const fresh = document.getElementById('totp-new');
enroll.addEventListener('submit', async (e) => {
	e.preventDefault();
	status(msg('working'));
	const r = await api('POST', '/api/session/totp', {password: enroll.elements.password.value});
	if (r.status !== 201) {
		status(r.json.error || msg('failed'), 'bad');
		return;
	}
	enroll.reset();
	document.getElementById('totp-secret').textContent = r.json.secret;
	document.getElementById('totp-uri').textContent = r.json.uri;
	fresh.hidden = false;
	status(msg('done'), 'good');
	document.getElementById('tc-code').focus();
});

const confirm = document.getElementById('totp-confirm');
confirm.addEventListener('submit', async (e) => {
	e.preventDefault();
	status(msg('working'));
	const r = await api('POST', '/api/session/totp/confirm', {code: confirm.elements.code.value.trim()});
	if (r.status === 200) {
		done(msg('totpon'));
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
});

const remove = document.getElementById('totp-remove');
if (remove) {
	remove.addEventListener('submit', async (e) => {
		e.preventDefault();
		status(msg('working'));
		const r = await api('DELETE', '/api/session/totp', {
			password: remove.elements.password.value, code: remove.elements.code.value.trim(),
		});
		if (r.status === 200) {
			done(msg('totpoff'));
			return;
		}
		status(r.json.error || msg('failed'), 'bad');
	});
}
