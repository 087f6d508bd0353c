import { Component, input } from '@angular/core';

/** Stand-in for an area not built yet; title and description come from the route's data. */
@Component({
  selector: 'app-pending',
  template: `
    <h1>{{ title() }}</h1>
    <p class="muted">{{ description() }}</p>
  `,
})
export class Pending {
  readonly title = input.required<string>();
  readonly description = input.required<string>();
}
