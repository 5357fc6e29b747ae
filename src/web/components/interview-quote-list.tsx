import { Link } from 'react-router';
import type { Level, Side, SideInfo } from '../../domain/model.ts';
import { quoteAttribution } from './interview-labels.tsx';

export type QuoteItem = { id: string; text: string; side: Side; level: Level; interviewRef: string | null };

// Quotes as the facilitator sees them: the words and who said them by side and level only. The
// interview ref links back to the source for the facilitator; it names nobody.

export function InterviewQuoteList(props: {
  quotes: readonly QuoteItem[];
  sides: Record<Side, SideInfo>;
  relationshipId: string;
  showSource?: boolean;
}) {
  return (
    <ul className="interview-quotes">
      {props.quotes.map((quote) => (
        <li key={quote.id}>
          <figure>
            <blockquote>
              <p>{quote.text}</p>
            </blockquote>
            <figcaption>
              — {quoteAttribution(props.sides, quote.side, quote.level)}
              {props.showSource && quote.interviewRef && (
                <>
                  {' '}
                  <span className="muted">
                    (from{' '}
                    <Link to={`/relationships/${props.relationshipId}/interviews/${quote.interviewRef}`}>
                      {quote.interviewRef}
                    </Link>
                    )
                  </span>
                </>
              )}
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}
