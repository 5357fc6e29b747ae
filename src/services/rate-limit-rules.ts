// Budgets for what must stay slow to guess or cheap to refuse, shared by every app process through
// the rate_limits table (decision 024). A rule counts hits per key in fixed windows of `windowMs`.

export type RateLimitRule = {
  /** The rate_limits.bucket: one per rule. */
  bucket: string;
  /** Hits allowed per key in one window; the next one is refused until the window ends. */
  limit: number;
  windowMs: number;
};

const MINUTE = 60_000;

export const RATE_LIMITS = {
  /**
   * Typed survey codes are 8 characters of 25 (about 37 bits): 30 wrong tries per client address
   * in 10 minutes, on every way in together (the code form, /s/CODE pages, the API).
   */
  surveyCode: { bucket: 'survey-code', limit: 30, windowMs: 10 * MINUTE },
  /**
   * Typed workshop codes are 6 characters of 24 (about 27 bits) and live for one meeting: 30
   * wrong tries per client address in 10 minutes; a code that works is given back, so a room
   * behind one address joins freely.
   */
  workshopCode: { bucket: 'workshop-code', limit: 30, windowMs: 10 * MINUTE },
  /** Event streams one attendee opens: a phone that sleeps reconnects; a flood of them stops. */
  workshopStream: { bucket: 'workshop-stream', limit: 120, windowMs: 10 * MINUTE },
  /** Reset links asked for one email address: 3 an hour (each supersedes the last). */
  passwordResetEmail: { bucket: 'password-reset-email', limit: 3, windowMs: 60 * MINUTE },
  /** Reset links asked from one client address, whatever the email: 10 an hour. */
  passwordResetAddress: { bucket: 'password-reset-address', limit: 10, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;
