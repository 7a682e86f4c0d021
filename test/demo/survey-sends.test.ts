import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate.ts';
import { SEX } from '../../src/facts/tables.ts';
import { openDemo, type DemoDb } from './support.ts';

// The demo's surveys sent (src/demo/survey-sends.ts): consistent with the responses that answer
// them, and with calibration (002: SMS response rate 10%, free text 51%, demographics 50%).

let dir: string;
let db: DemoDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bluelamp-demo-sends-'));
  await generateDemo({ seed: 20210630, scale: 0.2, outDir: dir });
  db = await openDemo(dir);
}, 120_000);
afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const num = async (sql: string) => Number(Object.values(await db.one(sql))[0]);

describe('demo surveys sent', () => {
  it('links every victim-survey and SMS response to one send of the same survey', async () => {
    const links = `SELECT response_id, survey, answer AS send_id FROM survey_responses WHERE question = 'send_id'`;
    expect(
      await num(
        `SELECT count(DISTINCT response_id) FROM survey_responses WHERE survey <> 'perception'`,
      ),
    ).toBe(await num(`SELECT count(*) FROM (${links})`));
    expect(
      await num(
        `SELECT count(*) FROM survey_responses WHERE survey = 'perception' AND question = 'send_id'`,
      ),
    ).toBe(0);
    expect(
      await num(
        `SELECT count(*) FROM (${links}) l LEFT JOIN survey_sends s USING (send_id) WHERE s.send_id IS NULL OR s.survey <> l.survey`,
      ),
    ).toBe(0);
    expect(await num(`SELECT count(*) - count(DISTINCT send_id) FROM (${links})`)).toBe(0);
  });

  it('sends the SMS survey after the contact, with a team and member of staff, answered by about 10%', async () => {
    const sms = `SELECT s.sent_at, r.interviewed_at FROM survey_sends s JOIN (SELECT DISTINCT response_id, interviewed_at, answer AS send_id FROM survey_responses WHERE question = 'send_id' AND survey = 'sms') r USING (send_id)`;
    expect(
      await num(
        `SELECT count(*) FROM (${sms}) WHERE sent_at > interviewed_at OR interviewed_at - sent_at > INTERVAL 21 HOUR`,
      ),
    ).toBe(0);
    expect(
      await num(
        `SELECT count(*) FROM survey_sends WHERE survey = 'sms' AND (team IS NULL OR staff_id IS NULL OR incident_type IS NULL)`,
      ),
    ).toBe(0);
    const rate = await num(
      `SELECT count(*) FILTER (WHERE send_id IN (SELECT answer FROM survey_responses WHERE question = 'send_id')) / count(*) FROM survey_sends WHERE survey = 'sms'`,
    );
    expect(rate).toBeGreaterThan(0.09);
    expect(rate).toBeLessThan(0.11);
    // Staff work in one team each.
    expect(
      await num(
        `SELECT count(*) FROM (SELECT staff_id FROM survey_sends WHERE survey = 'sms' GROUP BY 1 HAVING count(DISTINCT team) > 1)`,
      ),
    ).toBe(0);
  });

  it('keeps the SMS free-text and demographics shares, and adds the respondent’s sex', async () => {
    const share = (question: string) =>
      num(
        `SELECT count(DISTINCT response_id) FILTER (WHERE question = '${question}') / count(DISTINCT response_id) FROM survey_responses WHERE survey = 'sms'`,
      );
    expect(await share('sms_comment')).toBeCloseTo(0.51, 1);
    expect(await share('respondent_age_band')).toBeCloseTo(0.5, 1);
    expect(await share('respondent_sex')).toBeCloseTo(await share('respondent_age_band'), 10);
    const values = (
      await db.all<{ answer: string }>(
        `SELECT DISTINCT answer FROM survey_responses WHERE question = 'respondent_sex'`,
      )
    ).map((r) => r.answer);
    for (const v of values) expect(SEX).toContain(v);
  });

  it('invites victims after the crime, about two in five taking part', async () => {
    expect(
      await num(
        `SELECT count(*) FROM survey_sends s JOIN crimes c USING (crime_id) WHERE s.sent_at < c.recorded_at`,
      ),
    ).toBe(0);
    const rate = await num(
      `SELECT count(*) FILTER (WHERE send_id IN (SELECT answer FROM survey_responses WHERE question = 'send_id')) / count(*) FROM survey_sends WHERE survey IN ('burglary', 'violent', 'hate', 'domestic_abuse', 'rtc')`,
    );
    expect(rate).toBeGreaterThan(0.35);
    expect(rate).toBeLessThan(0.45);
  });

  it('gives the team view something to find: Contact Team 4 is less satisfied than the rest', async () => {
    const byTeam = await db.all<{ team: string; share: number }>(`
      SELECT s.team, avg((r.answer IN ('Very satisfied', 'Fairly satisfied'))::INT) AS share
      FROM survey_responses r
      JOIN survey_responses l ON l.response_id = r.response_id AND l.question = 'send_id'
      JOIN survey_sends s ON s.send_id = l.answer
      WHERE r.question = 'sms_overall' GROUP BY 1 ORDER BY 2`);
    expect(byTeam[0]?.team).toBe('Contact Team 4');
  });
});
