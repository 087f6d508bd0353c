import type { IconDefinition } from '@ant-design/icons-angular';
import {
  AuditOutline,
  BankOutline,
  BellOutline,
  CalendarOutline,
  CarryOutOutline,
  FileProtectOutline,
  FileTextOutline,
  FormOutline,
  ImportOutline,
  KeyOutline,
  LockOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
  SafetyOutline,
  TeamOutline,
  UserOutline,
} from '@ant-design/icons-angular/icons';

/**
 * The icons the UI uses, compiled into the bundle: NG-ZORRO would otherwise fetch an unknown icon over
 * HTTP at run time, and nothing may be loaded from outside. NG-ZORRO registers the icons its own
 * components use (NZ_ICONS_USED_BY_ZORRO); add here every `nzType` a template names.
 */
export const APP_ICONS: IconDefinition[] = [
  AuditOutline,
  BankOutline,
  BellOutline,
  CalendarOutline,
  CarryOutOutline,
  FileProtectOutline,
  FileTextOutline,
  FormOutline,
  ImportOutline,
  KeyOutline,
  LockOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuUnfoldOutline,
  SafetyOutline,
  TeamOutline,
  UserOutline,
];
