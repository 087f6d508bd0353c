import { Component, input } from '@angular/core';
import type { AssessmentDetail } from '@domain/wire/assessments';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ratePercent, scoreText } from './assessment-entry';
import { amountCapitals, groupDigits } from './money';

/**
 * The outcome of an assessment as the bureau and the insurer both see it: the score, the grade (a
 * deduction scheme) or pass/fail (a points scheme), the reward or the deduction from the operating cost
 * with how it is reckoned and in capitals, and whether the contract is terminated.
 */
@Component({
  selector: 'app-assessment-outcome',
  imports: [NzFlexModule, NzStatisticModule, NzTagModule, NzTypographyModule],
  template: `
    @let a = assessment();
    @if (a.result; as r) {
      <div class="outcome" nz-flex nzWrap="wrap" nzAlign="end" nzGap="large">
        <nz-statistic nzTitle="得分" [nzValue]="score(r.score)" [nzValueTemplate]="scoreValue" />
        <ng-template #scoreValue let-value
          ><span class="outcome-score">{{ value }}</span></ng-template
        >
        <span class="outcome-grade">
          @if (a.kind === 'deduction') {
            等级 <nz-tag [nzColor]="r.passed ? 'success' : 'error'">{{ r.grade ?? '—' }}</nz-tag>
          } @else {
            <nz-tag [nzColor]="r.passed ? 'success' : 'error'">{{ r.passed ? '达标' : '不达标' }}</nz-tag>
          }
        </span>
        @if (a.kind === 'deduction') {
          <span class="outcome-reward">
            奖励上限 {{ money(a.maxReward) }} 元 × {{ rate(r.rewardRate) }} = <strong>{{ money(r.rewardAmount) }} 元</strong>
            <span nz-typography nzType="secondary">（{{ capitals(r.rewardAmount) }}）</span>
          </span>
        } @else {
          <span class="outcome-deduction">
            @if (!r.passed) {
              扣减运营成本 {{ money(a.operatingCost) }} 元 × {{ rate(a.scheme.failDeductionRate) }} =
              <strong>{{ money(r.deductionAmount) }} 元</strong>
              <span nz-typography nzType="secondary">（{{ capitals(r.deductionAmount) }}）</span>
            } @else {
              运营成本（含盈利）全额支付，无扣减
            }
          </span>
        }
        @if (r.terminate) {
          <nz-tag class="outcome-terminate" nzColor="error">不合格，提前终止合同并重新招标</nz-tag>
        }
      </div>
    }
  `,
})
export class AssessmentOutcome {
  readonly assessment = input.required<AssessmentDetail>();

  protected readonly money = groupDigits;
  protected readonly score = scoreText;
  protected readonly rate = ratePercent;
  protected readonly capitals = (amount: string | null | undefined) => (amount ? (amountCapitals(amount) ?? amount) : '—');
}
