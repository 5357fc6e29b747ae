// Imported FIRST by every entry point that serves the web app (src/cli/main.ts, the benchmarks):
// React picks its production or development build from NODE_ENV when it is first imported, so this
// must run before any module imports react or react-router. See defaultToProductionRendering.
import { defaultToProductionRendering } from '../env.ts';

defaultToProductionRendering();
