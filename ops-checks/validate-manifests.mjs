// Validates rendered Kubernetes manifests (multi-document YAML) against the Kubernetes OpenAPI schemas shipped in
// the npm package kubernetes-models (and @kubernetes-models/prometheus-operator for ServiceMonitor/PrometheusRule).
// Usage: node validate-manifests.mjs <file.yaml>...   Exit 0: all valid; 1: invalid documents; 2: usage/IO error.
// A kind that no model package knows is an error, never a silent skip.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

const CORE_GROUP_PACKAGES = ['kubernetes-models'];
const CRD_PACKAGES = { 'monitoring.coreos.com': '@kubernetes-models/prometheus-operator' };

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const pkg = CRD_PACKAGES[group] ?? CORE_GROUP_PACKAGES[0];
  const spec = `${pkg}/${apiVersion}/${kind}`;
  try {
    const mod = await import(spec);
    if (!mod[kind]) throw new Error(`module ${spec} exports no ${kind}`);
    return mod[kind];
  } catch (e) {
    throw new Error(`no schema for ${apiVersion} ${kind} (${spec}): ${e.message}`);
  }
}

function describeError(e) {
  if (Array.isArray(e?.errors)) {
    return e.errors.map((x) => `${x.instancePath || '/'} ${x.message}${x.params ? ' ' + JSON.stringify(x.params) : ''}`).join('; ');
  }
  return e?.message ?? String(e);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-manifests.mjs <file.yaml>...');
  process.exit(2);
}
let failures = 0;
let checked = 0;
for (const file of files) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d != null);
  } catch (e) {
    console.error(`${file}: cannot read/parse YAML: ${e.message}`);
    process.exit(2);
  }
  for (const doc of docs) {
    const id = `${doc.apiVersion ?? '?'} ${doc.kind ?? '?'} ${doc.metadata?.name ?? '?'}`;
    if (!doc.apiVersion || !doc.kind) {
      console.log(`INVALID ${file}: ${id}: apiVersion and kind are required`);
      failures++;
      continue;
    }
    try {
      const Model = await modelFor(doc.apiVersion, doc.kind);
      new Model(doc).validate();
      console.log(`OK ${id}`);
      checked++;
    } catch (e) {
      console.log(`INVALID ${file}: ${id}: ${describeError(e)}`);
      failures++;
    }
  }
}
console.log(`checked=${checked} invalid=${failures}`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
