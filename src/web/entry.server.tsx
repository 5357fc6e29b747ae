import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from 'react-router';
import { isRouteErrorResponse, ServerRouter } from 'react-router';

const ABORT_AFTER_MS = 10_000;

// Server rendering with the request's CSP nonce on every inline script React Router emits.
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    let didError = false;
    const userAgent = request.headers.get('user-agent');
    // Crawlers and mail scanners get the whole page at once; browsers get it streamed.
    const readyEvent = userAgent && isbot(userAgent) ? 'onAllReady' : 'onShellReady';
    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={loadContext.nonce} />,
      {
        nonce: loadContext.nonce,
        [readyEvent]() {
          const body = new PassThrough();
          headers.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers,
              status: didError ? 500 : status,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          didError = true;
          loadContext.reportError(error, new URL(request.url).pathname);
        },
      },
    );
    setTimeout(abort, ABORT_AFTER_MS + 1000);
  });
}

/**
 * React Router's own error log (it would print the error whole, SQL parameters and the request's
 * path with its survey token included): refusals it answers itself (404 no such route, 405) are not
 * errors; anything else goes to the server's log without its data.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  context.reportError(error, new URL(request.url).pathname);
}
