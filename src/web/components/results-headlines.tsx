// The story of a results page in a few sentences, written from the numbers by src/web/results/.
// Cautions carry a word, not only a colour.

export type Headline = { kind: 'index' | 'stage' | 'levels' | 'blind-spot' | 'caution'; text: string };

const KIND_LABELS: Record<Headline['kind'], string> = {
  index: 'Trust',
  stage: 'Stage',
  levels: 'Levels',
  'blind-spot': 'Blind spot',
  caution: 'Caution',
};

export function ResultsHeadlines({ headlines }: { headlines: readonly Headline[] }) {
  if (headlines.length === 0) return null;
  return (
    <section aria-labelledby="headlines-title" className="results-headlines">
      <h2 id="headlines-title">In short</h2>
      <ul>
        {headlines.map((headline) => (
          <li key={headline.text} className={`headline-${headline.kind}`}>
            <strong>{KIND_LABELS[headline.kind]}:</strong> {headline.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
