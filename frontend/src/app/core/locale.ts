import { registerLocaleData } from '@angular/common';
import zh from '@angular/common/locales/zh';
import { LOCALE_ID, type Provider, type EnvironmentProviders } from '@angular/core';
import { zhCN } from 'date-fns/locale';
import { NZ_DATE_LOCALE, provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';

registerLocaleData(zh);

/** Chinese throughout: Angular's pipes, NG-ZORRO's texts, and date-fns for the date pickers (app and specs). */
export function provideChinese(): (Provider | EnvironmentProviders)[] {
  return [{ provide: LOCALE_ID, useValue: 'zh-CN' }, provideNzI18n(zh_CN), { provide: NZ_DATE_LOCALE, useValue: zhCN }];
}
