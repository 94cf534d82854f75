// Minutes with attachments through the API: a file is uploaded (its raw
// bytes) for a project, then signed minutes name it by its SHA-256; the
// minutes.add event in the log carries {name, sha256, size}, and the file
// downloads back byte for byte. A project attaches only what was stored for
// it: knowing another project's hash opens nothing. Uploads are bounded: an
// announced length over 64 MiB is refused before the body is read, and only
// a few are held in memory at once.
import crypto from 'node:crypto';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {Client, demoDb, eq, main, newKey, ok, run, startServer, stopsCleanly, test, tmpdir} from './lib.mjs';

const dir = tmpdir('attach');
const db = demoDb(dir);
const srv = await startServer(db);
const {hostname: HOST, port: PORT} = new URL(srv.url);
const P = '/api/projects/demo';
const MiB = 1024 * 1024;
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const blobs = () => Number(execFileSync('sqlite3', [db, 'SELECT count(*) FROM blob'], {encoding: 'utf8'}).trim());

const suzuki = new Client(srv.url), outsider = new Client(srv.url), hayashi = new Client(srv.url);
const keys = {suzuki: newKey(), outsider: newKey()};
const file = crypto.randomBytes(300 * 1024); // binary, NUL bytes and all
const state = {};

function upload(c, project, bytes, {ctype = 'application/octet-stream', csrf = true, origin = true} = {}) {
	return c.req('POST', `/api/projects/${project}/attachments`, undefined,
		{raw: bytes, headers: {'Content-Type': ctype}, csrf, origin});
}

async function download(c, project, hash) {
	const r = await fetch(`${srv.url}/api/projects/${project}/attachments/${hash}`,
		{headers: {Cookie: c.cookie}});
	return {status: r.status, bytes: Buffer.from(await r.arrayBuffer()),
		disposition: r.headers.get('content-disposition')};
}

const head = async (c, project) => (await c.req('GET', `/api/projects/${project}/log/head`)).json;

// Headers only, the body never sent: the answer must come without it.
function headersOnly(lines, timeout = 5000) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		const s = net.connect({host: HOST, port: Number(PORT)});
		s.setTimeout(timeout, () => { s.destroy(); reject(new Error('no answer before the body')); });
		s.on('connect', () => s.write(lines.join('\r\n') + '\r\n\r\n'));
		s.on('data', (d) => chunks.push(d));
		s.on('error', reject);
		s.on('close', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const end = text.indexOf('\r\n\r\n');
			resolve({status: Number(text.split(' ')[1]), body: end < 0 ? '' : text.slice(end + 4)});
		});
	});
}

// An upload whose body is started and left hanging: it holds its place.
function hanging(c, project, length) {
	return new Promise((resolve, reject) => {
		const s = net.connect({host: HOST, port: Number(PORT)});
		let got = '';
		s.on('connect', () => {
			s.write([`POST /api/projects/${project}/attachments HTTP/1.1`, `Host: ${HOST}:${PORT}`,
				`Origin: ${srv.url}`, `Cookie: ${c.cookie}`, `X-CSRF-Token: ${c.csrf}`,
				'Content-Type: application/octet-stream', `Content-Length: ${length}`].join('\r\n') +
				'\r\n\r\n');
			s.write(Buffer.alloc(1024, 7));
			// nothing comes back while the upload is taken in
			setTimeout(() => resolve({socket: s, answer: () => got}), 300);
		});
		s.on('data', (d) => { got += d; });
		s.on('error', reject);
	});
}

test('setup: sessions, keys, a second project', async () => {
	for (const [c, who] of [[suzuki, 'suzuki'], [outsider, 'outsider'], [hayashi, 'hayashi']])
		eq((await c.login(who)).status, 201, `login ${who}`);
	eq((await suzuki.registerKey('demo', keys.suzuki)).status, 201, 'suzuki key');
	eq((await outsider.req('POST', '/api/projects', {name: 'b', user_org: 'B', vendor_org: 'V', side: 'user'})).status,
		201, 'project b');
	eq((await outsider.registerKey('b', keys.outsider)).status, 201, 'outsider key in b');
});

test('upload, minutes that attach it (signed), and the same bytes back', async () => {
	const up = await upload(suzuki, 'demo', file);
	eq(up.status, 201, `upload: ${up.text}`);
	eq(up.json, {sha256: sha(file), size: file.length}, 'the answer: the hash and size of the bytes');
	state.hash = up.json.sha256;
	// the same bytes again: stored once, the same answer
	const n = blobs();
	eq((await upload(suzuki, 'demo', file)).json, up.json, 'the same upload again');
	eq(blobs(), n, 'stored once');
	const m = await suzuki.signed('POST', `${P}/minutes`, {date: '2026-12-02', title: 'design review',
		attendees: ['suzuki', 'sato'], attachments: [{name: '議事録 design.pdf', sha256: state.hash}]}, keys.suzuki);
	eq(m.status, 201, `minutes: ${m.text}`);
	eq(m.json.attachments, [{name: '議事録 design.pdf', sha256: state.hash, size: file.length}], 'the minutes\' attachments');
	const d = await download(suzuki, 'demo', state.hash);
	eq(d.status, 200, 'download');
	ok(d.bytes.equals(file), 'the same bytes back');
	eq(d.disposition, `attachment; filename="___ design.pdf"; filename*=UTF-8''${encodeURIComponent('議事録 design.pdf')}`,
		'saved under the name the minutes give it');
	// a member of the vendor side (under the demo's NDA) downloads it too
	const sato = new Client(srv.url);
	eq((await sato.login('sato')).status, 201, 'login sato');
	ok((await download(sato, 'demo', state.hash)).bytes.equals(file), 'the vendor lead gets the same bytes');
});

