// A server-sent-events client over fetch for the workshop's tests: collects events as they arrive.

export type SseEvent = { id: string | null; event: string; data: string };

/** An SSE client over fetch: collects events as they arrive. */
export function openStream(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  let finished = false;
  const done = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (!response.ok || !response.body) {
      events.push({ id: null, event: 'http-error', data: String(response.status) });
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffered += value;
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event: SseEvent = { id: null, event: 'message', data: '' };
        for (const line of frame.split('\n')) {
          if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('data: ')) event.data += line.slice(6);
        }
        if (!frame.startsWith(':')) events.push(event);
        end = buffered.indexOf('\n\n');
      }
    }
  })()
    .catch(() => {})
    .finally(() => {
      finished = true;
    });
  return {
    events,
    kinds: () => events.map((e) => e.event),
    /** The server ended the stream (or it was closed). */
    ended: () => finished,
    lastId: () => events.filter((e) => e.id !== null).at(-1)?.id ?? null,
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
