import { describe, expect, it } from 'vitest';
import { redact, redactText, REDACTION_TAGS, staffGazetteer } from '../../src/voice/redact.ts';
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
    ['Thanks to PC Smith (4567)', 'Thanks to [officer] ([collar])'],
    ['his collar number was 4521', 'his collar number was [collar]'],
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
    expect(redact(text)).toEqual({ text, counts: {}, spans: [] });
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

describe('officers: more forms', () => {
  cases([
    ['officer Dave was reassuring', '[officer] was reassuring'],
    ['Insp. Khan explained', '[officer] explained'],
    ['DC 1234 took my statement', '[officer] took my statement'],
    ['the call handler Hannah was calm', 'the [officer] was calm'],
    ['the call handler, Helen, who was nice', 'the [officer], who was nice'],
    ['Pc Khan was kind', '[officer] was kind'],
    ['D/C Simmons never rang', '[officer] never rang'],
    ['the PCSOs Tranter and Gallagher', 'the [officer] and [officer]'],
    ['pcso fiona was great', '[officer] was great'],
    ['PC Zoë Smith came', '[officer] came'],
    ['Sergeant Jo Bloggs rang', '[officer] rang'],
  ]);
  cases([
    ['I went to PC World for a laptop', 'I went to PC World for a laptop'],
    ['PS keep up the good work', 'PS keep up the good work'],
    ['the officer 20 minutes later', 'the officer 20 minutes later'],
    ['Police Constable came but gave no name', 'Police Constable came but gave no name'],
    ['Sergeant and two PCs arrived', 'Sergeant and two PCs arrived'],
  ]);
});

describe('collar and warrant numbers', () => {
  cases([
    ['shoulder number 1187', 'shoulder number [collar]'],
    ['his warrant card number 009321', 'his warrant card number [collar]'],
    ['badge number 7702 was rude', 'badge number [collar] was rude'],
    ["the officer's number was 4588", "the officer's number was [collar]"],
    ['PC Bracewell, 4890, was excellent', '[officer], [collar], was excellent'],
  ]);
  cases([
    ['his number was 07700 900123', 'his number was [phone]'],
    ['PC Smith 100% helped', '[officer] 100% helped'],
    ['incident number 4521 of 12/03/2022', 'incident number 4521 of 12/03/2022'],
  ]);
});

describe('more phone forms', () => {
  cases([
    ['0044 7700 900654', '[phone]'],
    ['+44 (0) 161 496 0800', '[phone]'],
    ['077 0090 0777', '[phone]'],
    ['07700.900.812', '[phone]'],
    ['07700-900-238', '[phone]'],
    ['(01632) 960456', '[phone]'],
    ['call 07700 900 987 or 07700 900 654', 'call [phone] or [phone]'],
    ['(my number is 07700 900 210)', '(my number is [phone])'],
    ['back (07700 900765, after 6pm)', 'back ([phone], after 6pm)'],
  ]);
  cases([
    ['came at 10.30 and left at 11.15', 'came at 10.30 and left at 11.15'],
    ['the reference was 01234567890', 'the reference was 01234567890'],
    ['12/03/1985', '12/03/1985'],
  ]);
});

describe('emails written out', () => {
  cases([
    ['jo dot bloggs at example dot com', '[email]'],
    ['dave(at)example(dot)com', '[email]'],
    ['priya [at] example [dot] org', '[email]'],
    ['j.smith at example dot co dot uk', '[email]'],
    ['helen.marsh @ example.com', '[email]'],
    ['I emailed tom at example.com twice', 'I emailed [email] twice'],
  ]);
  cases([
    ['they came at 10.30', 'they came at 10.30'],
    ['I was at home all day', 'I was at home all day'],
  ]);
});

describe('more postcodes, addresses, vehicles', () => {
  cases([
    ['NE17RU', '[postcode]'],
    ['ls61an', '[postcode]'],
    ['DH1  3LE was wrong', '[postcode] was wrong'],
    ['I live at 4 the grove', 'I live at [address]'],
    ['outside 3-5 Church Street', 'outside [address]'],
    ['I live at Flat 9 Bridge House', 'I live at [address]'],
    ['Apartment 14, the building', '[address], the building'],
    ['No. 6 Rosemary Court', '[address]'],
    ['reg KV 65 BNX', 'reg [vehicle]'],
    ['the reg is PJ11WQZ', 'the reg is [vehicle]'],
    ['j452 kbd', '[vehicle]'],
    ['number plate ABC 123', 'number plate [vehicle]'],
  ]);
  cases([
    ['I was in Station Road when it happened', 'I was in Station Road when it happened'],
    ['They took my PS5 and two games', 'They took my PS5 and two games'],
    ['the m62 was shut', 'the m62 was shut'],
    ['the number plate started with WR', 'the number plate started with WR'],
  ]);
});

