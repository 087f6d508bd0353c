import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import zh from '@angular/common/locales/zh';
import { ApplicationConfig, inject, LOCALE_ID, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { zhCN } from 'date-fns/locale';
import { provideNzConfig } from 'ng-zorro-antd/core/config';
import { NZ_DATE_LOCALE, provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { AuthService } from './core/auth.service';
import { APP_ICONS } from './core/icons';
import { PageTitleStrategy } from './core/page-title';

registerLocaleData(zh);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: PageTitleStrategy },
    provideHttpClient(withInterceptors([authInterceptor])),
    provideAppInitializer(() => inject(AuthService).restore()),
    // Chinese throughout: Angular's pipes, NG-ZORRO's texts, and date-fns for the date pickers.
    { provide: LOCALE_ID, useValue: 'zh-CN' },
    provideNzI18n(zh_CN),
    { provide: NZ_DATE_LOCALE, useValue: zhCN },
    provideNzIcons(APP_ICONS),
    // Dense by default, as lists of bids, scores and payments are long.
    provideNzConfig({ table: { nzSize: 'middle' }, message: { nzTop: 64 } }),
  ],
};
