// The keys page: make this browser's key, register it (a first key signs
// its own registration; a later one is added from a device whose key is
// registered), and add another device's key with this one.
import {api, flash, msg, status} from './app.js';
import {cryptoReady, getKey, makeKey, signText} from './keystore.js';
import {signed} from './sign.js';
import './signed.js'; // the signed forms of the page (revoking a key)

const box = document.getElementById('local-key');
const p = box.dataset.project, login = box.dataset.login;
const mine = box.dataset.mine.split(' ').filter(Boolean);
const stateEl = document.getElementById('local-state');
const makeBtn = document.getElementById('make-key');
const codeBox = document.getElementById('device-code');
const codeOut = document.getElementById('code-out');
const base = `/api/projects/${encodeURIComponent(p)}`;

// The proof that key holds its private key: its signature of the message
// the server gives for this project, person and key.
async function pop(key) {
	const r = await api('GET', `${base}/keys/pop?public_key=${key.publicHex}`);
	if (r.status !== 200) throw new Error(r.json.error || msg('failed'));
	return signText(key, r.json.message);
}

async function show() {
	if (!cryptoReady()) {
		stateEl.textContent = msg('nocrypto');
		makeBtn.disabled = true;
		return;
	}
	const key = await getKey(p, login);
	if (!key) {
		stateEl.textContent = msg('nolocal');
		makeBtn.hidden = false;
		return;
	}
	const reg = mine.includes(key.fingerprint);
	stateEl.textContent = `${msg('local')}: ${key.fingerprint} (${reg ? msg('registered') : msg('unregistered')})`;
	// a key of this browser that is not registered while the person has no
	// live key (it was revoked, or its registration was cancelled): a new
	// one is made here and registered as a first key
	makeBtn.hidden = reg || mine.length > 0;
	if (!reg && mine.length) {
		codeOut.value = `secspec-key:${key.publicHex}:${await pop(key)}`;
		codeBox.hidden = false;
		status(msg('othercode'));
	}
	return key;
}

makeBtn.addEventListener('click', async () => {
	status(msg('working'));
	let key;
	try {
		key = await makeKey(p, login);
	} catch (e) {
		status(`${msg('nocrypto')} (${e.message || e})`, 'bad');
		return;
	}
	if (mine.length) {
		await show();
		return;
	}
	// the first key of this person: it signs its own registration
	const r = await signed('POST', `${base}/keys`,
		{public_key: key.publicHex, pop: await pop(key)}, key, key.fingerprint);
	if (r.status === 201) {
		flash(`${msg('made')}. ${msg('regdone')}`);
		location.reload();
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
});

document.getElementById('add-device').addEventListener('submit', async (e) => {
	e.preventDefault();
	const m = e.target.elements.code.value.trim().match(/^secspec-key:([0-9a-f]{64}):([0-9a-f]{128})$/);
	if (!m) {
		status(msg('badcode'), 'bad');
		return;
	}
	const key = await getKey(p, login);
	if (!key || !mine.includes(key.fingerprint)) {
		status(msg('nokey'), 'bad');
		return;
	}
	status(msg('working'));
	const r = await signed('POST', `${base}/keys`, {public_key: m[1], pop: m[2]}, key);
	if (r.status === 201) {
		flash(msg('regdone'));
		location.reload();
		return;
	}
	status(r.json.error || msg('failed'), 'bad');
});

show().catch((e) => status(e.message || String(e), 'bad'));

