/*
 * DATA FILE — the classes of `disconnect_reason` / `call_end_reason` of reference §6.
 * The codes share the result-code space (§5): describe a single code with
 * `describeDisconnectReason`, which reads the full table.
 */
import { describeResultCode, type ResultCodeDescription } from './resultCodes.js';

/** One class of disconnect reasons: a code range and its meaning. */
export interface DisconnectReasonClass {
  /** Lowest code of the class, inclusive. */
  readonly from: number;
  /** Highest code of the class, inclusive. */
  readonly to: number;
  readonly en: string;
  readonly ru: string;
}

/** The disconnect-reason classes of reference §6, narrowest first. */
export const DISCONNECT_REASONS: readonly DisconnectReasonClass[] = Object.freeze([
  {
    from: 1000,
    to: 1099,
    en: 'leg ended after a completed action (e.g. first leg of a callback)',
    ru: 'Плечо завершено после выполненного действия (например, первое плечо обратного звонка)',
  },
  { from: 1100, to: 1199, en: 'normal termination', ru: 'Нормальное завершение вызова' },
  {
    from: 1300,
    to: 1399,
    en: 'answering-machine detection (outbound)',
    ru: 'Определение автоответчика (исходящие)',
  },
  { from: 2000, to: 2999, en: 'billing restriction', ru: 'Ограничение биллинга' },
  { from: 3200, to: 3299, en: 'wrong subscriber number', ru: 'Неверный номер абонента' },
  { from: 4200, to: 4299, en: 'subscriber unreachable now', ru: 'Абонент временно недоступен' },
  { from: 4500, to: 4599, en: 'security restriction', ru: 'Ограничения безопасности' },
  { from: 5001, to: 5001, en: 'overload', ru: 'Перегрузка' },
  { from: 5003, to: 5003, en: 'technical problems', ru: 'Технические проблемы' },
]);

/** Describes a disconnect reason: its class of §6 and its entry (or nearest class) of §5. */
export function describeDisconnectReason(
  code: number | string,
): ResultCodeDescription & { readonly reasonClass: DisconnectReasonClass | undefined } {
  const described = describeResultCode(code);
  const reasonClass = DISCONNECT_REASONS.find((c) => described.code >= c.from && described.code <= c.to);
  return { ...described, reasonClass };
}
