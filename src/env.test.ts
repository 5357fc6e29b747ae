import { expect, test } from 'vitest';
import { defaultToProductionRendering, readEnv } from './env.ts';

test('the environment is validated, with errors that name the variable', () => {
  expect(readEnv({}).PORT).toBe(3000);
  const refused = () => readEnv({ PORT: '70000', DATABASE_URL: 'mysql://x' });
  expect(refused).toThrow(/^Invalid environment:/);
  expect(refused).toThrow(/PORT: /);
  expect(refused).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
});

test('a server not told otherwise renders with production React; a test runner keeps its own mode', () => {
  const unset: Record<string, string | undefined> = {};
  defaultToProductionRendering(unset);
  expect(unset.NODE_ENV).toBe('production');
  for (const mode of ['test', 'development']) {
    const told: Record<string, string | undefined> = { NODE_ENV: mode };
    defaultToProductionRendering(told);
    expect(told.NODE_ENV).toBe(mode);
  }
});
