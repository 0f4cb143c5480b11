/**
 * Start a worker thread on a module next to the caller, whether Vouch runs from TypeScript sources
 * (through tsx: `node --import tsx`, `bin/vouch.js`'s `register()`, the test runner) or from compiled
 * JavaScript.
 *
 * NOTE: Node 20 workers ignore tsx passed as `--import` in `execArgv` (tsx issue #354,
 * ERR_UNKNOWN_FILE_EXTENSION), so a `.ts` worker starts from a tiny evaluated bootstrap that
 * registers tsx's loader, by absolute URL so it resolves from any working directory, and then
 * imports the worker module.
 */
import { Worker } from 'node:worker_threads';

/**
 * A worker running `./<name>.ts` or `./<name>.js` beside `callerUrl` (pass `import.meta.url`),
 * whichever matches the caller's own extension.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const moduleUrl = new URL(`./${name}.ts`, callerUrl).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
