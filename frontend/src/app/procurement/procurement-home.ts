import { Component } from '@angular/core';

@Component({
  selector: 'app-procurement-home',
  template: `
    <h1>招标项目</h1>
    <p class="muted">此处将管理招标项目：项目信息、标包与限价、评分办法，以及发布、开标和结果公告。</p>
  `,
})
export class ProcurementHome {}
