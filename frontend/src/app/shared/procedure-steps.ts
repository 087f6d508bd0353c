import { Component, computed, input } from '@angular/core';
import type { TenderDetail } from '@domain/wire/tenders';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { PROCEDURE_STEPS, procedureState } from './procedure';

/** The procedure made visible on a tender's page: 起草→发布→截止→开标→资格审查→评标→定标, the next step's blockers and its actor. */
@Component({
  selector: 'app-procedure-steps',
  imports: [NzCardModule, NzFlexModule, NzStepsModule, NzTypographyModule],
  template: `
    <nz-card class="procedure" nzSize="small" role="region" aria-label="采购程序">
      <div nz-flex nzVertical nzGap="small">
        <nz-steps id="procedure-steps" [nzCurrent]="state().current" [nzStatus]="state().status" nzSize="small">
          @for (step of steps; track step.status; let i = $index) {
            <nz-step [nzTitle]="i === steps.length - 1 && tender().status === 'failed' ? '废标' : step.title" />
          }
        </nz-steps>
        <div nz-typography>
          <p id="procedure-next"><strong>下一步：</strong>{{ state().next }}</p>
          @if (state().missing.length) {
            <ul id="procedure-missing" aria-label="进入下一步前尚缺">
              @for (item of state().missing; track $index) {
                <li>{{ item }}</li>
              }
            </ul>
          }
        </div>
      </div>
    </nz-card>
  `,
  styles: `
    /* Seven steps overflow a narrow card: scroll them rather than widen the page. */
    .procedure nz-steps {
      overflow-x: auto;
    }
  `,
})
export class ProcedureSteps {
  readonly tender = input.required<TenderDetail>();
  protected readonly steps = PROCEDURE_STEPS;
  protected readonly state = computed(() => procedureState(this.tender(), new Date()));
}
