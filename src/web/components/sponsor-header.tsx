import { type HeaderSection, SiteHeader } from './site-header.tsx';

// A sponsor's header: the brand (their home), their one section and the sign-out button. Not the
// facilitator's sections: they are pages a sponsor is refused.

const SPONSOR_SECTIONS: ReadonlyArray<HeaderSection> = [
  { key: 'relationships', label: 'Your relationships', to: '/sponsor' },
];

export function SponsorHeader(props: { csrfToken: string; userName: string }) {
  return (
    <SiteHeader
      csrfToken={props.csrfToken}
      userName={props.userName}
      home="/sponsor"
      sections={SPONSOR_SECTIONS}
    />
  );
}
