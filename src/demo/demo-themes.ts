// The demo's facilitator has coded the comments: plausible theme tags by simple keyword rules, so
// the comments page shows theme counts from the start. Pure: the demo bundle carries these tags
// (generate-demo-bundle.ts), and tag-demo-themes.ts can put them on a stored demo relationship.

const RULES: ReadonlyArray<readonly [theme: string, pattern: RegExp]> = [
  ['Ticket handling', /ticket|queue|log the same|logging/i],
  ['Early warning', /slip|warn|notice|ahead|early|surprise|status report/i],
  ['Blame and penalties', /blame|finger-pointing|penalt|service credit|invoice|procurement|contract at us/i],
  ['Access', /access|vpn|badge|security/i],
  ['Joint routines', /stand-up|service review|change board|ops call|incident bridge|roadmap|planning/i],
  ['Charter and workshop', /charter|workshop/i],
  ['Handovers and people', /handover|shift|offshore|onboarding|turnover|new .*(engineer|manager)|induction/i],
  ['One team', /co-located|one team|incident room|colleague|together|joint win|recognition/i],
  ['Shared data', /dashboard|numbers|root-cause|root cause/i],
];

/** The themes the rules give one comment (none for a comment no rule matches). */
export function demoThemesOf(text: string): string[] {
  return RULES.filter(([, pattern]) => pattern.test(text)).map(([theme]) => theme);
}
