import { Component, computed, input } from '@angular/core';
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

/** Validation messages for one field, shown under it. */
@Component({
  selector: 'app-field-errors',
  template: `
    @for (message of messages(); track $index) {
      <span class="field-error">{{ message }}</span>
    }
  `,
})
export class FieldErrors {
  readonly error = input<ApiError | null>(null);
  readonly field = input.required<string>();
  protected readonly messages = computed(() => messagesFor(this.error(), this.field()));
}

/** The error's message plus every validation error not shown next to one of the `shown` fields. */
@Component({
  selector: 'app-error-box',
  template: `
    @if (error(); as err) {
      <div class="alert form-error" role="alert">
        {{ err.message }}
        @for (item of others(); track $index) {
          <span class="field-error">{{ item.path }}：{{ item.message }}</span>
        }
      </div>
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
