import { Component, input } from '@angular/core';
import type { ChallengePeriod } from '../core/challenges-api';
import { LabelPipe } from './label.pipe';

/** The challenge period (质疑期) of a tender as both sides read it, with what holds the contracts. */
@Component({
  selector: 'app-challenge-period',
  imports: [LabelPipe],
  template: `
    @let p = period();
    <p class="challenge-period">
      @if (p.publishedOn) {
        结果公布于 {{ p.publishedOn }}，质疑期 {{ p.days }} 个工作日，至 {{ p.endsOn }}
        <span class="badge" [class.warn]="p.open" [class.ok]="!p.open">{{ p.open ? '质疑期内' : '质疑期已届满' }}</span>
        @if (p.contractHold; as hold) {
          <span class="badge" [class.bad]="hold === 'reevaluation-required'" [class.warn]="hold !== 'reevaluation-required'">
            暂缓签订合同：{{ hold | label: 'tenderDeadline' }}
          </span>
        }
      } @else {
        评标结果尚未公布；公布后 {{ p.days }} 个工作日内可提出质疑。
      }
    </p>
  `,
})
export class ChallengePeriodView {
  readonly period = input.required<ChallengePeriod>();
}
