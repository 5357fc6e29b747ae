import type { Env } from '../env.ts';
import { routedSegments } from './routed-path.ts';

// How large a request body may be, per kind of route: the one place these limits live
// (docs/decisions/025-request-body-limits.md). Each can be changed with its environment variable
// (README, "Environment"). A body over its limit is answered 413 before it is read.

export const BODY_LIMIT_CLASSES = ['survey', 'default', 'participants', 'bundle'] as const;
export type BodyLimitClass = (typeof BODY_LIMIT_CLASSES)[number];
export type BodyLimits = Record<BodyLimitClass, number>;

const KIB = 1024;
const MIB = 1024 * KIB;

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  // A participant's answers, a section's form or an incident: 26 ratings and a few texts of at
  // most 4,000 characters, each up to 9 bytes a character once percent-encoded.
  survey: 256 * KIB,
  // Every other page form and JSON call; the largest is an interview transcript (200,000
  // characters).
  default: 2 * MIB,
  // A participants CSV of 100,000 rows (name, email, side, level: about 80 bytes a row).
  participants: 32 * MIB,
  // A whole relationship bundle sent as its files' texts.
  bundle: 64 * MIB,
};

/** The environment variable that overrides each limit. */
export const BODY_LIMIT_VARIABLES = {
  survey: 'BODY_LIMIT_SURVEY',
  default: 'BODY_LIMIT_DEFAULT',
  participants: 'BODY_LIMIT_PARTICIPANTS',
  bundle: 'BODY_LIMIT_BUNDLE',
} as const satisfies Record<BodyLimitClass, string>;

/**
 * Which limit a request path falls under. Matched as the routers match it (any case, percent-
 * decoded, with or without React Router's `.data` suffix or a trailing slash), so no spelling of
 * a path gets a larger limit than its route's.
 */
export function bodyLimitClassOf(pathname: string): BodyLimitClass {
  const s = routedSegments(pathname);
  if (s[0] === 'code' && s.length === 1) return 'survey';
  if (s[0] === 's') return 'survey';
  if (s[0] === 'api' && s[1] === 'survey') return 'survey';
  if (s[0] === 'api' && s[1] === 'relationships' && s[2] === 'import' && s.length === 3) return 'bundle';
  const participants = s[0] === 'api' ? s.slice(1) : s;
  if (
    participants[0] === 'relationships' &&
    participants[2] === 'participants' &&
    (participants[3] === 'import' || participants[3] === 'preview') &&
    participants.length === 4
  ) {
    return 'participants';
  }
  return 'default';
}

/** The limits the environment sets (BODY_LIMIT_*, README); the others keep their defaults. */
export function bodyLimitsOf(
  env: Pick<Env, (typeof BODY_LIMIT_VARIABLES)[BodyLimitClass]>,
): Partial<BodyLimits> {
  const limits: Partial<BodyLimits> = {};
  for (const kind of BODY_LIMIT_CLASSES) {
    const bytes = env[BODY_LIMIT_VARIABLES[kind]];
    if (bytes !== undefined) limits[kind] = bytes;
  }
  return limits;
}

/** "256 KiB", "32 MiB": a limit as people read it, in refusals and docs. */
export function formatByteSize(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= KIB && bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
