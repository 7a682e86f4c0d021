import type { ProjectTableName } from '../../src/facts/tables.ts';
import { crime } from '../helpers/files.ts';

/**
 * A hand-built SMS survey for Q1 2021/22 (April–June 2021), small enough to work by hand.
 *
 * 24 responses in the quarter:
 * - R01–R12, North, team "Team A": sent on Monday 5 April 2021 (R12's send A12 on Wednesday
 *   31 March, before the quarter); satisfied all but R12 → 11 of 12. Incident type "Anti-social
 *   behaviour" on the send. Staff A1 (R01–R06), A2 (R07–R12).
 * - R13–R22, South, team "Team B", staff B1: sent on Saturday 10 April at 22:xx; satisfied
 *   R13–R15 → 3 of 10. Sends B01–B05 name crime C1 (violence without injury) and no incident
 *   type; B06–B10 neither.
 * - R23 (South) names a send that does not exist; satisfied. Answered Wednesday 7 April.
 * - R24 (South) names no send; not satisfied. Answered Tuesday 6 April.
 * So 15 of 24 satisfied.
 *
 * Sends in the quarter: A01–A11 (answered), A13–A30 (not), B01–B10 (answered), B11–B40 (not),
 * and C01, answered by R25 in July (outside the quarter): 70 sent, 22 answered.
 * Free text: R01–R06, R13, R14 left a comment; R15's is empty → 8 of 24.
 * Demographics: respondent_sex female R01–R05, male R06–R10; R11 "not_stated" only (not
 * given); R12 an age band only (given) → 11 of 24.
 * sms_kept_informed: R01–R04 "Not applicable" (left out), R05–R14 "Yes", R15–R24 "No".
 * A burglary send and response in the quarter must not count for the SMS survey.
 */
export const FIXTURE_PERIOD = '2021/22-Q1';

const pad = (n: number) => String(n).padStart(2, '0');
const rid = (i: number) => `R${pad(i)}`;

function sends(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const send = (id: string, at: string, over: Record<string, string>) =>
    out.push({ send_id: id, survey: 'sms', sent_at: at, ...over });
  for (let i = 1; i <= 30; i++) {
    const at = i === 12 ? '2021-03-31T20:00:00' : `2021-04-05T10:${pad(i)}:00`;
    send(`A${pad(i)}`, at, {
      lpa: 'North',
      neighbourhood: 'North 01',
      incident_type: 'Anti-social behaviour',
      team: 'Team A',
      staff_id: i <= 6 ? 'A1' : 'A2',
    });
  }
  for (let i = 1; i <= 40; i++)
    send(`B${pad(i)}`, `2021-04-10T22:${pad(i)}:00`, {
      lpa: 'South',
      neighbourhood: 'South 01',
      ...(i <= 5 ? { crime_id: 'C1' } : {}),
      team: 'Team B',
      staff_id: 'B1',
    });
  send('C01', '2021-06-30T18:00:00', { lpa: 'South', team: 'Team B', staff_id: 'B1' });
  out.push({ send_id: 'V01', survey: 'burglary', sent_at: '2021-04-05T10:00:00', lpa: 'North' });
  return out;
}

function responses(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const answer = (i: number, at: string, lpa: string, question: string, value: string) =>
    out.push({
      response_id: rid(i),
      survey: 'sms',
      lpa,
      interviewed_at: at,
      question,
      answer: value,
    });
  for (let i = 1; i <= 24; i++) {
    const team = i <= 12 ? 'A' : i <= 22 ? 'B' : null;
    const lpa = i <= 12 ? 'North' : 'South';
    const at =
      i === 23
        ? '2021-04-07T09:00:00'
        : i === 24
          ? '2021-04-06T15:00:00'
          : `2021-04-${team === 'A' ? '05' : '11'}T${pad(11 + (i % 8))}:00:00`;
    const a = (q: string, v: string) => answer(i, at, lpa, q, v);
    if (team === 'A') a('send_id', `A${pad(i)}`);
    if (team === 'B') a('send_id', `B${pad(i - 12)}`);
    if (i === 23) a('send_id', 'NOPE');
    const satisfied = i <= 11 || (i >= 13 && i <= 15) || i === 23;
    a(
      'sms_overall',
      satisfied ? (i % 2 ? 'Very satisfied' : 'Fairly satisfied') : 'Very dissatisfied',
    );
    a('sms_kept_informed', i <= 4 ? 'Not applicable' : i <= 14 ? 'Yes' : 'No');
    if (i <= 6 || i === 13 || i === 14) a('sms_comment', `Comment ${i}`);
    if (i === 15) a('sms_comment', '');
    if (i <= 5) a('respondent_sex', 'female');
    else if (i <= 10) a('respondent_sex', 'male');
    if (i === 11) a('respondent_sex', 'not_stated');
    if (i === 12) a('respondent_age_band', '25-34');
  }
  // R25 answers C01 in July; a burglary response answers V01 in April.
  answer(25, '2021-07-02T10:00:00', 'South', 'send_id', 'C01');
  answer(25, '2021-07-02T10:00:00', 'South', 'sms_overall', 'Very satisfied');
  out.push(
    ...['send_id:V01', 'whole_experience:Very satisfied'].map((qa) => ({
      response_id: 'V-1',
      survey: 'burglary',
      lpa: 'North',
      interviewed_at: '2021-04-20T10:00:00',
      question: qa.split(':')[0]!,
      answer: qa.split(':')[1]!,
    })),
  );
  return out;
}

/** The fixture's tables, in import order. */
export const FIXTURE_TABLES: readonly [ProjectTableName, Record<string, string>[]][] = [
  ['crimes', [crime('C1', { lpa: 'South', neighbourhood: 'South 01' })]],
  ['survey_sends', sends()],
  ['survey_responses', responses()],
];
