/* Value lists of method parameters: the allowed values the vendor documents for a field. */

/** Every `type` a schedule item may have (reference §3.6.3). */
export const SCHEDULE_ITEM_TYPES = [
  'AllDays',
  'WorkingDays',
  'Holidays',
  'SpecificDate',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** One schedule item type. */
export type ScheduleItemType = (typeof SCHEDULE_ITEM_TYPES)[number];
