// Shared helpers of the HTTP tests: a throwaway database with the demo
// project and an account for each of its members, a server on a free port,
// and a client that logs in, sends the CSRF token and signs changes with an
// Ed25519 key the way the browser does (the server never sees the key).
import {spawn, execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SECSPEC = process.env.SECSPEC_BIN;
export const PASSWORD = 'correct horse battery staple';

// Demo members (secspec demo): login -> side/role.
export const DEMO = {
	suzuki: 'user lead', yamada: 'user management', tanaka: 'user member',
	hayashi: 'user expert', kobayashi: 'user auditor', yoshida: 'user operations',
	sato: 'vendor lead', ito: 'vendor member', kimura: 'vendor provider',
};

export function tmpdir(name) {
	return fs.mkdtempSync(path.join(os.tmpdir(), `secspec-${name}-`));
}

export function run(args, env = {}, opts = {}) {
	return execFileSync(SECSPEC, args, {
		env: {...process.env, LANGUAGE: 'en', ...env}, encoding: 'utf8', ...opts,
	});
}

// A database with the demo project (and, with accounts, an account per
// demo member plus 'outsider', a member of nothing, and 'admin').
export function demoDb(dir, {accounts = Object.keys(DEMO), demo = true} = {}) {
	const db = path.join(dir, 'secspec.db');
	const pw = path.join(dir, 'password');
	fs.writeFileSync(pw, PASSWORD + '\n', {mode: 0o600});
	run(['--db', db, 'init']);
	if (demo)
		run(['--db', db, 'demo'], {}, {cwd: dir}); // its documents go to dir
	for (const login of [...accounts, 'outsider'])
		run(['--db', db, 'account', 'add', login, '--name', login], {SECSPEC_PASSWORD_FILE: pw});
	run(['--db', db, 'account', 'add', 'admin', '--name', 'Admin', '--admin'],
		{SECSPEC_PASSWORD_FILE: pw});
	return db;
}

// Start secspec serve on a free port; resolves {url, proc, stop()}.
export function startServer(db, extra = [], env = {}) {
	return new Promise((resolve, reject) => {
		const proc = spawn(SECSPEC, ['--db', db, '--json', 'serve', '--port', '0', ...extra], {
			env: {...process.env, LANGUAGE: 'en', ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '', err = '';
		proc.stderr.on('data', (d) => { err += d; });
		proc.stdout.on('data', (d) => {
			out += d;
			const line = out.split('\n')[0];
			if (out.includes('\n')) {
				const url = JSON.parse(line).url;
				resolve({url, proc, stderr: () => err, stop: () => new Promise((r) => {
					proc.on('exit', (code, signal) => r(signal || code));
					proc.kill('SIGTERM');
				})});
			}
		});
		proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
	});
}

// An Ed25519 key as a browser's WebCrypto key would be used.
export function newKey() {
	const {publicKey, privateKey} = crypto.generateKeyPairSync('ed25519');
	const raw = publicKey.export({format: 'der', type: 'spki'}).subarray(-32);
	return {
		pubHex: raw.toString('hex'),
		fingerprint: crypto.createHash('sha256').update(raw).digest('hex'),
		sign: (s) => crypto.sign(null, Buffer.from(s, 'utf8'), privateKey).toString('hex'),
	};
}

export class Client {
	constructor(url) { this.url = url; this.cookie = ''; this.csrf = ''; }

	// stream: the answer is an endless stream (Server-Sent Events): a 2xx
	// answer's status and headers are read and its body is abandoned.
	async req(method, p, body, {csrf = true, origin = true, headers = {}, raw, stream} = {}) {
		const h = {...headers};
		if (origin) h.Origin = this.url;
		if (this.cookie) h.Cookie = this.cookie;
		if (csrf && this.csrf) h['X-CSRF-Token'] = this.csrf;
		if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/json';
		const abort = stream ? new AbortController() : null;
		const r = await fetch(this.url + p, {
			method, headers: h, redirect: 'manual', signal: abort ? abort.signal : undefined,
			body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
		});
		// keep the session cookie; other cookies (the language) are not needed
		const sc = r.headers.get('set-cookie');
		for (const one of sc ? sc.split(/,(?=\s*[a-z_]+=)/) : []) {
			const c = one.trim().split(';')[0];
			if (c.startsWith('secspec_session='))
				this.cookie = c.endsWith('=') ? '' : c;
		}
		if (abort && r.ok) {
			abort.abort();
			return {status: r.status, json: undefined, text: '', headers: r.headers};
		}
		const text = await r.text();
		let json;
		try { json = JSON.parse(text); } catch { json = undefined; }
		return {status: r.status, json, text, headers: r.headers};
	}

	async login(login, password = PASSWORD) {
		const r = await this.req('POST', '/api/session', {login, password});
		if (r.status === 201) this.csrf = r.json.csrf;
		return r;
	}

	// A signed change: propose (202), sign each body, send again.
	async signed(method, p, body, key) {
		const first = await this.req(method, p, {...body, fingerprint: key.fingerprint});
		if (first.status !== 202) return first;
		const s = first.json.sign;
		return this.req(method, p, {...body, time: s.time, fingerprint: s.fingerprint,
			signatures: s.bodies.map(key.sign)});
	}

	// Register key as the caller's key in project (a first key signs itself).
	async registerKey(project, key) {
		const pop = await this.req('GET',
			`/api/projects/${project}/keys/pop?public_key=${key.pubHex}`);
		if (pop.status !== 200) return pop;
		return this.signed('POST', `/api/projects/${project}/keys`,
			{public_key: key.pubHex, pop: key.sign(pop.json.message)}, key);
	}
}

// A tiny test runner: test(name, fn); failures are counted and printed.
const tests = [];
export function test(name, fn) { tests.push([name, fn]); }
export async function main(cleanup) {
	let failed = 0;
	for (const [name, fn] of tests) {
		try {
			await fn();
			console.log(`ok - ${name}`);
		} catch (e) {
			failed++;
			console.log(`not ok - ${name}\n  ${(e && e.stack) || e}`);
		}
	}
	if (cleanup) await cleanup();
	console.log(`${tests.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

export function eq(a, b, what = '') {
	if (JSON.stringify(a) !== JSON.stringify(b))
		throw new Error(`${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}
export function ok(c, what) { if (!c) throw new Error(what); }

// The last test of a file whose server must end cleanly (under the
// sanitizers a leak or an error shows when it ends); returns the cleanup
// for main(): the server stopped if the test did not, dir removed.
export function stopsCleanly(srv, dir) {
	let stopped = false;
	test('the server stops cleanly', async () => {
		const code = await srv.stop();
		stopped = true;
		ok(!/AddressSanitizer|LeakSanitizer|runtime error/.test(srv.stderr()),
			`sanitizer report:\n${srv.stderr().slice(0, 3000)}`);
		eq(code, 0, 'exit status');
	});
	return async () => {
		if (!stopped)
			await srv.stop();
		fs.rmSync(dir, {recursive: true, force: true});
	};
}
