import type { Config } from '@react-router/dev/config';

// The web app: React Router in framework mode, server-rendered, served by the same Hono process
// (src/http/web-handler.ts). Built into build/ by `npm run build`.
export default {
  appDirectory: 'src/web',
  buildDirectory: 'build',
  ssr: true,
} satisfies Config;
