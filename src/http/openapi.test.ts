import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestPglite } from '../../tests/support/test-stores.ts';
import type { Database } from '../db/client.ts';
import { SurveyAnswersInputSchema } from '../domain/validate-survey-answers.ts';
import { createApp } from './create-app.ts';

// /api/openapi.json must be a document a standard validator accepts, so that a generated client
// can call every route (a missing requestBody `content` once left survey submissions unsendable).

let database: Database;
let document: Record<string, unknown>;
beforeAll(async () => {
  database = await openTestPglite();
  const app = createApp({ db: database.db, storeKind: 'pglite' });
  document = (await (await app.request('/api/openapi.json')).json()) as Record<string, unknown>;
});
afterAll(async () => {
  await database?.close();
});

test('the whole document passes @apidevtools/swagger-parser’s validation', async () => {
  // validate() dereferences its argument in place: give it a copy.
  await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
});

test('every request body says its media type and schema', () => {
  const paths = document.paths as Record<string, Record<string, { requestBody?: Record<string, unknown> }>>;
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation.requestBody) continue;
      const content = operation.requestBody.content as Record<string, { schema?: unknown }> | undefined;
      expect(content, `${method.toUpperCase()} ${path}`).toBeDefined();
      for (const media of Object.values(content ?? {})) expect(media.schema).toBeDefined();
    }
  }
});

test('the survey submissions’ bodies are the answers schema the routes validate with', () => {
  const paths = document.paths as Record<
    string,
    Record<string, { requestBody: { content: Record<string, { schema: { properties: object } }> } }>
  >;
  for (const path of ['/api/survey/{token}/submit', '/api/survey/code/{code}/submit']) {
    const schema = paths[path]!.post!.requestBody.content['application/json']!.schema;
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(SurveyAnswersInputSchema.shape).sort());
  }
});
