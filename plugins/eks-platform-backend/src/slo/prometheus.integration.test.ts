/**
 * SLO reports against a real Prometheus (Debian's 2.42) whose history is backfilled
 * with promtool: 80 days of 5-minute samples with known incidents. Every expected figure
 * is recomputed here from the same step model that wrote the samples.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  SloReport,
  SloReportResponse,
} from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import { clusterWithSlo, startSloBackend } from './__testUtils__/testBackend';

const PROMTOOL = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find(
  existsSync,
);
const PROMETHEUS = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find(
  existsSync,
);
const available = Boolean(PROMTOOL && PROMETHEUS);
if (!available && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(
    'Skipping the real-Prometheus SLO test: promtool/prometheus not installed (apt-get install prometheus)',
  );
}

const STEP = 300;
const at = (iso: string) => Date.parse(iso) / 1000;
const HISTORY_START = at('2026-09-01T00:00:00Z');
const EVALUATED_AT = at('2026-11-20T12:00:00Z');
const REQUESTS_PER_STEP = 200;

/** Requests failing in the step ending at `end` (of 200). */
function badInStep(end: number): number {
  const within = (from: string, to: string) => end > at(from) && end <= at(to);
  if (within('2026-09-10T10:00:00Z', '2026-09-10T10:30:00Z')) return 100;
  if (within('2026-10-01T14:00:00Z', '2026-10-01T15:00:00Z')) return 200;
  if (within('2026-11-15T10:00:00Z', '2026-11-15T10:10:00Z')) return 100;
  if (within('2026-11-20T11:00:00Z', '2026-11-20T12:00:00Z')) return 4;
  return 0;
}
/** The probe fails in the steps of the three incidents (not the last hour's 2%). */
const probeDown = (end: number) => badInStep(end) >= 100;

/** Exact sums over the steps ending in (from, to]. */
function expected(from: number, to: number) {
  let total = 0;
  let bad = 0;
  let samples = 0;
  let down = 0;
  for (let end = Math.max(from, HISTORY_START) + STEP; end <= to; end += STEP) {
    total += REQUESTS_PER_STEP;
    bad += badInStep(end);
    samples++;
    if (probeDown(end)) down++;
  }
  return { total, bad, samples, down };
}

