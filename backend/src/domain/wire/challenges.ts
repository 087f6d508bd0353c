import { CONTRACT_HOLDS } from '../calendar/deadlines';
import { CHALLENGE_STATUSES } from '../lifecycles';
import { on, oneOf, text, z } from '../validation';
import { calendarDay, instant, reply } from './common';

/**
 * Challenges (质疑) of a tender's published results (`/api/tenders/:id/challenges`): a bidder's insurer
 * files one within the challenge period, procurement answers it.
 */

// ---- requests

export const FileChallengeSchema = z.strictObject(
  {
    text: text(5000).meta({ description: 'the challenge: what is contested, the reasons and facts' }),
    lot: text(16).nullish().meta({ description: 'the lot challenged; none for the tender as a whole' }),
  },
  on('object'),
);

export const CHALLENGE_OUTCOMES = ['upheld', 'rejected'] as const;

export const AnswerChallengeSchema = z.strictObject(
  {
    outcome: oneOf(CHALLENGE_OUTCOMES),
    reason: text(2000),
  },
  on('object'),
);

// ---- answers

export const ChallengeSchema = reply({
  id: z.number().int(),
  bidder: z.string().meta({ description: 'the bidder code' }),
  bidderName: z.string(),
  lot: z.string().nullable(),
  text: z.string(),
  filedAt: instant(),
  filedBy: z.string(),
  status: z.enum(CHALLENGE_STATUSES),
  reason: z.string().nullable(),
  answeredAt: instant().nullable(),
  answeredBy: z.string().nullable(),
});

/** The challenge period of the confirmed award, and what holds the contracts back. */
export const ChallengePeriodSchema = reply({
  /** The China day the results were published (the award confirmed); null before that. */
  publishedOn: calendarDay().nullable(),
  days: z.number().int(),
  /** The last day a challenge is received. */
  endsOn: calendarDay().nullable(),
  open: z.boolean(),
  /** A tenderDeadline code: why no contract may be drawn up or signed now, if anything stops it. */
  contractHold: z.enum(CONTRACT_HOLDS).nullable(),
});

export const ChallengesSchema = reply({
  period: ChallengePeriodSchema,
  challenges: z.array(ChallengeSchema),
});
export type ChallengesBody = z.output<typeof ChallengesSchema>;
export type ChallengeFiling = z.input<typeof FileChallengeSchema>;
export type ChallengeAnswer = z.input<typeof AnswerChallengeSchema>;
