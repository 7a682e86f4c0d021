import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src/voice/redact.ts';
import { couldBeBetter, smsComment, wentWell } from '../../src/demo/free-text.ts';
import { Rng } from '../../src/demo/random.ts';

/** [input, expected] pairs: what a victim might write, and what an analyst may see. */
const cases = (rows: readonly (readonly [string, string])[]) =>
  it.each(rows)('%s', (input, expected) => expect(redactText(input)).toBe(expected));

describe('officers: rank and name, rank and collar number', () => {
  cases([
    ['PC Smith was brilliant', '[officer] was brilliant'],
    ['DS Jane Doe kept me informed', '[officer] kept me informed'],
    ['Sergeant Brown never called back', '[officer] never called back'],
    ['the sergeant Brown I spoke to', 'the [officer] I spoke to'],
    ['PC 1234 attended', '[officer] attended'],
    ['PC1234 attended', '[officer] attended'],
    ['PCSO Priya Patel was kind', '[officer] was kind'],
    ['Sgt. Okafor and Insp Tom Hughes', '[officer] and [officer]'],
    ['Detective Sergeant Morgan rang', '[officer] rang'],
    ['Detective Constable Reid rang', '[officer] rang'],
    ['DCI Evans explained it', '[officer] explained it'],
    ['Officer PC Sarah Jones sorted it quickly', 'Officer [officer] sorted it quickly'],
    ['PC J. Smith was great', '[officer] was great'],
    ["PC O'Brien and PC McDonald", '[officer] and [officer]'],
    ['PC Smith-Jones helped', '[officer] helped'],
    ["PC Smith's follow-up call", "[officer]'s follow-up call"],
    ['Thanks to PC Smith (4567)', 'Thanks to [officer]'],
    ['his collar number was 4521', 'his [officer]'],
    ['Sergeant May was lovely', '[officer] was lovely'],
  ]);
});

describe('officers: what is not an officer', () => {
  cases([
    ['The PCSO was kind', 'The PCSO was kind'],
    ['my PC was stolen', 'my PC was stolen'],
    ['The PC was polite', 'The PC was polite'],
    ['PS Thanks for everything', 'PS Thanks for everything'],
    ['The officer was helpful', 'The officer was helpful'],
    ['A sergeant came out', 'A sergeant came out'],
    ['Officers were professional and respectful', 'Officers were professional and respectful'],
    ['In May the PC came round', 'In May the PC came round'],
  ]);
  it('keeps a capitalised word after the name that is not a name', () => {
    expect(redactText('PC Smith Thanks again')).toBe('[officer] Thanks again');
  });
});

describe('names the writer gives', () => {
  cases([
    ['My name is Sarah and I was burgled', 'My name is [name] and I was burgled'],
    ['my name is sarah jones', 'my name is [name]'],
    ['Hi, my name is Kwame, please call', 'Hi, my name is [name], please call'],
    ['I am Fatima Khan, the victim', 'I am [name], the victim'],
    ["I'm Owen", "I'm [name]"],
    ['Mrs Jones next door saw it', '[name] next door saw it'],
    ['Dr Ahmed treated me', '[name] treated me'],
  ]);
  cases([
    ['I am British and proud of the police', 'I am British and proud of the police'],
    ['I am Very grateful', 'I am Very grateful'],
    ['I am happy with the service', 'I am happy with the service'],
    ['My name is not important', 'My name is not important'],
    ['Please call me back on 07700 900123', 'Please call me back on [phone]'],
    ["The officer's name is Gareth I think", "The officer's name is [name] I think"],
    ['I am 75 and live alone', 'I am 75 and live alone'],
    ['It happened in May and I am still waiting', 'It happened in May and I am still waiting'],
  ]);
});

