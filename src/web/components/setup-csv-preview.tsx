import type { ParticipantCsvProblem, ParticipantCsvRow } from '../../domain/participants-csv.ts';
import { SetupTableScroll } from './setup-table-scroll.tsx';

// The participants CSV as Trustloop read it: every problem with its place in the file, then
// every row with the values it would save. Shown before anything is saved.

function problemKey(p: ParticipantCsvProblem): string {
  return `${p.line}:${p.column}:${p.field}:${p.message}`;
}

export function SetupCsvProblems({ problems }: { problems: readonly ParticipantCsvProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <SetupTableScroll label="Problems in the file">
      <table>
        <caption>
          {problems.length} problem{problems.length === 1 ? '' : 's'} in the file
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={problemKey(p)}>
              <td>{p.line}</td>
              <td>{p.column ?? '—'}</td>
              <td>{p.field || '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}

export function SetupCsvRows({ rows }: { rows: readonly ParticipantCsvRow[] }) {
  if (rows.length === 0) return null;
  return (
    <SetupTableScroll label="Rows read from the file">
      <table>
        <caption>
          {rows.length} row{rows.length === 1 ? '' : 's'} read from the file
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Result</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Side</th>
            <th scope="col">Level</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line} className={row.participant ? undefined : 'has-problem'}>
              <th scope="row">{row.line}</th>
              <td>
                {row.participant ? (
                  'Ready to import'
                ) : (
                  <ul className="plain">
                    {row.problems.map((p) => (
                      <li key={problemKey(p)}>
                        <strong>Problem:</strong> {p.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{row.participant?.name ?? row.values.name}</td>
              <td>{row.participant?.email ?? row.values.email}</td>
              <td>{row.participant?.side ?? row.values.side}</td>
              <td>{row.participant?.level ?? row.values.level}</td>
              <td>{row.participant?.role ?? row.values.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SetupTableScroll>
  );
}
