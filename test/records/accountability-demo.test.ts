import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_INSPECTIONS, writeDemoAccountability } from '../../src/demo/accountability.ts';
import { londonDate, responseAlerts, s55DueOn } from '../../src/records/accountability/clock.ts';
import { FINDING_STATUSES } from '../../src/records/accountability/lifecycle.ts';
import { STORES, type TestStore } from './stores.ts';

// The demo force's fictional inspections, written through the repositories on both stores:
// the shapes of seeds 000 and 001, every lifecycle status, responses on and off the clock.

describe.each(STORES)('the demo inspections on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  let leadId = '';
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const lead = await s.records.users.add(
      { email: 'lead@example.org', role: 'lead', password: 'a long enough password' },
      { userId: null, via: 'cli' },
    );
    leadId = lead.id;
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('writes every demo finding once, at every status, all named as demo data', async () => {
    const now = s.clock.now();
    const opts = { now, leadUserId: leadId, bodyName: 'Synthetic PCC (demo)' };
    const total = DEMO_INSPECTIONS.reduce((n, i) => n + i.findings.length, 0);
    expect(await writeDemoAccountability(s.records, opts)).toBe(total);
    expect(await writeDemoAccountability(s.records, opts)).toBe(0);
    expect((await s.records.policingBodies.current(now))?.name).toBe('Synthetic PCC (demo)');

    const sources = await s.records.findingSources.list();
    expect(sources).toHaveLength(DEMO_INSPECTIONS.length);
    expect(sources.every((x) => x.title.endsWith('(demo)'))).toBe(true);
    const findings = await s.records.findings.list();
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(FINDING_STATUSES));
    const of = (title: string) => {
      const src = sources.find((x) => x.title.startsWith(title));
      return findings.filter((f) => f.sourceId === src?.id);
    };
    expect(of('Crime data integrity').map((f) => f.kind)).toEqual(
      Array(4).fill('area_for_improvement'),
    );
    expect(of('Police response to violence').every((f) => f.kind === 'recommendation')).toBe(true);
    expect(findings.some((f) => f.due === 'immediately')).toBe(true);
    const today = londonDate(now);
    expect(
      findings.some((f) => f.status === 'in_progress' && f.due !== null && f.due < today),
    ).toBe(true);
    // Allocated findings are led; the ones awaiting allocation are not.
    for (const f of findings)
      expect(f.leadUserId).toBe(
        f.status === 'awaiting_allocation' || f.status === 'superseded' ? null : leadId,
      );
    const submitted = findings.find((f) => f.status === 'evidence_submitted');
    expect(await s.records.findings.evidence(submitted!.id)).toHaveLength(1);
  });

  it('answers the HMICFRS reports: three published, one draft due soon', async () => {
    const responses = await s.records.responses.list();
    expect(responses.map((r) => r.status).sort()).toEqual([
      'draft',
      'published',
      'published',
      'published',
    ]);
    for (const r of responses) {
      const src = await s.records.findingSources.byId(r.sourceId);
      expect(r.dueOn).toBe(s55DueOn(src!.publishedOn));
      if (r.status === 'published') expect(r.publishedOn! <= r.dueOn).toBe(true);
    }
    const alerts = responseAlerts(responses, londonDate(s.clock.now()));
    expect(alerts.map((a) => [a.response.status, a.state])).toEqual([['draft', 'due_soon']]);
  });
});
