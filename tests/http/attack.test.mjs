// Attacks on secspec serve: cross-site requests, session fixation and
// theft, password guessing, malformed and oversized input, path traversal,
// protocol abuse, slow clients and connection floods. Every answer seen
// here must carry the security headers, and no 5xx may show a path, SQL or
// a stack. Test clients come from other loopback addresses (127.0.0.N) where
// a test must not throttle or crowd out the others.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {Client, DEMO, PASSWORD, demoDb, eq, main, ok, startServer, test, tmpdir, stopsCleanly} from './lib.mjs';

const dir = tmpdir('attack');
const db = demoDb(dir, {accounts: [...Object.keys(DEMO), 'victim', 'spare1', 'spare2']});
const web = path.join(dir, 'web');
fs.mkdirSync(web);
fs.writeFileSync(path.join(web, 'app.js'), 'export const x = 1;\n');
fs.writeFileSync(path.join(dir, 'secret.js'), 'SECRET-OUTSIDE-WEB\n');
const srv = await startServer(db, ['--web', web]);
const {hostname: HOST, port: PORT} = new URL(srv.url);

// ---- helpers ----

const SECURITY_HEADERS = {
	'content-security-policy': /script-src 'self'.*frame-ancestors 'none'/,
	'x-content-type-options': /^nosniff$/,
	'x-frame-options': /^DENY$/,
	'referrer-policy': /^no-referrer$/,
	'cross-origin-opener-policy': /^same-origin$/,
	'cross-origin-resource-policy': /^same-origin$/,
};
let checkedHeaders = 0;

// Every answer: the security headers, and a 5xx that says nothing inside.
function inspect(r, what) {
	for (const [name, re] of Object.entries(SECURITY_HEADERS))
		ok(re.test(r.headers[name] || ''), `${what}: header ${name} is ${r.headers[name]} (status ${r.status})`);
	if ((r.headers['content-type'] || '').startsWith('application/json'))
		ok(/no-store/.test(r.headers['cache-control'] || ''), `${what}: Cache-Control no-store`);
	if (r.status >= 500)
		ok(!/sqlite|select |insert |no such|\/tmp\/|\/work\/|\.c:\d|at 0x|#\d+ 0x|errno/i.test(r.body),
			`${what}: a 5xx leaks: ${r.body}`);
	checkedHeaders++;
	return r;
}

// One HTTP/1.1 exchange on a raw socket: what node's fetch would not send.
// Send data and read the answer until the server closes. A large request is
// sent in pieces, and no more once an answer has come: a server that refuses
// a body early closes while the rest is still on its way, and a client that
// writes on gets EPIPE or a reset instead of the answer.
function raw(data, {localAddress = '127.0.0.1', timeout = 10000} = {}) {
	return new Promise((resolve, reject) => {
		const chunks = [], buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
		const s = net.connect({host: HOST, port: PORT, localAddress});
		const PIECE = 65536;
		s.setTimeout(timeout, () => { s.destroy(); reject(new Error('timeout')); });
		const send = (at) => {
			if (at >= buf.length || chunks.length) return;
			s.write(buf.subarray(at, at + PIECE), () => setTimeout(() => send(at + PIECE), 1));
		};
		s.on('connect', () => send(0));
		s.on('data', (d) => chunks.push(d));
		// a server that closes on a request it refuses may leave the client's
		// write with EPIPE or a reset: what it answered (perhaps nothing,
		// status 0) is the result, and each test says which answers it accepts
		s.on('error', (e) => (chunks.length || ['EPIPE', 'ECONNRESET'].includes(e.code)
			? resolve(parse(Buffer.concat(chunks))) : reject(e)));
		s.on('close', () => resolve(parse(Buffer.concat(chunks))));
	});
}

