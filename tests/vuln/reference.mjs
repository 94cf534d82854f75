// An independent OSV matcher, written from the OSV schema's "Evaluation"
// section (https://ossf.github.io/osv-schema/#evaluation), to check
// `secspec vuln match` against (tests/cli/vuln-reference.sh).
//
//   node reference.mjs SBOM.json ZIP... > pairs.jsonl
//       one line {"ref": bom-ref, "id": advisory id} per affected component
//   node reference.mjs --compare SECSPEC.json --allow ALLOW SBOM.json ZIP...
//       compares with the findings of `secspec vuln match --json` (expanded
//       to pairs by their `advisories`); every difference gets a reason, and
//       the exit status is 1 when a difference has a reason not in ALLOW
//       (lines "reason<TAB>explanation") or none at all.
//
// Go and crates.io components (purl types golang and cargo). Versions are
// compared with npm's `semver` (Go's versions are SemVer 2.0 with a leading
// v; crates.io's are SemVer 2.0): SEMVER and ECOSYSTEM ranges, events sorted
// by version (introduced "0" first, stable for equal versions), introduced
// >=, fixed >=, last_affected >, limit <; versions[] exact; GIT ranges
// ignored; withdrawn records skipped (they are no longer advisories).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let semver;
for (const p of [process.env.SEMVER_MODULE, path.join(here, "../e2e/node_modules/semver"), "semver"]) {
	if (!p) continue;
	try {
		semver = require(p);
		break;
	} catch {}
}
if (!semver) {
	console.error("reference.mjs: npm semver not found (npm ci in tests/e2e)");
	process.exit(77);
}

const PURL_ECO = { golang: "Go", cargo: "crates.io" };
const goPaths = new Set(); // the Go module paths as the advisories spell them

// --- the advisories ------------------------------------------------------------

function* zipRecords(zip) {
	const names = execFileSync("unzip", ["-Z1", zip], { maxBuffer: 1 << 26 })
		.toString()
		.split("\n")
		.filter((n) => n.endsWith(".json"));
	// one unzip -p for all: records are separated by reading each name's
	// length from the listing would need another pass; a JSON stream split
	// is simpler: every file is one top-level object
	const all = execFileSync("unzip", ["-p", zip, ...names], { maxBuffer: 1 << 30 }).toString();
	let depth = 0, start = -1, inStr = false, esc = false;
	for (let i = 0; i < all.length; i++) {
		const c = all[i];
		if (inStr) {
			if (esc) esc = false;
			else if (c === "\\") esc = true;
			else if (c === '"') inStr = false;
			continue;
		}
		if (c === '"') inStr = true;
		else if (c === "{") {
			if (depth++ === 0) start = i;
		} else if (c === "}" && --depth === 0) yield JSON.parse(all.slice(start, i + 1));
	}
}

function pkgKey(eco, name) {
	return eco + "\n" + name;
}

// ecosystem + "\n" + package -> [{id, affected}]
export function loadAdvisories(zips) {
	const byPkg = new Map(), names = new Set(), lower = new Map();
	let records = 0, withdrawn = 0;
	for (const z of zips)
		for (const rec of zipRecords(z)) {
			records++;
			if (rec.withdrawn) {
				withdrawn++;
				continue;
			}
			for (const a of rec.affected ?? []) {
				const p = a.package;
				if (!p) continue;
				if (p.ecosystem === "Go") names.add(p.name);
				const eco = p.ecosystem.split(":")[0], k = pkgKey(eco, p.name);
				if (eco === "Go") {
					const lk = pkgKey(eco, p.name.toLowerCase());
					if (!lower.has(lk)) lower.set(lk, new Set());
					lower.get(lk).add(k);
				}
				if (!byPkg.has(k)) byPkg.set(k, []);
				byPkg.get(k).push({ id: rec.id, affected: a });
			}
		}
	return { byPkg, names, lower, records, withdrawn };
}

// --- versions -------------------------------------------------------------------

function sv(eco, v) {
	// Go's versions carry a v, OSV's Go events do not; semver.parse takes both
	return semver.parse(v, { loose: false });
}

function cmp(a, b) {
	return semver.compare(a, b);
}

// The schema's IncludedInRange: events sorted, introduced / fixed /
// last_affected in turn; limit events bound the version from above.
function includedInRange(eco, v, range) {
	const evs = [];
	for (const e of range.events) {
		const [kind, ver] = Object.entries(e)[0];
		if (kind === "introduced" && ver === "0") {
			evs.push({ kind, ver: null });
			continue;
		}
		if (kind === "limit" && ver === "*") {
			evs.push({ kind, ver: null, inf: true });
			continue;
		}
		const p = sv(eco, ver);
		if (!p) throw new Error(`event version ${ver} is not SemVer`);
		evs.push({ kind, ver: p });
	}
	const order = (x) => (x.inf ? 1 : x.ver === null ? -1 : 0);
	evs.sort((x, y) => order(x) - order(y) || (x.ver && y.ver ? cmp(x.ver, y.ver) : 0));
	const limits = evs.filter((e) => e.kind === "limit");
	if (limits.length && !limits.some((l) => l.inf || cmp(v, l.ver) < 0)) return false;
	let vulnerable = false;
	for (const e of evs) {
		if (e.kind === "introduced" && (e.ver === null || cmp(v, e.ver) >= 0)) vulnerable = true;
		else if (e.kind === "fixed" && cmp(v, e.ver) >= 0) vulnerable = false;
		else if (e.kind === "last_affected" && cmp(v, e.ver) > 0) vulnerable = false;
	}
	return vulnerable;
}

