// Validates Grafana dashboard JSON files against a JSON Schema generated from Grafana's own dashboard types:
// the `Dashboard` interface of @grafana/schema (dist/types/raw/dashboard/x/types.gen.d.ts), turned into a
// JSON Schema with ts-json-schema-generator and checked with ajv.
// Usage: node validate-dashboards.mjs [--write-schema <out.json>] <dashboard.json>...
// Exit 0: all valid; 1: invalid dashboards; 2: usage/IO error.
//
// One documented relaxation: AnnotationQuery (and its `target`) is opened to extra properties. Grafana's type
// only lists the built-in "-- Grafana --" annotation fields, while a Prometheus annotation query carries its
// data-source fields (expr, step, titleFormat, textFormat, tagKeys, useValueForTime) on the same object.
// Everything else stays closed (additionalProperties: false), so a typo in a panel or variable key fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schemaPkg = path.dirname(require.resolve('@grafana/schema/package.json'));
const typesFile = path.join(schemaPkg, 'dist/types/raw/dashboard/x/types.gen.d.ts');
const schemaVersion = JSON.parse(readFileSync(path.join(schemaPkg, 'package.json'), 'utf8')).version;

function dashboardSchema() {
  const schema = createGenerator({ path: typesFile, type: 'Dashboard', skipTypeCheck: true, expose: 'export' })
    .createSchema('Dashboard');
  for (const name of ['AnnotationQuery', 'AnnotationTarget']) {
    const def = schema.definitions?.[name];
    if (!def) throw new Error(`@grafana/schema ${schemaVersion}: no ${name} definition to relax`);
    def.additionalProperties = true;
  }
  return schema;
}

const args = process.argv.slice(2);
let writeSchema = null;
if (args[0] === '--write-schema') {
  writeSchema = args[1];
  args.splice(0, 2);
}
if (args.length === 0 && !writeSchema) {
  console.error('usage: node validate-dashboards.mjs [--write-schema out.json] <dashboard.json>...');
  process.exit(2);
}
const schema = dashboardSchema();
if (writeSchema) writeFileSync(writeSchema, JSON.stringify(schema, null, 2) + '\n');
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
console.log(`schema: @grafana/schema ${schemaVersion} Dashboard (${Object.keys(schema.definitions).length} definitions)`);

let invalid = 0;
for (const file of args) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: cannot read/parse JSON: ${e.message}`);
    process.exit(2);
  }
  if (validate(dashboard)) {
    console.log(`OK ${file}`);
  } else {
    invalid++;
    for (const err of validate.errors) {
      console.log(`INVALID ${file}: ${err.instancePath || '/'} ${err.message} ${JSON.stringify(err.params)}`);
    }
  }
}
console.log(`checked=${args.length} invalid=${invalid}`);
process.exit(invalid === 0 ? 0 : 1);