function parse(buf) {
	const text = buf.toString('latin1');
	const end = text.indexOf('\r\n\r\n');
	if (end < 0)
		return {status: 0, headers: {}, body: '', text};
	const [line, ...hs] = text.slice(0, end).split('\r\n');
	const headers = {};
	for (const h of hs) {
		const i = h.indexOf(':');
		const k = h.slice(0, i).trim().toLowerCase();
		headers[k] = headers[k] ? `${headers[k]}, ${h.slice(i + 1).trim()}` : h.slice(i + 1).trim();
	}
	return {status: Number(line.split(' ')[1]), headers, body: buf.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8'), text};
}

// A request from a client: cookie and CSRF token as given.
function request(method, p, {body, headers = {}, cookie, csrf, origin = srv.url, ctype = 'application/json',
	localAddress} = {}) {
	const b = body === undefined ? null : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	let h = `${method} ${p} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nConnection: close\r\n`;
	if (origin) h += `Origin: ${origin}\r\n`;
	if (cookie) h += `Cookie: ${cookie}\r\n`;
	if (csrf) h += `X-CSRF-Token: ${csrf}\r\n`;
	if (b) h += `Content-Type: ${ctype}\r\nContent-Length: ${b.length}\r\n`;
	for (const [k, v] of Object.entries(headers)) h += `${k}: ${v}\r\n`;
	return raw(b ? Buffer.concat([Buffer.from(h + '\r\n', 'latin1'), b]) : h + '\r\n', {localAddress})
		.then((r) => inspect(r, `${method} ${p}`));
}

const json = (r) => { try { return JSON.parse(r.body); } catch { return undefined; } };
const cookieOf = (r) => (r.headers['set-cookie'] || '').split(';')[0];

async function login(who, {cookie, localAddress, password = PASSWORD} = {}) {
	const r = await request('POST', '/api/session', {body: {login: who, password}, cookie, localAddress});
	return {r, cookie: cookieOf(r), csrf: json(r)?.csrf};
}

async function projects(s) {
	return json(await request('GET', '/api/projects', {cookie: s.cookie})).map((p) => p.name).sort();
}

const newProject = () => ({name: `x${Date.now() % 1e6}${Math.random().toString(36).slice(2, 6)}`,
	user_org: 'U', vendor_org: 'V', side: 'user'});

// ---- CSRF ----

test('CSRF: a change without the right token, from another origin or as a form is refused', async () => {
	const s = await login('suzuki'), other = await login('tanaka');
	const before = await projects(s);
	const tries = [
		['no token', {}],
		['another session\'s token', {csrf: other.csrf}],
		['a made-up token', {csrf: 'A'.repeat(s.csrf.length)}],
		['a wrong Origin', {csrf: s.csrf, origin: 'http://evil.example'}],
		['Origin null', {csrf: s.csrf, origin: 'null'}],
		['a look-alike Origin', {csrf: s.csrf, origin: srv.url + '.evil.example'}],
		['a wrong Referer', {csrf: s.csrf, origin: '', headers: {Referer: 'http://evil.example/x'}}],
		['a look-alike Referer', {csrf: s.csrf, origin: '', headers: {Referer: srv.url + '.evil.example/'}}],
		['text/plain', {csrf: s.csrf, ctype: 'text/plain'}],
		['a form', {csrf: s.csrf, ctype: 'application/x-www-form-urlencoded'}],
		['multipart', {csrf: s.csrf, ctype: 'multipart/form-data; boundary=x'}],
		['application/jsonx', {csrf: s.csrf, ctype: 'application/jsonx'}],
		['a form without a token', {ctype: 'application/x-www-form-urlencoded'}],
	];
	for (const [what, o] of tries) {
		const r = await request('POST', '/api/projects', {body: newProject(), cookie: s.cookie, ...o});
		ok([403, 415].includes(r.status), `${what}: ${r.status} ${r.body}`);
	}
	// logout and login are changes too
	eq((await request('DELETE', '/api/session', {cookie: s.cookie})).status, 403, 'logout without token');
	eq((await request('DELETE', '/api/session', {cookie: s.cookie, csrf: s.csrf, origin: 'http://evil.example'})).status,
		403, 'logout from another site');
	eq((await request('POST', '/api/session', {body: {login: 'suzuki', password: PASSWORD}, origin: 'http://evil.example'})).status,
		403, 'login from another site');
	eq(await projects(s), before, 'nothing was created');
	eq((await request('GET', '/api/session', {cookie: s.cookie})).status, 200, 'the session lives');
	// no CORS: another site's script may not read an answer
	const x = await request('GET', '/api/projects', {cookie: s.cookie, origin: 'http://evil.example'});
	ok(!Object.keys(x.headers).some((k) => k.startsWith('access-control-')), 'no CORS headers');
	const pre = await request('OPTIONS', '/api/projects', {origin: 'http://evil.example',
		headers: {'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-csrf-token'}});
	ok(!Object.keys(pre.headers).some((k) => k.startsWith('access-control-')), `no preflight consent (${pre.status})`);
	// and the same request done right works
	eq((await request('POST', '/api/projects', {body: newProject(), cookie: s.cookie, csrf: s.csrf})).status, 201, 'right');
});

// ---- sessions ----

test('session fixation: a cookie from before the login is never the session after it', async () => {
	const planted = 'secspec_session=' + 'f'.repeat(43);
	const a = await login('victim', {cookie: planted});
	eq(a.r.status, 201, 'login');
	ok(a.cookie && a.cookie !== planted, 'a new token');
	eq((await request('GET', '/api/session', {cookie: planted})).status, 401, 'the planted value is no session');
	// a real session (the attacker's) planted in the victim's browser
	const attacker = await login('spare1');
	const b = await login('victim', {cookie: attacker.cookie});
	ok(b.cookie !== attacker.cookie, 'the login does not reuse the session it came with');
	eq((await request('GET', '/api/session', {cookie: attacker.cookie})).status, 401, 'the old session ended');
	eq(json(await request('GET', '/api/session', {cookie: b.cookie})).login, 'victim', 'the new one is the victim\'s');
});

test('a password change ends every session and gives a new one', async () => {
	const s1 = await login('spare2'), s2 = await login('spare2');
	const r = await request('POST', '/api/session/password', {cookie: s1.cookie, csrf: s1.csrf,
		body: {old: PASSWORD, password: PASSWORD + ' two'}});
	eq(r.status, 200, 'changed');
	const s3 = {cookie: cookieOf(r), csrf: json(r).csrf};
	ok(s3.cookie && s3.cookie !== s1.cookie, 'a new token');
	eq((await request('GET', '/api/session', {cookie: s1.cookie})).status, 401, 'the old one is dead');
	eq((await request('GET', '/api/session', {cookie: s2.cookie})).status, 401, 'the other one too');
	eq((await request('GET', '/api/session', {cookie: s3.cookie})).status, 200, 'the new one lives');
	eq((await request('POST', '/api/session/password', {cookie: s3.cookie, csrf: s3.csrf,
		body: {old: 'wrong password here', password: PASSWORD}})).status, 403, 'the old password is checked');
});

test('cookies: HttpOnly, SameSite=Strict, Path=/, no Domain; Secure and HSTS with --secure', async () => {
	const flags = (c) => c.split(';').slice(1).map((x) => x.trim().split('=')[0].toLowerCase()).sort();
	const a = await login('suzuki');
	const c = a.r.headers['set-cookie'];
	ok(/^secspec_session=[A-Za-z0-9_-]{32,}$/.test(a.cookie), `a long random token: ${a.cookie}`);
	ok(/;\s*SameSite=Strict(;|$)/.test(c) && /;\s*Path=\/(;|$)/.test(c), c);
	eq(flags(c), ['httponly', 'path', 'samesite'], 'flags without --secure');
	ok(!a.r.headers['strict-transport-security'], 'no HSTS over plain HTTP');
	const out = await request('DELETE', '/api/session', {cookie: a.cookie, csrf: a.csrf});
	eq(flags(out.headers['set-cookie']), ['httponly', 'max-age', 'path', 'samesite'], 'the logout cookie');
	const sec = await startServer(db, ['--secure']);
	try {
		const r = await fetch(sec.url + '/api/session', {method: 'POST', headers: {'Content-Type': 'application/json', Origin: sec.url},
			body: JSON.stringify({login: 'suzuki', password: PASSWORD})});
		eq(r.status, 201, 'login');
		eq(flags(r.headers.get('set-cookie')), ['httponly', 'path', 'samesite', 'secure'], 'flags with --secure');
		ok(/max-age=\d{7,}/.test(r.headers.get('strict-transport-security') || ''), 'HSTS');
	} finally {
		await sec.stop();
	}
});

test('disabling an account ends its sessions', async () => {
	const a = await login('admin'), s = await login('spare1');
	eq((await request('POST', '/api/accounts/spare1/disabled', {cookie: a.cookie, csrf: a.csrf, body: {disabled: true}})).status, 200, 'disable');
	eq((await request('GET', '/api/session', {cookie: s.cookie})).status, 401, 'the session is dead');
	eq((await login('spare1')).r.status, 401, 'no new one');
	eq((await request('POST', '/api/accounts/spare1/disabled', {cookie: a.cookie, csrf: a.csrf, body: {disabled: false}})).status, 200, 'enable');
});

test('logout ends the session on the server', async () => {
	const s = await login('suzuki');
	eq((await request('DELETE', '/api/session', {cookie: s.cookie, csrf: s.csrf})).status, 200, 'logout');
	eq((await request('GET', '/api/session', {cookie: s.cookie})).status, 401, 'the stolen cookie is dead');
	eq((await request('GET', '/api/projects/demo', {cookie: s.cookie})).status, 401, 'for every route');
	eq((await request('POST', '/api/projects', {body: newProject(), cookie: s.cookie, csrf: s.csrf})).status, 401, 'and changes');
});

// ---- password guessing ----

test('login throttling: an account locks after 5 failures; an address gets 429 after 20', async () => {
	const at = '127.0.0.7';
	for (let i = 0; i < 5; i++)
		eq((await login('kimura', {password: 'wrong password ' + i, localAddress: at})).r.status, 401, `failure ${i + 1}`);
	const locked = await login('kimura', {localAddress: at});
	eq(locked.r.status, 401, 'locked: even the right password fails');
	const unknown = await login('nobody-here', {password: 'wrong password', localAddress: at});
	eq(json(locked.r).error, json(unknown.r).error, 'a locked account reads like an unknown name');
	// this address has 7 failures; 13 more make 20
	for (let i = 0; i < 13; i++)
		eq((await login(`guess${i}`, {password: 'wrong password', localAddress: at})).r.status, 401, `spray ${i}`);
	const r = await login('suzuki', {localAddress: at});
	eq(r.r.status, 429, 'the 21st attempt from the address');
	ok(!r.cookie, 'no session when throttled');
	eq((await login('suzuki', {localAddress: '127.0.0.8'})).r.status, 201, 'another address logs in');
});

test('timing: an unknown name costs about as much as a wrong password', async () => {
	const time = async (who, at) => {
		const t = process.hrtime.bigint();
		eq((await login(who, {password: 'not the password', localAddress: at})).r.status, 401, who);
		return Number(process.hrtime.bigint() - t) / 1e6;
	};
	const known = [], unknown = [];
	// one attempt per account (none locks) from two addresses (none throttles)
	for (const [i, who] of ['suzuki', 'yamada', 'tanaka', 'hayashi', 'yoshida'].entries()) {
		known.push(await time(who, '127.0.0.9'));
		unknown.push(await time(`nobody${i}`, '127.0.0.10'));
	}
	const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
	const ratio = median(known) / median(unknown);
	console.log(`# login failure: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`);
	ok(ratio > 0.3 && ratio < 3, `the same order of magnitude (ratio ${ratio.toFixed(2)})`);
});

// ---- input ----

test('bodies: unknown fields, duplicate keys, wrong types, nesting, NUL, bad UTF-8 → 400', async () => {
	const s = await login('suzuki');
	const before = await projects(s);
	const p = newProject();
	const bad = [
		['unknown field', JSON.stringify({...p, admin: true})],
		['duplicate key', `{"name":"a","name":"b","user_org":"U","side":"user"}`],
		['wrong type', JSON.stringify({...p, name: 5})],
		['array for a string', JSON.stringify({...p, name: ['a']})],
		['not an object', '[1,2,3]'],
		['a bare string', '"x"'],
		['nested deep', '['.repeat(100000) + ']'.repeat(100000)],
		['objects nested deep', '{"a":'.repeat(50000) + '1' + '}'.repeat(50000)],
		['NUL escaped', JSON.stringify({...p, name: 'a\u0000b'})],
		['a raw NUL', Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0]), Buffer.from('b","user_org":"U","side":"user"}')])],
		['invalid UTF-8', Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('","user_org":"U","side":"user"}')])],
		['an overlong encoding', Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","user_org":"U","side":"user"}')])],
		['a lone surrogate', '{"name":"\\ud800","user_org":"U","side":"user"}'],
		['truncated', '{"name":'],
		['empty', ''],
		['enum value', JSON.stringify({...p, side: 'both'})],
		['missing required', JSON.stringify({name: p.name})],
		['too long', JSON.stringify({...p, name: 'n'.repeat(65)})],
		['a huge number', JSON.stringify({...p, name: 1e400}).replace('null', '1' + '0'.repeat(400))],
	];
	for (const [what, body] of bad) {
		const r = await request('POST', '/api/projects', {body, cookie: s.cookie, csrf: s.csrf});
		ok(r.status === 400 || r.status === 413, `${what}: ${r.status} ${r.body.slice(0, 200)}`);
		const j = json(r);
		ok(j && j.status === r.status && typeof j.error === 'string', `${what}: a JSON error`);
	}
	eq(await projects(s), before, 'nothing was created');
	// a GET takes no body; query fields are checked like body fields
	eq((await request('GET', '/api/projects', {body: {}, cookie: s.cookie})).status, 400, 'GET with a body');
	for (const q of ['?nosuch=1', '?status=maybe', '?status=open&status=decided', '?section=%ff', '?status=open%00x'])
		eq((await request('GET', `/api/projects/demo/requirements${q}`, {cookie: s.cookie})).status, 400, `query ${q}`);
	for (const q of ['?from=x', '?from=1e3', '?from=99999999999999999999', '?from='])
		eq((await request('GET', `/api/projects/demo/log/consistency${q}`, {cookie: s.cookie})).status, 400, `query ${q}`);
});