function isAffected(eco, version, parsed, a) {
	const bare = eco === "Go" ? version.replace(/^v/, "") : version;
	if ((a.versions ?? []).includes(bare)) return true;
	if (!parsed) return false;
	for (const r of a.ranges ?? []) {
		if (r.type === "GIT") continue;
		if (includedInRange(eco, parsed, r)) return true;
	}
	return false;
}

// --- components -----------------------------------------------------------------

// pkg:TYPE/seg/seg/name@version -> {eco, pkg}; Go's module path is the
// namespace and name joined by '/'
export function purlPackage(purl) {
	const m = /^pkg:([A-Za-z.+-][A-Za-z0-9.+-]*)\/+([^?#]*)/.exec(purl ?? "");
	if (!m) return null;
	const eco = PURL_ECO[m[1].toLowerCase()];
	if (!eco) return null;
	let rest = m[2].replace(/\/+$/, "");
	const at = rest.lastIndexOf("@");
	if (at > rest.lastIndexOf("/")) rest = rest.slice(0, at);
	const segs = rest.split("/").map(decodeURIComponent);
	return { eco, pkg: segs.join("/"), segments: segs.length };
}

export function match(sbom, adv) {
	const pairs = [];
	for (const c of sbom.components ?? []) {
		const p = purlPackage(c.purl);
		if (!p || !c.version) continue;
		// The purl spec's golang type has the namespace and name lowercased:
		// a Go purl in lower case names the module paths that differ from it
		// only in case (the Go data has both github.com/0xJacky/nginx-ui and
		// .../Nginx-UI); one with capitals names its own exactly.
		const k = pkgKey(p.eco, p.pkg);
		let list = adv.byPkg.get(k) ?? [];
		if (p.eco === "Go" && p.pkg === p.pkg.toLowerCase())
			list = [...(adv.lower.get(k) ?? [])].sort().flatMap((x) => adv.byPkg.get(x));
		const parsed = sv(p.eco, c.version);
		for (const { id, affected } of list)
			if (isAffected(p.eco, c.version, parsed, affected)) pairs.push({ ref: c["bom-ref"], id });
	}
	return pairs;
}

// --- comparing ------------------------------------------------------------------

// Why a pair is in one answer and not the other, as far as known.
function reason(c, side) {
	const p = purlPackage(c?.purl);
	if (p && p.eco === "Go" && p.segments === 1 && side === "reference")
		return "go-purl-without-namespace";
	if (p && p.eco === "Go" && side === "reference" && p.pkg === p.pkg.toLowerCase() &&
	    !goPaths.has(p.pkg))
		return "go-purl-lowercased";
	if (p && !sv(p.eco, c.version)) return "version-not-semver";
	return null;
}

function main(argv) {
	let compare = null, allow = null;
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--compare") compare = argv[++i];
		else if (argv[i] === "--allow") allow = argv[++i];
		else rest.push(argv[i]);
	}
	const [sbomFile, ...zips] = rest;
	if (!sbomFile || !zips.length) {
		console.error("usage: reference.mjs [--compare SECSPEC.json --allow FILE] SBOM.json ZIP...");
		return 2;
	}
	const sbom = JSON.parse(readFileSync(sbomFile, "utf8"));
	const adv = loadAdvisories(zips);
	for (const k of adv.names) goPaths.add(k);
	const ref = match(sbom, adv);
	if (!compare) {
		for (const p of ref) process.stdout.write(JSON.stringify(p) + "\n");
		return 0;
	}
	const key = (p) => p.ref + "\t" + p.id;
	const refSet = new Set(ref.map(key));
	const ssSet = new Set();
	for (const f of JSON.parse(readFileSync(compare, "utf8")).findings ?? [])
		for (const id of f.advisories ?? []) ssSet.add(f.component + "\t" + id);
	const allowed = new Map();
	if (allow)
		for (const line of readFileSync(allow, "utf8").split("\n")) {
			if (!line.trim() || line.startsWith("#")) continue;
			const [tag, ...why] = line.split("\t");
			allowed.set(tag.trim(), why.join("\t"));
		}
	const comps = new Map((sbom.components ?? []).map((c) => [c["bom-ref"], c]));
	const counts = new Map();
	let unexplained = 0;
	const report = (k, side) => {
		const [r, id] = k.split("\t");
		const c = comps.get(r);
		const why = reason(c, side);
		const tag = (why ?? "unexplained") + ` (only in ${side})`;
		counts.set(tag, (counts.get(tag) ?? 0) + 1);
		if (!why || !allowed.has(why)) {
			unexplained++;
			if (counts.get(tag) <= 5)
				console.log(`UNEXPLAINED only in ${side}: ${r} ${c?.purl} ${id}` +
					(why ? ` (reason ${why} is not in the allow-list)` : ""));
		}
	};
	for (const k of refSet) if (!ssSet.has(k)) report(k, "reference");
	for (const k of ssSet) if (!refSet.has(k)) report(k, "secspec");
	const both = [...refSet].filter((k) => ssSet.has(k)).length;
	console.log(`components ${comps.size}, advisory records ${adv.records} (withdrawn ${adv.withdrawn}), ` +
		`pairs: secspec ${ssSet.size}, reference ${refSet.size}, both ${both}`);
	for (const [t, n] of [...counts].sort()) console.log(`  difference ${t}: ${n}`);
	if (unexplained) {
		console.log(`${unexplained} unexplained difference(s)`);
		return 1;
	}
	console.log("no unexplained differences");
	return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
	process.exitCode = main(process.argv.slice(2));
