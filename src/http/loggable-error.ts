// What the server's log may say about an unexpected error. Errors carry what they were working on:
// a failed query its SQL parameters (a participant's answers, an email), a database message the
// value it refused (`invalid input syntax for type uuid: "…"`), React Router's "No route matches
// URL" the survey token in the path. The log keeps the kind of error, the database's code, where
// in the code it happened, and a message with quoted values taken out; never the parameters.

export type LoggableError = {
  type: string;
  message: string;
  /** SQLSTATE of a database error, with the constraint, table or column it names. */
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Stack frames only: the first line of a stack is the message again. */
  stack?: string;
  cause?: LoggableError;
};

export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error))
    return { type: typeof error, message: 'a thrown value that is not an Error' };
  const fields = error as Error & {
    code?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
    params?: unknown;
  };
  const sqlState =
    typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) ? fields.code : undefined;
  const isQueryError = 'params' in fields || /^Failed query/.test(error.message);
  const loggable: LoggableError = {
    type: error.constructor?.name || error.name,
    message: sqlState
      ? `database error ${sqlState}`
      : isQueryError
        ? 'a database query failed'
        : withoutQuotedValues(error.message),
  };
  if (sqlState) loggable.sqlState = sqlState;
  for (const key of ['constraint', 'table', 'column'] as const) {
    if (typeof fields[key] === 'string') loggable[key] = fields[key];
  }
  const frames = error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  if (frames) loggable.stack = frames;
  if (error.cause !== undefined && depth < 3) loggable.cause = loggableError(error.cause, depth + 1);
  return loggable;
}

/** `No route matches URL "/s/abc…"` → `No route matches URL "…"`; long messages are cut. */
function withoutQuotedValues(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '"…"').slice(0, 300);
}
