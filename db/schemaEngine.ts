// Offline access to Prisma's schema engine (migrations, diffs) through its WebAssembly build.
// The package's own entry imports a .wasm file as an ES module, which Node 20 cannot do, so we
// instantiate the module by hand with the package's JS glue as its import namespace.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

type SchemaEngine = glue.SchemaEngine;
export type { SchemaEngine };

// @types/node does not declare the WebAssembly global; this is the slice we use.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let ready: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's export map hides the .wasm file; it sits next to the exported glue.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = join(dirname(gluePath), 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': glue });
    (glue as unknown as { __wbg_set_wasm(exports: object): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return ready;
}

export async function openSchemaEngine(opts: {
  factory: SqlMigrationAwareDriverAdapterFactory;
  schemaPath: string;
  schema: string;
}): Promise<SchemaEngine> {
  await loadWasm();
  const logs: string[] = [];
  // The engine reports progress through this callback; we keep it only to explain a failure.
  const onLog = (line: string): void => void logs.push(line);
  return glue.SchemaEngine.new({ datamodels: [[opts.schemaPath, opts.schema]] }, onLog, bindMigrationAwareSqlAdapterFactory(opts.factory));
}
