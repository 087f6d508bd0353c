import { Component } from '@angular/core';

@Component({
  selector: 'app-insurer-home',
  template: `
    <h1>我的投标</h1>
    <p class="muted">此处将列出本单位的投标及评标结果。</p>
  `,
})
export class InsurerHome {}
