import { formatCsv } from '../../domain/csv.ts';
import { fieldId } from './form-parts.tsx';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// Personal links just issued: the only time their URL and code can be seen (only hashes are
// stored). A table to read, and the same as CSV to copy into a mail merge.

export type IssuedLinkView = {
  participantId: string;
  name: string;
  email: string;
  url: string;
  code: string;
};

/** The CSV every download uses (formatCsv): a name such as "=HYPERLINK(…)" is guarded, not run. */
export function issuedLinksCsv(links: readonly IssuedLinkView[]): string {
  return formatCsv([['name', 'email', 'url', 'code'], ...links.map((l) => [l.name, l.email, l.url, l.code])]);
}

export function SetupIssuedLinks({ links }: { links: readonly IssuedLinkView[] }) {
  const headingId = 'issued-links-title';
  if (links.length === 0) {
    return (
      <section className="notice" aria-labelledby={headingId}>
        <h2 id={headingId}>No new links</h2>
        <p>Everyone already has a live link for this wave. Re-issue a link to replace a lost one.</p>
      </section>
    );
  }
  return (
    <section className="issued-links" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {links.length} new personal link{links.length === 1 ? '' : 's'}
      </h2>
      <div className="warning" role="alert">
        <p>
          <strong>Copy these now: they cannot be shown again.</strong> Trustloop keeps only a one-way hash of
          each link and code. If one gets lost, re-issue it.
        </p>
      </div>
      <SetupTableScroll label="New links and codes">
        <table>
          <caption>New links and codes</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Code</th>
              <th scope="col">Personal link</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.participantId}>
                <th scope="row">
                  {link.name}
                  <div className="muted small">{link.email}</div>
                </th>
                <td>
                  <code className="code">{link.code}</code>
                </td>
                <td className="secret-url">{link.url}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </SetupTableScroll>
      <div className="field">
        <label htmlFor={fieldId('issued-csv')}>Copy as CSV</label>
        <span className="hint" id={`${fieldId('issued-csv')}-hint`}>
          Select all and copy into a spreadsheet or mail merge.
        </span>
        <textarea
          id={fieldId('issued-csv')}
          readOnly
          rows={Math.min(12, links.length + 2)}
          spellCheck={false}
          aria-describedby={`${fieldId('issued-csv')}-hint`}
          value={issuedLinksCsv(links)}
          className="mono"
        />
      </div>
    </section>
  );
}