describe('phone numbers (UK forms)', () => {
  cases([
    ['please ring me on 07700 900123', 'please ring me on [phone]'],
    ['ring 07700900123 after 5', 'ring [phone] after 5'],
    ['mobile 07700 900 123', 'mobile [phone]'],
    ['call +44 7700 900123', 'call [phone]'],
    ['call +447700900123', 'call [phone]'],
    ['call +44 (0)7700 900123', 'call [phone]'],
    ['home 01632 960123', 'home [phone]'],
    ['home 0161 496 0000', 'home [phone]'],
    ['work 020 7946 0000', 'work [phone]'],
    ['work (020) 7946 0000', 'work [phone]'],
    ['0113-496-0000 is my number', '[phone] is my number'],
    ['tried 07700 900456 several times', 'tried [phone] several times'],
  ]);
  cases([
    ['101 took over 40 minutes to answer', '101 took over 40 minutes to answer'],
    ['I rang 999 twice', 'I rang 999 twice'],
    ['It took 5 days', 'It took 5 days'],
    ['Three visits in 2020 and 2021', 'Three visits in 2020 and 2021'],
    ['on 01 02 2021 at 10 am', 'on 01 02 2021 at 10 am'],
    ['crime number 0123/21', 'crime number 0123/21'],
  ]);
});

describe('emails', () => {
  cases([
    ['Email me instead: s.jones@example.com', 'Email me instead: [email]'],
    [
      'Send updates by email (sarah.jones42@example.co.uk) as I work shifts',
      'Send updates by email ([email]) as I work shifts',
    ],
    ['Reply to first+tag@mail.example.org please', 'Reply to [email] please'],
  ]);
});

describe('postcodes', () => {
  cases([
    ['I live at AB1 2CD', 'I live at [postcode]'],
    ['near M1 1AE', 'near [postcode]'],
    ['postcode SW1A 1AA', 'postcode [postcode]'],
    ['postcode sw1a 1aa', 'postcode [postcode]'],
    ['B338TH was the place', '[postcode] was the place'],
  ]);
  cases([
    ['Junction 4 on the M25 6th time', 'Junction 4 on the M25 6th time'],
    ['came at 10 3pm', 'came at 10 3pm'],
    ['COVID-19 made it hard', 'COVID-19 made it hard'],
  ]);
});

describe('addresses', () => {
  cases([
    ['They came to 12 Elm Road twice', 'They came to [address] twice'],
    ['Flat 3, 14a Church Street', '[address]'],
    ["14 St Mary's Road", '[address]'],
    ['outside 221B Baker St.', 'outside [address]'],
    ['at 7 Willow Close yesterday', 'at [address] yesterday'],
  ]);
  cases([
    ['It took 5 days', 'It took 5 days'],
    ['3 times on the road', '3 times on the road'],
    ['Took three days for anyone to come out', 'Took three days for anyone to come out'],
    ['2 officers came down the lane', '2 officers came down the lane'],
  ]);
});

describe('vehicle registrations', () => {
  cases([
    ['the car was AB12 CDE', 'the car was [vehicle]'],
    ['a silver ab12cde', 'a silver [vehicle]'],
    ['old van A123 BCD', 'old van [vehicle]'],
    ['classic ABC 123D', 'classic [vehicle]'],
  ]);
  cases([
    ['NHS 111 were helpful', 'NHS 111 were helpful'],
    ['PC 1234 took the details', '[officer] took the details'],
  ]);
});

describe('several kinds at once', () => {
  it('redacts each and counts them', () => {
    const r = redact(
      'My name is Sarah, PC Jones (07700 900123, p.jones@example.com) came to 12 Elm Road, AB1 2CD, about the AB12 CDE.',
    );
    expect(r.text).toBe(
      'My name is [name], [officer] ([phone], [email]) came to [address], [postcode], about the [vehicle].',
    );
    expect(r.counts).toEqual({
      name: 1,
      officer: 1,
      phone: 1,
      email: 1,
      address: 1,
      postcode: 1,
      vehicle: 1,
    });
  });

  it('leaves text with nothing to redact unchanged, with no counts', () => {
    const text = 'Quick response, they arrived within the hour. Gave 5 stars, 10/10!';
    expect(redact(text)).toEqual({ text, counts: {} });
  });
});

describe('the demo force’s free text', () => {
  it('no generated comment keeps an officer name, phone number or email', () => {
    const rng = new Rng(7);
    const names =
      /\b(?:Jones|Patel|Hughes|Okafor|Williams|Khan|Evans|Smith|Novak|Price|Ahmed|Taylor|Morgan|Clarke|Reid|Bennett)\b/;
    for (let i = 0; i < 2000; i++) {
      for (const text of [
        wentWell(rng, i % 2 === 0),
        couldBeBetter(rng, i % 3 === 0),
        smsComment(rng),
      ]) {
        const out = redactText(text);
        expect(out, text).not.toMatch(names);
        expect(out, text).not.toMatch(/07700|@/);
      }
    }
  });
});
