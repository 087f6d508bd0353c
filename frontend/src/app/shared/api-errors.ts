import { Component, computed, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { ApiError } from '../core/api-error';

/** Whether an error path belongs to a field: `maxBudget`, `tender.maxBudget`, `fixedComponents[0].amount`. */
export function pathMatches(path: string, field: string): boolean {
  const bare = path.replace(/^(tender|body)\./, '');
  return bare === field || bare.startsWith(`${field}[`) || bare.startsWith(`${field}.`);
}

/** The messages of an API error that belong to a field. */
export function messagesFor(error: ApiError | null, field: string): string[] {
  return error?.errors.filter((e) => pathMatches(e.path, field)).map((e) => e.message) ?? [];
}

/** The error's message plus every validation error not shown next to one of the `shown` fields. */
@Component({
  selector: 'app-error-box',
  imports: [NzAlertModule],
  template: `
    @if (error(); as err) {
      <nz-alert
        class="form-error"
        role="alert"
        nzType="error"
        nzShowIcon
        [nzMessage]="err.message"
        [nzDescription]="others().length ? list : null"
      />
      <ng-template #list>
        @for (item of others(); track $index) {
          <div>{{ item.path }}：{{ item.message }}</div>
        }
      </ng-template>
    }
  `,
})
export class ErrorBox {
  readonly error = input<ApiError | null>(null);
  readonly shown = input<string[]>([]);
  protected readonly others = computed(
    () => this.error()?.errors.filter((e) => !this.shown().some((field) => pathMatches(e.path, field))) ?? [],
  );
}
