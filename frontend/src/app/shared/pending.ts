import { Component, input } from '@angular/core';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

/** Stand-in for an area not built yet; title and description come from the route's data. */
@Component({
  selector: 'app-pending',
  imports: [NzTypographyModule],
  template: `
    <h1>{{ title() }}</h1>
    <p nz-typography nzType="secondary">{{ description() }}</p>
  `,
})
export class Pending {
  readonly title = input.required<string>();
  readonly description = input.required<string>();
}
