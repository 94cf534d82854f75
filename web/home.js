// A new project: the creator becomes the lead of their side, and makes a
// key next.
import {api, msg, status} from './app.js';

const form = document.getElementById('project-form');
form.addEventListener('submit', async (e) => {
	e.preventDefault();
	status(msg('working'));
	const body = {
		name: form.elements.name.value.trim(),
		user_org: form.elements.user_org.value.trim(),
		side: form.elements.side.value,
	};
	if (form.elements.vendor_org.value.trim()) body.vendor_org = form.elements.vendor_org.value.trim();
	const r = await api('POST', '/api/projects', body);
	if (r.status === 201) {
		location.href = `/p/${encodeURIComponent(body.name)}/keys`;
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
});
