import { type ImportOnce, importBundleOnce } from '../services/import-bundle-once.ts';
import { generateDemoBundle } from './generate-demo-bundle.ts';

export type DemoLoad = ImportOnce;

/** Who runs the demo's survey: the demo workspace's name, given when it still has the default. */
export const DEMO_WORKSPACE_NAME = 'Lakeside Trust Advisory';

/**
 * Loads the demo relationship (the seed article's story) unless the workspace has it already: one
 * import of the demo bundle, which carries the facilitator's coding, a second coder's, the
 * interviews' links and transcripts, the comments' theme tags and the findings, releases,
 * workstreams and charter, so it is all or nothing.
 */
export function loadDemo(
  db: Parameters<typeof importBundleOnce>[0],
  workspaceId: string,
  options: { again?: boolean } = {},
): Promise<DemoLoad> {
  return importBundleOnce(db, workspaceId, generateDemoBundle(), {
    ...options,
    workspaceName: DEMO_WORKSPACE_NAME,
  });
}
