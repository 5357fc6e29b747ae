import { AppError } from '../domain/app-error.ts';
import { findPassage, type PassageMatch } from '../domain/find-passage.ts';
import type { InterviewRecordView } from './find-interview.ts';

/**
 * The passage in the interview's saved notes or transcript, or AppError 'invalid-input' naming the
 * `passage` field: extraction of quotes and incidents shares this one rule.
 */
export function locatePassage(
  interview: Pick<InterviewRecordView, 'ref' | 'notes' | 'transcript'>,
  passage: string,
): PassageMatch {
  const match = findPassage({ notes: interview.notes, transcript: interview.transcript }, passage);
  if (match.kind === 'found') return match;
  const message =
    match.kind === 'empty'
      ? 'select or paste a passage of the notes or the transcript'
      : `is not in the saved notes or transcript of ${interview.ref} (save your changes first, and copy the words exactly; spacing does not matter)`;
  throw new AppError('invalid-input', `passage: ${message}`, [{ field: 'passage', message }]);
}
