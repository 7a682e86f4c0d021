import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/records/api.ts';
import { historyOf } from '../../src/records/accountability/history.ts';
import { STORES, type TestStore } from './stores.ts';

// Forces and LPAs as dated entities with succession, on both stores: the areas in force on a
// day, two LPAs merged into one (a series carries across: `lineage`), a force merged with its
// neighbour (its LPAs carry on under the new force), and the refusals.

const cli: Actor = { userId: null, via: 'cli' };

describe.each(STORES)('dated areas on %s', (_name, open) => {
  let s: TestStore;
  let unopened: unknown = null;
  let lead: Actor = cli;
  beforeAll(async () => {
    s = await open().catch((e: unknown) => {
      unopened = e;
      return undefined as unknown as TestStore;
    });
    if (!s) return;
    const u = await s.records.users.add(
      { email: 'lead@example.org', role: 'lead', password: 'a long enough password' },
      cli,
    );
    lead = { userId: u.id, via: 'web' };
  });
  beforeEach(() => {
    if (unopened) throw unopened;
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('keeps LPAs merged on a day, with their series carried across the merger', async () => {
    const force = await s.records.areas.add(
      { kind: 'force', code: 'DEMO', name: 'Demo Constabulary' },
      '2018-04-01',
      cli,
    );
    const north = await s.records.areas.add(
      { kind: 'lpa', code: 'North', name: 'North', parentId: force.id },
      '2018-04-01',
      cli,
    );
    const east = await s.records.areas.add(
      { kind: 'lpa', code: 'East', name: 'East', parentId: force.id },
      '2018-04-01',
      cli,
    );
    await s.records.areas.add(
      { kind: 'lpa', code: 'South', name: 'South', parentId: force.id },
      '2018-04-01',
      cli,
    );
    const ne = await s.records.areas.succeed(
      [north.id, east.id],
      { kind: 'lpa', code: 'North East', name: 'North East', parentId: force.id },
      '2021-10-01',
      cli,
    );
    const codes = async (on: string) =>
      (await s.records.areas.current(on, { kind: 'lpa', parentId: force.id })).map((a) => a.code);
    expect(await codes('2021-09-30')).toEqual(['East', 'North', 'South']);
    expect(await codes('2021-10-01')).toEqual(['North East', 'South']);
    expect(await s.records.areas.byId(north.id)).toMatchObject({
      validTo: '2021-10-01',
      succeededBy: ne.id,
    });
    expect(await s.records.areas.successorOn(north.id, '2021-09-30')).toMatchObject({
      code: 'North',
    });
    expect(await s.records.areas.successorOn(north.id, '2022-01-01')).toMatchObject({
      code: 'North East',
    });
    expect(await s.records.areas.successorOn(north.id, '2017-01-01')).toBeNull();
    expect((await s.records.areas.lineage(ne.id)).map((a) => a.code).sort()).toEqual([
      'East',
      'North',
      'North East',
    ]);
    // Each change is on the area's timeline and in the audit log.
    const timeline = await historyOf(s.db, `area:${north.id}`);
    expect(timeline.map((h) => h.action)).toEqual(['added', 'succeeded']);
    expect(timeline[1]?.after).toMatchObject({ validTo: '2021-10-01', succeededBy: ne.id });
    const audit = await s.records.audit.list({ action: 'area_succeeded' });
    expect(audit.map((a) => a.subject).sort()).toEqual(
      [`area:${east.id}`, `area:${north.id}`].sort(),
    );
  });

  it('carries a merged force’s LPAs on under its successor, as themselves', async () => {
    const [demo] = await s.records.areas.current('2022-01-01', { kind: 'force' });
    const other = await s.records.areas.add(
      { kind: 'force', code: 'NEXT', name: 'Neighbouring Police (demo)' },
      '2018-04-01',
      cli,
    );
    await s.records.areas.add(
      { kind: 'lpa', code: 'West', name: 'West', parentId: other.id },
      '2018-04-01',
      cli,
    );
    const merged = await s.records.areas.succeed(
      [demo!.id, other.id],
      { kind: 'force', code: 'MERGED', name: 'Merged Police (demo)' },
      '2025-04-01',
      cli,
    );
    const lpas = await s.records.areas.current('2025-04-01', { kind: 'lpa' });
    expect(lpas.map((l) => [l.code, l.parentId])).toEqual([
      ['North East', merged.id],
      ['South', merged.id],
      ['West', merged.id],
    ]);
    const south = lpas.find((l) => l.code === 'South')!;
    expect((await s.records.areas.lineage(south.id)).map((a) => a.validFrom)).toEqual([
      '2018-04-01',
      '2025-04-01',
    ]);
    expect(
      (await s.records.areas.current('2025-03-31', { kind: 'force' })).map((a) => a.code),
    ).toEqual(['DEMO', 'NEXT']);
    expect(
      (await s.records.areas.current('2025-04-01', { kind: 'force' })).map((a) => a.code),
    ).toEqual(['MERGED']);
  });

  it('refuses a clash, a lead, a second succession, a successor of another kind and an LPA without its force', async () => {
    const [merged] = await s.records.areas.current('2025-04-01', { kind: 'force' });
    await expect(
      s.records.areas.add(
        { kind: 'lpa', code: 'South', name: 'South again', parentId: merged!.id },
        '2026-01-01',
        cli,
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      s.records.areas.add({ kind: 'force', code: 'X', name: 'X' }, '2026-01-01', lead),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    const old = (await s.records.areas.list({ kind: 'force' })).find((a) => a.code === 'DEMO')!;
    await expect(
      s.records.areas.succeed(old.id, { kind: 'force', code: 'Y', name: 'Y' }, '2030-01-01', cli),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      s.records.areas.succeed(
        merged!.id,
        { kind: 'lpa', code: 'Y', name: 'Y', parentId: merged!.id },
        '2030-01-01',
        cli,
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      s.records.areas.add({ kind: 'lpa', code: 'Z', name: 'Z' }, '2026-01-01', cli),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      s.records.areas.add(
        { kind: 'lpa', code: 'Z', name: 'Z', parentId: old.id },
        '2026-01-01',
        cli,
      ),
    ).rejects.toThrow(/not in force/);
    await expect(
      s.records.areas.add({ kind: 'force', code: 'Z', name: 'Z' }, '2026-02-30', cli),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(s.records.areas.byId('nope')).resolves.toBeNull();
  });
});