test('the signed minutes.add in the log carries the attachment\'s hash', async () => {
	const log = JSON.parse(run(['--db', db, '--json', 'log', 'demo']));
	const ev = log.events.filter((e) => e.type === 'minutes.add').pop();
	ok(ev, 'a minutes.add event');
	eq(ev.data.attachments, [{name: '議事録 design.pdf', sha256: state.hash, size: file.length}], 'its attachments');
	eq([ev.actor, ev.key], ['suzuki', keys.suzuki.fingerprint], 'signed by suzuki\'s key');
	const verify = run(['--db', db, 'log', 'verify', 'demo']);
	ok(/ok|verified|valid/i.test(verify), `the log verifies: ${verify}`);
});

test('another project\'s file cannot be attached nor downloaded by its hash', async () => {
	const secret = Buffer.from(`project b's secret ${crypto.randomUUID()}\n`);
	const up = await upload(outsider, 'b', secret);
	eq(up.status, 201, `upload to b: ${up.text}`);
	const hashB = up.json.sha256;
	const before = await head(suzuki, 'demo');
	// first the proposal (nothing to sign yet), then with signatures: both refused
	const body = {date: '2026-12-03', title: 'x', attendees: ['suzuki'], attachments: [{name: 'b.txt', sha256: hashB}]};
	const first = await suzuki.req('POST', `${P}/minutes`, {...body, fingerprint: keys.suzuki.fingerprint});
	eq([first.status, first.json && first.json.code], [404, 'ENOTFOUND'], `refused: ${first.text}`);
	// the answer of everything not found (the library's message names the
	// hash: tests/unit/test_workflow.c)
	eq(first.text, (await suzuki.req('GET', '/api/projects/no-such/minutes')).text, 'the one 404');
	const signed = await suzuki.signed('POST', `${P}/minutes`, body, keys.suzuki);
	eq(signed.status, 404, 'refused, signed or not');
	eq(await head(suzuki, 'demo'), before, 'nothing was written to the demo');
	eq((await download(suzuki, 'demo', hashB)).status, 404, 'not downloadable from the demo');
	// nor the other way round: b does not hold the demo's file
	const beforeB = await head(outsider, 'b');
	const r = await outsider.signed('POST', '/api/projects/b/minutes', {date: '2026-12-03', title: 'x',
		attendees: ['outsider'], attachments: [{name: 'stolen.pdf', sha256: state.hash}]}, keys.outsider);
	eq([r.status, r.json && r.json.code], [404, 'ENOTFOUND'], `b cannot attach the demo's file: ${r.text}`);
	eq(await head(outsider, 'b'), beforeB, 'nothing was written to b');
	eq((await download(outsider, 'b', state.hash)).status, 404, 'b cannot download it');
	eq((await download(outsider, 'demo', state.hash)).status, 404, 'nor can a non-member of the demo');
	// the same bytes uploaded to b are b's too: then b may attach them
	eq((await upload(outsider, 'b', file)).status, 201, 'the same file uploaded to b');
	const again = await outsider.signed('POST', '/api/projects/b/minutes', {date: '2026-12-03', title: 'x',
		attendees: ['outsider'], attachments: [{name: 'own.pdf', sha256: state.hash}]}, keys.outsider);
	eq(again.status, 201, `b attaches its own upload: ${again.text}`);
	ok((await download(outsider, 'b', state.hash)).bytes.equals(file), 'and downloads it');
});

test('the attachments field is checked', async () => {
	const bad = [
		[{name: 'a.pdf', sha256: state.hash.toUpperCase()}],
		[{name: 'a.pdf', sha256: state.hash.slice(1)}],
		[{name: '', sha256: state.hash}],
		[{name: 'a'.repeat(201), sha256: state.hash}],
		[{name: 'a.pdf', sha256: state.hash, size: 1}],
		['a.pdf'],
		{name: 'a.pdf', sha256: state.hash},
	];
	for (const attachments of bad) {
		const r = await suzuki.req('POST', `${P}/minutes`, {date: '2026-12-04', title: 'x', attendees: ['suzuki'],
			attachments, fingerprint: keys.suzuki.fingerprint});
		eq(r.status, 400, `${JSON.stringify(attachments).slice(0, 80)}: ${r.text}`);
	}
	const dir_ = await suzuki.req('POST', `${P}/minutes`, {date: '2026-12-04', title: 'x', attendees: ['suzuki'],
		attachments: [{name: '../etc/passwd', sha256: state.hash}], fingerprint: keys.suzuki.fingerprint});
	eq(dir_.status, 400, `a name with a directory: ${dir_.text}`);
});

