import { Form, Link } from 'react-router';
import { EARLY_WARNING_KINDS, EARLY_WARNING_LABELS } from '../../domain/early-warnings.ts';
import type { PortfolioQuery } from '../../domain/portfolio-summary.ts';

// The portfolio's filters: a plain GET form, so the filtered list has its own address and works
// without JavaScript. The current sort rides along in hidden fields.

export function PortfolioFilters(props: {
  query: PortfolioQuery;
  stages: ReadonlyArray<{ level: number; name: string }>;
}) {
  const { query } = props;
  const isFiltered = query.q !== '' || query.stage !== undefined || query.flag !== undefined;
  return (
    <Form method="get" className="portfolio-filters" aria-label="Filter relationships">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="field">
        <label htmlFor="portfolio-q">Relationship or organisation</label>
        <input id="portfolio-q" name="q" type="text" defaultValue={query.q} />
      </div>
      <div className="field">
        <label htmlFor="portfolio-stage">Stage</label>
        <select id="portfolio-stage" name="stage" defaultValue={query.stage ?? ''}>
          <option value="">Any stage</option>
          {props.stages.map((stage) => (
            <option key={stage.level} value={String(stage.level)}>
              {stage.level} {stage.name}
            </option>
          ))}
          <option value="none">No stage yet</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="portfolio-flag">Early warnings</label>
        <select id="portfolio-flag" name="flag" defaultValue={query.flag ?? ''}>
          <option value="">With or without</option>
          <option value="any">Any early warning</option>
          {EARLY_WARNING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {EARLY_WARNING_LABELS[kind]}
            </option>
          ))}
          <option value="none">No early warning</option>
        </select>
      </div>
      <div className="portfolio-filter-actions">
        <button type="submit">Apply filters</button>
        {isFiltered && (
          <Link to={`?sort=${query.sort}&dir=${query.dir}`} className="portfolio-clear">
            Clear filters
          </Link>
        )}
      </div>
    </Form>
  );
}