function openMetrics(): string {
  const lines = ['# TYPE http_requests counter'];
  const series = (code: string, inc: (end: number) => number) => {
    let value = 0;
    for (let t = HISTORY_START; t <= EVALUATED_AT; t += STEP) {
      if (t > HISTORY_START) value += inc(t);
      lines.push(
        `http_requests_total{cluster="it-cluster",namespace="dpj",code="${code}"} ${value} ${t}`,
      );
    }
  };
  series('200', end => REQUESTS_PER_STEP - badInStep(end));
  series('500', badInStep);
  lines.push('# TYPE probe_success gauge');
  // Probes sit mid-step so no sample lands on a window edge (2.42's windows are closed).
  for (let t = HISTORY_START; t < EVALUATED_AT; t += STEP) {
    const up = probeDown(t + STEP) ? 0 : 1;
    lines.push(`probe_success{cluster="it-cluster"} ${up} ${t + STEP / 2}`);
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

(available || process.env.CI ? describe : describe.skip)(
  'SLO report against a real Prometheus',
  () => {
    let dir: string;
    let prometheus: ChildProcess | undefined;
    let baseUrl: string;

    beforeAll(async () => {
      if (!PROMTOOL || !PROMETHEUS) {
        throw new Error(
          'promtool and prometheus are required in CI (apt-get install prometheus)',
        );
      }
      dir = mkdtempSync(join(tmpdir(), 'slo-prometheus-'));
      writeFileSync(join(dir, 'data.om'), openMetrics());
      writeFileSync(join(dir, 'prometheus.yml'), 'global: {}\n');
      // Month-long blocks: the default 2-hour blocks take a minute to write for 80 days.
      execFileSync(
        PROMTOOL,
        [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          '--quiet',
          '--max-block-duration=720h',
          join(dir, 'data.om'),
          join(dir, 'tsdb'),
        ],
        { stdio: 'pipe' },
      );
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      prometheus = spawn(
        PROMETHEUS,
        [
          `--storage.tsdb.path=${join(dir, 'tsdb')}`,
          '--storage.tsdb.retention.time=400d',
          `--web.listen-address=127.0.0.1:${port}`,
          `--config.file=${join(dir, 'prometheus.yml')}`,
        ],
        { stdio: 'ignore' },
      );
      for (let attempt = 0; attempt < 120; attempt++) {
        const ready = await fetch(`${baseUrl}/-/ready`).then(
          r => r.ok,
          () => false,
        );
        if (ready) return;
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      throw new Error('Prometheus did not become ready within 60 s');
    }, 120_000);

    afterAll(async () => {
      if (prometheus && prometheus.exitCode === null) {
        const exited = new Promise(resolve =>
          prometheus!.once('exit', resolve),
        );
        prometheus.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    async function report(
      entityName: string,
      annotations?: Record<string, string>,
    ): Promise<SloReport> {
      const { server } = await startSloBackend({
        prometheusBaseUrl: baseUrl,
        entities: [
          annotations
            ? {
                ...clusterWithSlo(entityName),
                metadata: {
                  name: entityName,
                  namespace: 'default',
                  annotations,
                },
              }
            : clusterWithSlo(entityName),
        ],
        overrides: { now: () => new Date(EVALUATED_AT * 1000) },
      });
      const response = await request(server).get(
        `/api/eks-platform/slo/default/${entityName}`,
      );
      const body = response.body as SloReportResponse;
      if (body.status !== 'ok') throw new Error(JSON.stringify(body));
      return body.report;
    }

    it('computes the ratio SLI figures Prometheus data implies', async () => {
      const r = await report('it-cluster', {
        'eks-platform/slo-total':
          'http_requests_total{cluster="it-cluster",namespace="dpj"}',
        'eks-platform/slo-bad':
          'http_requests_total{cluster="it-cluster",code=~"5.."}',
      });
      const rolling = expected(EVALUATED_AT - 30 * 86_400, EVALUATED_AT);
      expect(rolling).toEqual({
        total: 1_728_000,
        bad: 248,
        samples: 8_640,
        down: 2,
      });
      expect(r.rolling30d.total).toBeCloseTo(rolling.total, 3);
      expect(r.rolling30d.bad).toBeCloseTo(rolling.bad, 3);
      expect(r.rolling30d.attainmentPercent).toBeCloseTo(
        (1 - 248 / 1_728_000) * 100,
        8,
      );
      expect(r.rolling30d.budgetRemainingPercent).toBeCloseTo(
        (1 - 248 / 1728) * 100,
        6,
      );
      expect(r.rolling30d.badEventsLeft).toBeCloseTo(1728 - 248, 3);
      expect(r.rolling30d.status).toBe('met');

      const november = expected(at('2026-11-01T00:00:00Z'), EVALUATED_AT);
      expect(r.calendarMonth.month).toBe('2026-11');
      expect(r.calendarMonth.total).toBeCloseTo(november.total, 3);
      expect(r.calendarMonth.bad).toBeCloseTo(november.bad, 3);

      const months = Object.fromEntries(r.monthly.map(m => [m.month, m]));
      const october = expected(
        at('2026-10-01T00:00:00Z'),
        at('2026-11-01T00:00:00Z'),
      );
      const september = expected(
        at('2026-09-01T00:00:00Z'),
        at('2026-10-01T00:00:00Z'),
      );
      expect(months['2026-10'].monthlyStatus).toBe('fail');
      expect(months['2026-10'].attainmentPercent).toBeCloseTo(
        (1 - october.bad / october.total) * 100,
        8,
      );
      expect(months['2026-09'].monthlyStatus).toBe('pass');
      expect(months['2026-09'].total).toBeCloseTo(september.total, 3);
      expect(months['2026-08'].monthlyStatus).toBe('no-data');

      const incidentDay = expected(
        at('2026-11-15T00:00:00Z'),
        at('2026-11-16T00:00:00Z'),
      );
      expect(
        r.daily.find(d => d.date === '2026-11-15')?.attainmentPercent,
      ).toBeCloseTo((1 - incidentDay.bad / incidentDay.total) * 100, 8);

      // Last hour: 2% errors = 20× burn on 1h and 5m; 6h holds 48 bad of 14,400.
      expect(r.burnRates[0].longBurnRate).toBeCloseTo(20, 6);
      expect(r.burnRates[0].shortBurnRate).toBeCloseTo(20, 6);
      const sixHours = expected(EVALUATED_AT - 6 * 3600, EVALUATED_AT);
      expect(r.burnRates[1].longBurnRate).toBeCloseTo(
        sixHours.bad / sixHours.total / 0.001,
        6,
      );
      expect(r.firingAlert?.factor).toBe(14.4);
      expect(r.burnRates[0].hoursToExhaustion).toBeCloseTo(
        ((1 - 248 / 1728) * 720) / 20,
        4,
      );
    }, 60_000);

    it('computes the time-based SLI in minutes from probe samples', async () => {
      const r = await report('it-probe', {
        'eks-platform/slo-uptime': 'probe_success{cluster="it-cluster"}',
      });
      const rolling = expected(EVALUATED_AT - 30 * 86_400, EVALUATED_AT);
      expect(r.rolling30d.total).toBe(rolling.samples);
      expect(r.rolling30d.bad).toBe(rolling.down);
      // 2 of 8,640 five-minute samples down = 10 minutes of the 43.2 allowed.
      expect(r.rolling30d.budgetMinutes).toBeCloseTo(43.2, 10);
      expect(r.rolling30d.budgetMinutesLeft).toBeCloseTo(33.2, 8);
      const months = Object.fromEntries(r.monthly.map(m => [m.month, m]));
      // October: one hour down, more than the 44.64 minutes of a 31-day month.
      expect(months['2026-10'].bad).toBe(12);
      expect(months['2026-10'].monthlyStatus).toBe('fail');
      expect(months['2026-10'].budgetMinutesLeft).toBeCloseTo(44.64 - 60, 8);
      expect(months['2026-09'].monthlyStatus).toBe('pass');
    }, 60_000);
  },
);