test('an upload needs a session, the CSRF token, this site, the type, membership and permission', async () => {
	const n = blobs();
	const bytes = Buffer.from(`refused ${crypto.randomUUID()}`);
	const anon = new Client(srv.url);
	eq((await upload(anon, 'demo', bytes)).status, 401, 'no session');
	eq((await upload(suzuki, 'demo', bytes, {csrf: false})).status, 403, 'no CSRF token');
	const other = await suzuki.req('POST', `${P}/attachments`, undefined, {raw: bytes, origin: false,
		headers: {'Content-Type': 'application/octet-stream', Origin: 'http://evil.example'}});
	eq(other.status, 403, 'another site');
	eq((await upload(suzuki, 'demo', bytes, {ctype: 'application/json'})).status, 415, 'not octet-stream');
	eq((await upload(outsider, 'demo', bytes)).status, 404, 'not a member');
	eq((await upload(suzuki, 'no-such', bytes)).status, 404, 'no such project');
	// the user side's expert may not record minutes: nor store their files
	const ex = await upload(hayashi, 'demo', bytes);
	eq(ex.status, 403, `an expert: ${ex.text}`);
	eq(blobs(), n, 'nothing was stored');
	// the headers alone are refused before a byte of the body is sent
	const r = await headersOnly([`POST ${P}/attachments HTTP/1.1`, `Host: ${HOST}:${PORT}`,
		'Content-Type: application/octet-stream', 'Content-Length: 1000']);
	eq(r.status, 401, `no session, refused before the body: ${r.body}`);
	const nm = await headersOnly([`POST ${P}/attachments HTTP/1.1`, `Host: ${HOST}:${PORT}`,
		`Origin: ${srv.url}`, `Cookie: ${outsider.cookie}`, `X-CSRF-Token: ${outsider.csrf}`,
		'Content-Type: application/octet-stream', `Content-Length: ${8 * MiB}`]);
	eq(nm.status, 404, `a non-member, refused before the body: ${nm.body}`);
});

test('over 64 MiB announced: 413 before the body is read; 64 MiB is read', async () => {
	const r = await headersOnly([`POST ${P}/attachments HTTP/1.1`, `Host: ${HOST}:${PORT}`,
		`Origin: ${srv.url}`, `Cookie: ${suzuki.cookie}`, `X-CSRF-Token: ${suzuki.csrf}`,
		'Content-Type: application/octet-stream', `Content-Length: ${64 * MiB + 1}`]);
	eq(r.status, 413, `64 MiB + 1: ${r.body}`);
	ok(/67108864/.test(r.body), `the limit is named: ${r.body}`);
	// the JSON routes keep their 1 MiB
	const j = await headersOnly([`POST ${P}/minutes HTTP/1.1`, `Host: ${HOST}:${PORT}`,
		`Origin: ${srv.url}`, `Cookie: ${suzuki.cookie}`, `X-CSRF-Token: ${suzuki.csrf}`,
		'Content-Type: application/json', `Content-Length: ${MiB + 1}`]);
	eq(j.status, 413, 'a JSON body over 1 MiB');
	const big = Buffer.alloc(64 * MiB, 1);
	big.write(`exactly 64 MiB ${crypto.randomUUID()}`);
	const up = await upload(suzuki, 'demo', big);
	eq([up.status, up.json && up.json.size], [201, 64 * MiB], `exactly 64 MiB: ${up.text.slice(0, 200)}`);
	eq(up.json.sha256, sha(big), 'its hash');
});

test('at most 4 uploads are held at once: the fifth is told to come back (503)', async () => {
	const held = [];
	for (let i = 0; i < 4; i++)
		held.push(await hanging(suzuki, 'demo', 8 * MiB));
	ok(held.every((h) => h.answer() === ''), 'the four are being taken in');
	const fifth = await upload(suzuki, 'demo', Buffer.from('a fifth'));
	eq(fifth.status, 503, `the fifth: ${fifth.text}`);
	ok(fifth.json && fifth.json.error && fifth.headers.get('retry-after'), 'a JSON error and Retry-After');
	for (const h of held)
		h.socket.destroy();
	// the places come free as the connections end
	let r;
	for (let i = 0; i < 50; i++) {
		r = await upload(suzuki, 'demo', Buffer.from('after the others'));
		if (r.status !== 503)
			break;
		await new Promise((res) => setTimeout(res, 100));
	}
	eq(r.status, 201, `an upload after they ended: ${r.text}`);
});

await main(stopsCleanly(srv, dir));
