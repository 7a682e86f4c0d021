/** One audited case in the import format that meets everything; `over` changes what a test is about. */
export function audit(id: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    case_id: id,
    crime_id: '',
    audited_at: '2021-05-14',
    lpa: 'North',
    acknowledgement: 'yes',
    updates_timely: 'yes',
    vps_offered: 'yes',
    need_identified: 'yes',
    referred_within_2_days: 'yes',
    referral: 'within_2_days',
    informed_code: 'yes',
    informed_end_of_journey: 'yes',
    victim_sex: 'female',
    victim_date_of_birth: '',
    victim_age_band: '25-34',
    victim_ethnicity: 'white',
    ...over,
  };
}
