import cliProgress from 'cli-progress';

/** A progress display for one phase of a long job. */
export interface Progress {
  start(total: number, label?: string): void;
  update(value: number, payload?: Record<string, string | number>): void;
  increment(delta?: number, payload?: Record<string, string | number>): void;
  /** Change the total of a running bar (a crawl's queue grows as it goes). */
  setTotal(total: number): void;
  stop(): void;
}

const SILENT: Progress = { start() {}, update() {}, increment() {}, setTotal() {}, stop() {} };

/**
 * A progress bar on an interactive terminal, and nothing at all otherwise (pipes, CI, --quiet, --json),
 * so logs stay clean. `extra` names payload fields shown after the bar, e.g. `{pages_s}` for rates.
 */
export function createProgress(options: { quiet?: boolean; json?: boolean; stream?: NodeJS.WriteStream; extra?: string } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || options.json || !stream.isTTY || process.env.CI) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `{label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}${options.extra ? ' ' + options.extra : ''}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let label = '';
  return {
    start(total, l = '') {
      label = l;
      bar.start(total, 0, { label });
    },
    update(value, payload) {
      bar.update(value, { label, ...payload });
    },
    increment(delta = 1, payload) {
      bar.increment(delta, { label, ...payload });
    },
    setTotal(total) {
      bar.setTotal(total);
    },
    stop() {
      bar.stop();
    },
  };
}
