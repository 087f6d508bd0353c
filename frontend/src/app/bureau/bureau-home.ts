import { Component } from '@angular/core';

@Component({
  selector: 'app-bureau-home',
  template: `
    <h1>合同管理</h1>
    <p class="muted">此处将管理中标后的服务合同：合同签订、风险调节金、考核保证金与经费拨付。</p>
  `,
})
export class BureauHome {}
