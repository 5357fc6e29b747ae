// A problem found while reading a relationship bundle (docs/formats.md, "Error messages").
// Positions are 1-based; `column` is the character position in the line, as editors count it.

export type BundleProblem = {
  /** File name inside the bundle, e.g. `responses.csv`. */
  file: string;
  line?: number;
  column?: number;
  /** JSON path of the value in a JSON file, e.g. `$.waves[1].opens`. */
  path?: string;
  message: string;
};

/**
 * `responses.csv:14:7: value 9 is off the scale 1–7 for item REL2`,
 * `relationship.json $.waves[1].opens: …`, or `participants.csv: …` when there is no position.
 */
export function formatBundleProblem(problem: BundleProblem): string {
  let where = problem.file;
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  if (problem.path !== undefined) where += ` ${problem.path}`;
  return `${where}: ${problem.message}`;
}
