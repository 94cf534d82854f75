// The login form: a session (cookie) and then the projects.
import {api, msg, status} from './app.js';

const form = document.getElementById('login-form');
form.addEventListener('submit', async (e) => {
	e.preventDefault();
	status(msg('working'));
	const body = {login: form.elements.login.value, password: form.elements.password.value};
	// the code of an account with a second factor
	if (form.elements.code.value.trim()) body.code = form.elements.code.value.trim();
	const r = await api('POST', '/api/session', body);
	if (r.status === 201) {
		location.href = '/';
		return;
	}
	status(r.status === 401 ? msg('badlogin') : (r.json.error || msg('failed')), 'bad');
	form.elements.password.select();
});
