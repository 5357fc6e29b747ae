import type { Instrument } from '../../domain/model.ts';

// One instrument: its name, version and counts, and behind a disclosure its items grouped by
// dimension (reverse-scored items marked), the meta items and the open questions.

/** `{other}` and `{own}` in item wording, shown as the placeholders a respondent never sees. */
function showWording(text: string): string {
  return text.replaceAll('{other}', '[the other organisation]').replaceAll('{own}', '[our organisation]');
}

export function InstrumentDetails({ instrument, isBuiltIn }: { instrument: Instrument; isBuiltIn: boolean }) {
  const trustItems = instrument.items.filter((item) => item.kind === 'trust');
  const metaItems = instrument.items.filter((item) => item.kind === 'meta');
  const label = (key: string) => instrument.dimensions.find((d) => d.key === key)?.label ?? key;
  const headingId = `instrument-${instrument.name}-${instrument.version}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  return (
    <section aria-labelledby={headingId}>
      <h2 className="card-title" id={headingId}>
        {instrument.name} <span className="muted">version {instrument.version}</span>
        {isBuiltIn && <span className="tag">built in</span>}
      </h2>
      <dl className="facts">
        <div>
          <dt>Dimensions</dt>
          <dd>{instrument.dimensions.map((d) => d.label).join(', ')}</dd>
        </div>
        <div>
          <dt>Items</dt>
          <dd>
            {instrument.items.length} ({trustItems.length} trust, {metaItems.length} meta),{' '}
            {instrument.open.length} open question{instrument.open.length === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt>Scale</dt>
          <dd>
            {instrument.scale.min} to {instrument.scale.max}
          </dd>
        </div>
      </dl>
      <details className="instrument-details">
        <summary>All items of {instrument.name}</summary>
        {instrument.dimensions.map((dimension) => {
          const items = trustItems.filter((item) => item.dimension === dimension.key);
          return (
            <div key={dimension.key}>
              <h3>{dimension.label}</h3>
              <ul className="item-list">
                {items.map((item) => (
                  <li key={item.code}>
                    <code>{item.code}</code> {showWording(item.text)}
                    {item.reverse && <span className="tag">reverse-scored</span>}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {metaItems.length > 0 && (
          <>
            <h3>Meta items: how we believe the other side sees us</h3>
            <ul className="item-list">
              {metaItems.map((item) => (
                <li key={item.code}>
                  <code>{item.code}</code> {showWording(item.text)}{' '}
                  <span className="muted">({label(item.dimension)})</span>
                  {item.reverse && <span className="tag">reverse-scored</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        {instrument.open.length > 0 && (
          <>
            <h3>Open questions</h3>
            <ul className="item-list">
              {instrument.open.map((question) => (
                <li key={question.code}>
                  <code>{question.code}</code> {showWording(question.text)}
                </li>
              ))}
            </ul>
          </>
        )}
      </details>
    </section>
  );
}
