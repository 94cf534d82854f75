// secspec sync: a party's own verified copy of a server's log. The copy
// takes in only what verifies; a server that rewrites history or signs what
// it does not serve is refused (exit 5) with the evidence in a report file.
import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {Client, SECSPEC, demoDb, eq, main, newKey, ok, run, startServer, test, tmpdir}
	from './lib.mjs';

const dir = tmpdir('sync');
const db = demoDb(dir, {accounts: ['suzuki', 'sato']});
const pw = path.join(dir, 'password');
const headKey = path.join(dir, 'head.key');
run(['key', 'gen', headKey]);
const local = path.join(dir, 'local.db');
run(['--db', local, 'init']);
let srv = await startServer(db, ['--head-key', headKey]);
const N0 = JSON.parse(run(['--db', db, '--json', 'log', 'head', 'demo'])).tree_size;
const satoKey = newKey();

// (asynchronous: the proxy below answers from this process)
function sync(url, extra = []) {
	return new Promise((resolve) => {
		const p = spawn(SECSPEC, ['--db', local, '--json', 'sync', url, 'demo', '--login',
			'sato', ...extra], {env: {...process.env, LANGUAGE: 'en',
			SECSPEC_PASSWORD_FILE: pw}, cwd: dir});
		let out = '', err = '';
		p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { err += d; });
		p.on('close', (status) => resolve({status, out, err}));
	});
}

function localHead() {
	return JSON.parse(run(['--db', local, '--json', 'log', 'head', 'demo']));
}

async function signedHead(url) {
	const c = new Client(url);
	eq((await c.login('suzuki')).status, 201, 'login');
	return c.req('GET', '/api/projects/demo/log/signed-head');
}

async function advise(url, note) {
	const c = new Client(url);
	await c.login('sato');
	const r = await c.signed('POST', '/api/projects/demo/advice', {item: 'APP-SC-001', note},
		satoKey);
	eq(r.status, 201, `advice: ${r.text}`);
}

test('the demo project syncs into an empty database and verifies', async () => {
	const r = await sync(srv.url);
	eq(r.status, 0, `sync: ${r.err}`);
	const res = JSON.parse(r.out);
	eq([res.ok, res.added, res.to], [true, N0, N0], 'the whole log taken in');
	const h = await signedHead(srv.url);
	eq(h.status, 200, 'signed head');
	eq([localHead().tree_size, localHead().root], [h.json.tree_size, h.json.root],
		'the copy has the server\'s head');
	ok(JSON.parse(run(['--db', local, '--json', 'log', 'verify', 'demo'])).ok, 'log verify');
	run(['--db', local, 'log', 'replay', 'demo']);
	// the server knows sato's copy agrees
	const c = new Client(srv.url);
	await c.login('suzuki');
	const w = await c.req('GET', '/api/projects/demo/log/witnesses');
	eq(w.status, 200, 'witnesses');
	eq(w.json.witnesses.map((x) => [x.login, x.side, x.tree_size, x.root]),
		[['sato', 'vendor', N0, h.json.root]], 'sato agreed');
	// the same head again: nothing new, still fine
	const again = await sync(srv.url);
	eq([again.status, JSON.parse(again.out).added], [0, 0], 'a second sync adds nothing');
});

test('new signed changes are taken in incrementally', async () => {
	const c = new Client(srv.url);
	await c.login('sato');
	eq((await c.registerKey('demo', satoKey)).status, 201, 'key');
	await advise(srv.url, 'first advice');
	const r = await sync(srv.url);
	eq(r.status, 0, `sync: ${r.err}`);
	eq([JSON.parse(r.out).added, JSON.parse(r.out).to], [2, N0 + 2], 'two new events');
	const h = await signedHead(srv.url);
	eq(localHead().root, h.json.root, 'the copy has the server\'s head');
	const v = JSON.parse(run(['--db', local, '--json', 'log', 'verify', 'demo']));
	ok(v.ok && v.signed === 2, 'the signed events verify in the copy');
	run(['--db', local, 'log', 'replay', 'demo']);
	const list = JSON.parse(run(['--db', local, '--json', 'sync', '--list', 'demo']));
	eq(list[0].tree_size, N0 + 2, 'the newest checkpoint first');
	ok(list.length >= 2 && list[0].root === h.json.root, 'every checkpoint kept');
});

