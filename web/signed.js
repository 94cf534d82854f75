// The signed forms of a project page (form[data-signed]): each field by
// name becomes the change's body, the person confirms what is signed, and
// the page is read again. A "pick" button of the decision board puts its
// item into a form.
import {flash, lang, meta, msg, project, status} from './app.js';
import {cryptoReady, getKey} from './keystore.js';
import {signed} from './sign.js';

function bodyOf(form, submitter) {
	const body = {};
	const bulkEl = form.elements.namedItem('bulk');
	const bulk = !!(bulkEl && bulkEl.checked);
	let url = form.dataset.url;
	for (const el of form.elements) {
		if (!el.name || el.disabled || el.type === 'submit' || el.name === 'bulk') continue;
		if (el.hasAttribute('data-bulk') && !bulk) continue;
		if (el.hasAttribute('data-path')) {
			url = url.replace(`{${el.name}}`, encodeURIComponent(el.value.trim()));
			continue;
		}
		if (el.type === 'checkbox') {
			if (el.name === 'open_only' && !bulk) continue;
			body[el.name] = el.checked;
			continue;
		}
		if (el.type === 'radio' && !el.checked) continue;
		const v = el.value.trim();
		if (v !== '') body[el.name] = v;
	}
	if (bulk) delete body.item;
	if (submitter && submitter.name) body[submitter.name] = submitter.value;
	return {url, body, bulk};
}

function outcome(json) {
	let text = msg('done');
	if (typeof json.changed === 'number') text += ` (${json.changed})`;
	for (const n of json.notes || []) {
		text += ` — ${msg('notes')}: ${n[lang()] || n.en || ''}`;
	}
	return text;
}

for (const form of document.querySelectorAll('form[data-signed]')) {
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const {url, body, bulk} = bodyOf(form, e.submitter);
		const item = form.elements.namedItem('item');
		if (item && item.type !== 'hidden' && !bulk && !body.item) {
			status(msg('needitem'), 'bad');
			item.focus();
			return;
		}
		if (!cryptoReady()) {
			status(msg('nocrypto'), 'bad');
			return;
		}
		const key = await getKey(project(), meta('secspec-login'));
		if (!key) {
			status(msg('nokey'), 'bad');
			return;
		}
		status(msg('working'));
		const r = await signed('POST', url, body, key);
		if (r.status === 201) {
			flash(outcome(r.json));
			location.reload();
			return;
		}
		status(r.json.error || msg('failed'), 'bad');
	});
}

for (const b of document.querySelectorAll('button.pick')) {
	b.addEventListener('click', () => {
		const form = document.getElementById(b.dataset.form);
		if (!form) return;
		const item = form.elements.namedItem('item');
		item.value = b.dataset.item;
		const bulk = form.elements.namedItem('bulk');
		if (bulk) bulk.checked = false;
		form.scrollIntoView({block: 'start'});
		const next = form.elements.namedItem('policy') || form.elements.namedItem('note');
		(next || item).focus();
	});
}
