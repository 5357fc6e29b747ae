import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiClient, signInClient } from '../../../tests/support/api-client.ts';
import { testStores } from '../../../tests/support/test-stores.ts';
import { createTestWebApp } from '../../../tests/support/web-app.ts';
import type { Database } from '../../db/client.ts';
import { relationships, sides } from '../../db/schema.ts';
import { createApp } from '../../http/create-app.ts';
import { createUser } from '../../services/create-user.ts';
import { ensureDefaultWorkspace } from '../../services/ensure-default-workspace.ts';
import { listRelationships } from '../../services/list-relationships.ts';

// The home page (GET /) in-process on each store, rendered by the built web app behind a real
// session: 100 relationships a page in the list's order, a pager that is plain links, and a text
// filter that is a plain GET form, so both work without JavaScript.

const PASSWORD = 'correct horse battery staple';
const MANY = 731;

/** The relationship names of the page's cards, in order. */
function cardNames(html: string): string[] {
  return [...html.matchAll(/<h2 class="card-title"><a href="\/relationships\/[^"]+"[^>]*>([^<]*)<\/a>/g)].map(
    (m) => decode(m[1]!),
  );
}

function decode(text: string): string {
  return text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', "'");
}

/** The pager: its label, and each link's text, address and whether it is the current page. */
function pager(html: string) {
  const nav = /<nav aria-label="Pages of relationships"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) return null;
  const links = [...nav[1]!.matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
    text: m[2]!.replace(/<[^>]+>/g, ''),
    href: decode(/href="([^"]*)"/.exec(m[1]!)?.[1] ?? ''),
    isCurrent: /aria-current="page"/.test(m[1]!),
  }));
  return { links, hasGap: nav[1]!.includes('…') };
}