describe('dates of birth', () => {
  cases([
    ['DOB 12/03/1985', 'DOB [dob]'],
    ['my D.O.B. is 03-07-1979', 'my D.O.B. is [dob]'],
    ['I was born on 3rd March 1985', 'I was born on [dob]'],
    ['born on the 5th of November 1955', 'born on the [dob]'],
    ['Date of birth: 19 Aug 1988', 'Date of birth: [dob]'],
    ['born on June 4th 1972', 'born on [dob]'],
    ['I was born in 1942', 'I was born in [dob]'],
  ]);
  cases([
    ['My case was closed on 14/06/2021', 'My case was closed on 14/06/2021'],
    ['born and bred round here', 'born and bred round here'],
    ['I am 75 and live alone', 'I am 75 and live alone'],
  ]);
});

describe('people named without a cue the old redaction needed', () => {
  cases([
    ['Sarah was lovely on the phone', '[name] was lovely on the phone'],
    ['my neighbour dave saw the van', 'my neighbour [name] saw the van'],
    ['mr and mrs Wood have CCTV', '[name] have CCTV'],
    ['Auntie Pam was with me', '[name] was with me'],
    ['the suspect Jordan Pike lives nearby', 'the suspect [name] lives nearby'],
    ['Thanks to Zofia who translated', 'Thanks to [name] who translated'],
  ]);
  cases([
    ['Will do the survey again', 'Will do the survey again'],
    ['May I say it was excellent', 'May I say it was excellent'],
    ['Victim Support were excellent', 'Victim Support were excellent'],
    ['Rose Street was blocked off', 'Rose Street was blocked off'],
    ['The Police and Crime Commissioner', 'The Police and Crime Commissioner'],
  ]);
});

describe('the staff gazetteer', () => {
  const staff = staffGazetteer([
    { givenName: 'Jo', familyName: 'Bloggs', rank: 'Sergeant', collar: '2231' },
    { givenName: 'Dylan', familyName: 'Morgan-Hughes' },
    { givenName: 'Sarah', familyName: 'Jones' },
  ]);
  const withStaff = (t: string) => redactText(t, { staff });
  it('finds a staff name without a rank, in any case, hyphenated family names too', () => {
    expect(withStaff('Jo Bloggs came round')).toBe('[officer] came round');
    expect(withStaff('jo bloggs came round')).toBe('[officer] came round');
    expect(withStaff('Bloggs was brilliant')).toBe('[officer] was brilliant');
    expect(withStaff('Dylan Morgan-Hughes took it')).toBe('[officer] took it');
    expect(withStaff('it was the officer (2231) who came')).toBe(
      'it was the officer ([collar]) who came',
    );
  });
  it('without the gazetteer the same names are people or nothing', () => {
    expect(redactText('Bloggs was brilliant')).toBe('Bloggs was brilliant');
    expect(redactText('Jo Bloggs came round')).toBe('[name] came round');
  });
  it('a writer who gives a staff name as their own is a name', () => {
    expect(withStaff('my name is sarah jones')).toBe('my name is [name]');
  });
  it('leaves the same letters as a word or a place alone', () => {
    expect(withStaff('the blogs were full of it')).toBe('the blogs were full of it');
    expect(withStaff('incident number 2231 of May')).toBe('incident number 2231 of May');
  });
});

describe('spans', () => {
  it('are the merged ranges of the input, each replaced whole by its tag', () => {
    const input = 'PC Smith (4567) rang 07700 900123 about AB12 CDE';
    const r = redact(input);
    expect(r.spans.map((s) => [s.kind, input.slice(s.start, s.end)])).toEqual([
      ['officer', 'PC Smith'],
      ['collar', '4567'],
      ['phone', '07700 900123'],
      ['vehicle', 'AB12 CDE'],
    ]);
    let rebuilt = '';
    let at = 0;
    for (const s of r.spans) {
      rebuilt += input.slice(at, s.start) + REDACTION_TAGS[s.kind];
      at = s.end;
    }
    expect(rebuilt + input.slice(at)).toBe(r.text);
  });
  it('an officer named with a known given name is one officer, not an officer and a name', () => {
    expect(redact('PC Sarah Jones helped').spans).toEqual([{ kind: 'officer', start: 0, end: 14 }]);
  });
  it('redacting the redacted text changes nothing', () => {
    const once = redactText('My name is Sarah, PC Jones rang 07700 900123, DOB 1/2/80, Flat 3');
    expect(redactText(once)).toBe(once);
  });
});
