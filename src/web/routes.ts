import { index, type RouteConfig, route } from '@react-router/dev/routes';

// Every page of the web app. Facilitator pages need a session; /s/* and /code are the
// participant's survey, reached by a personal link or a typed code, no account.
export default [
  index('routes/home.tsx'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-out', 'routes/sign-out.tsx'),
  route('setup', 'routes/setup.tsx'),
  route('forgot-password', 'routes/forgot-password.tsx'),
  route('reset-password/:token', 'routes/reset-password.tsx'),
  route('outbox', 'routes/outbox.tsx'),
  route('instruments', 'routes/instruments.tsx'),
  route('relationships/new', 'routes/relationship-new.tsx'),
  route('relationships/:id', 'routes/relationship.tsx'),
  route('relationships/:id/edit', 'routes/relationship-edit.tsx'),
  route('relationships/:id/participants', 'routes/participants.tsx'),
  route('relationships/:id/participants/import', 'routes/participants-import.tsx'),
  route('relationships/:id/participants/:pid', 'routes/participant-edit.tsx'),
  route('relationships/:id/waves/new', 'routes/wave-new.tsx'),
  route('relationships/:id/waves/:label', 'routes/wave.tsx'),
  route('code', 'routes/survey-code.tsx'),
  route('s/:key', 'routes/survey-start.tsx'),
  route('s/:key/questions/:section', 'routes/survey-section.tsx'),
  route('s/:key/incident', 'routes/survey-incident.tsx'),
  route('s/:key/review', 'routes/survey-review.tsx'),
  route('s/:key/thanks', 'routes/survey-thanks.tsx'),
] satisfies RouteConfig;