test('a body over 1 MiB is refused with 413, announced or chunked; 1 MiB is read', async () => {
	const s = await login('suzuki');
	const MiB = 1024 * 1024;
	const pad = (n) => {
		const b = Buffer.alloc(n, ' ');
		b.write('{"login":"x","password":"y"}');
		return b;
	};
	// announced: refused on the headers alone, before a byte of the body is
	// sent (a server that waited for it would time out here)
	const announced = (p, extra) => raw(`POST ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
		`Origin: ${srv.url}\r\nContent-Type: application/json\r\nContent-Length: ${MiB + 1}\r\n${extra}\r\n`,
	{localAddress: '127.0.0.11', timeout: 5000});
	eq((await announced('/api/session', '')).status, 413, '1 MiB + 1');
	eq((await announced('/api/projects', `Cookie: ${s.cookie}\r\nX-CSRF-Token: ${s.csrf}\r\n`)).status, 413, 'logged in');
	eq((await request('POST', '/api/session', {body: pad(MiB), localAddress: '127.0.0.11'})).status, 401, 'exactly 1 MiB is read');
	// chunked, with no length announced: read to its end (what goes past the
	// limit is dropped, not kept), then refused
	const body = pad(MiB + 100);
	let chunked = '';
	for (let i = 0; i < body.length; i += 65536) {
		const c = body.subarray(i, i + 65536);
		chunked += c.length.toString(16) + '\r\n' + c.toString('latin1') + '\r\n';
	}
	const head = `POST /api/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
	const r = inspect(await raw(Buffer.from(head + chunked + '0\r\n\r\n', 'latin1'), {localAddress: '127.0.0.11'}), 'chunked');
	eq(r.status, 413, 'chunked over 1 MiB');
	// a length that does not parse is no way around the limit
	const odd = await raw(`POST /api/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999999\r\n\r\n{}`,
		{localAddress: '127.0.0.11', timeout: 20000});
	ok(odd.status === 0 || odd.status === 400 || odd.status === 413, `a huge Content-Length: ${odd.status}`);
});

test('/static/: traversal, encoded slashes and dot files are not found', async () => {
	eq((await request('GET', '/static/app.js')).status, 200, 'the file itself');
	const notFound = await request('GET', '/static/nosuch.js');
	eq(notFound.status, 404, 'missing');
	for (const p of ['/static/../secret.js', '/static/..%2fsecret.js', '/static/%2e%2e/secret.js', '/static/%2e%2e%2fsecret.js',
		'/static/%252e%252e%252fsecret.js', '/static/..%5csecret.js', '/static/..\\secret.js', '/static/.%2e/secret.js',
		'/static//etc/passwd', '/static/%2fetc%2fpasswd', '/static/app.js%00.png', '/static/./app.js', '/static/.app.js',
		'/static/app.js/', '/static/APP.JS', '/static/', '/static/../../../../etc/passwd', '/static/..;/secret.js']) {
		const r = await request('GET', p);
		ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
		ok(!/SECRET-OUTSIDE-WEB|root:/.test(r.body), `${p}: nothing outside web/`);
		if (r.status === 404)
			eq(r.body, notFound.body, `${p}: the same 404`);
	}
});

test('protocol: long URLs and headers, unknown methods, HEAD, odd paths', async () => {
	const s = await login('suzuki');
	const long = await raw(`GET /api/openapi.json?${'a'.repeat(200000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
	ok([400, 413, 414, 431].includes(long.status) || long.status === 0, `a 200 kB URL: ${long.status}`);
	const hdr = await raw(`GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(200000)}\r\nConnection: close\r\n\r\n`);
	ok([400, 413, 431].includes(hdr.status) || hdr.status === 0, `a 200 kB header: ${hdr.status}`);
	const many = await raw(`GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n${'X-A: 1\r\n'.repeat(20000)}Connection: close\r\n\r\n`);
	ok([400, 413, 431].includes(many.status) || many.status === 0, `20000 headers: ${many.status}`);
	// a path segment longer than the dispatcher's scratch space
	eq((await request('GET', `/api/projects/${'p'.repeat(3000)}`, {cookie: s.cookie})).status, 404, 'a long project name');
	for (const m of ['PUT', 'PATCH', 'TRACE', 'OPTIONS', 'CONNECT', 'FOO', 'PROPFIND']) {
		const r = await request(m, '/api/projects', {cookie: s.cookie, csrf: s.csrf, headers: {'X-Echo': 'SECRETHEADER'}});
		ok(r.status === 405 || r.status === 400 || r.status === 404 || r.status === 501, `${m}: ${r.status}`);
		ok(!/SECRETHEADER|secspec_session/.test(r.body), `${m} echoes nothing`);
		if (r.status === 405)
			ok(r.headers.allow, `${m}: Allow`);
	}
	const allow = (await request('PUT', '/api/session', {cookie: s.cookie, csrf: s.csrf})).headers.allow || '';
	eq(allow.split(', ').sort(), ['DELETE', 'GET', 'HEAD', 'POST'], 'Allow names every method of the path');
	const get = await request('GET', '/api/openapi.json');
	const head = await request('HEAD', '/api/openapi.json');
	eq(head.status, 200, 'HEAD');
	eq(head.body, '', 'HEAD has no body');
	eq(head.headers['content-type'], get.headers['content-type'], 'HEAD: the same type');
	const h1 = await request('HEAD', '/api/projects/demo');
	eq(h1.status, 401, 'HEAD needs a session');
	const other = await request('HEAD', '/api/projects/no-such', {cookie: s.cookie});
	eq(other.status, 404, 'HEAD of a missing project');
	for (const p of ['/', '/api', '/api/', '/api/projects/', '/api/projects//members', '/api/projects/demo/', '//api/projects',
		'/api/projects/demo/members/', '/api/projects/%ff', '/api/projects/demo%00', '/API/PROJECTS', '/api/projects/demo/../../etc/passwd']) {
		const r = await request('GET', p, {cookie: s.cookie});
		ok([404, 400, 303].includes(r.status) || (r.status === 200 && p === '/'), `${p}: ${r.status}`);
	}
	// a member's project read through odd spellings is the same project or not found
	const r = await request('GET', '/api/projects/%64emo', {cookie: s.cookie});
	ok(r.status === 200 || r.status === 404, `percent-encoded name: ${r.status}`);
});

test('a 5xx names no file, table or line', async () => {
	const d2 = tmpdir('attack5xx');
	const db2 = demoDb(d2, {demo: false, accounts: ['suzuki']});
	const s2 = await startServer(db2, ['--threads', '1']);
	try {
		const c = new Client(s2.url);
		eq((await c.login('suzuki')).status, 201, 'login');
		execFileSync('sqlite3', [db2, 'ALTER TABLE session RENAME TO session_gone; ALTER TABLE project RENAME TO project_gone;']);
		const seen = [];
		for (const [m, p, b] of [['GET', '/api/session'], ['GET', '/api/projects'], ['POST', '/api/session', {login: 'suzuki', password: PASSWORD}]]) {
			const r = await c.req(m, p, b);
			seen.push(r.status);
			const h = Object.fromEntries(r.headers.entries());
			inspect({status: r.status, headers: h, body: r.text}, `${m} ${p} on a broken store`);
		}
		ok(seen.some((x) => x >= 500), `a 5xx was seen (${seen})`);
		ok(/session|project/.test(s2.stderr()), 'the operator finds the reason in the log');
		eq(await s2.stop(), 0, 'the server stops cleanly after the errors');
		ok(!/AddressSanitizer|LeakSanitizer|runtime error/.test(s2.stderr()), `sanitizer report:\n${s2.stderr().slice(0, 3000)}`);
	} finally {
		if (s2.proc.exitCode === null)
			await s2.stop();
		fs.rmSync(d2, {recursive: true, force: true});
	}
});

// ---- slow clients and floods ----

// Open n connections from an address; resolves the sockets once connected.
function openMany(n, localAddress) {
	return Promise.all(Array.from({length: n}, () => new Promise((resolve) => {
		const s = net.connect({host: HOST, port: PORT, localAddress});
		s.closedEarly = false;
		s.on('connect', () => resolve(s));
		s.on('error', () => { s.closedEarly = true; resolve(s); });
		s.on('close', () => { s.closedEarly = true; });
	})));
}

async function timedGet() {
	const t = Date.now();
	const r = await request('GET', '/api/openapi.json');
	return [r.status, Date.now() - t];
}

test('slowloris: headers sent a byte a second do not stop a normal client', async () => {
	const socks = [];
	for (const a of ['127.0.0.20', '127.0.0.21', '127.0.0.22'])
		socks.push(...await openMany(60, a));
	for (const s of socks)
		s.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nX-Slow: ');
	const timer = setInterval(() => { for (const s of socks) if (!s.destroyed) s.write('a'); }, 1000);
	try {
		for (let i = 0; i < 5; i++) {
			await new Promise((r) => setTimeout(r, 600));
			const [status, ms] = await timedGet();
			eq(status, 200, 'served');
			ok(ms < 2000, `served in ${ms} ms with ${socks.filter((s) => !s.destroyed).length} slow connections open`);
		}
	} finally {
		clearInterval(timer);
		for (const s of socks) s.destroy();
	}
});

test('a flood beyond the per-address limit is refused while others are served', async () => {
	const socks = await openMany(100, '127.0.0.30');
	await new Promise((r) => setTimeout(r, 1000));
	const closed = socks.filter((s) => s.closedEarly).length;
	try {
		ok(closed >= 30, `connections beyond the limit are closed (${closed} of 100)`);
		ok(closed <= 40, `those within it are kept (${100 - closed})`);
		const [status, ms] = await timedGet();
		eq(status, 200, 'another address is served');
		ok(ms < 2000, `in ${ms} ms`);
	} finally {
		for (const s of socks) s.destroy();
	}
});

test('every answer above carried the security headers', async () => {
	console.log(`# ${checkedHeaders} answers checked for security headers`);
	ok(checkedHeaders > 100, 'enough answers');
});

await main(stopsCleanly(srv, dir));
