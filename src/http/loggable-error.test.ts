import { expect, test } from 'vitest';
import { loggableError } from './loggable-error.ts';

// What an unexpected error leaves in the log: its kind and place, never the data it carried.

test('a failed query keeps its kind and SQLSTATE, not its parameters or message', () => {
  const cause = Object.assign(new Error('invalid input syntax for type uuid: "zelda@example.com"'), {
    code: '22P02',
    table: 'participants',
  });
  const failed = Object.assign(
    new Error('Failed query: update open_answers set text = $1\nparams: my secret answer', { cause }),
    { query: 'update open_answers set text = $1', params: ['my secret answer'] },
  );
  const logged = JSON.stringify(loggableError(failed));
  expect(logged).not.toContain('my secret answer');
  expect(logged).not.toContain('zelda@example.com');
  expect(loggableError(failed)).toMatchObject({
    message: 'a database query failed',
    cause: { message: 'database error 22P02', sqlState: '22P02', table: 'participants' },
  });
});

test('quoted values leave a message; the stack keeps only its frames', () => {
  const error = new Error('No route matches URL "/s/Zx8fK2mQ9vB3nH7tY1wE4r/x"\nmore detail');
  const logged = loggableError(error);
  expect(logged.message).toBe('No route matches URL "…"');
  expect(logged.stack).not.toContain('Zx8fK2mQ9vB3nH7tY1wE4r');
  expect(logged.stack).toMatch(/^\s+at /);
  expect(loggableError('a string')).toEqual({
    type: 'string',
    message: 'a thrown value that is not an Error',
  });
});
