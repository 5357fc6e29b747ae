// Where to send someone after they sign in (`/sign-in?next=…`): only a path of this site. A
// browser resolves a redirect's Location with the WHATWG URL parser, which drops tabs and new
// lines, reads a backslash as a slash and `//host` as another site, so the check is done with
// that same parser instead of by looking at the first characters.

/** A placeholder origin: only whether the parsed URL keeps it matters. */
const HERE = 'http://here.invalid';

/**
 * `next` as a path of this site (path, query and fragment, normalised and percent-encoded), or
 * '/' when it is absent or would leave the site in any encoding.
 */
export function sameSitePath(next: string | null | undefined): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, `${HERE}/`);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" normalises to "//evil": as a Location that is another host.
  return path.startsWith('//') ? '/' : path;
}
