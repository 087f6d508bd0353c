import { bidderRemoval, panelMemberRemoval, paperBidRemoval } from './removals';

describe('removals: what is taken back, until when', () => {
  it('a panel member until scoring starts', () => {
    expect(panelMemberRemoval({ status: 'opened' }, false)).toBeNull();
    expect(panelMemberRemoval({ status: 'evaluation' }, true)).toBe('scoringStarted');
    expect(panelMemberRemoval({ status: 'awarded' }, false)).toBe('scoringStarted');
  });

  it('a bidder before the deadline, while it has no bid', () => {
    expect(bidderRemoval({ status: 'draft' }, false)).toBeNull();
    expect(bidderRemoval({ status: 'published' }, true)).toBe('bidderHasBids');
    expect(bidderRemoval({ status: 'closed' }, false)).toBe('bidderRegistrationClosed');
  });

  it("a paper bid's amounts at the opening, until its bidder answers the line or it is scored", () => {
    const paper = { status: 'opened', bidSubmission: 'paper' } as const;
    expect(paperBidRemoval(paper, { status: 'pending' }, false)).toBeNull();
    expect(paperBidRemoval(paper, null, false)).toBeNull();
    expect(paperBidRemoval(paper, { status: 'confirmed' }, false)).toBe('paperLineAnswered');
    expect(paperBidRemoval(paper, { status: 'disputed' }, false)).toBe('paperLineAnswered');
    expect(paperBidRemoval(paper, { status: 'pending' }, true)).toBe('scoringStarted');
    expect(paperBidRemoval({ ...paper, status: 'qualification' }, { status: 'pending' }, false)).toBe('amountsAtOpening');
    expect(paperBidRemoval({ ...paper, bidSubmission: 'electronic' }, null, false)).toBe('electronicBidWithdrawn');
  });
});
