// The person's Ed25519 keys, made by WebCrypto and kept in this browser's
// IndexedDB, one per project and login. The private key is made
// non-extractable: no script, not even this one, can read it out; the
// browser only signs with it.
const DB = 'secspec-keys', STORE = 'keys';

function open() {
	return new Promise((resolve, reject) => {
		const rq = indexedDB.open(DB, 1);
		rq.onupgradeneeded = () => rq.result.createObjectStore(STORE, {keyPath: 'id'});
		rq.onsuccess = () => resolve(rq.result);
		rq.onerror = () => reject(rq.error);
	});
}

function tx(mode, fn) {
	return open().then((db) => new Promise((resolve, reject) => {
		const t = db.transaction(STORE, mode);
		const rq = fn(t.objectStore(STORE));
		t.oncomplete = () => { db.close(); resolve(rq.result); };
		t.onerror = () => { db.close(); reject(t.error); };
	}));
}

export function hex(buf) {
	return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function cryptoReady() {
	return !!(globalThis.crypto && crypto.subtle && globalThis.indexedDB);
}

// The key of project+login in this browser, or undefined.
export function getKey(project, login) {
	return tx('readonly', (s) => s.get(`${project}/${login}`));
}

// Make and keep a new key: {id, keyPair, publicHex, fingerprint, created}.
export async function makeKey(project, login) {
	const keyPair = await crypto.subtle.generateKey({name: 'Ed25519'}, false, ['sign', 'verify']);
	const raw = await crypto.subtle.exportKey('raw', keyPair.publicKey);
	const rec = {
		id: `${project}/${login}`, keyPair, publicHex: hex(raw),
		fingerprint: hex(await crypto.subtle.digest('SHA-256', raw)),
		created: new Date().toISOString(),
	};
	await tx('readwrite', (s) => s.put(rec));
	return rec;
}

// Hex Ed25519 signature of the UTF-8 bytes of text.
export async function signText(rec, text) {
	const sig = await crypto.subtle.sign('Ed25519', rec.keyPair.privateKey,
		new TextEncoder().encode(text));
	return hex(sig);
}
