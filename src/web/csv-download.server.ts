// Every CSV download of the web app: a safe ASCII file name, never cached (the tables are
// private to the facilitator), and the file through formatCsv, whose formula guard keeps a spreadsheet from running what participants wrote.

export function csvDownload(name: string, csv: string): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(name)}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}

/** "Northwater ⇄ Corvid: quotes" → "Northwater-Corvid-quotes". */
export function csvFileName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'trustloop'
  );
}
