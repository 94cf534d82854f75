// A change signed in this browser (the server's proposal protocol): send
// the change, get back the exact events it would append (202), show them in
// words, and only when the person confirms sign each one with the key kept
// in IndexedDB and send again. When another change came first (409), the
// fresh events are shown and confirmed again.
import {api, msg} from './app.js';
import {signText} from './keystore.js';

// One event body in words: "decision.set APP-SC-001: implement".
export function describe(body) {
	let ev;
	try { ev = JSON.parse(body); } catch { return body; }
	const d = ev.data || {};
	const subject = d.item || d.person || d.milestone || d.name || d.id ||
		(d.fingerprint ? d.fingerprint.slice(0, 16) + '…' : '') || '';
	const value = d.policy || d.verdict || d.role || d.note || d.reason || '';
	let text = ev.type || '?';
	if (subject) text += ' ' + subject;
	if (value && value !== subject) text += ': ' + value;
	return text;
}

function details(body) {
	let ev;
	try { ev = JSON.parse(body); } catch { return []; }
	const out = [];
	for (const [k, v] of Object.entries(ev.data || {})) {
		if (v === null || v === '') continue;
		out.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
	}
	return out;
}

// Show the events; resolves true when the person confirms.
function confirmSign(sign, again) {
	const dlg = document.getElementById('sign-dialog');
	const list = document.getElementById('sign-list');
	const note = document.getElementById('sign-note');
	const keyEl = document.getElementById('sign-key');
	const ok = document.getElementById('sign-ok');
	const cancel = document.getElementById('sign-cancel');
	if (!note.dataset.text) note.dataset.text = note.textContent;
	note.textContent = again ? msg('resign') : note.dataset.text;
	keyEl.textContent = `${msg('signedby')}: ${sign.fingerprint}`;
	list.replaceChildren();
	sign.bodies.forEach((b, i) => {
		const li = document.createElement('li');
		const strong = document.createElement('strong');
		strong.textContent = describe(b);
		li.append(strong);
		const extra = details(b);
		if (extra.length && sign.bodies.length <= 20) {
			const ul = document.createElement('ul');
			for (const line of extra) {
				const x = document.createElement('li');
				x.textContent = line;
				ul.append(x);
			}
			li.append(ul);
		}
		li.dataset.index = String(i);
		list.append(li);
	});
	return new Promise((resolve) => {
		const done = (yes) => {
			ok.removeEventListener('click', onOk);
			cancel.removeEventListener('click', onCancel);
			dlg.removeEventListener('cancel', onCancel);
			if (dlg.open) dlg.close();
			resolve(yes);
		};
		const onOk = () => done(true);
		const onCancel = (e) => { if (e) e.preventDefault(); done(false); };
		ok.addEventListener('click', onOk);
		cancel.addEventListener('click', onCancel);
		dlg.addEventListener('cancel', onCancel);
		dlg.showModal();
		ok.focus();
	});
}

// Send body to url signed with key (a keystore record). fingerprint: the
// key the server expects (default key's). Resolves {status, json}; a
// status of -1 means the person cancelled.
export async function signed(method, url, body, key, fingerprint = key.fingerprint) {
	let r = await api(method, url, {...body, fingerprint});
	for (let round = 0; round < 3; round++) {
		if ((r.status !== 202 && r.status !== 409) || !r.json.sign) return r;
		const s = r.json.sign;
		if (!(await confirmSign(s, r.status === 409))) return {status: -1, json: {error: msg('cancelled')}};
		const signatures = [];
		for (const b of s.bodies) signatures.push(await signText(key, b));
		r = await api(method, url, {...body, time: s.time, fingerprint: s.fingerprint, signatures});
	}
	return r;
}
