// The optional second factor (RFC 6238): set up with the password, confirmed
// with a code, then needed at every login; a code counts once; a wrong or
// missing code fails like a wrong password.
import crypto from 'node:crypto';
import {Client, demoDb, eq, main, ok, PASSWORD, startServer, test, tmpdir} from './lib.mjs';

const dir = tmpdir('totp');
const db = demoDb(dir, {demo: false, accounts: ['suzuki']});
const srv = await startServer(db);

function base32(s) {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const ch of s.replace(/=+$/, '')) bits += abc.indexOf(ch).toString(2).padStart(5, '0');
	const out = [];
	for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
	return Buffer.from(out);
}
function code(secret, at = Date.now() / 1000) {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
	const h = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
	const o = h[h.length - 1] & 15;
	return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

let secret;
test('set up with the password, confirmed with a code', async () => {
	const c = new Client(srv.url);
	eq((await c.login('suzuki')).status, 201, 'login');
	eq((await c.req('POST', '/api/session/totp', {password: 'wrong password!!'})).status, 403,
		'the password is checked');
	const e = await c.req('POST', '/api/session/totp', {password: PASSWORD});
	eq(e.status, 201, 'enrolled');
	ok(e.json.uri.startsWith('otpauth://totp/secspec:suzuki?secret='), 'an otpauth URI');
	secret = e.json.secret;
	eq((await c.req('POST', '/api/session/totp/confirm', {code: '000000'})).status, 403,
		'a wrong code does not confirm');
	eq((await c.req('POST', '/api/session/totp/confirm', {code: code(secret)})).status, 200,
		'confirmed');
});

test('then a login needs the code, and a code counts once', async () => {
	const c = new Client(srv.url);
	const r = await c.login('suzuki');
	eq(r.status, 401, 'no code: refused');
	// the code of the next step: the confirmation used this one
	const next = code(secret, Date.now() / 1000 + 30);
	const good = await c.req('POST', '/api/session', {login: 'suzuki', password: PASSWORD,
		code: next});
	eq(good.status, 201, 'with a fresh code');
	const again = await new Client(srv.url).req('POST', '/api/session',
		{login: 'suzuki', password: PASSWORD, code: next});
	eq(again.status, 401, 'the same code again: refused');
	eq(again.json.error, r.json.error, 'with the one answer of every failed login');
});

test('an administrator removes a lost second factor', async () => {
	const a = new Client(srv.url);
	eq((await a.login('admin')).status, 201, 'admin login');
	eq((await a.req('DELETE', '/api/accounts/suzuki/totp')).status, 200, 'removed');
	eq((await new Client(srv.url).login('suzuki')).status, 201, 'a password alone again');
});

await main(() => srv.stop());
