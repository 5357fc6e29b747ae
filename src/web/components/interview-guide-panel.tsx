import { Link } from 'react-router';
import { parseGuide } from '../../domain/interview-guide.ts';
import type { Level } from '../../domain/model.ts';
import { LEVEL_LABELS } from './setup-labels.tsx';

// The interview guide for one level, beside the notes while the facilitator interviews: headings
// and prompts from the guide's plain text (never markup).

export function InterviewGuidePanel(props: {
  level: Level;
  body: string;
  isCustom: boolean;
  /** 3 when the panel sits under a level's own h2 (the guide page's preview). */
  headingLevel?: 2 | 3;
}) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const Sub = props.headingLevel === 3 ? 'h4' : 'h3';
  const titleId = `guide-panel-${props.level}-title`;
  const isPreview = props.headingLevel === 3;
  // A section, not an aside: a complementary landmark must not sit inside <main>.
  return (
    <section className="interview-guide-panel" aria-labelledby={titleId}>
      <Heading id={titleId}>Interview guide: {LEVEL_LABELS[props.level].toLowerCase()} level</Heading>
      {!isPreview && (
        <p className="muted small">
          {props.isCustom ? 'Your workspace’s guide.' : 'The built-in guide.'}{' '}
          <Link to="/interview-guide">Edit the guide</Link>
        </p>
      )}
      {parseGuide(props.body).map((block, index) => {
        const key = `${block.kind}-${index}`;
        if (block.kind === 'heading') return <Sub key={key}>{block.text}</Sub>;
        if (block.kind === 'prompts')
          return (
            <ul key={key}>
              {block.items.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: prompts are static text and may repeat
                <li key={i}>{item}</li>
              ))}
            </ul>
          );
        return <p key={key}>{block.text}</p>;
      })}
    </section>
  );
}
