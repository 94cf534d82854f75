// The administrators' accounts page: create an account, disable or enable
// one, reset a password, remove a second factor (a lost device). Plain
// requests with the CSRF token; the page is read again after each change.
import {api, flash, msg, status} from './app.js';

async function send(method, url, body, ok, text) {
	status(msg('working'));
	const r = await api(method, url, body);
	if (r.status === ok) {
		flash(text);
		location.reload();
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
}

const path = (login, tail) => `/api/accounts/${encodeURIComponent(login)}/${tail}`;

const add = document.getElementById('account-form');
add.addEventListener('submit', (e) => {
	e.preventDefault();
	send('POST', '/api/accounts', {
		login: add.elements.login.value.trim(), name: add.elements.name.value.trim(),
		password: add.elements.password.value, admin: add.elements.admin.checked,
	}, 201, msg('created'));
});

const reset = document.getElementById('reset-form');
reset.addEventListener('submit', (e) => {
	e.preventDefault();
	send('POST', path(reset.elements.login.value, 'password'),
		{password: reset.elements.password.value}, 200, msg('reset'));
});

for (const b of document.querySelectorAll('#accounts button.toggle')) {
	b.addEventListener('click', () => send('POST', path(b.dataset.login, 'disabled'),
		{disabled: b.dataset.disabled === 'true'}, 200, msg('done')));
}
for (const b of document.querySelectorAll('#accounts button.untotp')) {
	b.addEventListener('click', () => send('DELETE', path(b.dataset.login, 'totp'),
		undefined, 200, msg('done')));
}
