import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../domain/parse-input.ts';
import { PortfolioQuerySchema } from '../domain/portfolio-summary.ts';
import { getPortfolio } from '../services/get-portfolio.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse } from './openapi.ts';
import { scope } from './scope.ts';
import { requireUser } from './session-middleware.ts';

// The portfolio as JSON (issue 4, item 5): every relationship of the signed-in facilitator's
// workspace with its index per side, stage, change, response rate and early warnings; the same
// sort and filter parameters as the /portfolio page. Mounted at /api.

export function portfolioRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/portfolio', requireUser(['admin', 'facilitator']), async (c) => {
    const { db, workspaceId } = scope(c);
    const query = parseInput(PortfolioQuerySchema, c.req.query(), 'query');
    const portfolio = await getPortfolio(db, workspaceId, query);
    return c.json({
      total: portfolio.total,
      withWarnings: portfolio.withWarnings,
      quarter: portfolio.quarter,
      relationships: portfolio.rows,
    });
  });
  return app;
}

const ERROR = errorResponse('error: { error: { code, message, details } } (docs/ARCHITECTURE.md, Errors)');

const PARAMETER_HELP = {
  sort: 'column to sort by (default name); relationships without a value come last',
  dir: 'asc (default) or desc',
  stage: 'only this stage level (0–4), or none for no stage yet',
  flag: 'any warning, none, or one kind: index-fell, diluting-incidents, perception-gap',
  q: 'text in the relationship name or either side name (case-insensitive)',
} as const;

/** OpenAPI 3.1 paths, with the /api prefix, for /api/openapi.json. */
export const portfolioOpenApiPaths = {
  '/api/portfolio': {
    get: {
      tags: ['portfolio'],
      summary:
        'every relationship of the workspace: trust index per side and stage of its latest wave with results, change since the previous wave, response rate, early warnings (suppressed indices are null)',
      parameters: Object.entries(PortfolioQuerySchema.shape).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        description: PARAMETER_HELP[name as keyof typeof PARAMETER_HELP],
        schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
      })),
      responses: {
        '200': { description: '{ total, withWarnings, quarter, relationships: [summary] }' },
        '400': ERROR,
        '401': ERROR,
        '403': ERROR,
      },
    },
  },
};