describe.each(testStores)('the relationships page on $kind', (store) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let facilitator: ApiClient;
  let names: string[];
  let all: Awaited<ReturnType<typeof listRelationships>>;

  beforeAll(async () => {
    database = await store.open();
    const { db } = database;
    const workspaceId = (await ensureDefaultWorkspace(db)).id;
    const inserted = await db
      .insert(relationships)
      .values(
        Array.from({ length: MANY }, (_, i) => ({
          workspaceId,
          name: `Relationship ${String(MANY - i).padStart(3, '0')}`,
        })),
      )
      .returning({ id: relationships.id });
    await db.insert(sides).values(
      inserted.flatMap(({ id }, i) => [
        { relationshipId: id, side: 'A', name: i === 7 ? 'Contoso & Sons' : `Buyer ${i}`, role: 'customer' },
        { relationshipId: id, side: 'B', name: `Supplier ${i}`, role: '' },
      ]),
    );
    all = await listRelationships(db, workspaceId);
    names = all.map((r) => r.name);
    await createUser(db, workspaceId, {
      email: 'fran@example.com',
      name: 'Fran',
      password: PASSWORD,
      role: 'facilitator',
    });
    app = createApp({ db, storeKind: store.kind, web: await createTestWebApp() });
    facilitator = await signInClient(app, 'fran@example.com', PASSWORD);
  });
  afterAll(async () => {
    await database?.close();
  });

  const page = async (path: string) => {
    const response = await facilitator.request(path);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  test('the first page: 100 relationships in the list’s order, how many of how many, and a pager', async () => {
    const html = await page('/');
    expect(cardNames(html)).toEqual(names.slice(0, 100));
    expect(html).toContain('Showing 1–100 of 731');
    expect(html).toContain('<title>Relationships — Trustloop</title>');
    const nav = pager(html)!;
    expect(nav.links).toEqual([
      { text: '1', href: '/', isCurrent: true },
      { text: '2', href: '/?page=2', isCurrent: false },
      { text: '3', href: '/?page=3', isCurrent: false },
      { text: '8', href: '/?page=8', isCurrent: false },
      { text: 'Next page', href: '/?page=2', isCurrent: false },
    ]);
    expect(nav.hasGap).toBe(true);
    // Without JavaScript: the filter is a GET form.
    const form = /<form [^>]*class="relationships-filter"[^>]*>/.exec(html)?.[0] ?? '';
    expect(form).toMatch(/ method="get"/);
    expect(form).toMatch(/ action="\/"/);
    expect(html).toMatch(/<input id="relationships-q"[^>]* name="q"/);
  });

  test('later pages continue the list; the last is short; past the end is the last page', async () => {
    const second = await page('/?page=2');
    expect(cardNames(second)).toEqual(names.slice(100, 200));
    expect(second).toContain('Showing 101–200 of 731');
    expect(
      pager(second)!
        .links.filter((l) => l.isCurrent)
        .map((l) => l.text),
    ).toEqual(['2']);
    expect(pager(second)!.links[0]).toEqual({ text: 'Previous page', href: '/', isCurrent: false });
    const last = await page('/?page=8');
    expect(cardNames(last)).toEqual(names.slice(700));
    expect(last).toContain('Showing 701–731 of 731');
    expect(pager(last)!.links.map((l) => l.text)).toEqual(['Previous page', '1', '6', '7', '8']);
    for (const path of ['/?page=99', '/?page=99999999999']) {
      expect(cardNames(await page(path)), path).toEqual(names.slice(700));
    }
    for (const path of ['/?page=0', '/?page=-3', '/?page=two']) {
      expect(cardNames(await page(path)), path).toEqual(names.slice(0, 100));
    }
  });

  test('the filter finds a relationship by an organisation’s name and keeps it in the pager’s links', async () => {
    const html = await page(`/?q=${encodeURIComponent('contoso &')}`);
    expect(cardNames(html)).toEqual([`Relationship ${MANY - 7}`]);
    expect(html).toContain('Showing 1–1 of 1 matching “contoso &amp;” (731 in all)');
    expect(pager(html)).toBeNull();
    expect(html).toMatch(/<input id="relationships-q"[^>]* value="contoso &amp;"/);
    expect(html).toContain('Clear the filter');

    // "Supplier 1", "Supplier 10" … "Supplier 199": 111 relationships, two pages.
    const many = await page('/?q=SUPPLIER+1&page=2');
    const matching = all.filter((r) => r.sides.B.name.includes('Supplier 1')).map((r) => r.name);
    expect(matching).toHaveLength(111);
    expect(cardNames(many)).toEqual(matching.slice(100));
    expect(many).toContain('Showing 101–111 of 111 matching “SUPPLIER 1” (731 in all)');
    expect(pager(many)!.links.map((l) => [l.text, l.href])).toEqual([
      ['Previous page', '/?q=SUPPLIER+1'],
      ['1', '/?q=SUPPLIER+1'],
      ['2', '/?q=SUPPLIER+1&page=2'],
    ]);
    expect(many).toContain('<title>Relationships matching “SUPPLIER 1”, page 2 of 2 — Trustloop</title>');

    const none = await page('/?q=no+such+organisation');
    expect(cardNames(none)).toEqual([]);
    expect(none).toContain('No relationship has “no such organisation” in its name');
    const tooLong = await page(`/?q=${'x'.repeat(201)}`);
    expect(cardNames(tooLong)).toEqual(names.slice(0, 100));
    expect(tooLong).toContain('The filter was longer than 200 characters');
  });

  test('the pager shows the first, the last and two pages either side of the current one', async () => {
    const third = await page('/?page=3');
    expect(pager(third)!.links.map((l) => [l.text, l.isCurrent])).toEqual([
      ['Previous page', false],
      ['1', false],
      ['2', false],
      ['3', true],
      ['4', false],
      ['5', false],
      ['8', false],
      ['Next page', false],
    ]);
    expect(pager(third)!.hasGap).toBe(true);
    // A gap of a single page shows that page instead of an ellipsis.
    const fifth = pager(await page('/?page=5'))!;
    expect(fifth.links.map((l) => l.text).join(' ')).toBe('Previous page 1 2 3 4 5 6 7 8 Next page');
    expect(fifth.hasGap).toBe(false);
  });

  test('signed out: to the sign-in page', async () => {
    const response = await app.request('/?page=2');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });
});
