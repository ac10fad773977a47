/**
 * Offline validation of a Teams app manifest against the JSON schema that
 * @microsoft/app-manifest bundles. (Its own validator and @microsoft/teams-manifest fetch the
 * schema from the network, which build machines may not reach.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

/** The newest numbered schema bundled in @microsoft/app-manifest 1.1.2 (vDevPreview aside). */
export const MANIFEST_SCHEMA_VERSION = '1.30';

export type ManifestValidation = { ok: true } | { ok: false; errors: string[] };

const require = createRequire(import.meta.url);

export function bundledSchemaPath(version: string = MANIFEST_SCHEMA_VERSION): string {
  // The package has no "exports" map, so its files can be resolved by path; resolving (rather
  // than joining node_modules/...) keeps working if npm nests the package differently.
  return require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
}

function loadSchema(): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(bundledSchemaPath(), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Bundled Teams manifest schema v${MANIFEST_SCHEMA_VERSION} is not a JSON object`);
  }
  // The schema declares "$schema": draft-04, a meta-schema Ajv 8 does not ship, so compiling
  // it as is fails with "no schema with key or ref". Its keywords are all valid draft-07 with
  // the same meaning (no draft-04-only forms such as boolean exclusiveMinimum or "id"), and it
  // even uses draft-07's if/then, so we drop the declaration and let Ajv's default draft-07
  // dialect compile it. The manifest's own "$schema" property is unaffected: the schema allows it.
  const schema: Record<string, unknown> = { ...parsed };
  delete schema.$schema;
  return requireSemverVersion(schema);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The schema says "version" must follow semver and defines #/definitions/semver, but never
 * applies it (up to vDevPreview "version" is any string), while Microsoft's manifest docs
 * require MAJOR.MINOR.PATCH. Applying the schema's own definition catches "1.0" here rather
 * than at upload time.
 */
function requireSemverVersion(schema: Record<string, unknown>): Record<string, unknown> {
  const { properties, definitions } = schema;
  if (!isRecord(properties) || !isRecord(properties.version) || !isRecord(definitions) || !isRecord(definitions.semver)) {
    throw new Error(`Bundled Teams manifest schema v${MANIFEST_SCHEMA_VERSION} lacks "version" or "#/definitions/semver"`);
  }
  return {
    ...schema,
    properties: { ...properties, version: { ...properties.version, allOf: [{ $ref: '#/definitions/semver' }] } },
  };
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({
    allErrors: true,
    // Strict mode stays on (unknown keywords would still throw), except strictTypes: the
    // upstream schema puts type-specific keywords next to no "type" (e.g. "additionalProperties"
    // at the root, "minimum" on an array) and Ajv would log a warning for each on every compile.
    // Those keywords still validate exactly as written.
    strictTypes: false,
  });
  // ajv-formats is CommonJS; under NodeNext its plugin is reached through .default.
  formats.default(ajv);
  compiled = ajv.compile(loadSchema());
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(manifest root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === 'const') detail = `: ${JSON.stringify(params.allowedValue)}`;
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

export function validateManifest(manifest: unknown): ManifestValidation {
  const validate = validator();
  if (validate(manifest)) return { ok: true };
  // allErrors plus anyOf/oneOf can report the same problem more than once.
  const errors = [...new Set((validate.errors ?? []).map(describe))];
  return { ok: false, errors: errors.length > 0 ? errors : ['manifest is invalid'] };
}
