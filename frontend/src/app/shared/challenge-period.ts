import { Component, input } from '@angular/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { ChallengePeriod } from '../core/challenges-api';
import { LabelPipe } from './label.pipe';

/** The challenge period (质疑期) of a tender as both sides read it, with what holds the contracts. */
@Component({
  selector: 'app-challenge-period',
  imports: [NzTagModule, LabelPipe],
  template: `
    @let p = period();
    <p class="challenge-period">
      @if (p.publishedOn) {
        结果公布于 {{ p.publishedOn }}，质疑期 {{ p.days }} 个工作日，至 {{ p.endsOn }}
        <nz-tag [nzColor]="p.open ? 'warning' : 'success'">{{ p.open ? '质疑期内' : '质疑期已届满' }}</nz-tag>
        @if (p.contractHold; as hold) {
          <nz-tag [nzColor]="hold === 'reevaluation-required' ? 'error' : 'warning'"
            >暂缓签订合同：{{ hold | label: 'tenderDeadline' }}</nz-tag
          >
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