test('a server that rewrites history is refused with the evidence', async () => {
	const before = localHead();
	await srv.stop();
	// the operator drops the last advice and writes other events instead
	const k = N0 + 1, rem = k % 256, idx = Math.floor(k / 256);
	ok(rem !== 0, 'the truncation stays inside one tile');
	execFileSync('sqlite3', [db, `DELETE FROM event WHERE seq > ${k};
		UPDATE project_key SET head_seq = ${k}, head_hash = (SELECT hash FROM event WHERE
		seq = ${k}) WHERE name = 'demo';
		UPDATE merkle_tile SET hashes = substr(hashes, 1, ${32 * rem}) WHERE level = 0 AND
		idx = ${idx};`]);
	run(['--db', db, 'log', 'replay', 'demo', '--repair']);
	srv = await startServer(db, ['--head-key', headKey]);
	await advise(srv.url, 'another advice');
	await advise(srv.url, 'and one more');
	const report = path.join(dir, 'conflict.json');
	const r = await sync(srv.url, ['--report', report]);
	eq(r.status, 5, `refused: ${r.err}`);
	ok(/history was rewritten/.test(r.err), `the message says what it proves: ${r.err}`);
	const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
	eq(rep.conflict.what, 'not-consistent', 'what');
	eq([rep.conflict.checkpoint.tree_size, rep.conflict.head.tree_size], [N0 + 2, N0 + 3],
		'both signed heads');
	ok(rep.conflict.checkpoint.signature && rep.conflict.head.signature, 'both signed');
	ok(Array.isArray(rep.conflict.proof.path), 'the proof the server gave');
	eq(localHead(), before, 'nothing was stored');
	// refused again on the next try, the report under its default name
	const same = await sync(srv.url.replace(/\/$/, ''), []);
	eq(same.status, 5, 'refused again');
	ok(fs.readdirSync(dir).some((f) => f.startsWith('sync-conflict-demo-')), 'default report');
});

test('a head whose signature does not verify is refused', async () => {
	// a proxy that alters the signed head on its way
	const proxy = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (d) => chunks.push(d));
		req.on('end', async () => {
			try {
				const headers = {};
				for (const h of ['cookie', 'content-type', 'x-csrf-token', 'accept'])
					if (req.headers[h]) headers[h] = req.headers[h];
				const r = await fetch(srv.url + req.url, {method: req.method, headers,
					body: chunks.length ? Buffer.concat(chunks) : undefined});
				let body = Buffer.from(await r.arrayBuffer());
				if (req.url.endsWith('/log/signed-head')) {
					const h = JSON.parse(body);
					h.tree_size -= 1;
					body = Buffer.from(JSON.stringify(h));
				}
				const out = {'content-type': 'application/json'};
				if (r.headers.get('set-cookie')) out['set-cookie'] = r.headers.get('set-cookie');
				res.writeHead(r.status, out);
				res.end(body);
			} catch (e) {
				res.writeHead(502);
				res.end(String(e));
			}
		});
	});
	await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${proxy.address().port}`;
	const before = localHead();
	const report = path.join(dir, 'bad-head.json');
	const r = await sync(url, ['--report', report]);
	proxy.close();
	eq(r.status, 5, `refused: ${r.err}`);
	ok(/does not verify/.test(r.err), r.err);
	eq(JSON.parse(fs.readFileSync(report, 'utf8')).conflict.what, 'head-signature', 'what');
	eq(localHead(), before, 'nothing was stored');
});

test('a server without a head key says so', async () => {
	const plain = await startServer(db);
	const h = await signedHead(plain.url);
	await plain.stop();
	eq(h.status, 503, 'no signed heads');
	ok(/--head-key/.test(h.json.error), h.json.error);
});

await main(() => srv.stop());
