// The signed forms of a project page (form[data-signed]): each field by
// name becomes the change's body, the person confirms what is signed, and
// the page is read again. A "pick" button of the decision board puts its
// item into a form. A file chosen in a form (input[data-document=PREFIX]) is
// hashed here, in the browser, and never sent: the change records its name,
// SHA-256 and size (PREFIX_name, PREFIX_sha256, PREFIX_size). A form's
// data-method is the request's method (default POST). Files to attach
// (input[type=file][data-attach=URL], minutes) are uploaded to URL first,
// each checked against the SHA-256 this browser computes, and the change
// names them: attachments [{name, sha256}].
import {flash, lang, meta, msg, project, status, upload} from './app.js';
import {cryptoReady, getKey, hex} from './keystore.js';
import {signed} from './sign.js';

// The documents of a form, hashed: {PREFIX_name, PREFIX_sha256, PREFIX_size}.
async function documentsOf(form) {
	const out = {};
	for (const el of form.querySelectorAll('input[type=file][data-document]')) {
		if (el.matches(':disabled') || !el.files || el.files.length === 0) continue;
		const f = el.files[0], p = el.dataset.document;
		out[`${p}_name`] = f.name;
		out[`${p}_sha256`] = hex(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
		out[`${p}_size`] = f.size;
	}
	return out;
}

// Upload the files to attach; [{name, sha256}], or an Error saying which
// file failed and why. The server's hash must be the one of the bytes read
// here, or nothing is signed.
async function attachmentsOf(form) {
	const out = [];
	for (const el of form.querySelectorAll('input[type=file][data-attach]')) {
		if (el.matches(':disabled') || !el.files) continue;
		const max = Number(el.dataset.max) || Infinity;
		for (const f of el.files) {
			if (f.size > max) throw new Error(`${f.name}: ${msg('toolarge')}`);
		}
		for (const f of el.files) {
			status(`${msg('uploading')} ${f.name}`);
			const bytes = await f.arrayBuffer();
			const mine = hex(await crypto.subtle.digest('SHA-256', bytes));
			const r = await upload(el.dataset.attach, bytes);
			if (r.status !== 201) throw new Error(`${f.name}: ${r.json.error || msg('failed')}`);
			if (r.json.sha256 !== mine || r.json.size !== bytes.byteLength)
				throw new Error(`${f.name}: ${msg('hashdiffers')}`);
			out.push({name: f.name, sha256: mine});
		}
	}
	return out;
}

function bodyOf(form, submitter) {
	const body = {};
	const bulkEl = form.elements.namedItem('bulk');
	const bulk = !!(bulkEl && bulkEl.checked);
	let url = form.dataset.url;
	for (const el of form.elements) {
		if (el.dataset.answer !== undefined && !el.matches(':disabled')) {
			// a question of an asset's kind: its id and answer go in pairs
			const v = el.value.trim();
			if (v !== '') {
				(body.answer_ids ||= []).push(el.dataset.answer);
				(body.answers ||= []).push(v);
			}
			continue;
		}
		if (el.dataset.policy !== undefined && !el.matches(':disabled')) {
			// a system's security policy: its category and implementation go in pairs
			const v = el.value.trim();
			if (v !== '') {
				(body.policies ||= []).push(el.dataset.policy);
				(body.implementations ||= []).push(v);
			}
			continue;
		}
		if (!el.name || el.matches(':disabled') || el.type === 'submit' || el.type === 'file' ||
			el.name === 'bulk') continue;
		if (el.hasAttribute('data-bulk') && !bulk) continue;
		if (el.hasAttribute('data-path')) {
			url = url.replace(`{${el.name}}`, encodeURIComponent(el.value.trim()));
			continue;
		}
		if (el.hasAttribute('data-list')) {
			// several values: ticked boxes, or one per line (or space) of a text
			const list = (body[el.name] ||= []);
			if (el.type === 'checkbox') {
				if (el.checked) list.push(el.value);
			} else {
				list.push(...el.value.split(el.tagName === 'TEXTAREA' ? /\n/ : /[\s,]+/)
					.map((x) => x.trim()).filter((x) => x !== ''));
			}
			if (list.length === 0) delete body[el.name];
			continue;
		}
		if (el.hasAttribute('data-bool')) {
			body[el.name] = el.value === 'true';
			continue;
		}
		if (el.type === 'checkbox') {
			if (el.name === 'open_only' && !bulk) continue;
			body[el.name] = el.checked;
			continue;
		}
		if (el.type === 'radio' && !el.checked) continue;
		const v = el.value.trim();
		if (v !== '') body[el.name] = el.hasAttribute('data-int') ? Number.parseInt(v, 10) : v;
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
		if (item && item.type !== 'hidden' && form.elements.namedItem('bulk') && !bulk && !body.item) {
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
		try {
			const files = await attachmentsOf(form);
			if (files.length) body.attachments = files;
		} catch (err) {
			status(err.message, 'bad');
			return;
		}
		status(msg('working'));
		Object.assign(body, await documentsOf(form));
		const r = await signed(form.dataset.method || 'POST', url, body, key);
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

// Parts of a form shown only for one choice (fieldset data-when="name=value"):
// hidden and disabled otherwise, so that they send nothing.
for (const form of document.querySelectorAll('form[data-signed]')) {
	const parts = form.querySelectorAll('fieldset[data-when]');
	if (!parts.length) continue;
	const update = () => {
		for (const fs of parts) {
			const [name, value] = fs.dataset.when.split('=');
			const el = form.elements.namedItem(name);
			const on = !!el && el.value === value;
			fs.hidden = !on;
			fs.disabled = !on;
		}
	};
	form.addEventListener('change', update);
	update();
}
