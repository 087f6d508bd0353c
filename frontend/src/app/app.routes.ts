import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { guestGuard, roleGuard } from './core/auth.guard';
import { AuthService } from './core/auth.service';
import { Login } from './login/login';
import { Pending } from './shared/pending';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: 'login', component: Login, canActivate: [guestGuard] },
  {
    path: '',
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(AuthService).home() },
      {
        path: 'admin',
        canActivate: [roleGuard],
        data: { role: 'admin' },
        loadComponent: () => import('./admin/users').then((m) => m.Users),
      },
      {
        path: 'procurement',
        canActivate: [roleGuard],
        data: { role: 'procurement' },
        children: [
          {
            path: '',
            loadComponent: () =>
              import('./procurement/procurement-home').then((m) => m.ProcurementHome),
          },
          {
            path: 'bidders',
            component: Pending,
            data: { title: '投标人', description: '此处将登记投标人及其关联关系（法定代表人、实际控制人、母子公司、分支机构）。' },
          },
          {
            path: 'evaluation',
            component: Pending,
            data: { title: '评标', description: '此处将进行开标、资格与符合性审查、组建评标委员会并汇总评分结果。' },
          },
          {
            path: 'import',
            component: Pending,
            data: { title: '导入档案', description: '此处将导入招标项目档案（标包、评分办法、投标人及投标报价）。' },
          },
        ],
      },
      {
        path: 'expert',
        canActivate: [roleGuard],
        data: { role: 'expert' },
        loadComponent: () => import('./expert/expert-home').then((m) => m.ExpertHome),
      },
      {
        path: 'bureau',
        canActivate: [roleGuard],
        data: { role: 'bureau' },
        children: [
          {
            path: '',
            loadComponent: () => import('./bureau/bureau-home').then((m) => m.BureauHome),
          },
          {
            path: 'assessments',
            component: Pending,
            data: { title: '年度考核', description: '此处将开展合同年度履约考核、评分与考核结果运用（扣款、绩效奖励）。' },
          },
        ],
      },
      {
        path: 'insurer',
        canActivate: [roleGuard],
        data: { role: 'insurer' },
        children: [
          {
            path: '',
            loadComponent: () => import('./insurer/insurer-home').then((m) => m.InsurerHome),
          },
          {
            path: 'contracts',
            component: Pending,
            data: { title: '我的合同', description: '此处将列出本单位的服务合同，并可生成和下载合同文本。' },
          },
          {
            path: 'assessments',
            component: Pending,
            data: { title: '我的考核', description: '此处将显示本单位的年度考核结果，并可提交自评和异议。' },
          },
        ],
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
