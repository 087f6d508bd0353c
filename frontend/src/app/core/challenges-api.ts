import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { ChallengeStatus } from '@domain/lifecycles';
import type { ChallengeAnswer, ChallengeFiling, ChallengesBody } from '@domain/wire/challenges';
import { ApiClient } from './api-client';

export type { ChallengeStatus };
/** GET /api/tenders/:id/challenges: the challenge period (质疑期) and the challenges the user may see. */
export type Challenges = ChallengesBody;
export type Challenge = ChallengesBody['challenges'][number];
export type ChallengePeriod = ChallengesBody['period'];

/** Challenges (质疑) of a tender's published results: the insurer files, procurement answers. */
@Injectable({ providedIn: 'root' })
export class ChallengesApi {
  private readonly api = inject(ApiClient);

  list(tenderId: number | string): Observable<Challenges> {
    return this.api.get<Challenges>(`/tenders/${tenderId}/challenges`);
  }

  file(tenderId: number | string, body: ChallengeFiling): Observable<Challenge> {
    return this.api.post<Challenge>(`/tenders/${tenderId}/challenges`, body);
  }

  answer(challengeId: number, body: ChallengeAnswer): Observable<Challenge> {
    return this.api.post<Challenge>(`/challenges/${challengeId}/answer`, body);
  }
}
