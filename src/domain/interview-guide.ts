import { z } from 'zod';
import { LEVELS, type Level } from './model.ts';

// The interview guide: what the facilitator asks at each level, in the style of Flanagan's
// Critical Incident Technique (Flanagan 1954) as the B2B-trust method uses it — ask for a specific
// event, then its context, what happened, and what it led to. The built-in guide is written in the
// project's own words; a workspace may replace it per level (interview_guides) and reset it.
// A guide is plain text: lines starting with "## " are section headings, "- " lines are prompts.

export const MAX_GUIDE_LENGTH = 20_000;

const OPENING = `Before you start: explain that the conversation is about the relationship between the two organisations, not about anyone's performance; that notes are kept by the facilitator; and that quotes are only ever shared as "a leader / an operational manager / a member of staff at <organisation>", never with a name.`;

const CLOSING = `## To close
- If you could change one small thing tomorrow that would make a big difference to the relationship, what would it be?
- Is there anything I should have asked and did not?`;

export const BUILT_IN_INTERVIEW_GUIDES: Readonly<Record<Level, string>> = {
  leadership: `${OPENING}

## Context
- How would you describe the relationship with the other organisation today, in a sentence?
- What does your organisation need from this relationship over the next two or three years?
- How are decisions between the two organisations taken, and who takes them?

## What happened
- Think of a specific moment in the last year when your trust in the other organisation's leadership grew. What happened, when, and who was involved?
- Now a moment when it fell. What exactly was said or done?
- Was there a time you relied on the contract rather than on a conversation? What made you do so?

## What it led to
- What did that moment change in how you deal with them: meetings, reporting, escalations, what you check?
- Did it change what you say about them to your own board or team?
- What would their leadership need to do for you to call them a partner?

${CLOSING}`,
  operational: `${OPENING}

## Context
- What does your team depend on the other organisation for, week to week?
- Where do the two teams meet: service reviews, change boards, projects, escalations?
- How do you learn about a problem on their side, and how soon?

## What happened
- Think of a specific incident, a project or an outage, where the other team's response made you trust them more. Walk me through it: before, during, after.
- Now one where it made you trust them less. What did they promise, and what happened?
- Was there a time information came late, or was held back, or was shared before you asked?

## What it led to
- What did your team do differently afterwards: extra checks, your own logs, weekly checkpoints, or fewer controls?
- Did it change how you plan with them, or around them?
- Which process, if it worked, would most change the trust between the two teams?

${CLOSING}`,
  staff: `${OPENING}

## Context
- What is your day-to-day contact with people from the other organisation: tickets, calls, sitting together?
- Who do you go to when something needs fixing fast, and why them?

## What happened
- Tell me about a time someone from the other organisation went out of their way for you or your work. What did they do?
- Tell me about a time working with them was hard: a ticket, a handover, a request that got lost. What happened?
- Do you feel part of one team with them, or like visitors to each other? Can you give an example?

## What it led to
- What did you start or stop doing after that: phoning people you know, keeping screenshots, working around the process?
- What do you tell new colleagues about working with them?
- What is the "small big thing" that would make your day with them easier?

${CLOSING}`,
};

export const InterviewGuideBodySchema = z
  .string('must be the guide text')
  .trim()
  .min(1, 'must not be empty (reset to the built-in guide instead)')
  .max(MAX_GUIDE_LENGTH, `must be at most ${MAX_GUIDE_LENGTH} characters`);

export const UpdateInterviewGuideSchema = z.strictObject({
  level: z.enum(LEVELS, `must be ${LEVELS.join(', ')}`),
  body: InterviewGuideBodySchema,
});
export type UpdateInterviewGuideInput = z.input<typeof UpdateInterviewGuideSchema>;

export type GuideBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'prompts'; items: string[] }
  | { kind: 'paragraph'; text: string };

/**
 * The guide as blocks to render: "## " headings, runs of "- " prompts as a list, other lines
 * as paragraphs. Plain text in, no markup: a guide can never inject HTML into a page.
 */
export function parseGuide(body: string): GuideBlock[] {
  const blocks: GuideBlock[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('## ')) {
      blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    } else if (line.startsWith('- ')) {
      const last = blocks.at(-1);
      if (last?.kind === 'prompts') last.items.push(line.slice(2).trim());
      else blocks.push({ kind: 'prompts', items: [line.slice(2).trim()] });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks;
}
