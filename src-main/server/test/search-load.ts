// Drives POST /search from N concurrent clients for a fixed number of requests and reports
// latency percentiles. Bounded by the request count, so it always stops by itself.
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  /** What the server must answer, checked for every request. */
  expectStatus: number;
  send(): Promise<Response>;
  /** Extra check of a successful body (e.g. the number of results). */
  check?(body: unknown): void;
}

export interface LoadReport {
  requests: number;
  concurrency: number;
  failures: string[];
  latenciesMs: number[];
  p50Ms: number;
  p99Ms: number;
  wallMs: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export async function runLoad(requests: number, concurrency: number, requestFor: (index: number) => LoadRequest): Promise<LoadReport> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();

  async function client(): Promise<void> {
    while (next < requests) {
      const index = next++;
      const request = requestFor(index);
      const t0 = performance.now();
      try {
        const res = await request.send();
        const body: unknown = await res.json();
        latenciesMs.push(performance.now() - t0);
        if (res.status !== request.expectStatus) {
          failures.push(`#${index}: status ${res.status}, expected ${request.expectStatus}: ${JSON.stringify(body)}`);
        } else {
          request.check?.(body);
        }
      } catch (error) {
        failures.push(`#${index}: ${(error as Error).message}`);
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => client()));
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests,
    concurrency,
    failures,
    latenciesMs,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    wallMs: performance.now() - started,
  };
}

export function describeLoad(label: string, report: LoadReport): string {
  return (
    `${label}: ${report.requests} requests, ${report.concurrency} clients, ` +
    `p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms, ` +
    `${((report.requests / report.wallMs) * 1000).toFixed(0)} req/s, ${report.failures.length} failures`
  );
}
