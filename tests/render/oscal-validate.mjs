// Validates OSCAL JSON documents against the OSCAL complete schema with ajv
// (its patterns use \p{L}, which needs a Unicode-aware regex engine).
// Usage: node oscal-validate.mjs NODE_MODULES SCHEMA FILE...
// Prints "FILE: valid" or the first errors; exit 1 when one is invalid.
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const [modules, schemaPath, ...files] = process.argv.slice(2);
const require = createRequire(path.resolve(modules) + '/');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let bad = 0;
for (const f of files) {
	if (validate(JSON.parse(fs.readFileSync(f, 'utf8')))) {
		console.log(`${f}: valid`);
	} else {
		bad++;
		console.log(`${f}: invalid`);
		// the schema is a oneOf of the models: the errors inside the
		// document's own model say what is wrong
		const inside = validate.errors.filter((e) => e.instancePath !== '');
		for (const e of (inside.length ? inside : validate.errors).slice(0, 10))
			console.log(`  ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
	}
}
process.exit(bad ? 1 : 0);
