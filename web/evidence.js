// The evidence page: when each party's own copy of the log (secspec sync)
// last agreed with the server, read at once from the server's records.
import {api, project} from './app.js';

const table = document.getElementById('witnesses');
const none = document.getElementById('no-witnesses');
const r = await api('GET', `/api/projects/${encodeURIComponent(project())}/log/witnesses`);
const rows = r.status === 200 && Array.isArray(r.json.witnesses) ? r.json.witnesses : [];
const body = table.querySelector('tbody');
for (const w of rows) {
	const tr = document.createElement('tr');
	const cells = [w.side === 'vendor' ? table.dataset.vendor : table.dataset.user, w.login,
		String(w.tree_size), w.agreed];
	for (const text of cells) {
		const td = document.createElement('td');
		td.textContent = text;
		tr.appendChild(td);
	}
	body.appendChild(tr);
}
if (rows.length === 0) {
	table.hidden = true;
	none.hidden = false;
}
