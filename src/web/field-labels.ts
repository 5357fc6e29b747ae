// What a person reads where a service names a field: "Held on", not `heldOn`; "Side A name", not
// `sides.A.name`; "Evidence 3", not `evidence.2` (issue 8, item 13). The services keep the field
// paths (the API and the CLI show them as they are); the pages word them.

const WORDS: Readonly<Record<string, string>> = {
  sides: 'side',
  owners: 'owner',
  commitmentsA: 'commitments of side A',
  commitmentsB: 'commitments of side B',
  anonymityThreshold: 'anonymity threshold',
  csv: 'file',
  body: 'form',
};

/** `heldOn` → "Held on"; `sides.A.name` → "Side A name"; `evidence.2` → "Evidence 3". */
export function fieldLabel(path: string): string {
  const words = path.split('.').map((part) => {
    if (/^\d+$/.test(part)) return String(Number(part) + 1);
    if (part in WORDS) return WORDS[part]!;
    if (/^[AB]$/.test(part)) return part;
    return part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A service's message with each leading "<field>: " worded for a person. */
export function wordFieldNames(message: string): string {
  return message.replace(
    /(^|; )([A-Za-z][\w]*(?:\.[\w]+)*): /g,
    (_, before: string, path: string) => `${before}${fieldLabel(path)}: `,
  );
}
