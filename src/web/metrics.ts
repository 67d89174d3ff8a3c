// GET /metrics in the Prometheus text exposition format (0.0.4). Like the local API, the route is
// registered before listen (Fastify takes none after) and fed later: in-memory families that
// parts of the instance update (job durations, venue errors), plus collectors the instance adds
// once it exists (figures read from the store at scrape time). A collector that fails or is slow
// leaves its families out and is reported in `divbot_metrics_collector_errors_total`.
import type { FastifyInstance } from 'fastify';

export type MetricType = 'counter' | 'gauge' | 'summary';
export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly labels?: Labels;
  readonly value: number;
  /** For a summary's `_sum` / `_count` lines. */
  readonly suffix?: '_sum' | '_count';
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

export type Collector = () => Promise<readonly MetricFamily[]>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const COLLECT_TIMEOUT_MS = 5_000;
export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const key = (labels: Labels | undefined) => JSON.stringify(Object.entries(labels ?? {}).sort());

class Family {
  readonly values = new Map<string, { labels: Labels; value: number; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: MetricType,
  ) {}

  entry(labels: Labels = {}) {
    const k = key(labels);
    let e = this.values.get(k);
    if (!e) {
      e = { labels, value: 0, sum: 0, count: 0 };
      this.values.set(k, e);
    }
    return e;
  }

  snapshot(): MetricFamily {
    const samples = [...this.values.values()].flatMap((e): Sample[] =>
      this.type === 'summary'
        ? [
            { labels: e.labels, value: e.sum, suffix: '_sum' },
            { labels: e.labels, value: e.count, suffix: '_count' },
          ]
        : [{ labels: e.labels, value: e.value }],
    );
    return { name: this.name, help: this.help, type: this.type, samples };
  }
}

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly collectors: Collector[] = [];
  private collectorErrors = 0;

  /** For startHttpServer's `plugins`. */
  readonly plugin = (app: FastifyInstance): void => {
    app.get('/metrics', async (_req, reply) => {
      reply.header('content-type', CONTENT_TYPE);
      return this.render();
    });
  };

  /** Adds figures read at scrape time (the instance calls this once it exists). */
  addCollector(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** Removes every collector (shutdown: the store they read is closing). */
  clearCollectors(): void {
    this.collectors.length = 0;
  }

  inc(name: string, help: string, labels?: Labels, by = 1): void {
    this.family(name, help, 'counter').entry(labels).value += by;
  }

  set(name: string, help: string, value: number, labels?: Labels): void {
    this.family(name, help, 'gauge').entry(labels).value = value;
  }

  observe(name: string, help: string, value: number, labels?: Labels): void {
    const e = this.family(name, help, 'summary').entry(labels);
    e.sum += value;
    e.count += 1;
  }

  async render(): Promise<string> {
    const collected = await Promise.all(this.collectors.map((c) => this.collect(c)));
    const all = [...[...this.families.values()].map((f) => f.snapshot()), ...collected.flat()];
    all.push({
      name: 'divbot_metrics_collector_errors_total',
      help: 'Scrapes where a collector failed or timed out',
      type: 'counter',
      samples: [{ value: this.collectorErrors }],
    });
    return formatExposition(all);
  }

  private family(name: string, help: string, type: MetricType): Family {
    let f = this.families.get(name);
    if (!f) {
      if (!NAME.test(name)) throw new RangeError(`metric name "${name}" is not a valid Prometheus name`);
      f = new Family(name, help, type);
      this.families.set(name, f);
    } else if (f.type !== type) {
      throw new RangeError(`metric ${name} is a ${f.type}, not a ${type}`);
    }
    return f;
  }

  private async collect(c: Collector): Promise<readonly MetricFamily[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        c(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('collector timed out')), COLLECT_TIMEOUT_MS);
        }),
      ]);
    } catch {
      this.collectorErrors++;
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The text format: `# HELP`, `# TYPE`, then one `name{labels} value` line per sample. */
export function formatExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const f of families) {
    if (seen.has(f.name)) throw new RangeError(`metric ${f.name} appears twice`);
    seen.add(f.name);
    lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples)
      lines.push(`${f.name}${s.suffix ?? ''}${labelText(s.labels)} ${number(s.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function labelText(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  for (const [k] of entries) if (!LABEL.test(k)) throw new RangeError(`label name "${k}" is not valid`);
  const escaped = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${entries.map(([k, v]) => `${k}="${escaped(v)}"`).join(',')}}`;
}

function number(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(x);
}
