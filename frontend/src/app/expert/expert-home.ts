import { Component } from '@angular/core';

@Component({
  selector: 'app-expert-home',
  template: `
    <h1>我的评审</h1>
    <p class="muted">此处将列出分配给您的评审项目（开标后可见），并在此对投标文件进行评分。</p>
  `,
})
export class ExpertHome {}
